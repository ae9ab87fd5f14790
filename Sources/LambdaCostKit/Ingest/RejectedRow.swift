/// A CUR row the tool could not use: it goes to `rejects.csv` and is counted in `manifest.json`.
public struct RejectedRow: Hashable, Sendable {
    public var location: SourceLocation
    public var reason: String
    /// The record as it was in the file (lines joined as they were).
    public var raw: String
    /// The row's unblended cost when it could be read, so rejected money is still reconciled.
    public var unblendedCost: FixedDecimal?
}
