// libFuzzer target for the metrics CSV reader (Sources/LambdaCostKit/Ingest/MetricsReader.swift, `--metrics`),
// compiled by scripts/fuzz with the reader, the CSV reader and what they use into one module
// (-sanitize=fuzzer,address).
//
// Input: the whole file (written to a scratch file: the reader reads files).
// Invariants for any input bytes:
//   - reading never traps and never reads or writes outside a buffer (AddressSanitizer); a failure is an
//     InputError naming the file (an unreadable file, a header without account_id, region and function_name);
//   - every diagnostic but the closing "N more problems" note has a location in the file (line and column from
//     1); at most 50 are listed per file, then one note counts the rest;
//   - every value kept is exact and bounded: non-negative, at most its column's maximum (MetricsReader.maximums:
//     Lambda's limits, 10^12 for counts), whole numbers for memory_mb / ephemeral_mb, and its canonical text
//     parses back to the same decimal (nothing rounded through a float);
//   - a function's identity is three non-empty fields, and there are no more functions than data records.
#if canImport(Glibc)
import Glibc
#endif

let fuzzTargetName = "metrics_reader"

// CURRecord's two text accessors of a field (Sources/LambdaCostKit/Ingest/CURRecord.swift), the same one-liners:
// that file also holds the CUR amount parsing, which pulls in MonthAccumulator and the CUR reader.
extension CSVReader {
    func string(_ index: Int) -> String? { withField(index) { String(validating: $0, as: UTF8.self) } }
    func lossyString(_ index: Int) -> String { withField(index) { String(decoding: $0, as: UTF8.self) } }
}

// UsageKind's ordinal (Sources/LambdaCostKit/Ingest/UsageLedger.swift, the same one-liner): UsageKind.swift, which
// holds Architecture, needs it, and the ledger is not part of the metrics reader.
extension UsageKind {
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }
}

private let scratchPath = "/tmp/lambda-cost-report-fuzz-metrics-\(getpid()).csv"

func checkValue(_ value: FixedDecimal?, _ column: String) {
    guard let value else { return }
    check(!value.isNegative, "\(column) \(value) is negative")
    if let maximum = MetricsReader.maximums[column] {
        check(value <= FixedDecimal(maximum), "\(column) \(value) is above \(maximum)")
    }
    let text = Array("\(value)".utf8)
    guard case .success(let parsed) = text.withUnsafeBufferPointer({ FixedDecimal.parse($0) }) else {
        check(false, "\(column): \(value) does not parse back")
        return
    }
    check(parsed.value == value && !parsed.wasRounded, "\(column): \(value) parses back as \(parsed.value)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func metricsReaderFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes else { return 0 }
    let descriptor = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    check(descriptor >= 0, "cannot create \(scratchPath)")
    var written = 0
    while written < count {
        let result = write(descriptor, bytes + written, count - written)
        check(result > 0, "cannot write \(scratchPath)")
        written += result
    }
    close(descriptor)
    defer { unlink(scratchPath) }

    var metrics: [FunctionIdentity: FunctionMetrics] = [:]
    var diagnostics: [Diagnostic] = []
    do {
        try MetricsReader().read(path: scratchPath, into: &metrics, diagnostics: &diagnostics)
    } catch let error as InputError {
        check(error.path == scratchPath && !error.message.isEmpty, "an InputError without the file: \(error)")
        return 0
    } catch {
        check(false, "an error that is not an InputError: \(error)")
    }
    var located = 0
    for (index, diagnostic) in diagnostics.enumerated() {
        if let location = diagnostic.location {
            located += 1
            check(location.file == scratchPath && location.line >= 1 && location.column >= 1, "a diagnostic misplaced: \(diagnostic)")
        } else {
            check(index == diagnostics.count - 1 && diagnostic.message.hasPrefix("\(scratchPath): ") && diagnostic.message.hasSuffix("more problems in the metrics file are not listed"),
                "a diagnostic without a location: \(diagnostic)")
        }
    }
    check(located <= MetricsReader.diagnosticLimit, "\(located) diagnostics listed (at most \(MetricsReader.diagnosticLimit))")
    // Records after the header: a generous bound is the number of line breaks plus one.
    var lines = 1
    for index in 0..<count where bytes[index] == 0x0A || bytes[index] == 0x0D { lines += 1 }
    check(metrics.count <= lines, "\(metrics.count) functions from \(lines) lines")
    for (identity, row) in metrics {
        check(row.function == identity, "a row filed under another function")
        check(!identity.accountID.isEmpty && !identity.region.isEmpty && !identity.name.isEmpty, "an identity with an empty field: \(identity)")
        if let memory = row.memoryMB { check((0...10_240).contains(memory), "memory_mb \(memory)") }
        if let ephemeral = row.ephemeralMB { check((0...10_240).contains(ephemeral), "ephemeral_mb \(ephemeral)") }
        checkValue(row.timeoutSeconds, "timeout_s")
        checkValue(row.invocations, "invocations")
        checkValue(row.averageDurationMs, "avg_duration_ms")
        checkValue(row.p50DurationMs, "p50_duration_ms")
        checkValue(row.p99DurationMs, "p99_duration_ms")
        checkValue(row.averageBilledDurationMs, "avg_billed_duration_ms")
        checkValue(row.maxMemoryUsedMB, "max_memory_used_mb")
        checkValue(row.coldStarts, "cold_starts")
        checkValue(row.averageInitDurationMs, "avg_init_duration_ms")
        checkValue(row.averageCPUTimeMs, "avg_cpu_time_ms")
        checkValue(row.errors, "errors")
        checkValue(row.timeouts, "timeouts")
        checkValue(row.sqsVisibilityTimeoutSeconds, "sqs_visibility_timeout_s")
    }
    return 0
}
