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
        /// The month to report; `nil` picks the latest complete month (see ``IngestResult/MonthSelection``).
        public var month: BillingMonth?
        public var regions: RegionTable
        /// AWS Lambda Power Tuning result files (JSON).
        public var powerTuningFiles: [String]
        /// Compute Optimizer Lambda recommendations exports (CSV).
        public var computeOptimizerFiles: [String]
        /// Ledger cells held in memory before sorted runs are spilled to the temporary folder.
        public var memoryCellLimit = UsageLedger.defaultMemoryCellLimit
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
        let curReader = CURReader(regions: input.regions, into: accumulator)
        var seenDigests: [String: String] = [:]
        let aggregates = AggregateReader(regions: input.regions, into: accumulator)
        let files = input.curFiles.map { ($0, false) } + input.aggregateFiles.map { ($0, true) }
        for (offset, (path, isAggregate)) in files.enumerated() {
            input.progress?(path, offset + 1, files.count)
            if isAggregate { try aggregates.ingest(path: path) } else { try curReader.ingest(path: path) }
            if let file = accumulator.inputs.last, let first = seenDigests[file.sha256] {
                throw InputError(path: path, message: "the same content as \(first) was given twice; it would be counted twice")
            }
            if let file = accumulator.inputs.last { seenDigests[file.sha256] = path }
        }
        for (index, later) in accumulator.deliveries.enumerated() {
            for earlier in accumulator.deliveries[..<index] {
                if let conflict = earlier.conflict(with: later) { throw InputError(path: later.path, message: conflict) }
            }
        }
        let buckets = accumulator.buckets
        let monthsPresent = buckets.filter { $0.value.rows.read > 0 }.keys.sorted()
        let selection = Self.selectMonth(
            given: input.month, present: monthsPresent, latestUsage: buckets.mapValues(\.latestUsageHour))
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
        if let failure = accumulator.rejects.failure { throw failure }
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
            monthNote: selection?.note, skippedFiles: input.skippedFiles)
    }

    /// The month to report: the given one; else the latest month whose data reaches its last day (a usage start
    /// on that day, UTC, in a Lambda or other-service row); else, when no month does, the latest month present.
    /// The note says which month was chosen and why, unless it was given or is the latest month and complete.
    static func selectMonth(given: BillingMonth?, present: [BillingMonth], latestUsage: [BillingMonth: UsageHour?])
        -> (month: BillingMonth, how: IngestResult.MonthSelection, note: Diagnostic?)?
    {
        if let given { return (given, .explicit, nil) }
        guard let latest = present.last else { return nil }
        func reach(_ month: BillingMonth) -> UsageHour? { latestUsage[month] ?? nil }
        func isComplete(_ month: BillingMonth) -> Bool {
            guard let hour = reach(month) else { return false }
            return hour.hoursSinceEpoch >= month.next.firstHour.hoursSinceEpoch - 24
        }
        func reached(_ month: BillingMonth) -> String {
            guard let hour = reach(month) else { return "\(month) has no usable usage rows" }
            return "\(month) has usage up to \(hour.description.prefix(10))"
        }
        guard let complete = present.last(where: isComplete) else {
            return (latest, .latestPresent, Diagnostic(.note, at: nil,
                "reporting \(latest), the latest month in the input: no month's data reaches its last day (\(reached(latest))), so it may be incomplete; use --month to choose another"))
        }
        guard complete != latest else { return (complete, .latestComplete, nil) }
        let later = present.filter { $0 > complete }.map(reached).joined(separator: "; ")
        return (complete, .latestComplete, Diagnostic(.note, at: nil,
            "reporting \(complete), the latest complete month (its data reaches its last day); later months are not complete yet (\(later)); use --month to choose another"))
    }
}
