/// Reads the per-function metrics CSV (`docs/metrics.md`): columns by name, one row per function.
/// Unknown columns are ignored; a bad value is a diagnostic and leaves that field empty.
public struct MetricsReader {
    static let requiredColumns = ["account_id", "region", "function_name"]

    /// The largest value of each numeric column: Lambda's own limits (10,240 MB of memory and of ephemeral
    /// storage, a 900 s timeout, a 12-hour SQS visibility timeout), and 10¹² for a month's counts. A larger value
    /// is not a measurement, and the scenarios' exact arithmetic could overflow on it.
    static let maximums: [String: Int] = {
        var table = ["memory_mb": 10_240, "ephemeral_mb": 10_240, "max_memory_used_mb": 10_240, "timeout_s": 900,
                     "sqs_visibility_timeout_s": 43_200]
        for name in ["avg_duration_ms", "p50_duration_ms", "p99_duration_ms", "avg_billed_duration_ms", "avg_init_duration_ms",
                     "avg_cpu_time_ms"] { table[name] = 900_000 }
        for name in ["invocations", "cold_starts", "errors", "timeouts", "avg_streamed_bytes", "p99_streamed_bytes"] {
            table[name] = 1_000_000_000_000
        }
        return table
    }()

    public init() {}

    /// Problems listed per metrics file before the rest are only counted.
    static let diagnosticLimit = 50

    /// Reads one metrics file; rows for the same function in several files: the later file wins, with a warning.
    public func read(path: String, into metrics: inout [FunctionIdentity: FunctionMetrics], diagnostics: inout [Diagnostic]) throws {
        let reader = CSVReader(source: try ByteSource(path: path))
        guard try reader.nextRecord() else {
            diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: 1), "the metrics file is empty"))
            return
        }
        var columns: [String: Int] = [:]
        for index in 0..<reader.fieldCount { columns[(reader.string(index) ?? "").lowercased()] = index }
        let missing = Self.requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(path: path, message: "not a metrics file: missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
        }
        // Problems are listed up to a limit per file, like rejected CUR rows; past it they are only counted.
        var listed = 0
        func note(_ diagnostic: Diagnostic) {
            listed += 1
            if listed <= Self.diagnosticLimit { diagnostics.append(diagnostic) }
        }
        defer {
            if listed > Self.diagnosticLimit {
                diagnostics.append(Diagnostic(.note, at: nil,
                    "\(path): \(listed - Self.diagnosticLimit) more problems in the metrics file are not listed"))
            }
        }
        let width = reader.fieldCount
        while try reader.nextRecord() {
            func location(_ index: Int) -> SourceLocation {
                SourceLocation(file: path, line: reader.line(ofField: index), column: reader.column(ofField: index))
            }
            if let malformation = reader.malformation {
                let (line, column) = reader.position(ofRecordOffset: malformation.offset)
                note(Diagnostic(.error, at: SourceLocation(file: path, line: line, column: column), "\(malformation.reason); row ignored"))
                continue
            }
            guard reader.fieldCount == width else {
                note(Diagnostic(.error, at: SourceLocation(file: path, line: reader.line, column: 1),
                    "expected \(width) fields as in the header, found \(reader.fieldCount); row ignored"))
                continue
            }
            func text(_ name: String) -> String? {
                guard let index = columns[name], !reader.isEmpty(index) else { return nil }
                return reader.string(index)
            }
            guard let account = text("account_id"), let region = text("region"), let name = text("function_name") else {
                note(Diagnostic(.error, at: SourceLocation(file: path, line: reader.line, column: 1),
                    "expected account_id, region and function_name; row ignored"))
                continue
            }
            let identity = FunctionIdentity(accountID: account, region: region, name: name)
            var row = FunctionMetrics(function: identity)
            func decimal(_ name: String) -> FixedDecimal? {
                guard let index = columns[name], !reader.isEmpty(index) else { return nil }
                let parsed = reader.withField(index) { FixedDecimal.parse($0) }
                guard case .success(let value) = parsed, !value.value.isNegative else {
                    note(Diagnostic(.error, at: location(index),
                        "expected a non-negative decimal number in '\(name)', found \"\(reader.lossyString(index))\""))
                    return nil
                }
                if let maximum = Self.maximums[name], value.value > FixedDecimal(maximum) {
                    note(Diagnostic(.error, at: location(index),
                        "expected at most \(maximum) in '\(name)', found \"\(reader.lossyString(index))\""))
                    return nil
                }
                return value.value
            }
            func integer(_ name: String) -> Int? {
                guard let value = decimal(name) else { return nil }
                guard value.ceiling == value, value <= FixedDecimal(1_000_000) else {
                    note(Diagnostic(.error, at: location(columns[name]!), "expected a whole number in '\(name)', found \"\(value)\""))
                    return nil
                }
                return Int(value.units / FixedDecimal.scale)
            }
            if let architecture = text("architecture") {
                if let parsed = Architecture(rawValue: architecture) {
                    row.architecture = parsed
                } else {
                    note(Diagnostic(.error, at: location(columns["architecture"]!),
                        "expected 'x86_64' or 'arm64' in 'architecture', found \"\(architecture)\""))
                }
            }
            row.memoryMB = integer("memory_mb")
            row.ephemeralMB = integer("ephemeral_mb")
            row.timeoutSeconds = decimal("timeout_s")
            row.trigger = text("trigger")
            row.invocations = decimal("invocations")
            row.averageDurationMs = decimal("avg_duration_ms")
            row.p50DurationMs = decimal("p50_duration_ms")
            row.p99DurationMs = decimal("p99_duration_ms")
            row.averageBilledDurationMs = decimal("avg_billed_duration_ms")
            row.maxMemoryUsedMB = decimal("max_memory_used_mb")
            row.coldStarts = decimal("cold_starts")
            row.averageInitDurationMs = decimal("avg_init_duration_ms")
            row.averageCPUTimeMs = decimal("avg_cpu_time_ms")
            row.errors = decimal("errors")
            row.timeouts = decimal("timeouts")
            row.sqsVisibilityTimeoutSeconds = decimal("sqs_visibility_timeout_s")
            row.averageStreamedBytes = decimal("avg_streamed_bytes")
            row.p99StreamedBytes = decimal("p99_streamed_bytes")
            if metrics[identity] != nil {
                note(Diagnostic(.warning, at: SourceLocation(file: path, line: reader.line, column: 1),
                    "metrics for \(identity.name) in \(identity.region) (\(identity.accountID)) given twice; this row wins"))
            }
            metrics[identity] = row
        }
    }
}
