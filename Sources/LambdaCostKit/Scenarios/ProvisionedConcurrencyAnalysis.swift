/// Provisioned concurrency for one function: how the level it has served the month (when it has one),
/// and the level or hour-of-day schedule that would have cost the least, with on-demand spill-over.
public struct ProvisionedConcurrencyAnalysis: Sendable {
    public var function: FunctionIdentity
    public var architecture: Architecture
    public var memoryMB: Int
    public var rates: ProvisionedConcurrencyRates
    /// The review of the provisioned concurrency the function has; `nil` for an on-demand function.
    public var review: ProvisionedConcurrencyReview?
    /// The cheapest constant level and schedule for the month's usage.
    public var plan: ProvisionedConcurrencyPlan

    /// Whether the schedule beats the constant level.
    public var prefersSchedule: Bool { plan.schedule.monthlyCost < plan.constant.monthlyCost }

    /// The better of the constant level and the schedule.
    public var proposal: ProvisionedConcurrencySetting { prefersSchedule ? plan.schedule : plan.constant }

    /// The month's saving of the proposal: against today's cost for a function with provisioned
    /// concurrency, against running everything on demand otherwise.
    public var monthlySavings: FixedDecimal {
        if let review { return review.currentCost - proposal.monthlyCost }
        return proposal.savingsVersusOnDemand
    }
}
