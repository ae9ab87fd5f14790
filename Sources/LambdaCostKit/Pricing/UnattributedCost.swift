/// Lambda charges of one kind that belong to no function (Savings Plans negations and fees, credits, tax, data
/// transfer): billed (unblended) and effective (amortized), so tables of money per function can end with them.
public struct UnattributedCost: Sendable, Equatable {
    public var unblendedCost = FixedDecimal.zero
    public var effectiveCost = FixedDecimal.zero

    public init(unblendedCost: FixedDecimal = .zero, effectiveCost: FixedDecimal = .zero) {
        self.unblendedCost = unblendedCost
        self.effectiveCost = effectiveCost
    }
}
