/// One Compute Savings Plans purchase option for Lambda: a term, a payment option and the discount it gives
/// on Savings-Plans-eligible on-demand spend.
public struct SavingsPlanOffer: Hashable, Sendable {
    public var term: SavingsPlanRate.Term
    public var paymentOption: SavingsPlanRate.PaymentOption
    /// The discount as a fraction of the on-demand price (0.17 for 17 %): one dollar of commitment per hour
    /// pays for 1 ÷ (1 − discount) dollars of on-demand usage in that hour.
    public var discount: FixedDecimal

    /// - Precondition: 0 ≤ `discount` < 1.
    public init(term: SavingsPlanRate.Term, paymentOption: SavingsPlanRate.PaymentOption, discount: FixedDecimal) {
        precondition(!discount.isNegative && discount < FixedDecimal(1), "a discount is a fraction from 0 up to, not including, 1")
        self.term = term
        self.paymentOption = paymentOption
        self.discount = discount
    }

    /// Hours the plan runs: 8,760 per year of term (AWS counts a year as 365 days).
    public var termHours: Int {
        switch term {
        case .oneYear: 8_760
        case .threeYears: 3 * 8_760
        }
    }

    /// The share of the commitment paid before the term starts: all upfront 1, partial upfront ½,
    /// no upfront 0.
    public var upfrontShare: FixedDecimal {
        switch paymentOption {
        case .noUpfront: .zero
        case .partialUpfront: FixedDecimal(5, fractionDigits: 1)
        case .allUpfront: FixedDecimal(1)
        }
    }

    /// The Savings Plans rate as a fraction of the on-demand rate: 1 − discount.
    var rateFactor: FixedDecimal { FixedDecimal(1) - discount }
}
