/// One row of the Compute Optimizer Lambda recommendations export (CSV), for comparison with the tool's
/// own memory scenario. Compute Optimizer's method is not published; its numbers are shown as its own.
public struct ComputeOptimizerRecommendation: Equatable, Sendable {
    public var function: FunctionIdentity
    /// `Optimized`, `NotOptimized` or `Unavailable`.
    public var finding: String
    public var reasons: String
    public var currentMemoryMB: Int?
    /// The rank-1 option's memory size.
    public var recommendedMemoryMB: Int?
    /// The rank-1 option's estimated monthly savings, as Compute Optimizer states it.
    public var estimatedMonthlySavings: FixedDecimal?
    public var performanceRisk: String
}
