/// Stage 1: reads the CUR files and metrics files into the month's ledger, reconciled totals and rejects.
public struct IngestStage: PipelineStage {
    public struct Input: Sendable {
        /// CUR files (`.csv` or `.csv.gz`); folders are expanded by ``InputFiles``.
        public var curFiles: [String]
        /// Files under the input folders that are not read, and why (copied to ``IngestResult/skippedFiles``).
        public var skippedFiles: [SkippedFile] = []
        /// Hourly aggregates of CURs (docs/scale-out.md), read after the CUR files into the same months.
        public var aggregateFiles: [String] = []
        public var metricsFiles: [String]
        /// The month to report; `nil` picks the latest complete month (see ``MonthSelector``).
        public var month: BillingMonth?
        /// `--strict`: an ambiguous choice of the default month is an error (see ``MonthSelector``).
        public var strict = false
        /// `--allow-empty`: a given month the input holds no row of gives an empty month instead of an error.
        public var allowEmpty = false
        public var regions: RegionTable
        /// AWS Lambda Power Tuning result files (JSON).
        public var powerTuningFiles: [String]
        /// Compute Optimizer Lambda recommendations exports (CSV).
        public var computeOptimizerFiles: [String]
        /// How other services' rows are tied to functions (docs/attribution.md).
        public var attribution = AttributionRules()
        /// Ledger cells held in memory before sorted runs are spilled to the temporary folder.
        public var memoryCellLimit = UsageLedger.defaultMemoryCellLimit
        /// How a large plain CSV file or Parquet file of several row groups is split to be read on several threads
        /// (tests force or prevent it).
        var parseSplit = ParseSplit()
        /// Called before each CUR file is read, with its path, its number (from 1) and the number of files.
        public var progress: (@Sendable (_ path: String, _ number: Int, _ count: Int) -> Void)?

        public init(curFiles: [String], metricsFiles: [String] = [], month: BillingMonth? = nil, regions: RegionTable = .builtIn,
                    powerTuningFiles: [String] = [], computeOptimizerFiles: [String] = []) {
            self.curFiles = curFiles
            self.metricsFiles = metricsFiles
            self.powerTuningFiles = powerTuningFiles
            self.computeOptimizerFiles = computeOptimizerFiles
            self.month = month
            self.regions = regions
        }
    }

    public let name = "ingest"

    public init() {}

    public func run(_ input: Input) throws -> IngestResult {
        let accumulator = MonthAccumulator(memoryCellLimit: input.memoryCellLimit)
        let curReader = CURReader(regions: input.regions, attribution: input.attribution, into: accumulator)
        curReader.split = input.parseSplit
        // The files read so far by size: only files of the same size can have the same content, so a digest still
        // being computed is waited for only then.
        var filesBySize: [Int: [IngestResult.InputFile]] = [:]
        let aggregates = AggregateReader(regions: input.regions, attribution: input.attribution, into: accumulator)
        let files = input.curFiles.map { ($0, false) } + input.aggregateFiles.map { ($0, true) }
        for (offset, (path, isAggregate)) in files.enumerated() {
            input.progress?(path, offset + 1, files.count)
            let inputsBefore = accumulator.inputs.count
            if isAggregate { try aggregates.ingest(path: path) } else { try curReader.ingest(path: path) }
            for file in accumulator.inputs[inputsBefore...] {
                for earlier in filesBySize[file.bytes] ?? [] where try earlier.sha256() == file.sha256() {
                    throw InputError(path: file.path, message: "the same content as \(earlier.path) was given twice; it would be counted twice")
                }
                filesBySize[file.bytes, default: []].append(file)
            }
        }
        for (index, later) in accumulator.deliveries.enumerated() {
            for earlier in accumulator.deliveries[..<index] {
                if let conflict = earlier.conflict(with: later) { throw InputError(path: later.path, message: conflict) }
            }
        }
        let buckets = accumulator.buckets.filter { $0.value.rows.read > 0 }
        let monthsPresent = buckets.keys.sorted()
        let selection = try MonthSelector(strict: input.strict, allowEmpty: input.allowEmpty)
            .select(given: input.month, coverage: buckets.mapValues(\.coverage))
        guard let month = selection?.month else {
            throw InputError(path: files.first?.0 ?? "input", message: "no usable CUR rows: there is no month to report")
        }
        var outsideMonth = (rows: 0, cost: FixedDecimal.zero)
        for (other, otherBucket) in accumulator.buckets where other != month {
            outsideMonth.rows += otherBucket.rows.read
            outsideMonth.cost += otherBucket.totals.input
        }
        // Taken out of the accumulator, so that finishing the ledger does not copy it.
        var bucket = accumulator.takeBucket(month) ?? MonthAccumulator.MonthBucket(ledger: UsageLedger(month: month, memoryCellLimit: input.memoryCellLimit))
        bucket.ledger.finishWriting()
        let coverage = bucket.coverage
        var previousMonth: PreviousMonthCosts?
        if var previous = accumulator.takeBucket(month.previous), previous.rows.lambda > 0 {
            previous.ledger.finishWriting()
            previousMonth = PreviousMonthCosts(ledger: previous.ledger, source: "input")
        }
        bucket.rows.read += accumulator.unplacedRejects.rows.read
        bucket.rows.rejected += accumulator.unplacedRejects.rows.rejected
        bucket.totals.input += accumulator.unplacedRejects.totals.input
        bucket.totals.rejected += accumulator.unplacedRejects.totals.rejected
        bucket.rows.read += outsideMonth.rows
        bucket.rows.outsideMonth += outsideMonth.rows
        bucket.totals.input += outsideMonth.cost
        bucket.totals.outsideMonth += outsideMonth.cost
        if let failure = accumulator.rejects.failure ?? accumulator.spillFailure { throw failure }
        let rejects = RejectedRows(month: month, log: accumulator.rejects)
        var diagnostics = accumulator.diagnostics + accumulator.summaryDiagnostics()
        if bucket.rows.outsideMonth > 0 {
            let others = monthsPresent.filter { $0 != month }.map(\.description).joined(separator: ", ")
            diagnostics.append(Diagnostic(.note, at: nil,
                "\(bucket.rows.outsideMonth) rows belong to other months (\(others)); they are counted apart, not in \(month)"))
        }
        var metrics: [FunctionIdentity: FunctionMetrics] = [:]
        for path in input.metricsFiles {
            try MetricsReader().read(path: path, into: &metrics, diagnostics: &diagnostics)
        }
        let known = Set(bucket.ledger.functions)
        for identity in metrics.keys.sorted() where !known.contains(identity) {
            diagnostics.append(Diagnostic(.warning, at: nil,
                "metrics name \(identity.name) in \(identity.region) (\(identity.accountID)), which has no Lambda usage in \(month)"))
        }
        let tuning = OptimizationInputReader()
        let powerTuning = try tuning.readPowerTuning(paths: input.powerTuningFiles, known: known.sorted(), diagnostics: &diagnostics)
        let computeOptimizer = try tuning.readComputeOptimizer(paths: input.computeOptimizerFiles, diagnostics: &diagnostics)
        for identity in (Array(powerTuning.keys) + Array(computeOptimizer.keys)).sorted() where !known.contains(identity) {
            diagnostics.append(Diagnostic(.warning, at: nil,
                "tuning input names \(identity.name) in \(identity.region) (\(identity.accountID)), which has no Lambda usage in \(month)"))
        }
        return IngestResult(
            month: month, monthsPresent: monthsPresent, ledger: bucket.ledger, inputs: accumulator.inputs, rows: bucket.rows,
            totals: bucket.totals, savingsPlanFees: bucket.savingsPlanFees, previousMonth: previousMonth, rejectedRowsWithoutCost: rejects.withoutCost,
            rejects: rejects, roundedAmounts: accumulator.roundedAmounts, metrics: metrics, powerTuning: powerTuning,
            computeOptimizer: computeOptimizer, diagnostics: diagnostics, monthSelection: selection?.how ?? .explicit,
            monthNote: selection?.note, skippedFiles: input.skippedFiles, coverage: coverage,
            otherServices: accumulator.settledOtherServices(of: bucket))
    }
}
