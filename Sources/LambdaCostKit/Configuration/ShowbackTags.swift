/// `[showback]`: the cost allocation tags whose values the report totals cost by (team, project, env, a tenant…).
public struct ShowbackTags: Hashable, Sendable {
    /// The most tag keys `[showback] tag_keys` may name: each gets an index section, and a page per value.
    public static let maximumKeys = 20

    /// The tag keys, spelled as the report spells tag keys, in the configuration's order; `nil` when not given:
    /// the team tag and the usual allocation tags the month carries (``keys(teamTagKey:monthKeys:)``).
    public var tagKeys: [String]?

    /// The usual cost allocation tags shown back by without configuration when the month's functions carry them
    /// (the tags a FinOps practice asks on every resource), after the team tag.
    public static let usualKeys = ["project", "env", "environment", "cost_center", "application", "model_tier", "tenant", "tenant_id"]

    public init(tagKeys: [String]? = nil) {
        self.tagKeys = tagKeys
    }

    /// The tag keys to show back by: those configured; else the team tag (`[teams] tag_key`) and, after it, the
    /// ``usualKeys`` some function of the month carries (`monthKeys`; a key nobody carries would show everyone
    /// untagged, which says nothing when nobody asked for it).
    public func keys(teamTagKey: String, monthKeys: Set<String>) -> [String] {
        tagKeys ?? [teamTagKey] + Self.usualKeys.filter { $0 != teamTagKey && monthKeys.contains($0) }
    }
}
