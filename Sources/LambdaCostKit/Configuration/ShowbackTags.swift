/// `[showback]`: the cost allocation tags whose values the report totals cost by (team, project, env, a tenant…).
public struct ShowbackTags: Hashable, Sendable {
    /// The most tag keys `[showback] tag_keys` may name: each gets an index section, and a page per value.
    public static let maximumKeys = 20

    /// The tag keys, spelled as the report spells tag keys, in the configuration's order; `nil` when not given:
    /// the team tag alone (``keys(teamTagKey:)``).
    public var tagKeys: [String]?

    public init(tagKeys: [String]? = nil) {
        self.tagKeys = tagKeys
    }

    /// The tag keys to show back by: those configured, else the team tag (`[teams] tag_key`) alone.
    public func keys(teamTagKey: String) -> [String] { tagKeys ?? [teamTagKey] }
}
