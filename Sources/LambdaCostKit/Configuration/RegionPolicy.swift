/// `[regions]`: where region moves may go. A function takes the targets of the first `[[regions.allow]]` rule
/// that matches it (file order); a function no rule matches follows the default policy, widened by the
/// `pairs` that start in its region.
public struct RegionPolicy: Hashable, Sendable {
    /// What functions without a matching rule may do.
    public enum DefaultPolicy: String, CaseIterable, Sendable {
        /// Any other region of the same move group (`move_group` of `data/pricing/regions.csv`).
        case sameGroup = "same_group"
        /// No region move is proposed (except the configured pairs).
        case stay
    }

    /// `[[regions.allow]]`: the only regions the selected functions may move to.
    public struct AllowRule: Hashable, Sendable {
        public var selector: FunctionSelector
        /// Region codes in the order written.
        public var regions: [String]
        /// Move groups in the order written: every region of them. With `regions` empty too, the functions stay.
        public var groups: [String]

        public init(selector: FunctionSelector, regions: [String], groups: [String] = []) {
            self.selector = selector
            self.regions = regions
            self.groups = groups
        }
    }

    /// `[regions] pairs`: one allowed move, from one region to another, in addition to the default policy.
    public struct Pair: Hashable, Sendable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public var defaultPolicy: DefaultPolicy
    public var pairs: [Pair]
    public var allow: [AllowRule]

    public init(defaultPolicy: DefaultPolicy = .sameGroup, pairs: [Pair] = [], allow: [AllowRule] = []) {
        self.defaultPolicy = defaultPolicy
        self.pairs = pairs
        self.allow = allow
    }

    /// Where `function` may move: the first matching rule's regions and groups; else its own move group (under
    /// `same_group`) and the pairs from its region.
    public func targets(for function: FunctionIdentity, tags: [String: String] = [:]) -> RegionMoveTargets {
        if let rule = allow.first(where: { $0.selector.matches(function, tags: tags) }) {
            return RegionMoveTargets(sameGroup: false, groups: rule.groups, regions: rule.regions, fromAllowRule: true)
        }
        var paired: [String] = []
        for pair in pairs where pair.from == function.region && !paired.contains(pair.to) { paired.append(pair.to) }
        return RegionMoveTargets(sameGroup: defaultPolicy == .sameGroup, regions: paired)
    }
}
