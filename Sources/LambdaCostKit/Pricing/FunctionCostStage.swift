/// Stage 2b, the first pass over the ledger: reads it once, one function at a time, and feeds every consumer of
/// the month's cells together (``LedgerConsumer``): the function costs and the charges of no function
/// (``FunctionCostAccumulator``), the totals of the cost bridge (``LedgerTotals``) and the cost anomalies
/// (``AnomalyScenario/Detector``).
public struct FunctionCostStage: PipelineStage {
    public struct Output: Sendable {
        /// Functions sorted by account, region, name.
        public var functions: [FunctionCost]
        /// Lambda cost not attributable to a function (negations, credits, tax, data transfer), billed and
        /// effective, by what it is: the charge type, and for usage rows the usage kind (`Usage: data_transfer`).
        public var unattributed: [String: UnattributedCost]
        /// Every Lambda charge of the month summed, for the cost bridge.
        public var totals: LedgerTotals
        /// Days far above a function's median day (``AnomalyScenario``).
        public var anomalies: [Finding]
        /// The month's other services: tied to its functions, to functions not billed, or to none.
        public var otherServices = OtherServicesBreakdown()
    }

    public let name = "pricing"
    /// The anomaly thresholds (the configuration's `[scenarios]`).
    public var anomalySettings: ScenarioSettings

    public init(anomalySettings: ScenarioSettings = ScenarioSettings()) { self.anomalySettings = anomalySettings }

    public func run(_ input: IngestResult) throws -> Output {
        var costs = FunctionCostAccumulator(ingest: input)
        var totals = LedgerTotals()
        var anomalies = AnomalyScenario.Detector(settings: anomalySettings, month: input.ledger.month)
        input.ledger.forEachFunction { function, cells in
            costs.consume(function, cells)
            totals.consume(function, cells)
            anomalies.consume(function, cells)
        }
        var output = Output(functions: costs.functions.sorted { $0.function < $1.function }, unattributed: costs.unattributed,
                            totals: totals, anomalies: anomalies.findings)
        output.otherServices = OtherServicesBreakdown(input.otherServices, functions: Set(output.functions.map(\.function)))
        return output
    }
}
