/// Which functions a rule of the configuration applies to: name patterns, a tag, or both (all given must match).
public struct FunctionSelector: Hashable, Sendable, CustomStringConvertible {
    /// Any of them must match; empty matches every function.
    public var patterns: [FunctionPattern]
    /// Must match when given.
    public var tag: TagSelector?

    public init(patterns: [FunctionPattern] = [], tag: TagSelector? = nil) {
        self.patterns = patterns
        self.tag = tag
    }

    public func matches(_ function: FunctionIdentity, tags: [String: String]) -> Bool {
        (patterns.isEmpty || patterns.contains { $0.matches(function) }) && (tag?.matches(tags) ?? true)
    }

    /// `image-*, thumbs` / `tag team=media` / both, for the report.
    public var description: String {
        var parts: [String] = []
        if !patterns.isEmpty { parts.append(patterns.map(\.description).joined(separator: ", ")) }
        if let tag { parts.append("tag \(tag)") }
        return parts.joined(separator: " with ")
    }
}
