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
    /// The function's metrics, when a metrics file has them.
    public var metrics: FunctionMetrics? {
        get { extras.metrics }
        set { extras = extras.with { $0.metrics = newValue } }
    }
    /// A Power Tuning result for the function, when one was given.
    public var powerTuning: PowerTuningResult? {
        get { extras.powerTuning }
        set { extras = extras.with { $0.powerTuning = newValue } }
    }
    /// A Compute Optimizer recommendation for the function, when one was given.
    public var computeOptimizer: ComputeOptimizerRecommendation? {
        get { extras.computeOptimizer }
        set { extras = extras.with { $0.computeOptimizer = newValue } }
    }
    /// The optional inputs above, kept once behind a reference: they are large (a metrics record is about half a
    /// kilobyte) and a fleet's functions are copied into several lists (teams, sorted pages), each copy then a
    /// few hundred bytes.
    private var extras: Extras
    /// Usage per architecture and kind.
    public var usage: [UsageSlice.Key: UsageSlice]
    /// Set by the re-pricing stage: the month at catalog prices, with the free tier and tier discounts
    /// allocated back in proportion to usage.
    public var catalog: CatalogCost?
    /// The payer account the function's account is billed to (consolidated billing), when the input names one.
    public var payerAccountID: String? = nil
    /// Where each tag value was read in the input (by key), for diagnostics that name a value's input line.
    public var tagLocations: [String: SourceLocation] = [:]

    public init(function: FunctionIdentity, architectures: [Architecture], requests: FixedDecimal, gbSeconds: FixedDecimal,
                provisionedGBSeconds: FixedDecimal, provisionedDurationGBSeconds: FixedDecimal, unblendedCost: FixedDecimal,
                effectiveCost: FixedDecimal, onDemandCost: FixedDecimal, freeTierValue: FixedDecimal, tags: [String: String],
                qualifiers: [String], metrics: FunctionMetrics? = nil, powerTuning: PowerTuningResult? = nil,
                computeOptimizer: ComputeOptimizerRecommendation? = nil, usage: [UsageSlice.Key: UsageSlice], catalog: CatalogCost? = nil,
                payerAccountID: String? = nil, tagLocations: [String: SourceLocation] = [:]) {
        self.function = function
        self.architectures = architectures
        self.requests = requests
        self.gbSeconds = gbSeconds
        self.provisionedGBSeconds = provisionedGBSeconds
        self.provisionedDurationGBSeconds = provisionedDurationGBSeconds
        self.unblendedCost = unblendedCost
        self.effectiveCost = effectiveCost
        self.onDemandCost = onDemandCost
        self.freeTierValue = freeTierValue
        self.tags = tags
        self.qualifiers = qualifiers
        self.extras = Extras(metrics: metrics, powerTuning: powerTuning, computeOptimizer: computeOptimizer)
        self.usage = usage
        self.catalog = catalog
        self.payerAccountID = payerAccountID
        self.tagLocations = tagLocations
    }

    /// An immutable holder of the optional inputs; a change makes a new one, so copies never share a change.
    private final class Extras: Sendable {
        let metrics: FunctionMetrics?
        let powerTuning: PowerTuningResult?
        let computeOptimizer: ComputeOptimizerRecommendation?

        init(metrics: FunctionMetrics?, powerTuning: PowerTuningResult?, computeOptimizer: ComputeOptimizerRecommendation?) {
            self.metrics = metrics
            self.powerTuning = powerTuning
            self.computeOptimizer = computeOptimizer
        }

        func with(_ change: (inout (metrics: FunctionMetrics?, powerTuning: PowerTuningResult?, computeOptimizer: ComputeOptimizerRecommendation?)) -> Void) -> Extras {
            var values = (metrics: metrics, powerTuning: powerTuning, computeOptimizer: computeOptimizer)
            change(&values)
            return Extras(metrics: values.metrics, powerTuning: values.powerTuning, computeOptimizer: values.computeOptimizer)
        }
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
