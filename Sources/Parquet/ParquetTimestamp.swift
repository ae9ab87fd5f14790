/// A UTC instant read from a Parquet timestamp (INT96, or INT64 in milliseconds, microseconds or nanoseconds).
public struct ParquetTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z (floor), and the nanoseconds past them (0 ..< 10⁹).
    public var secondsSinceEpoch: Int64
    public var nanoseconds: Int32

    public init(secondsSinceEpoch: Int64, nanoseconds: Int32) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
    }

    /// An INT64 timestamp counted in `unit` since the epoch (negative values are before 1970).
    public init(_ value: Int64, unit: ParquetTimeUnit) {
        let perSecond = unit.perSecond
        var seconds = value / perSecond
        var remainder = value % perSecond
        if remainder < 0 {
            seconds -= 1
            remainder += perSecond
        }
        self.init(secondsSinceEpoch: seconds, nanoseconds: Int32(remainder * (1_000_000_000 / perSecond)))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// The civil date and time (proleptic Gregorian, UTC).
    public var components: (year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var days = secondsSinceEpoch / 86_400
        var secondOfDay = secondsSinceEpoch % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Days to civil date (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let second = Int(secondOfDay)
        return (year, month, day, second / 3_600, second / 60 % 60, second % 60)
    }

    /// `2022-10-01 03:00:00.000000000`: the way Athena prints a timestamp (and the CSV made from its Parquet).
    public var description: String {
        let parts = components
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.year, 4))-\(pad(Int64(parts.month), 2))-\(pad(Int64(parts.day), 2)) "
            + "\(pad(Int64(parts.hour), 2)):\(pad(Int64(parts.minute), 2)):\(pad(Int64(parts.second), 2)).\(pad(Int64(nanoseconds), 9))"
    }
}
