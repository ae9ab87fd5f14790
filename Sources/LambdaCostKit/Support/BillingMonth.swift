/// A calendar month in UTC, the unit of a report (`2026-10`).
public struct BillingMonth: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int

    /// A month from 1970-01 to 9999-12 (the years a `YYYY-MM` text or a usage hour can name), or the month just
    /// outside either end, so that ``previous`` and ``next`` of every such month exist.
    public init?(year: Int, month: Int) {
        guard (1969...10000).contains(year), (1...12).contains(month),
            year != 1969 || month == 12, year != 10000 || month == 1
        else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1970...9999).contains(year)
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month containing an hour.
    public init(containing hour: UsageHour) {
        let (year, month, _) = civilDate(fromDays: Int(hour.hoursSinceEpoch).floorDivided(by: 24))
        self.init(year: year, month: month)!
    }

    public var description: String {
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(monthText)"
    }

    /// The first hour of the month.
    public var firstHour: UsageHour { UsageHour(hoursSinceEpoch: Int32(daysFromCivil(year, month, 1) * 24)) }

    /// The month after this one.
    public var next: BillingMonth {
        month == 12 ? BillingMonth(year: year + 1, month: 1)! : BillingMonth(year: year, month: month + 1)!
    }

    /// The month before this one.
    public var previous: BillingMonth {
        month == 1 ? BillingMonth(year: year - 1, month: 12)! : BillingMonth(year: year, month: month - 1)!
    }

    /// Number of hours in the month (672 to 744).
    public var hourCount: Int { Int(next.firstHour.hoursSinceEpoch - firstHour.hoursSinceEpoch) }

    /// Whether an hour falls inside the month.
    public func contains(_ hour: UsageHour) -> Bool {
        hour >= firstHour && hour < next.firstHour
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = BillingMonth(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM, found \"\(text)\"")
        }
        self = month
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int) -> Int {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The date of a count of days since 1970-01-01.
func civilDate(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
