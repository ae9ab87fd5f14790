/// Every proposed change applied together to the month's hours: per function its changes one after another, then
/// provisioned concurrency, then the commitment owned re-applied hour by hour, then a Savings Plans purchase sized
/// on what is left. The headline potential savings is what this plan saves, so nothing is counted twice.
///
/// Hour by hour, the commitment Lambda used this month is re-applied as AWS applies a plan (``OwnedCommitmentReplay``):
/// it covers the eligible spend left, highest discount first, and what it cannot use in an hour is lost. A change's
/// saving on usage the commitment covered frees commitment instead of cash (``absorbedByOwnedCommitment``) unless
/// the commitment finds other usage to cover, until the plan ends.
public struct CombinedPlan: Sendable, Equatable {
    /// The month's Lambda cost, effective (amortized), as billed.
    public var effectiveCostBefore: FixedDecimal
    /// The cost the plan changes, hour by hour, as modeled today: paid usage at on-demand rates, the usage the
    /// commitment owned covers at its effective cost.
    public var modeledCostBefore: FixedDecimal
    /// The same after every change of the plan, the commitment owned counted whether used or not.
    public var modeledCostAfter: FixedDecimal
    /// What the per-function changes save in plan order, before the commitment owned absorbs part of it.
    public var functionChangesSaving: FixedDecimal
    /// The part of ``functionChangesSaving`` that frees commitment owned instead of cash: the on-demand value of the
    /// usage the owned plan covers today less what it would cover after the changes.
    public var absorbedByOwnedCommitment: FixedDecimal
    /// What the recommended Savings Plans purchase saves on the usage the other changes leave (zero when none).
    public var savingsPlanPurchaseSaving: FixedDecimal
    /// When the commitment owned ends (`YYYY-MM-DD`, the earliest plan), when the CUR says so; absorbed savings
    /// turn into cash then.
    public var ownedCommitmentEnds: String?
    /// Hours (or days, for a daily CUR) in which the commitment owned would be partly unused after the changes.
    public var hoursWithUnusedCommitment: Int

    /// The headline: modeled cost before − after.
    public var savings: FixedDecimal { modeledCostBefore - modeledCostAfter }
    /// The month's effective Lambda cost once the plan is in place: ``effectiveCostBefore`` − ``savings``.
    public var effectiveCostAfter: FixedDecimal { effectiveCostBefore - savings }
    /// ``savings`` as a share of ``effectiveCostBefore``; `nil` when that is not positive.
    public var savingsShare: FixedDecimal? {
        effectiveCostBefore > .zero ? savings.divided(by: effectiveCostBefore) : nil
    }
}
