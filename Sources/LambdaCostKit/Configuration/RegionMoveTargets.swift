/// Where one function may move, as ``RegionPolicy`` decides it: the other regions of its own move group (the
/// default), the regions of named groups, named regions, or a mix.
public struct RegionMoveTargets: Hashable, Sendable {
    /// Any other region of the function's own move group (`default_policy = "same_group"`).
    public var sameGroup: Bool
    /// Every region of these move groups (`[[regions.allow]] groups`).
    public var groups: [String]
    /// These regions (`[[regions.allow]] regions`, or the `to` of `[regions] pairs` from the function's region).
    public var regions: [String]
    /// Whether an allow rule gave these targets (rather than the default policy and its pairs).
    public var fromAllowRule: Bool

    public init(sameGroup: Bool, groups: [String] = [], regions: [String] = [], fromAllowRule: Bool = false) {
        self.sameGroup = sameGroup
        self.groups = groups
        self.regions = regions
        self.fromAllowRule = fromAllowRule
    }

    /// No move at all.
    public var isEmpty: Bool { !sameGroup && groups.isEmpty && regions.isEmpty }

    /// Whether a function in `home` may move to `target` (never to its own region).
    public func allows(_ target: RegionInfo, from home: RegionInfo) -> Bool {
        guard target.region != home.region else { return false }
        return (sameGroup && target.moveGroup == home.moveGroup) || groups.contains(target.moveGroup) || regions.contains(target.region)
    }
}
