/// A difference between what the bill says usage costs at public on-demand rates and what the catalog
/// says, per account, region, architecture and charge: a stale catalog or a rate the catalog lacks.
public struct PricingGap: Equatable, Sendable {
    public var accountID: String
    public var region: String
    public var architecture: Architecture
    public var charge: UsageKind
    public var quantity: FixedDecimal
    /// `pricing/publicOnDemandCost` summed over the rows.
    public var billOnDemandCost: FixedDecimal
    /// The same quantity at the catalog's tier-1 price; `nil` when the catalog has no price.
    public var catalogCost: FixedDecimal?

    /// Bill minus catalog (the whole bill amount when the price is missing).
    public var gap: FixedDecimal { billOnDemandCost - (catalogCost ?? .zero) }

    public var summary: String {
        guard let catalogCost else {
            return "the catalog has no \(charge.rawValue) price for \(architecture.rawValue) in \(region); \(Format.usd(billOnDemandCost)) of usage could not be re-priced"
        }
        return "\(charge.rawValue) \(architecture.rawValue) in \(region): the bill lists \(Format.usd(billOnDemandCost)) at public on-demand rates, the catalog \(Format.usd(catalogCost)) (gap \(Format.usd(gap)))"
    }
}
