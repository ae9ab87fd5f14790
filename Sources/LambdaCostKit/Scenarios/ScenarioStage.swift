/// Stage 3: runs every scenario over the month's functions (the anomalies come from the first pass over the ledger).
public struct ScenarioStage: PipelineStage {
    public struct Input: Sendable {
        public var functions: [FunctionCost]
        /// The cost anomalies the first pass over the ledger found (``FunctionCostStage/Output/anomalies``).
        public var anomalies: [Finding]
        public var catalog: PriceCatalog
        /// The report's configuration (`lambda-cost-report.toml`): the knobs in `scenarios`, per-function rules beside them.
        public var configuration: ReportConfiguration
        /// Whether the month's data reaches its last day (the log storage growth check needs the whole month).
        public var monthComplete = true
        /// The scenario knobs, `configuration.scenarios`.
        public var settings: ScenarioSettings {
            get { configuration.scenarios }
            set { configuration.scenarios = newValue }
        }

        public init(functions: [FunctionCost], anomalies: [Finding] = [], catalog: PriceCatalog, configuration: ReportConfiguration = ReportConfiguration()) {
            self.functions = functions
            self.anomalies = anomalies
            self.catalog = catalog
            self.configuration = configuration
        }
    }

    public struct Output: Sendable {
        public var opportunities: [Opportunity]
        public var findings: [Finding]
        public var skipped: [ScenarioSkip]
    }

    public let name = "scenarios"

    public init() {}

    public func run(_ input: Input) throws -> Output {
        let functions = input.functions
        let catalog = input.catalog
        let settings = input.settings
        let graviton = GravitonScenario(configuration: input.configuration).evaluate(functions, catalog: catalog)
        let memory = MemoryScenario(settings: settings).evaluate(functions, catalog: catalog)
        let region = RegionMoveScenario(configuration: input.configuration).evaluate(functions, catalog: catalog)
        let idle = IdleWaitScenario(settings: settings).evaluate(functions, catalog: catalog)
        let batching = BatchingScenario(settings: settings).evaluate(functions, catalog: catalog)
        let timeouts = TimeoutScenario().evaluate(functions, catalog: catalog)
        let anomalies = input.anomalies
        let otherServices = OtherServicesScenario().evaluate(functions, monthComplete: input.monthComplete)
        // Idle-wait and memory both change memory size: keep one proposal per function, the memory one.
        let resized = Set(memory.opportunities.map(\.function))
        let idleOnly = idle.opportunities.filter { !resized.contains($0.function) }
        return Output(
            opportunities: graviton.opportunities + memory.opportunities + region + idleOnly + batching.opportunities,
            findings: timeouts + idle.findings + anomalies + otherServices,
            skipped: graviton.skipped + memory.skipped + batching.skipped)
    }
}
