import Foundation

/// The monthly job as a list of named stages: ingest → pricing → scenarios (per function, then Savings Plans and
/// provisioned concurrency) → ranking → render → output, then the site of all months (``SiteIndex``).
/// Each stage has a typed input and output; only the output stage writes to disk (and the site of all months after it).
public struct ReportPipeline: Sendable {
    public struct Options: Sendable {
        public var inputs: [String]
        public var metrics: [String]
        public var powerTuning: [String] = []
        public var computeOptimizer: [String] = []
        public var pricingDirectory: String
        public var month: BillingMonth?
        /// `--strict`: an ambiguous choice of the default month stops the run (see ``MonthSelector``).
        public var strict = false
        /// `--allow-empty`: a `month` the input holds no row of gives an empty report instead of an error.
        public var allowEmpty = false
        public var outputDirectory: String
        public var templatesDirectory: String
        /// Where the report's configuration comes from (default: the built-in defaults).
        public var configuration: ConfigurationSource = .defaults
        /// An earlier report's folder (`output/2026-09`) to compare with; without it the comparison uses the
        /// previous month when the input holds it.
        public var previousReport: String?
        /// Called before each CUR file is read (see ``IngestStage/Input/progress``).
        public var progress: (@Sendable (_ path: String, _ number: Int, _ count: Int) -> Void)?
        /// When the report was made, as the caller writes it (`--generated-at`): shown in the page footers and
        /// `manifest.json`. `nil` (the default) leaves it out, so the same input always gives the same bytes.
        public var generatedAt: String? = nil
        /// How a large plain CSV file or Parquet file of several row groups is split to be read on several threads
        /// (tests force or prevent it).
        var parseSplit = ParseSplit()
        /// Keeps the month's ledger cells readable in the report the run returns, for a caller that renders it again
        /// (tests). By default they are discarded once the render has read them, before the output is synced
        /// (``UsageLedger/discardCells()``).
        public var keepsLedgerCells = false

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

    /// Where the configuration comes from.
    public enum ConfigurationSource: Sendable {
        /// The built-in defaults.
        case defaults
        /// A `lambda-cost-report.toml` file, read once the catalog is loaded (its region codes are the valid ones).
        case file(String)
        /// A configuration already read.
        case value(ReportConfiguration)
    }

    /// What a finished run produced.
    public struct Outcome: Sendable {
        public var report: Report
        public var folder: String
        public var manifest: Manifest
        /// The month note (which month was chosen, when not given), then the ingest diagnostics.
        public var diagnostics: [Diagnostic]

        /// `2026-10: 24 functions, Lambda cost $1,234.57 (effective; billed $1,100.00), potential savings $120.00 → output/2026-10`
        public var summaryLine: String {
            "\(report.month): \(report.functions.count) functions, Lambda cost \(Format.usd(report.lambdaEffectiveCost)) (effective; billed \(Format.usd(report.lambdaBilledCost))), "
                + "potential savings \(Format.usd(report.potentialSavings)) per month, report in \(folder)"
        }
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// Ingest and reconcile only (the `validate` command): the files, the catalog and the ingest result.
    /// Writes nothing.
    public func ingest() throws(StageError) -> (files: InputFiles, catalog: PriceCatalog, ingest: IngestResult) {
        FreeMemory.bounded
        let files = try inputFiles()
        let catalog = try CatalogLoader()(options.pricingDirectory)
        var split = options.parseSplit
        split.stagesFollow = false  // only the hash is waited for
        let ingest = try ingest(files, catalog: catalog, attribution: configuration(catalog: catalog).attribution, split: split)
        try Self.waitForDigests(of: ingest)
        return (files, catalog, ingest)
    }

    /// Waits for the inputs' digests still being computed (``InputDigest``); an input that changed while it was read
    /// is the ingest's error.
    private static func waitForDigests(of ingest: IngestResult) throws(StageError) {
        do {
            for file in ingest.inputs { _ = try file.sha256() }
        } catch {
            throw StageError(stage: "ingest", underlying: error)
        }
    }

    private func inputFiles() throws(StageError) -> InputFiles {
        do {
            return try InputFiles.expand(
                inputs: options.inputs, metrics: options.metrics, powerTuning: options.powerTuning,
                computeOptimizer: options.computeOptimizer, outputDirectory: options.outputDirectory)
        } catch {
            throw StageError(stage: "ingest", underlying: error)
        }
    }

    private func ingest(_ files: InputFiles, catalog: PriceCatalog, attribution: AttributionRules,
                        split: ParseSplit) throws(StageError) -> IngestResult {
        var input = IngestStage.Input(
            curFiles: files.cur, metricsFiles: files.metrics, month: options.month, regions: catalog.regionTable,
            powerTuningFiles: files.powerTuning, computeOptimizerFiles: files.computeOptimizer)
        input.aggregateFiles = files.aggregate
        input.skippedFiles = files.skipped
        input.strict = options.strict
        input.allowEmpty = options.allowEmpty
        input.progress = options.progress
        input.parseSplit = split
        input.attribution = attribution
        var result = try IngestStage()(input)
        result.diagnostics = files.diagnostics + result.diagnostics
        return result
    }

    /// The configuration to use. A file is checked against the catalog's region codes and move groups; its problems throw a
    /// ``StageError`` of stage `configuration` around the ``ConfigurationError``.
    public func configuration(catalog: PriceCatalog) throws(StageError) -> ReportConfiguration {
        switch options.configuration {
        case .defaults: return ReportConfiguration()
        case .value(let configuration): return configuration
        case .file(let path):
            do {
                return try ReportConfiguration(
                    contentsOfFile: path, knownRegions: Set(catalog.regions.keys), knownGroups: Set(catalog.regions.values.map(\.moveGroup)))
            } catch {
                throw StageError(stage: "configuration", underlying: error)
            }
        }
    }

    /// For a SIGTERM or SIGINT handler about to exit: removes the staging folder of a report being written (waiting
    /// for a write or the renames in progress) and puts back a report moved aside; nothing is written after it.
    /// Returns what it did (``OutputTransaction``).
    public static func abandonOutputInProgress() -> [String] { OutputTransaction.abandonAll(keepingLock: true) }

    public func run() throws(StageError) -> Outcome {
        FreeMemory.bounded
        let catalog = try CatalogLoader()(options.pricingDirectory)
        let configuration = try configuration(catalog: catalog)
        if let folder = options.previousReport {
            // A wrong --previous stops the run before the bill is read, not after the scenarios.
            do {
                _ = try PreviousReportReader().month(folder: folder)
            } catch {
                throw StageError(stage: "ingest", underlying: error)
            }
        }
        let files = try inputFiles()
        var ingest = try ingest(files, catalog: catalog, attribution: configuration.attribution, split: options.parseSplit)
        let (ranked, previousNotes) = try rank(&ingest, catalog: catalog, configuration: configuration)
        var report = ranked
        // The report's copy of the ledger is the one the render reads: this copy lets go of the spilled runs.
        ingest.ledger.discardCells()
        FreeMemory.returnToSystem()
        let staging: StagingFolder
        do {
            staging = try StagingFolder(outputDirectory: options.outputDirectory, month: report.month)
        } catch {
            throw StageError(stage: "output", underlying: error)
        }
        defer { staging.close() }
        let rendered = try RenderStage()(RenderStage.Input(
            report: report, templatesDirectory: options.templatesDirectory, generatedAt: options.generatedAt,
            teamTagKey: configuration.teams.tagKey, htmlBaseURL: configuration.htmlBaseURL,
            topRows: configuration.topRows, sink: staging))
        // Nothing reads the cells after the render: their spilled runs go before the output is synced (``UsageLedger/discardCells()``).
        if !options.keepsLedgerCells { report.ingest.ledger.discardCells() }
        // The inputs hashed beside the later stages: a file that changed while it was read stops the run here.
        try Self.waitForDigests(of: report.ingest)
        let written = try OutputStage()(OutputStage.Input(
            report: report, staging: staging, metricsInputs: files.metrics, generatedAt: options.generatedAt))
        // The site of all months, from the months' kpis.json files, now that this month's folder is in place.
        let site = SiteIndex(outputDirectory: options.outputDirectory, templatesDirectory: options.templatesDirectory,
                             goals: configuration.kpi, generatedAt: options.generatedAt).rebuild()
        return Outcome(report: report, folder: written.folder, manifest: written.manifest,
            diagnostics: (ingest.monthNote.map { [$0] } ?? []) + ingest.diagnostics + previousNotes + rendered.diagnostics + written.notes + site)
    }

    /// The earlier report whose opportunities the month follows up (and whose costs it compares with, unless the
    /// input holds the month before): `--previous`, whose problems stop the run; else the month before's folder in the
    /// output directory when it holds a report, whose problems are a warning (the operator did not name it).
    private func previousReport(month: BillingMonth) throws(StageError) -> (PreviousReport?, [Diagnostic]) {
        if let folder = options.previousReport {
            do {
                let previous = try PreviousReportReader().read(folder: folder)
                guard previous.month < month else {
                    throw InputError(path: folder, message: "the earlier report is of \(previous.month), which is not before \(month)")
                }
                return (previous, [])
            } catch {
                throw StageError(stage: "ingest", underlying: error)
            }
        }
        let folder = "\(options.outputDirectory)/\(month.previous)"
        guard FileManager.default.fileExists(atPath: folder + "/manifest.json") else { return (nil, []) }
        do {
            let previous = try PreviousReportReader().read(folder: folder)
            guard previous.month == month.previous else {
                throw InputError(path: folder, message: "holds the report of \(previous.month), not of \(month.previous)")
            }
            return (previous, [Diagnostic(.note, at: nil, "following up the opportunities of \(folder), the month before's report in the output folder (--previous names another)")])
        } catch {
            let problem = (error as? InputError).map { "\($0.path): \($0.message)" } ?? "\(error)"
            return (nil, [Diagnostic(.warning, at: nil, "\(problem) (the month before's report, read to follow up its opportunities: they are not followed up)")])
        }
    }

    /// Pricing, scenarios and ranking: the stages between the ingest and the render. What they make on the way (the
    /// first pass's functions, the scenarios' and the commitments' opportunities) ends with this call, so the
    /// render of a fleet holds the report and nothing else of theirs. Drops the ingest's per-function inputs once
    /// each function carries its own. Returns the report and the notes of the earlier report followed up.
    private func rank(_ ingest: inout IngestResult, catalog: PriceCatalog,
                      configuration: ReportConfiguration) throws(StageError) -> (Report, [Diagnostic]) {
        var costs = try FunctionCostStage(anomalySettings: configuration.scenarios)(ingest)
        // Each function carries its own metrics and optimization inputs from here on: the ingest's tables would
        // only hold them twice (half a kilobyte per function of a fleet).
        ingest.metrics = [:]
        ingest.powerTuning = [:]
        ingest.computeOptimizer = [:]
        ingest.otherServices = OtherServiceCosts()  // each function carries its share; the breakdown has the rest
        do {
            try ingest.ledger.dropFunctionAttributes()  // the tags and qualifiers too
        } catch {
            throw StageError(stage: "pricing", underlying: error)
        }
        let repriced = try RepricingStage()(RepricingStage.Input(
            functions: costs.functions, catalog: catalog,
            billHasPublicOnDemandCost: ingest.inputs.allSatisfy(\.hasPublicOnDemandCost)))
        costs.functions = []  // the repriced copy replaces them: one fleet of functions in memory, not two
        var scenarioInput = ScenarioStage.Input(
            functions: repriced.functions, anomalies: costs.anomalies, catalog: catalog, configuration: configuration)
        scenarioInput.monthComplete = ingest.monthComplete
        let scenarios = try ScenarioStage()(scenarioInput)
        var commitmentInput = CommitmentStage.Input(
            ledger: ingest.ledger, functions: repriced.functions, catalog: catalog, savingsPlanFees: ingest.savingsPlanFees,
            options: configuration.savingsPlans, opportunities: scenarios.opportunities)
        commitmentInput.waiting = Set(scenarios.findings.filter { $0.kind == IdleWaitScenario.identifier }.map(\.function))
        commitmentInput.alternatives = configuration.alternatives
        let commitments = try CommitmentStage()(commitmentInput)
        // The commitment stage's parts ran on worker threads, whose arenas keep what they freed: handed back before
        // the earlier report is read, it does not stack on top of it (the month followed up peaked at 287 MiB while
        // reading it, 2026-12-06).
        FreeMemory.returnToSystem()
        // The earlier report, read only now (the pricing and the scenarios do not need it) and ended with this call
        // once its opportunities are followed up.
        let (previous, previousNotes) = try previousReport(month: ingest.month)
        if let previous, options.previousReport != nil || ingest.previousMonth == nil {
            ingest.previousMonth = previous.costs
        }
        var ranking = RankingStage.Input(
            ingest: ingest, catalog: catalog, functions: repriced.functions, unattributed: costs.unattributed,
            pricingGaps: repriced.gaps, scenarios: scenarios, commitments: commitments, ledgerTotals: costs.totals)
        ranking.teams = configuration.teams
        ranking.showback = configuration.showback
        ranking.otherServices = costs.otherServices
        ranking.previousReport = previous
        ingest.previousMonth = nil  // the ranking's copy makes the comparison: one copy of a fleet's month before, not two
        return (try RankingStage()(ranking), previousNotes)
    }
}
