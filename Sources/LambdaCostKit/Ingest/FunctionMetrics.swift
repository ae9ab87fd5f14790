/// What CloudWatch / Lambda Insights say about one function over the month (`--metrics`, see
/// `docs/metrics.md`). Every field but the identity is optional: scenarios that need a missing field say so.
public struct FunctionMetrics: Equatable, Sendable {
    public var function: FunctionIdentity
    public var architecture: Architecture?
    public var memoryMB: Int?
    public var ephemeralMB: Int?
    public var timeoutSeconds: FixedDecimal?
    public var trigger: String?
    public var invocations: FixedDecimal?
    public var averageDurationMs: FixedDecimal?
    public var p50DurationMs: FixedDecimal?
    public var p99DurationMs: FixedDecimal?
    public var averageBilledDurationMs: FixedDecimal?
    public var maxMemoryUsedMB: FixedDecimal?
    public var coldStarts: FixedDecimal?
    public var averageInitDurationMs: FixedDecimal?
    public var averageCPUTimeMs: FixedDecimal?
    public var errors: FixedDecimal?
    public var timeouts: FixedDecimal?
    /// The visibility timeout of the SQS queue that triggers the function, when it has one.
    public var sqsVisibilityTimeoutSeconds: FixedDecimal?

    public init(function: FunctionIdentity) { self.function = function }
}
