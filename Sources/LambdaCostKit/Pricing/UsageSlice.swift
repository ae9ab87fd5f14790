/// A function's month of one usage kind on one architecture, summed over hours and charge types.
public struct UsageSlice: Equatable, Sendable {
    public struct Key: Hashable, Sendable, Comparable {
        public var architecture: Architecture
        public var kind: UsageKind

        public init(_ architecture: Architecture, _ kind: UsageKind) {
            self.architecture = architecture
            self.kind = kind
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.architecture, lhs.kind) < (rhs.architecture, rhs.kind) }
    }

    /// All usage: on-demand, free tier and Savings Plan covered.
    public var quantity = FixedDecimal.zero
    /// The part the free tier paid for.
    public var freeTierQuantity = FixedDecimal.zero
    /// The part a Savings Plan covered.
    public var coveredQuantity = FixedDecimal.zero
    public var unblendedCost = FixedDecimal.zero
    /// At public on-demand rates (free-tier usage at its list value).
    public var onDemandCost = FixedDecimal.zero
    public var effectiveCost = FixedDecimal.zero

    /// Usage that was paid for, on demand or through a Savings Plan.
    public var paidQuantity: FixedDecimal { quantity - freeTierQuantity }
}
