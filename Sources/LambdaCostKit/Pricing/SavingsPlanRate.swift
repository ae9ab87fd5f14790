/// A Compute Savings Plan rate or discount for one Lambda charge (`data/pricing/savings-plans.csv`,
/// `savings-plans-discounts.csv`).
public struct SavingsPlanRate: Hashable, Sendable {
    /// Plan length.
    public enum Term: String, CaseIterable, Sendable, Comparable {
        case oneYear = "1yr"
        case threeYears = "3yr"

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How the commitment is paid.
    public enum PaymentOption: String, CaseIterable, Sendable, Comparable {
        case noUpfront = "no_upfront"
        case partialUpfront = "partial_upfront"
        case allUpfront = "all_upfront"

        public static func < (lhs: Self, rhs: Self) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }

    public struct Key: Hashable, Sendable, Comparable {
        /// Empty for discounts that apply in every region.
        public var region: String
        public var architecture: Architecture?
        public var charge: UsageKind
        public var term: Term
        public var paymentOption: PaymentOption

        public init(region: String, architecture: Architecture?, charge: UsageKind, term: Term, paymentOption: PaymentOption) {
            self.region = region
            self.architecture = architecture
            self.charge = charge
            self.term = term
            self.paymentOption = paymentOption
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.region, lhs.architecture?.rawValue ?? "", lhs.charge, lhs.term, lhs.paymentOption)
                < (rhs.region, rhs.architecture?.rawValue ?? "", rhs.charge, rhs.term, rhs.paymentOption)
        }
    }

    public var key: Key
    /// The plan rate per unit (exact rates), or `nil` for an approximate discount.
    public var rate: FixedDecimal?
    /// The discount in percent, for approximate entries.
    public var discountPercent: FixedDecimal?
    /// `exact` for offer-file rates, `estimate` for approximate discounts.
    public var confidence: String
    public var asOf: String
    public var source: String
}
