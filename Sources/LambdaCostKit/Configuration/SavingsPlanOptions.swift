/// `[savings_plans]`: which Compute Savings Plans the report evaluates.
public struct SavingsPlanOptions: Hashable, Sendable {
    /// How a given hourly commitment is evaluated.
    public enum CommitmentMode: String, CaseIterable, Sendable {
        /// The given commitment as well as the commitments the report finds itself.
        case inAddition = "in_addition"
        /// Only the given commitment.
        case instead
    }

    /// Plan lengths to evaluate, in `Term.allCases` order (default: all).
    public var terms: [SavingsPlanRate.Term]
    /// Payment options to evaluate, in `PaymentOption.allCases` order (default: all).
    public var paymentOptions: [SavingsPlanRate.PaymentOption]
    /// An existing or planned commitment in USD per hour; `nil` when none is given.
    public var commitmentPerHour: FixedDecimal?
    public var commitmentMode: CommitmentMode

    public init(terms: [SavingsPlanRate.Term] = SavingsPlanRate.Term.allCases,
                paymentOptions: [SavingsPlanRate.PaymentOption] = SavingsPlanRate.PaymentOption.allCases,
                commitmentPerHour: FixedDecimal? = nil, commitmentMode: CommitmentMode = .inAddition) {
        self.terms = terms
        self.paymentOptions = paymentOptions
        self.commitmentPerHour = commitmentPerHour
        self.commitmentMode = commitmentMode
    }
}
