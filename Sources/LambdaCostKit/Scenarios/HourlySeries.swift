/// Amounts per hour of a month, one entry per hour in time order (hours without data are zero): the input
/// of ``SavingsPlanOptimizer`` and ``ProvisionedConcurrencyPlanner``.
///
/// A CUR delivered with daily granularity has one amount per day; ``init(daily:)`` spreads each day evenly
/// over its 24 hours and marks the series ``isSpreadFromDaily``. Results built on such a series have lowered
/// confidence: the peaks and troughs within a day are invisible, so a commitment or a provisioned level
/// chosen from it can be too high, and utilization and coverage look better than they are.
public struct HourlySeries: Hashable, Sendable {
    /// The amount of each hour, in time order.
    public var values: [FixedDecimal]
    /// Whether the hours were spread evenly from daily amounts (lowered confidence).
    public var isSpreadFromDaily: Bool

    /// A series of measured hourly amounts.
    public init(hourly values: [FixedDecimal]) {
        self.values = values
        self.isSpreadFromDaily = false
    }

    /// Spreads each daily amount evenly over its 24 hours, exactly: every hour gets the day ÷ 24 rounded
    /// down to 10⁻²⁴, and the few 10⁻²⁴ left over go one each to the first hours of the day, so the 24
    /// parts add up to the day's amount with nothing lost or invented.
    public init(daily amounts: [FixedDecimal]) {
        let equalWeights = [FixedDecimal](repeating: FixedDecimal(1), count: 24)
        self.values = amounts.flatMap { $0.allocated(proportionalTo: equalWeights) }
        self.isSpreadFromDaily = true
    }

    /// Number of hours.
    public var count: Int { values.count }

    /// The sum of all hours.
    public var total: FixedDecimal { FixedDecimal.sum(values) }
}
