/// The dynamic values of one CUR row; everything else comes from its template.
struct SampleCURRow: Sendable {
    /// Index of the row's template in the encoder.
    var template: Int
    /// `true` for month-level rows (credit, tax): the time span is the billing period.
    var spansMonth = false
    var amount: FixedDecimal? = nil
    /// Unblended (and blended) rate, a 10-decimal value.
    var rate: FixedDecimal? = nil
    /// Unblended (and blended) cost.
    var cost: FixedDecimal? = nil
    var publicRate: FixedDecimal? = nil
    var publicCost: FixedDecimal? = nil
    var savingsPlanRate: FixedDecimal? = nil
    var savingsPlanEffectiveCost: FixedDecimal? = nil
    var totalCommitment: FixedDecimal? = nil
    var usedCommitment: FixedDecimal? = nil
    var recurringCommitment: FixedDecimal? = nil

    init(template: Int) { self.template = template }
}

extension SampleCURRow {
    /// Adds another hour of the same template: usage, costs and commitments summed, rates kept.
    mutating func add(_ other: SampleCURRow) {
        precondition(
            other.template == template && other.rate == rate && other.publicRate == publicRate
                && other.savingsPlanRate == savingsPlanRate && other.recurringCommitment == recurringCommitment,
            "a daily line item sums hours of one template and rate")
        func sum(_ left: FixedDecimal?, _ right: FixedDecimal?) -> FixedDecimal? {
            guard let left else { return right }
            guard let right else { return left }
            return left + right
        }
        amount = sum(amount, other.amount)
        cost = sum(cost, other.cost)
        publicCost = sum(publicCost, other.publicCost)
        savingsPlanEffectiveCost = sum(savingsPlanEffectiveCost, other.savingsPlanEffectiveCost)
        totalCommitment = sum(totalCommitment, other.totalCommitment)
        usedCommitment = sum(usedCommitment, other.usedCommitment)
    }
}
