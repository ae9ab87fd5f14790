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
