/// The month's outcome of one hourly Savings Plans commitment under one offer (term and payment option):
/// either the savings-maximizing commitment (``SavingsPlanOptimizer/optimize(_:)``) or a given one
/// (``SavingsPlanOptimizer/evaluate(commitment:offer:)``).
///
/// Each hour the commitment C (Savings Plans dollars per hour) pays for up to C ÷ (1 − discount) of
/// on-demand spend; spend above that is paid on demand, and commitment not used in the hour is lost.
/// All amounts are USD for the month the hourly series covers ("monthly" = over the series' hours).
public struct SavingsPlanCommitmentOption: Hashable, Sendable {
    public var offer: SavingsPlanOffer
    /// Whether the commitment was chosen by the optimizer (otherwise it was given).
    public var isRecommendation: Bool
    /// Whether the hourly spend was spread from daily amounts (lowered confidence, see ``HourlySeries``).
    public var isSpreadFromDaily: Bool
    /// Hours in the month: the length of the hourly series.
    public var hours: Int

    /// Commitment in Savings Plans dollars per hour. A recommendation is a whole number of $0.001 steps,
    /// the granularity AWS sells.
    public var hourlyCommitment: FixedDecimal
    /// Commitment × hours: what the plan costs for the month, used or not.
    public var monthlyCommitment: FixedDecimal
    /// The month's Savings-Plans-eligible spend at on-demand rates (sum of the hourly series).
    public var eligibleOnDemandSpend: FixedDecimal
    /// Eligible spend above the commitment, still paid at on-demand rates: the sum over the hours of
    /// max(0, spend − commitment ÷ (1 − discount)).
    public var onDemandSpillover: FixedDecimal
    /// Monthly commitment + on-demand spill-over.
    public var costWithPlan: FixedDecimal
    /// Eligible on-demand spend − cost with the plan. Negative when the commitment costs more than it saves.
    public var monthlySavings: FixedDecimal
    /// Monthly savings ÷ eligible on-demand spend; `nil` when there is no eligible spend.
    public var savingsShare: FixedDecimal?

    /// Commitment actually consumed: the sum over the hours of min(commitment, spend × (1 − discount)).
    public var usedCommitment: FixedDecimal
    /// Monthly commitment − used commitment: paid for and lost.
    public var unusedCommitment: FixedDecimal
    /// Used commitment ÷ monthly commitment; `nil` at a zero commitment.
    public var utilization: FixedDecimal?
    /// Eligible on-demand spend the plan pays for: eligible spend − on-demand spill-over.
    public var coveredOnDemandSpend: FixedDecimal
    /// Covered on-demand spend ÷ eligible on-demand spend; `nil` when there is no eligible spend.
    public var coverage: FixedDecimal?

    /// Paid before the term starts: commitment × hours in the term (8,760 per year) for all upfront, half
    /// of that for partial upfront, nothing for no upfront.
    public var upfrontPayment: FixedDecimal
    /// Billed every hour of the term besides the upfront payment: commitment × (1 − upfront share), that is
    /// the full commitment for no upfront, half for partial upfront, nothing for all upfront.
    public var recurringHourlyFee: FixedDecimal
    /// Months until the upfront payment is earned back in cash: upfront payment ÷ monthly cash savings,
    /// where monthly cash savings = eligible on-demand spend − (recurring hourly fee × hours + on-demand
    /// spill-over) = monthly savings + the month's share of the upfront payment. It is below the term's
    /// length exactly when the monthly savings are positive. `nil` when there is no upfront payment
    /// (the plan saves, or costs, from the first month) or when the monthly cash savings are not positive.
    public var breakEvenMonths: FixedDecimal?

    /// Net monthly savings at evenly spaced commitments from 0 to the largest useful one (every hour's
    /// spend × (1 − discount) at the most), plus this option's commitment, in increasing order.
    public var curve: [SavingsPlanCurvePoint]
}
