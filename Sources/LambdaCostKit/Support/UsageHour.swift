/// An hour in UTC, counted from 1970-01-01T00:00Z: the time grain of the usage ledger.
public struct UsageHour: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var hoursSinceEpoch: Int32

    public init(hoursSinceEpoch: Int32) { self.hoursSinceEpoch = hoursSinceEpoch }

    public init(year: Int, month: Int, day: Int, hour: Int) {
        hoursSinceEpoch = Int32(daysFromCivil(year, month, day) * 24 + hour)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.hoursSinceEpoch < rhs.hoursSinceEpoch }

    /// ISO-8601, for example `2026-10-01T03:00:00Z`.
    public var description: String {
        let hours = Int(hoursSinceEpoch)
        let (year, month, day) = civilDate(fromDays: hours.floorDivided(by: 24))
        let hour = hours - hours.floorDivided(by: 24) * 24
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):00:00Z"
    }

    /// Why a timestamp was not understood.
    public enum ParseFailure: Error, Equatable, Sendable {
        case malformed
        case notOnTheHour
    }

    /// Parses `2026-10-01T03:00:00Z`, `2022-10-01 03:00:00.000000000`, with `T` or a space, 0–9
    /// fractional digits and an optional `Z`, all read as UTC. The minutes and seconds must be zero
    /// unless `truncating` is set (daily and monthly CUR rows always start on the hour).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, truncating: Bool = false) -> Result<UsageHour, ParseFailure> {
        let count = bytes.count
        guard count >= 19 else { return .failure(.malformed) }
        @inline(__always) func digits(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte &- 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"),
            let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"),
            let day = digits(8, 2), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = digits(14, 2), bytes[16] == UInt8(ascii: ":"),
            let second = digits(17, 2),
            (1970...2999).contains(year), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return .failure(.malformed) }
        var index = 19
        var fractionNonZero = false
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if bytes[index] != 0x30 { fractionNonZero = true }
                index += 1
            }
            guard index - start <= 9 else { return .failure(.malformed) }
        }
        if index < count, bytes[index] == UInt8(ascii: "Z") { index += 1 }
        guard index == count else { return .failure(.malformed) }
        let daysInMonth = daysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1)
            - daysFromCivil(year, month, 1)
        guard day <= daysInMonth else { return .failure(.malformed) }
        if !truncating && (minute != 0 || second != 0 || fractionNonZero) { return .failure(.notOnTheHour) }
        return .success(UsageHour(year: year, month: month, day: day, hour: hour))
    }

    /// Parses a timestamp from text (see ``parse(_:truncating:)``).
    public init?(parsing text: String, truncating: Bool = false) {
        var text = text
        guard case .success(let hour) = text.withUTF8({ Self.parse($0, truncating: truncating) }) else { return nil }
        self = hour
    }
}
