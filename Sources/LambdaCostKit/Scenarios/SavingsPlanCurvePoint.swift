/// The month's result at one hourly commitment, for the savings curve that shows how flat the optimum is.
public struct SavingsPlanCurvePoint: Hashable, Sendable {
    /// Commitment in Savings Plans dollars per hour.
    public var hourlyCommitment: FixedDecimal
    /// Net savings of the month at this commitment: eligible on-demand spend − (commitment × hours +
    /// on-demand spend above the commitment). Negative when the commitment costs more than it saves.
    public var monthlySavings: FixedDecimal
    /// Used commitment ÷ commitment; `nil` at a zero commitment.
    public var utilization: FixedDecimal?
    /// On-demand spend paid by the plan ÷ eligible on-demand spend; `nil` when there is no eligible spend.
    public var coverage: FixedDecimal?
    /// Whether this is the commitment of the option the curve belongs to.
    public var isSelected: Bool
}
