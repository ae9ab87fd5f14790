/// Stage 3: runs every scenario over the month's functions.
public struct ScenarioStage: PipelineStage {
    public struct Input: Sendable {
        public var functions: [FunctionCost]
        public var catalog: PriceCatalog
        public var graviton: GravitonScenario

        public init(functions: [FunctionCost], catalog: PriceCatalog, graviton: GravitonScenario = GravitonScenario()) {
            self.functions = functions
            self.catalog = catalog
            self.graviton = graviton
        }
    }

    public struct Output: Sendable {
        public var opportunities: [Opportunity]
        public var skipped: [ScenarioSkip]
    }

    public let name = "scenarios"

    public init() {}

    public func run(_ input: Input) throws -> Output {
        let graviton = input.graviton.evaluate(input.functions, catalog: input.catalog)
        return Output(opportunities: graviton.opportunities, skipped: graviton.skipped)
    }
}
