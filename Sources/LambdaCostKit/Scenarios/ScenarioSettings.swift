/// The knobs of the scenarios, with their defaults (later read from the config file).
public struct ScenarioSettings: Sendable, Equatable {
    /// Power Tuning strategy for measured memory curves.
    public enum Strategy: String, Sendable, CaseIterable { case cost, speed, balanced }

    /// Expected arm64 duration relative to x86_64 (1.0 = the same speed).
    public var armDurationFactor = FixedDecimal(1)
    /// Memory never goes below max memory used × (1 + headroom).
    public var memoryHeadroom = FixedDecimal(parsing: "0.2")!
    /// A proposed memory size may not make p99 slower than this factor × today's p99.
    public var maximumP99Slowdown = FixedDecimal(parsing: "1.2")!
    public var strategy = Strategy.cost
    /// `balanced` weight of cost (0 = speed only, 1 = cost only).
    public var balancedWeight = FixedDecimal(parsing: "0.5")!
    /// A function is idle-waiting when CPU time is below this share of its duration.
    public var idleCPUShare = FixedDecimal(parsing: "0.2")!
    /// Invocations merged into one by batching (e.g. an SQS batch size).
    public var batchFactor = 10
    /// Requests are "dominant" above this share of request + duration cost.
    public var requestCostShare = FixedDecimal(parsing: "0.5")!
    /// A day is anomalous above this multiple of the function's median day …
    public var anomalyFactor = FixedDecimal(3)
    /// … and at least this much above it, in USD.
    public var anomalyMinimumExtra = FixedDecimal(1)
    /// A move must save at least this share of the current cost.
    public var regionMoveMinimumShare = FixedDecimal(parsing: "0.05")!

    public init() {}
}
