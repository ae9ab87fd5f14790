/// `key=value`: the functions whose cost allocation tag `key` has exactly `value`.
///
/// The key is spelled as the report spells tag keys (see `CURColumns.userTagKey`): a `user:` / `user_` prefix
/// dropped, lower case, each run of other characters turned into `_` — so `Cost-Center=web`,
/// `user:cost-center=web` and `cost_center=web` are the same selector. The value is compared exactly.
public struct TagSelector: Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = CURColumns.userTagKey(key)
        self.value = value
    }

    /// Parses `key=value` (split at the first `=`); `nil` when either side is empty.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = String(text[..<equals]).trimmingSpaces
        let value = String(text[text.index(after: equals)...]).trimmingSpaces
        guard !key.isEmpty, !value.isEmpty, !CURColumns.userTagKey(key).isEmpty else { return nil }
        self.init(key: key, value: value)
    }

    public func matches(_ tags: [String: String]) -> Bool { tags[key] == value }

    public var description: String { "\(key)=\(value)" }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
