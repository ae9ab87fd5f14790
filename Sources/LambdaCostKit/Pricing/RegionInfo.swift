/// A region of the catalog (`data/pricing/regions.csv`).
public struct RegionInfo: Hashable, Sendable {
    public var region: String
    /// The Lambda usage-type prefix without its dash; empty for us-east-1.
    public var usageTypePrefix: String
    public var location: String
    public var geography: String
    /// The region's move group (`move_group`): the regions a function may move to by default, one country or
    /// the EU, so that a move keeps the data in the same jurisdiction.
    public var moveGroup: String
    public var currency: String
}
