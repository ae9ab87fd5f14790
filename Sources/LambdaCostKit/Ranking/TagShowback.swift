/// The month's Lambda cost shown back by one cost allocation tag (`[showback] tag_keys`): every value the functions
/// carry, costliest first, and the untagged functions apart. The values and the untagged group add up to the
/// functions' figures exactly; with the charges of no function they are the month's Lambda totals.
public struct TagShowback: Sendable {
    public var tagKey: String
    /// Every value at least one function carries, by Lambda cost (effective) from the largest; ties by value.
    public var values: [TagValueCost]
    /// The functions without the tag (or with a blank value); `nil` when every function carries it.
    public var untagged: TagValueCost?
    /// The functions' sums: every value's and the untagged group's.
    public var unblendedCost = FixedDecimal.zero
    public var effectiveCost = FixedDecimal.zero
    public var onDemandCost = FixedDecimal.zero
    public var otherServicesCost = FixedDecimal.zero
    public var potentialSavings = FixedDecimal.zero
    public var functionCount = 0

    public var fullCost: FixedDecimal { effectiveCost + otherServicesCost }

    /// The values, then the untagged group.
    public var groups: [TagValueCost] { values + (untagged.map { [$0] } ?? []) }

    /// A group's share of the functions' Lambda cost (effective); `nil` when the functions cost nothing.
    public func share(_ group: TagValueCost) -> FixedDecimal? {
        effectiveCost.isZero ? nil : group.effectiveCost.divided(by: effectiveCost)
    }

    /// The untagged functions' share of the functions' Lambda cost (effective): 0 when every function is tagged,
    /// `nil` when the functions cost nothing.
    public var untaggedShare: FixedDecimal? {
        effectiveCost.isZero ? nil : (untagged?.effectiveCost ?? .zero).divided(by: effectiveCost)
    }

    init(tagKey: String, groups: [TagValueCost]) {
        self.tagKey = tagKey
        values = groups.filter { $0.value != nil }.sorted { lhs, rhs in
            lhs.effectiveCost != rhs.effectiveCost ? lhs.effectiveCost > rhs.effectiveCost : lhs.value! < rhs.value!
        }
        untagged = groups.first { $0.value == nil }
        for group in groups {
            unblendedCost += group.unblendedCost
            effectiveCost += group.effectiveCost
            onDemandCost += group.onDemandCost
            otherServicesCost += group.otherServicesCost
            potentialSavings += group.potentialSavings
            functionCount += group.functions.count
        }
    }

    /// The showback of each tag key, in the keys' order.
    static func make(_ functions: [FunctionCost], opportunities: [Opportunity], tagKeys: [String]) -> [TagShowback] {
        let byFunction = TagValueCost.byFunction(opportunities)
        return tagKeys.map { key in TagShowback(tagKey: key, groups: TagValueCost.group(functions, by: key, opportunities: byFunction)) }
    }
}
