/// One price of the catalog: a charge in a region and architecture over a range of monthly quantity.
public struct PriceTier: Hashable, Sendable {
    public var tier: Int
    /// The monthly quantity where the tier starts (inclusive), in the charge's unit.
    public var start: FixedDecimal
    /// Where it ends (exclusive); `nil` for no end.
    public var end: FixedDecimal?
    public var unit: String
    /// USD (or the region's currency) per unit.
    public var price: FixedDecimal
    public var currency: String
    /// The date of the price's source; empty when the source is undated.
    public var asOf: String
    public var source: String
}
