/// The CUR line item type of a row, with free-tier usage told apart from paid usage.
public enum ChargeType: String, CaseIterable, Sendable, Comparable, Codable {
    case usage = "Usage"
    /// `Usage` at rate 0 under the free-tier offer term (`…A429C66SYZ…` in the rate code).
    case freeTierUsage = "FreeTierUsage"
    case discountedUsage = "DiscountedUsage"
    case savingsPlanCoveredUsage = "SavingsPlanCoveredUsage"
    case savingsPlanNegation = "SavingsPlanNegation"
    case savingsPlanRecurringFee = "SavingsPlanRecurringFee"
    case savingsPlanUpfrontFee = "SavingsPlanUpfrontFee"
    case riFee = "RIFee"
    case fee = "Fee"
    case credit = "Credit"
    case refund = "Refund"
    case tax = "Tax"
    case discount = "Discount"
    case bundledDiscount = "BundledDiscount"
    case edpDiscount = "EdpDiscount"
    case flatRateSubscription = "FlatRateSubscription"
    /// A line item type the tool does not know; kept with its cost and named in a warning.
    case unrecognized = "Unrecognized"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    private static let byName: [String: ChargeType] = {
        var table: [String: ChargeType] = [:]
        for type in allCases where type != .freeTierUsage && type != .unrecognized { table[type.rawValue] = type }
        table["FlateRateSubscription"] = .flatRateSubscription  // spelled so in CUR 2.0
        return table
    }()

    /// The type named in the CUR, or `nil` when the name is not a known line item type.
    public init?(lineItemType name: String) {
        guard let type = Self.byName[name] else { return nil }
        self = type
    }

    /// Whether the row measures usage (its quantity counts as consumption).
    public var isUsage: Bool {
        self == .usage || self == .freeTierUsage || self == .savingsPlanCoveredUsage || self == .discountedUsage
    }
}
