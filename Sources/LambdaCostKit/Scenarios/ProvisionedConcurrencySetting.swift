/// The month's cost of one provisioned concurrency setting, with invocations above the provisioned level
/// spilling over to on-demand duration: either a constant level or a schedule of 24 levels, one per UTC
/// hour of the day.
///
/// In an hour with level L (concurrent instances) of a function with M GB of memory, L × M × 3,600 GB-s are
/// provisioned. Of the hour's used GB-s, up to that amount runs on PC, the rest on demand:
/// cost = provisioned GB-s × PC rate + min(used, provisioned) × provisioned-duration rate
/// + max(0, used − provisioned) × on-demand rate. Usage is taken per hour: bursts within an hour above the
/// hour's average concurrency spill over in reality but not in this model, so spill-over is a lower bound.
public struct ProvisionedConcurrencySetting: Hashable, Sendable {
    /// One level (constant) or 24 levels indexed by UTC hour of the day.
    public var levels: [Int]
    /// GB-seconds kept warm over the month.
    public var provisionedGBSeconds: FixedDecimal
    /// Used GB-seconds that run on provisioned concurrency.
    public var servedGBSeconds: FixedDecimal
    /// Used GB-seconds above the provisioned level, run on demand.
    public var spilloverGBSeconds: FixedDecimal
    /// Provisioned GB-s × PC rate.
    public var provisionedCharge: FixedDecimal
    /// Served GB-s × provisioned-duration rate.
    public var provisionedDurationCharge: FixedDecimal
    /// Spill-over GB-s × on-demand duration rate.
    public var onDemandCharge: FixedDecimal
    /// The three charges added up (requests are the same with or without PC and are left out).
    public var monthlyCost: FixedDecimal
    /// The cost of running all usage on demand − monthly cost. Zero for level 0 everywhere.
    public var savingsVersusOnDemand: FixedDecimal
    /// Hours with usage.
    public var hoursWithUsage: Int
    /// Hours with usage that fits entirely in the provisioned level (no spill-over).
    public var hoursFullyCovered: Int

    /// The level in force at a UTC hour of the day (0–23).
    public func level(atHourOfDay hour: Int) -> Int { levels.count == 1 ? levels[0] : levels[hour] }

    /// Served GB-s ÷ provisioned GB-s; `nil` when nothing is provisioned.
    public var utilization: FixedDecimal? {
        provisionedGBSeconds.isZero ? nil : servedGBSeconds.divided(by: provisionedGBSeconds)
    }

    /// Provisioned GB-s not used.
    public var idleGBSeconds: FixedDecimal { provisionedGBSeconds - servedGBSeconds }

    /// The cold-start benefit, apart from money: hours fully covered ÷ hours with usage, the share of busy
    /// hours whose (hourly average) concurrency all ran on warm instances; `nil` without usage.
    public var fullyCoveredShare: FixedDecimal? {
        hoursWithUsage == 0 ? nil : FixedDecimal(hoursFullyCovered).divided(by: hoursWithUsage)
    }
}
