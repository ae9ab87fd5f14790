/// The cost-minimizing provisioned concurrency for a function's hourly usage: a constant level and a
/// schedule of 24 levels by UTC hour of the day, each against running everything on demand.
public struct ProvisionedConcurrencyPlan: Hashable, Sendable {
    public var memoryMB: Int
    /// Hours in the month: the length of the usage series.
    public var hours: Int
    /// Whether the usage was spread from daily amounts (lowered confidence, see ``HourlySeries``).
    public var isSpreadFromDaily: Bool
    /// The month's used GB-seconds (on PC and on demand).
    public var usedGBSeconds: FixedDecimal
    /// Average concurrency of each hour: used GB-s ÷ (memory GB × 3,600).
    public var averageConcurrency: [FixedDecimal]
    /// The highest hourly average concurrency.
    public var peakAverageConcurrency: FixedDecimal
    /// Used GB-s × on-demand duration rate.
    public var allOnDemandCost: FixedDecimal
    /// See ``ProvisionedConcurrencyRates/breakEvenUtilization``.
    public var breakEvenUtilization: FixedDecimal?
    /// The cheapest constant level (0 when PC does not pay).
    public var constant: ProvisionedConcurrencySetting
    /// The cheapest level for each UTC hour of the day, chosen hour by hour (0 where PC does not pay).
    public var schedule: ProvisionedConcurrencySetting
}
