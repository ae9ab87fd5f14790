/// Generates a deterministic synthetic AWS Cost and Usage Report for a small company's month of AWS Lambda
/// (plus some DynamoDB, S3, API Gateway and CloudWatch), and the matching per-function metrics.
///
/// Same configuration, same bytes: all randomness comes from a seeded SplitMix64 and all amounts are
/// ``FixedDecimal`` or integers. The CUR is streamed hour by hour, so memory stays small for any size.
public struct SampleGenerator: Sendable {
    /// The validated configuration.
    public let configuration: Configuration
    /// The true configuration of each function, in generation order (the first six are fixed scenarios).
    public let functions: [SampleFunction]
    /// Indices into ``functions`` sorted by account, region code and name: the order of rows within an hour.
    let outputOrder: [Int]
    let model: SampleUsageModel
    /// Month totals per function (generation order), consistent with the CUR.
    let totals: [SampleFunctionTotals]
    let savingsPlan: SampleSavingsPlan
    let otherServices: SampleOtherServices

    /// Validates the configuration and plans the month; throws ``SampleGeneratorError`` for values out of range.
    public init(_ configuration: Configuration) throws {
        try configuration.validate()
        self.configuration = configuration
        let functions = SampleFleet.make(count: configuration.functions, seed: configuration.seed)
        self.functions = functions
        outputOrder = functions.indices.sorted { a, b in
            let left = functions[a], right = functions[b]
            return (left.accountId, left.regionCode, left.name) < (right.accountId, right.regionCode, right.name)
        }
        let model = SampleUsageModel(seed: configuration.seed, month: configuration.month)
        self.model = model

        // Pre-pass: month totals, eligible on-demand spend (for the default commitment), Lambda rows per hour.
        let hours = configuration.days * 24
        var totals: [SampleFunctionTotals] = []
        var eligibleSpend = FixedDecimal.zero
        var estimatedRows = 0
        for (index, function) in functions.enumerated() {
            var total = SampleFunctionTotals()
            for hour in 0..<hours {
                let usage = model.usage(of: function, index: index, hour: hour)
                total.add(usage)
                estimatedRows += (usage.invocations > 0 ? 1 : 0) + (usage.onDemandMilliseconds > 0 ? 1 : 0)
                    + (usage.provisionedMilliseconds > 0 ? 1 : 0) + (function.provisionedConcurrency > 0 ? 1 : 0)
                    + (function.ephemeralStorageMB > 512 && usage.billedMilliseconds > 0 ? 1 : 0)
            }
            totals.append(total)
            let region = function.region
            if let price = region.lambdaPrice(.duration, function.architecture) {
                eligibleSpend += SampleCURProducer.gigabyteSeconds(total.onDemandMilliseconds, function.memoryMB) * price
            }
            if function.provisionedConcurrency > 0,
                let duration = region.lambdaPrice(.provisionedDuration, function.architecture),
                let concurrency = region.lambdaPrice(.provisionedConcurrency, function.architecture)
            {
                eligibleSpend += SampleCURProducer.gigabyteSeconds(total.provisionedMilliseconds, function.memoryMB)
                    * duration
                eligibleSpend += SampleCURProducer.provisionedAmount(function) * hours * concurrency
            }
        }
        self.totals = totals
        let derived = (eligibleSpend.divided(by: hours) * SampleSavingsPlan.defaultCoverage
            * SampleSavingsPlan.rateFactor).rounded(places: 3)
        savingsPlan = SampleSavingsPlan(
            hourlyCommitment: configuration.savingsPlanHourlyCommitment ?? max(derived, FixedDecimal(1, fractionDigits: 3)))

        // Enough other-service slots for the busiest hours (2 × the average need, so each appears about every other hour).
        let percent = configuration.otherServicesRowPercent
        let lambdaRowsPerHour = estimatedRows / hours + 4
        let averageNeed = lambdaRowsPerHour * percent / (100 - percent)
        otherServices = SampleOtherServices(
            functions: functions, seed: configuration.seed, minimumSlots: max(8, averageNeed * 2 + 4))
    }

    /// Number of columns of the legacy spelling.
    static var legacyColumnCount: Int { SampleCURField.columns(.legacy).count }

    /// Hours of usage generated.
    var hours: Int { configuration.days * 24 }

    /// Streams the CUR CSV (header + rows, LF line endings, RFC 4180 quoting where needed) to `write`, in chunks
    /// of at most 256 KiB. Returns counts and sums of what was written.
    @discardableResult
    public func writeCUR(_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> SampleStatistics {
        try withoutActuallyEscaping(write) { sink in
            let buffer = SampleOutputBuffer(sink: sink)
            var producer = SampleCURProducer(generator: self, buffer: buffer)
            var statistics = try producer.run()
            try buffer.flush()
            statistics.bytes = buffer.flushedBytes
            return statistics
        }
    }

    /// The per-function metrics CSV consistent with the CUR (one row per function, sorted by account, region
    /// and function name).
    public func metricsCSV() -> String { SampleMetrics(generator: self).csv() }
}
