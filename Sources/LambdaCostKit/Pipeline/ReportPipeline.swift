/// The monthly job as a list of named stages: ingest → pricing → scenarios → ranking → render → output.
/// Each stage has a typed input and output; only the output stage writes to disk.
public struct ReportPipeline: Sendable {
    public struct Options: Sendable {
        public var inputs: [String]
        public var metrics: [String]
        public var powerTuning: [String] = []
        public var computeOptimizer: [String] = []
        public var pricingDirectory: String
        public var month: BillingMonth?
        public var outputDirectory: String
        public var templatesDirectory: String
        /// When the report was made, as the caller writes it (`--generated-at`): shown in the page footers and
        /// `manifest.json`. `nil` (the default) leaves it out, so the same input always gives the same bytes.
        public var generatedAt: String? = nil

        public init(inputs: [String], metrics: [String] = [], pricingDirectory: String = "data/pricing", month: BillingMonth? = nil,
                    outputDirectory: String = "output", templatesDirectory: String = "templates") {
            self.inputs = inputs
            self.metrics = metrics
            self.pricingDirectory = pricingDirectory
            self.month = month
            self.outputDirectory = outputDirectory
            self.templatesDirectory = templatesDirectory
        }
    }

    /// What a finished run produced.
    public struct Outcome: Sendable {
        public var report: Report
        public var folder: String
        public var manifest: Manifest
        public var diagnostics: [Diagnostic]

        /// `2026-10: 24 functions, Lambda cost $1,234.57, potential savings $120.00 → output/2026-10`
        public var summaryLine: String {
            "\(report.month): \(report.functions.count) functions, Lambda cost \(Format.usd(report.lambdaCost)), "
                + "potential savings \(Format.usd(report.potentialSavings)) per month, report in \(folder)"
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    public func run() throws(StageError) -> Outcome {
        let files: InputFiles
        do {
            files = try InputFiles.expand(
                inputs: options.inputs, metrics: options.metrics, powerTuning: options.powerTuning,
                computeOptimizer: options.computeOptimizer)
        } catch {
            throw StageError(stage: "ingest", underlying: error)
        }
        let catalog = try CatalogLoader()(options.pricingDirectory)
        let ingest = try IngestStage()(IngestStage.Input(
            curFiles: files.cur, metricsFiles: files.metrics, month: options.month, regions: catalog.regionTable,
            powerTuningFiles: files.powerTuning, computeOptimizerFiles: files.computeOptimizer))
        let costs = try FunctionCostStage()(ingest)
        let repriced = try RepricingStage()(RepricingStage.Input(
            functions: costs.functions, catalog: catalog,
            billHasPublicOnDemandCost: ingest.inputs.allSatisfy(\.hasPublicOnDemandCost)))
        let scenarios = try ScenarioStage()(ScenarioStage.Input(functions: repriced.functions, ledger: ingest.ledger, catalog: catalog))
        let report = try RankingStage()(RankingStage.Input(
            ingest: ingest, catalog: catalog, functions: repriced.functions, unattributed: costs.unattributed,
            pricingGaps: repriced.gaps, scenarios: scenarios))
        let rendered = try RenderStage()(RenderStage.Input(
            report: report, templatesDirectory: options.templatesDirectory, generatedAt: options.generatedAt))
        let written = try OutputStage()(OutputStage.Input(
            report: report, files: rendered.files, metricsInputs: files.metrics, outputDirectory: options.outputDirectory,
            generatedAt: options.generatedAt))
        return Outcome(report: report, folder: written.folder, manifest: written.manifest, diagnostics: ingest.diagnostics)
    }
}
