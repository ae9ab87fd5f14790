/// What one opportunity adds to the combined plan (``CombinedPlan``), applied after the changes before it.
public struct PlannedSaving: Sendable, Equatable {
    /// 1 for the first change of the plan: per function, its changes by saving alone (largest first), then
    /// provisioned concurrency; the Savings Plans purchase last.
    public var order: Int
    /// What the change saves once the changes before it are made (at most its saving alone).
    public var marginal: FixedDecimal
    /// The part of ``marginal`` that frees commitment already owned instead of cash: the plan keeps charging
    /// for it until it ends.
    public var absorbedByOwnedCommitment: FixedDecimal
    /// What the change saves in cash this month within the plan: ``marginal`` − ``absorbedByOwnedCommitment``.
    /// The plan's opportunities add up to the headline potential savings.
    public var cash: FixedDecimal { marginal - absorbedByOwnedCommitment }
}
