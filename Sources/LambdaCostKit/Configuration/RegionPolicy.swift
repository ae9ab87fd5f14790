/// `[regions]`: where region moves may go. A function takes the regions of the first `[[regions.allow]]` rule
/// that matches it (file order); a function no rule matches follows the default policy.
public struct RegionPolicy: Hashable, Sendable {
    /// What functions without a matching rule may do.
    public enum DefaultPolicy: String, CaseIterable, Sendable {
        /// Any other region of the same geography and currency (the region scenario's own rule).
        case sameGeography = "same_geography"
        /// No region move is proposed.
        case stay
    }

    /// `[[regions.allow]]`: the only regions the selected functions may move to.
    public struct AllowRule: Hashable, Sendable {
        public var selector: FunctionSelector
        /// Region codes in the order written (an empty list: the functions stay where they are).
        public var regions: [String]

        public init(selector: FunctionSelector, regions: [String]) {
            self.selector = selector
            self.regions = regions
        }
    }

    public var defaultPolicy: DefaultPolicy
    public var allow: [AllowRule]

    public init(defaultPolicy: DefaultPolicy = .sameGeography, allow: [AllowRule] = []) {
        self.defaultPolicy = defaultPolicy
        self.allow = allow
    }

    /// The regions `function` may move to: the first matching rule's list; `[]` under the `stay` policy;
    /// `nil` for the default "same geography" policy.
    public func allowedRegions(for function: FunctionIdentity, tags: [String: String] = [:]) -> [String]? {
        if let rule = allow.first(where: { $0.selector.matches(function, tags: tags) }) { return rule.regions }
        switch defaultPolicy {
        case .sameGeography: return nil
        case .stay: return []
        }
    }
}
