/// Every Lambda charge of the month summed once, for the cost bridge (``CostBridge``): billed, effective, and the
/// Savings Plans negations apart from the rest of the difference between them.
public struct LedgerTotals: LedgerConsumer, Sendable, Equatable {
    /// Σ unblended cost of every cell.
    public var billed = FixedDecimal.zero
    /// Σ effective cost of every cell.
    public var effective = FixedDecimal.zero
    /// Σ unblended cost of the `SavingsPlanNegation` cells (negative).
    public var savingsPlanNegations = FixedDecimal.zero
    /// Σ (effective − unblended) of every other cell.
    public var savingsPlanAmortization = FixedDecimal.zero

    public init() {}

    mutating func consume(_ function: FunctionIdentity, _ cells: UsageLedger.FunctionCells) {
        for (key, amounts) in cells {
            billed += amounts.unblendedCost
            effective += amounts.effectiveCost
            if key.charge == .savingsPlanNegation {
                savingsPlanNegations += amounts.unblendedCost
            } else {
                savingsPlanAmortization += amounts.effectiveCost - amounts.unblendedCost
            }
        }
    }
}
