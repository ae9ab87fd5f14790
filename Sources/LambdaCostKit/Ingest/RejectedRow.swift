/// A CUR row the tool could not use: it goes to `rejects.csv` and is counted in `manifest.json`.
public struct RejectedRow: Hashable, Sendable {
    public var location: SourceLocation
    /// Why, typed; ``reason`` words it.
    public var cause: RejectReason
    /// The record as it was in the file (lines joined as they were), cut at ``rawLimit`` UTF-8 bytes with a marker.
    public var raw: String
    /// The row's unblended cost when it could be read, so rejected money is still reconciled.
    public var unblendedCost: FixedDecimal?

    /// The most of a record's text a rejected row keeps (the whole record is in the input file at its line).
    public static let rawLimit = 2_048

    public init(location: SourceLocation, cause: RejectReason, raw: String, unblendedCost: FixedDecimal?) {
        self.location = location
        self.cause = cause
        self.raw = Self.cut(raw)
        self.unblendedCost = unblendedCost
    }

    /// The reason as `rejects.csv` and the diagnostics print it.
    public var reason: String { cause.message }

    /// `raw` itself when it fits in ``rawLimit`` bytes, else its first bytes (whole characters) and
    /// ` …[cut: N bytes in all]`.
    static func cut(_ raw: String) -> String {
        let count = raw.utf8.count
        guard count > rawLimit else { return raw }
        var kept = Substring(raw)
        while kept.utf8.count > rawLimit { kept = kept.dropLast(max(1, (kept.utf8.count - rawLimit) / 4)) }
        return "\(kept) …[cut: \(count) bytes in all]"
    }
}
