// libFuzzer target: the reader of an earlier report's folder (`--previous output/2026-09`, PreviousReportReader).
//
// The input is split at the first two "\n\u{0}\n" separators into manifest.json, functions.csv and
// opportunities.csv (a missing part is a missing file), written into a scratch folder, and read. Invariants:
//   - the reader never traps; every failure is an InputError naming a file of the folder;
//   - a report read has a valid month, and every function cost and scenario saving it returns is exact and, in
//     magnitude, within MagnitudeGuard's limit (10^12), as are the sums of their magnitudes;
//   - reading the same folder twice gives the same result.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let fuzzTargetName = "previous_report"

// CURRecord's text accessor of a field (Sources/LambdaCostKit/Ingest/CURRecord.swift), the same one-liner: that
// file also holds the CUR amount parsing, which pulls in MonthAccumulator and the CUR reader.
extension CSVReader {
    func lossyString(_ index: Int) -> String { withField(index) { String(decoding: $0, as: UTF8.self) } }
}

private let folder = "/tmp/lambda-cost-report-fuzz-previous-\(getpid())"
private let names = ["manifest.json", "functions.csv", "opportunities.csv"]

private func parts(_ bytes: [UInt8]) -> [[UInt8]?] {
    var result: [[UInt8]?] = []
    var rest = bytes[...]
    let separator: [UInt8] = [0x0A, 0x00, 0x0A]
    while result.count < 2, let range = rest.firstRange(of: separator) {
        result.append(Array(rest[..<range.lowerBound]))
        rest = rest[range.upperBound...]
    }
    result.append(Array(rest))
    // An empty last part stands for a missing file, so both "absent" and "present" are tried.
    while result.count < 3 { result.append(nil) }
    return result
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    try? FileManager.default.removeItem(atPath: folder)
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, part) in zip(names, parts(bytes)) {
        guard let part else { continue }
        FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(part))
    }
    func read() -> Result<PreviousMonthCosts, InputError> {
        do {
            return .success(try PreviousReportReader().read(folder: folder))
        } catch let error as InputError {
            return .failure(error)
        } catch {
            fail("an error that is not an InputError: \(error)")
        }
    }
    let first = read()
    switch first {
    case .failure(let error):
        check(error.path.hasPrefix(folder + "/"), "the error names no file of the folder: \(error)")
    case .success(let costs):
        check(costs.month.description.count == 7, "month \(costs.month)")
        var sum = FixedDecimal.zero
        for value in Array(costs.functionCosts.values) + Array((costs.savingsByScenario ?? [:]).values) {
            let magnitude = value.isNegative ? -value : value
            check(magnitude <= MagnitudeGuard.limit, "an amount beyond the limit: \(value)")
            check(FixedDecimal(parsing: value.description) == value, "an amount that does not round-trip: \(value)")
            sum += magnitude
        }
        check(sum <= MagnitudeGuard.limit + MagnitudeGuard.limit, "the amounts add up past the guard: \(sum)")
    }
    let second = read()
    switch (first, second) {
    case (.success(let a), .success(let b)): check(a == b, "two reads differ")
    case (.failure(let a), .failure(let b)): check(a.description == b.description, "two reads fail differently")
    default: fail("one read failed and the other did not")
    }
    return 0
}
