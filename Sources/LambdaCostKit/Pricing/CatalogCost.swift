/// A function's month at catalog prices: what its usage lists at, less its share of the duration tier
/// discounts and of the payer's free tier. The shares of a payer's functions add up to the payer's totals.
public struct CatalogCost: Equatable, Sendable {
    /// Every priced usage at its tier-1 list price, before the free tier, tiers and Savings Plans.
    public var listCost = FixedDecimal.zero
    /// Its share of the duration tier discounts of its payer, region and architecture (``TierPool``).
    public var tierDiscount = FixedDecimal.zero
    /// Its share of its payer's free tier, in proportion to its request and duration list cost.
    public var freeTierAllocation = FixedDecimal.zero
    /// Charges the catalog has no price for (`arm64 provisioned_concurrency`): not in `listCost`.
    public var missingPrices: [String] = []

    /// List cost less the tier discount and the free tier.
    public var netCost: FixedDecimal { listCost - tierDiscount - freeTierAllocation }
}
