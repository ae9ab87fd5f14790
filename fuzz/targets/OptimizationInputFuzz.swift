// libFuzzer target for the tuning inputs (Sources/LambdaCostKit/Ingest/OptimizationInputReader.swift): AWS Lambda
// Power Tuning result JSON (`--power-tuning`) and the Compute Optimizer Lambda export CSV (`--compute-optimizer`),
// compiled by scripts/fuzz with the reader, its result types, the CSV reader and what they use into one module
// (-sanitize=fuzzer,address).
//
// Input: byte 0 chooses the reader (even: Power Tuning, as `orders-api.json`, joined by name when it has no
// lambdaARN; odd: Compute Optimizer); the rest is the file.
// Invariants for any input bytes:
//   - reading never traps and never reads or writes outside a buffer (AddressSanitizer); a failure is an
//     InputError naming the file;
//   - every diagnostic is located in the file (line and column from 1);
//   - Power Tuning: every measurement has a memory size Lambda allows (128–10,240 MB), an average duration from 0
//     to 900,000 ms and a price, when given, from 0 to 1,000 USD, all exact (each value's text parses back to it);
//     measurements sorted by memory; a file joined by name only to the one function of that name;
//   - Compute Optimizer: memory sizes absent or 128–10,240 MB; estimated savings absent or from 0 to 10^9 USD, exact;
//     no more recommendations than records.
// Money: JSON numbers are read from their text as JSONSerialization gives it (on Linux a short decimal arrives as a
// Double whose shortest text is the number written, a long one as an NSDecimalNumber of up to 38 digits), never
// through arithmetic on a Double; the checks above hold each value to its bounds and to an exact round trip.
import Foundation

let fuzzTargetName = "optimization_input"

// CURRecord's text accessor of a field (Sources/LambdaCostKit/Ingest/CURRecord.swift), the same one-liner: that
// file also holds the CUR amount parsing, which pulls in MonthAccumulator and the CUR reader.
extension CSVReader {
    func lossyString(_ index: Int) -> String { withField(index) { String(decoding: $0, as: UTF8.self) } }
}

private let folder = "/tmp/lambda-cost-report-fuzz-optimization-\(getpid())"
private let orders = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "orders-api")
private let known = [orders, FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "twice"),
                     FunctionIdentity(accountID: "111122223333", region: "eu-west-1", name: "twice")]

func checkExact(_ value: FixedDecimal, _ what: String) {
    let text = Array("\(value)".utf8)
    guard case .success(let parsed) = text.withUnsafeBufferPointer({ FixedDecimal.parse($0) }) else {
        check(false, "\(what): \(value) does not parse back")
        return
    }
    check(parsed.value == value && !parsed.wasRounded, "\(what): \(value) parses back as \(parsed.value)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func optimizationInputFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes, count >= 1 else { return 0 }
    let powerTuning = bytes[0] & 1 == 0
    mkdir(folder, 0o700)
    let path = folder + (powerTuning ? "/orders-api.json" : "/compute-optimizer.csv")
    check(FileManager.default.createFile(atPath: path, contents: Data(bytes: bytes + 1, count: count - 1)), "cannot write \(path)")
    defer { unlink(path) }

    var diagnostics: [Diagnostic] = []
    do {
        if powerTuning {
            let results = try OptimizationInputReader().readPowerTuning(paths: [path], known: known, diagnostics: &diagnostics)
            check(results.count <= 1, "\(results.count) results from one file")
            for (identity, result) in results {
                check(result.function == identity && result.source == path, "a result filed under another function or file")
                check(identity.name != "twice", "a file joined by name to one of two functions")
                check(!result.measurements.isEmpty, "a result without measurements")
                check(result.measurements.map(\.memoryMB) == result.measurements.map(\.memoryMB).sorted(), "measurements not sorted")
                for measurement in result.measurements {
                    check((128...10_240).contains(measurement.memoryMB), "memory \(measurement.memoryMB)")
                    check(!measurement.averageDurationMs.isNegative && measurement.averageDurationMs <= FixedDecimal(900_000),
                        "duration \(measurement.averageDurationMs)")
                    checkExact(measurement.averageDurationMs, "averageDuration")
                    if let price = measurement.averagePrice {
                        check(!price.isNegative && price <= FixedDecimal(1000), "price \(price)")
                    }
                }
            }
        } else {
            let results = try OptimizationInputReader().readComputeOptimizer(paths: [path], diagnostics: &diagnostics)
            var lines = 1
            for index in 1..<count where bytes[index] == 0x0A || bytes[index] == 0x0D { lines += 1 }
            check(results.count <= lines, "\(results.count) recommendations from \(lines) lines")
            for (identity, recommendation) in results {
                check(recommendation.function == identity, "a recommendation filed under another function")
                for memory in [recommendation.currentMemoryMB, recommendation.recommendedMemoryMB] {
                    if let memory { check((128...10_240).contains(memory), "memory \(memory)") }
                }
                if let savings = recommendation.estimatedMonthlySavings {
                    check(!savings.isNegative && savings <= FixedDecimal(1_000_000_000), "savings \(savings)")
                    checkExact(savings, "estimatedMonthlySavings")
                }
            }
        }
    } catch let error as InputError {
        check(error.path == path && !error.message.isEmpty, "an InputError without the file: \(error)")
    } catch {
        check(false, "an error that is not an InputError: \(error)")
    }
    for diagnostic in diagnostics {
        guard let location = diagnostic.location else {
            check(false, "a diagnostic without a location: \(diagnostic)")
            continue
        }
        check(location.file == path && location.line >= 1 && location.column >= 1, "a diagnostic misplaced: \(diagnostic)")
    }
    return 0
}
