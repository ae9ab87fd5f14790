/// One function's month: usage by kind and what it cost, from the ledger.
public struct FunctionCost: Sendable {
    /// The fields, behind one reference that copies share until one of them changes (copy on write): a fleet's
    /// functions are copied into several lists (teams, sorted pages), each copy then a pointer.
    private var storage: CopyOnWrite<Fields>

    public var function: FunctionIdentity {
        get { storage.value.function }
        _modify { yield &storage.value.function }
    }
    /// The architectures the function ran on this month (both when it moved mid-month).
    public var architectures: [Architecture] {
        get { storage.value.architectures }
        _modify { yield &storage.value.architectures }
    }
    /// Invocations (on-demand, free tier and Savings Plan covered).
    public var requests: FixedDecimal {
        get { storage.value.requests }
        _modify { yield &storage.value.requests }
    }
    /// On-demand duration GB-seconds.
    public var gbSeconds: FixedDecimal {
        get { storage.value.gbSeconds }
        _modify { yield &storage.value.gbSeconds }
    }
    /// Provisioned concurrency GB-seconds (configured concurrency kept warm).
    public var provisionedGBSeconds: FixedDecimal {
        get { storage.value.provisionedGBSeconds }
        _modify { yield &storage.value.provisionedGBSeconds }
    }
    /// Duration GB-seconds of invocations served by provisioned concurrency.
    public var provisionedDurationGBSeconds: FixedDecimal {
        get { storage.value.provisionedDurationGBSeconds }
        _modify { yield &storage.value.provisionedDurationGBSeconds }
    }
    public var unblendedCost: FixedDecimal {
        get { storage.value.unblendedCost }
        _modify { yield &storage.value.unblendedCost }
    }
    public var effectiveCost: FixedDecimal {
        get { storage.value.effectiveCost }
        _modify { yield &storage.value.effectiveCost }
    }
    public var onDemandCost: FixedDecimal {
        get { storage.value.onDemandCost }
        _modify { yield &storage.value.onDemandCost }
    }
    /// The value of the free tier this function used (list price of its free usage).
    public var freeTierValue: FixedDecimal {
        get { storage.value.freeTierValue }
        _modify { yield &storage.value.freeTierValue }
    }
    public var tags: [String: String] {
        get { storage.value.tags }
        _modify { yield &storage.value.tags }
    }
    public var qualifiers: [String] {
        get { storage.value.qualifiers }
        _modify { yield &storage.value.qualifiers }
    }
    /// The function's metrics, when a metrics file has them.
    public var metrics: FunctionMetrics? {
        get { storage.value.metrics }
        _modify { yield &storage.value.metrics }
    }
    /// A Power Tuning result for the function, when one was given.
    public var powerTuning: PowerTuningResult? {
        get { storage.value.powerTuning?.value }
        set { storage.value.powerTuning = newValue.map(Boxed.init) }
    }
    /// A Compute Optimizer recommendation for the function, when one was given.
    public var computeOptimizer: ComputeOptimizerRecommendation? {
        get { storage.value.computeOptimizer?.value }
        set { storage.value.computeOptimizer = newValue.map(Boxed.init) }
    }
    /// Other services' cost tied to the function (docs/attribution.md); `nil` when no row is.
    public var otherServices: OtherServiceCosts.FunctionShare? {
        get { storage.value.otherServices?.value }
        set { storage.value.otherServices = newValue.map(Boxed.init) }
    }
    /// The other services tied to the function, billed; zero when none is.
    public var otherServicesCost: FixedDecimal { otherServices?.total ?? .zero }
    /// The function's full cost: its Lambda cost (effective) and the other services tied to it.
    public var fullCost: FixedDecimal { effectiveCost + otherServicesCost }

    /// Usage per architecture and kind.
    public var usage: UsageSlices {
        get { storage.value.usage }
        _modify { yield &storage.value.usage }
    }
    /// Set by the re-pricing stage: the month at catalog prices, with the free tier and tier discounts
    /// allocated back in proportion to usage.
    public var catalog: CatalogCost? {
        get { storage.value.catalog }
        _modify { yield &storage.value.catalog }
    }
    /// The payer account the function's account is billed to (consolidated billing), when the input names one.
    public var payerAccountID: String? {
        get { storage.value.payerAccountID }
        _modify { yield &storage.value.payerAccountID }
    }
    /// Where each tag value was read in the input (by key), for diagnostics that name a value's input line.
    public var tagLocations: TagLocations {
        get { storage.value.tagLocations }
        _modify { yield &storage.value.tagLocations }
    }

    public init(function: FunctionIdentity, architectures: [Architecture], requests: FixedDecimal, gbSeconds: FixedDecimal,
                provisionedGBSeconds: FixedDecimal, provisionedDurationGBSeconds: FixedDecimal, unblendedCost: FixedDecimal,
                effectiveCost: FixedDecimal, onDemandCost: FixedDecimal, freeTierValue: FixedDecimal, tags: [String: String],
                qualifiers: [String], metrics: FunctionMetrics? = nil, powerTuning: PowerTuningResult? = nil,
                computeOptimizer: ComputeOptimizerRecommendation? = nil, usage: [UsageSlice.Key: UsageSlice], catalog: CatalogCost? = nil,
                payerAccountID: String? = nil, tagLocations: [String: SourceLocation] = [:]) {
        storage = CopyOnWrite(Fields(
            function: function, architectures: architectures, requests: requests, gbSeconds: gbSeconds,
            provisionedGBSeconds: provisionedGBSeconds, provisionedDurationGBSeconds: provisionedDurationGBSeconds,
            unblendedCost: unblendedCost, effectiveCost: effectiveCost, onDemandCost: onDemandCost, freeTierValue: freeTierValue,
            tags: tags, qualifiers: qualifiers, metrics: metrics, powerTuning: powerTuning.map(Boxed.init),
            computeOptimizer: computeOptimizer.map(Boxed.init), otherServices: nil, usage: UsageSlices(usage), catalog: catalog, payerAccountID: payerAccountID,
            tagLocations: TagLocations(tagLocations)))
    }

    /// The stored fields. Power Tuning results and Compute Optimizer recommendations are rare and large, so
    /// each is behind its own reference: a function without them spends a pointer on each.
    private struct Fields: Sendable {
        var function: FunctionIdentity
        var architectures: [Architecture]
        var requests: FixedDecimal
        var gbSeconds: FixedDecimal
        var provisionedGBSeconds: FixedDecimal
        var provisionedDurationGBSeconds: FixedDecimal
        var unblendedCost: FixedDecimal
        var effectiveCost: FixedDecimal
        var onDemandCost: FixedDecimal
        var freeTierValue: FixedDecimal
        var tags: [String: String]
        var qualifiers: [String]
        var metrics: FunctionMetrics?
        var powerTuning: Boxed<PowerTuningResult>?
        var computeOptimizer: Boxed<ComputeOptimizerRecommendation>?
        var otherServices: Boxed<OtherServiceCosts.FunctionShare>?
        var usage: UsageSlices
        var catalog: CatalogCost?
        var payerAccountID: String?
        var tagLocations: TagLocations
    }

    /// An immutable value behind a reference.
    private final class Boxed<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }


    /// The account whose bill pools the function's duration tiers and free tier: its payer, else its own account.
    public var payer: String { payerAccountID ?? function.accountID }

    /// Paid quantity (on demand and Savings Plan covered) of one architecture and kind.
    public func paidQuantity(_ architecture: Architecture, _ kind: UsageKind) -> FixedDecimal {
        usage[UsageSlice.Key(architecture, kind)]?.paidQuantity ?? .zero
    }

    /// `x86_64`, `arm64` or `x86_64+arm64`.
    public var architectureLabel: String { architectures.map(\.rawValue).joined(separator: "+") }
}
