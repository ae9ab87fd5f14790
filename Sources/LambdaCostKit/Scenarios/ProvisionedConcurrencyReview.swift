/// A function that already has provisioned concurrency: how much of it was used, what the idle part cost,
/// and what the cheapest constant level and schedule would have cost instead.
public struct ProvisionedConcurrencyReview: Hashable, Sendable {
    /// GB-seconds kept warm (`Lambda-Provisioned-Concurrency`).
    public var allocatedGBSeconds: FixedDecimal
    /// GB-seconds run on provisioned concurrency (`Lambda-Provisioned-GB-Second`).
    public var usedProvisionedGBSeconds: FixedDecimal
    /// GB-seconds run on demand (`Lambda-GB-Second`), the spill-over above today's level.
    public var onDemandGBSeconds: FixedDecimal
    /// The month's used ÷ allocated GB-s; `nil` when nothing was allocated.
    public var utilization: FixedDecimal?
    /// Allocated GB-s not used: the sum over the hours of max(0, allocated − used).
    public var idleGBSeconds: FixedDecimal
    /// Idle GB-s × PC rate: what keeping unused instances warm cost.
    public var idleCost: FixedDecimal
    /// Today's cost: allocated GB-s × PC rate + used provisioned GB-s × provisioned-duration rate +
    /// on-demand GB-s × on-demand rate.
    public var currentCost: FixedDecimal
    /// Hours with usage that had no on-demand spill-over today (the cold-start benefit today).
    public var currentHoursFullyCovered: Int
    /// The cheapest constant level and schedule for the same usage (provisioned + on-demand GB-s per hour).
    public var plan: ProvisionedConcurrencyPlan

    /// Today's cost − the cheapest constant level's cost.
    public var constantSavingsVersusToday: FixedDecimal { currentCost - plan.constant.monthlyCost }
    /// Today's cost − the cheapest schedule's cost.
    public var scheduleSavingsVersusToday: FixedDecimal { currentCost - plan.schedule.monthlyCost }
}
