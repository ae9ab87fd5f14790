/// One function's month: usage by kind and what it cost, from the ledger.
public struct FunctionCost: Sendable {
    public var function: FunctionIdentity
    /// The architectures the function ran on this month (both when it moved mid-month).
    public var architectures: [Architecture]
    /// Invocations (on-demand, free tier and Savings Plan covered).
    public var requests: FixedDecimal
    /// On-demand duration GB-seconds.
    public var gbSeconds: FixedDecimal
    /// Provisioned concurrency GB-seconds (configured concurrency kept warm).
    public var provisionedGBSeconds: FixedDecimal
    /// Duration GB-seconds of invocations served by provisioned concurrency.
    public var provisionedDurationGBSeconds: FixedDecimal
    public var unblendedCost: FixedDecimal
    public var effectiveCost: FixedDecimal
    public var onDemandCost: FixedDecimal
    /// The value of the free tier this function used (list price of its free usage).
    public var freeTierValue: FixedDecimal
    public var tags: [String: String]
    public var qualifiers: [String]
    public var metrics: FunctionMetrics?
    public var powerTuning: PowerTuningResult?
    public var computeOptimizer: ComputeOptimizerRecommendation?
    /// Usage per architecture and kind.
    public var usage: [UsageSlice.Key: UsageSlice]
    /// Set by the re-pricing stage: the month at catalog prices, with the free tier and tier discounts
    /// allocated back in proportion to usage.
    public var catalog: CatalogCost?
    /// The payer account the function's account is billed to (consolidated billing), when the input names one.
    public var payerAccountID: String? = nil
    /// Where each tag value was read in the input (by key), for diagnostics that name a value's input line.
    public var tagLocations: [String: SourceLocation] = [:]

    /// The account whose bill pools the function's duration tiers and free tier: its payer, else its own account.
    public var payer: String { payerAccountID ?? function.accountID }

    /// Paid quantity (on demand and Savings Plan covered) of one architecture and kind.
    public func paidQuantity(_ architecture: Architecture, _ kind: UsageKind) -> FixedDecimal {
        usage[UsageSlice.Key(architecture, kind)]?.paidQuantity ?? .zero
    }

    /// `x86_64`, `arm64` or `x86_64+arm64`.
    public var architectureLabel: String { architectures.map(\.rawValue).joined(separator: "+") }
}
