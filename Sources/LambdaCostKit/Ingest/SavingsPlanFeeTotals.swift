/// The month's Savings Plan fee rows (`SavingsPlanRecurringFee`, `SavingsPlanUpfrontFee`). They bill the
/// whole plan, under the plan's own product code (`ComputeSavingsPlans`), so their cost counts as another
/// service in the reconciliation; the Savings Plans analysis reads the commitment from them.
public struct SavingsPlanFeeTotals: Equatable, Sendable {
    /// Σ unblended cost of the recurring fee rows (the commitment billed for the period).
    public var recurringFee = FixedDecimal.zero
    /// Σ unblended cost of the upfront fee rows.
    public var upfrontFee = FixedDecimal.zero
    /// Σ `savingsPlan/TotalCommitmentToDate` of the recurring fee rows.
    public var totalCommitment = FixedDecimal.zero
    /// Σ `savingsPlan/UsedCommitment` of the recurring fee rows (every service the plan covered).
    public var usedCommitment = FixedDecimal.zero
    /// Σ `savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod` of the recurring fee rows.
    public var amortizedUpfrontCommitment = FixedDecimal.zero
    /// Number of fee rows.
    public var rows = 0
    /// Whether every recurring fee row carried the two commitment columns.
    public var hasCommitmentColumns = true
    /// The earliest `savingsPlan/EndTime` of the recurring fee rows (`YYYY-MM-DD`): when the first plan owned
    /// ends. `nil` when the input does not have the column.
    public var earliestEndDate: String?

    public init() {}
}
