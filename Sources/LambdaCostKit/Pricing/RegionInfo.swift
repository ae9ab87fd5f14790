/// A region of the catalog (`data/pricing/regions.csv`).
public struct RegionInfo: Hashable, Sendable {
    public var region: String
    /// The Lambda usage-type prefix without its dash; empty for us-east-1.
    public var usageTypePrefix: String
    public var location: String
    public var geography: String
    public var currency: String
}
