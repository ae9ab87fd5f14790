/// The Lambda price catalog: prices per region, architecture and charge (with duration tiers), the free
/// tier and Savings Plans rates. A price that is not in the catalog is missing and reported as such.
public struct PriceCatalog: Sendable {
    public struct Key: Hashable, Sendable, Comparable {
        public var region: String
        public var architecture: Architecture
        public var charge: UsageKind

        public init(region: String, architecture: Architecture, charge: UsageKind) {
            self.region = region
            self.architecture = architecture
            self.charge = charge
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.region, lhs.architecture, lhs.charge) < (rhs.region, rhs.architecture, rhs.charge)
        }
    }

    public var version: String
    public var pricesAsOf: String
    public var regions: [String: RegionInfo]
    public var prices: [Key: [PriceTier]]
    /// Monthly free quantity per charge (`requests`, `duration`), shared by the payer.
    public var freeTier: [UsageKind: FixedDecimal]
    /// Exact Compute Savings Plans rates from offer files.
    public var savingsPlanRates: [SavingsPlanRate]
    /// Approximate Compute Savings Plans discounts, used only where no exact rate exists.
    public var savingsPlanDiscounts: [SavingsPlanRate]
    /// Prices of the alternatives to a function that waits, per region and charge, lowest tier first.
    public var alternativePrices: [String: [AlternativeCharge: [PriceTier]]]
    /// EC2 instance prices for Lambda Managed Instances.
    public var instancePrices: [InstancePrice]

    public init(version: String, pricesAsOf: String, regions: [String: RegionInfo], prices: [Key: [PriceTier]],
                freeTier: [UsageKind: FixedDecimal], savingsPlanRates: [SavingsPlanRate] = [], savingsPlanDiscounts: [SavingsPlanRate] = [],
                alternativePrices: [String: [AlternativeCharge: [PriceTier]]] = [:], instancePrices: [InstancePrice] = []) {
        self.version = version
        self.pricesAsOf = pricesAsOf
        self.regions = regions
        self.prices = prices
        self.freeTier = freeTier
        self.savingsPlanRates = savingsPlanRates
        self.savingsPlanDiscounts = savingsPlanDiscounts
        self.alternativePrices = alternativePrices
        self.instancePrices = instancePrices
    }

    /// The tiers of an alternative's charge in a region; `nil` when the catalog has no price for it.
    public func tiers(_ charge: AlternativeCharge, in region: String) -> [PriceTier]? { alternativePrices[region]?[charge] }

    /// The month's cost of `quantity` of an alternative's charge, through its tiers; `nil` when unpriced.
    public func cost(of quantity: FixedDecimal, _ charge: AlternativeCharge, in region: String) -> FixedDecimal? {
        tiers(charge, in: region).map { Self.tieredCost(of: quantity, tiers: $0) }
    }

    /// The hourly price of an instance type bought one way in a region; `nil` when unknown.
    public func instancePrice(_ instanceType: String, _ purchase: InstancePrice.Purchase, in region: String) -> InstancePrice? {
        instancePrices.first { $0.region == region && $0.instanceType == instanceType && $0.purchase == purchase }
    }

    /// The region prefix table for classifying usage types.
    public var regionTable: RegionTable {
        RegionTable(prefixes: regions.values.map { ($0.region, $0.usageTypePrefix) })
    }

    /// The tiers of a charge, lowest first; `nil` when the catalog has no price for it.
    public func tiers(_ key: Key) -> [PriceTier]? { prices[key] }

    /// The list (tier-1) price of a charge; `nil` when the catalog has no price for it.
    public func listPrice(region: String, architecture: Architecture, charge: UsageKind) -> FixedDecimal? {
        prices[Key(region: region, architecture: architecture, charge: charge)]?.first?.price
    }

    /// The list cost of a month's quantity, tiers applied to that quantity; `nil` when a price is missing.
    public func listCost(of quantity: FixedDecimal, _ key: Key) -> FixedDecimal? {
        guard let tiers = prices[key] else { return nil }
        return Self.tieredCost(of: quantity, tiers: tiers)
    }

    /// The cost of `quantity` (from zero) over tiers that cover [0, ∞) without gaps.
    static func tieredCost(of quantity: FixedDecimal, tiers: [PriceTier]) -> FixedDecimal {
        var total = FixedDecimal.zero
        for tier in tiers where quantity > tier.start {
            let upper = tier.end.map { min($0, quantity) } ?? quantity
            total += (upper - tier.start) * tier.price
        }
        if quantity.isNegative, let first = tiers.first { total = quantity * first.price }  // credits of usage
        return total
    }
}
