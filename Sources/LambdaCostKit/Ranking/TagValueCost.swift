/// One value of a cost allocation tag (a team, a project, an environment…): the functions that carry it and what
/// they cost, exactly, and their potential savings combined as in the headline.
public struct TagValueCost: Sendable {
    /// The tag key, spelled as the report spells tag keys (`team`, `model_tier`).
    public var tagKey: String
    /// The tag's value; `nil` for the functions without one (or with a blank one).
    public var value: String?
    public var functions: [FunctionCost] = []
    public var unblendedCost = FixedDecimal.zero
    public var effectiveCost = FixedDecimal.zero
    public var onDemandCost = FixedDecimal.zero
    /// The other services tied to the functions (billed, docs/attribution.md).
    public var otherServicesCost = FixedDecimal.zero
    /// What the functions' opportunities save within the combined plan (``Report/planSavings(_:)``): the values of
    /// one tag add up to the headline less the fleet-wide Savings Plans purchase.
    public var potentialSavings = FixedDecimal.zero

    /// How the functions without the tag are named in tables, charts and data files.
    public static let untaggedLabel = "(untagged)"

    /// The value, or "(untagged)".
    public var label: String { value ?? Self.untaggedLabel }

    /// The Lambda cost (effective) and the other services tied to the functions.
    public var fullCost: FixedDecimal { effectiveCost + otherServicesCost }

    /// The value of `tagKey` in a function's tags: `nil` when it is missing or blank.
    public static func value(of tags: [String: String], tagKey: String) -> String? {
        guard let value = tags[tagKey], !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }

    private mutating func add(_ function: FunctionCost) {
        functions.append(function)
        unblendedCost += function.unblendedCost
        effectiveCost += function.effectiveCost
        onDemandCost += function.onDemandCost
        otherServicesCost += function.otherServicesCost
    }

    /// Every value of `tagKey` that at least one function carries, and the untagged functions, in no set order.
    /// `opportunities` are the report's, by function (``byFunction(_:)``).
    static func group(_ functions: [FunctionCost], by tagKey: String, opportunities: [FunctionIdentity: [Opportunity]]) -> [TagValueCost] {
        var byValue: [String?: TagValueCost] = [:]
        for function in functions where !function.function.isUnattributed {
            let value = Self.value(of: function.tags, tagKey: tagKey)
            // In place (a copy of the entry would copy its functions on every append: quadratic in a value's size).
            byValue[value, default: TagValueCost(tagKey: tagKey, value: value)].add(function)
        }
        return byValue.values.map { entry in
            var entry = entry
            entry.potentialSavings = Report.planSavings(entry.functions.flatMap { opportunities[$0.function] ?? [] })
            return entry
        }
    }

    /// The opportunities of each function.
    static func byFunction(_ opportunities: [Opportunity]) -> [FunctionIdentity: [Opportunity]] {
        var result: [FunctionIdentity: [Opportunity]] = [:]
        for opportunity in opportunities { result[opportunity.function, default: []].append(opportunity) }
        return result
    }

    /// Ordered by value (name), the untagged functions last: the Teams tables.
    static func byName(_ lhs: TagValueCost, _ rhs: TagValueCost) -> Bool {
        switch (lhs.value, rhs.value) {
        case (nil, _): return false
        case (_, nil): return true
        case let (left?, right?): return left < right
        }
    }
}
