/// What the input holds of one billing month, for choosing the month to report (``MonthSelector``) and telling a
/// complete month from one still being billed: the money and rows of its accepted rows (Lambda and other
/// services), the days of the month their usage touches and the last hour with usage.
public struct MonthCoverage: Equatable, Sendable {
    public let month: BillingMonth
    /// Unblended cost in absolute value (a credit weighs as much as a charge).
    public private(set) var money = FixedDecimal.zero
    /// Accepted rows (an aggregate record counts its `rows`).
    public private(set) var rows = 0
    /// The start of the last hour with usage inside the month (UTC), `nil` when no usage falls inside it.
    public private(set) var lastUsageHour: UsageHour?
    /// Bit `d - 1` is set when usage touches day `d` of the month (UTC).
    private var dayBits: UInt32 = 0
    private let firstHour: Int32
    private let hourCount: Int32

    public init(month: BillingMonth) {
        self.month = month
        firstHour = month.firstHour.hoursSinceEpoch
        hourCount = Int32(month.hourCount)
    }

    /// The number of days of the month with usage (a row of daily or monthly granularity touches every day it spans).
    public var days: Int { dayBits.nonzeroBitCount }

    /// Whether the data reaches the period's end: its last hour with usage is on the month's last day (UTC). Rows
    /// of hourly, daily and monthly granularity that end with the month all make it complete.
    public var isComplete: Bool {
        guard let lastUsageHour else { return false }
        return lastUsageHour.hoursSinceEpoch >= firstHour + hourCount - 24
    }

    /// Counts accepted rows whose usage runs from the hour starting at `start` through the hour starting at `last`
    /// (both included; `last` before `start` counts as `start`). Usage outside the month's hours adds money and
    /// rows but no coverage.
    mutating func add(start: UsageHour, last: UsageHour, cost: FixedDecimal, rows: Int) {
        money += cost.isNegative ? -cost : cost
        self.rows += rows
        let from = max(start.hoursSinceEpoch, firstHour) - firstHour
        let through = min(max(last.hoursSinceEpoch, start.hoursSinceEpoch), firstHour + hourCount - 1) - firstHour
        guard from <= through else { return }
        let firstDay = from / 24
        let lastDay = through / 24
        dayBits |= (UInt32.max >> (31 - UInt32(lastDay))) & (UInt32.max << UInt32(firstDay))
        if lastUsageHour.map({ through > $0.hoursSinceEpoch - firstHour }) ?? true {
            lastUsageHour = UsageHour(hoursSinceEpoch: firstHour + through)
        }
    }

    /// Adds the coverage of other rows of the month.
    mutating func absorb(_ other: MonthCoverage) {
        money += other.money
        rows += other.rows
        dayBits |= other.dayBits
        if let last = other.lastUsageHour, lastUsageHour.map({ last.hoursSinceEpoch > $0.hoursSinceEpoch }) ?? true { lastUsageHour = last }
    }

    /// The start of the last hour with usage of a row, from its usage end (exclusive): `2026-10-01T04:00:00Z` gives
    /// 03:00, `2026-10-31T23:59:59Z` gives 23:00. `nil` when the end is not a timestamp.
    static func lastHour(ofUsageEnd bytes: UnsafeBufferPointer<UInt8>) -> UsageHour? {
        switch UsageHour.parse(bytes) {
        case .success(let end): return UsageHour(hoursSinceEpoch: end.hoursSinceEpoch - 1)
        case .failure(.notOnTheHour):
            guard case .success(let hour) = UsageHour.parse(bytes, truncating: true) else { return nil }
            return hour
        case .failure: return nil
        }
    }
}
