import Foundation
import GoldenFiles
import Testing
import ZIPFoundation
@testable import LambdaCostKit

/// One month delivered in parts of different compressions, as a synced folder can hold them: every part is read,
/// and the folder reconciles to the sum of its parts; a part the tool cannot read yet is refused by name.
@Suite struct MixedDeliveryTests {
    static let october = BillingMonth(year: 2026, month: 10)!

    /// A generated month split into two parts at a record boundary (each with the header): `.csv.gz` and `.csv.zip`.
    static func splitMonth(into folder: String) throws -> (whole: String, parts: [String]) {
        let whole = try ZipInputTests.writeCUR(in: folder)
        let text = try String(contentsOfFile: whole, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // The generator writes no line breaks inside fields, so each line is one record.
        try #require(lines.allSatisfy { $0.filter { $0 == "\"" }.count % 2 == 0 })
        let header = lines[0]
        let middle = lines.count / 2
        let first = ([header] + lines[1..<middle]).joined(separator: "\n") + "\n"
        let second = ([header] + lines[middle...]).joined(separator: "\n") + "\n"
        let parts = folder + "/delivery"
        try FileManager.default.createDirectory(atPath: parts, withIntermediateDirectories: true)
        try first.write(toFile: parts + "/report-1.csv", atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -n '\(parts)/report-1.csv'"]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        try ZipInputTests.writeZip(parts + "/report-2.csv.zip", [.file("report-2.csv", Data(second.utf8), .deflate)])
        return (whole, [parts + "/report-1.csv.gz", parts + "/report-2.csv.zip"])
    }

    static func ingest(_ files: InputFiles) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: files.cur, metricsFiles: files.metrics, month: october)
        input.aggregateFiles = files.aggregate
        return try IngestStage().run(input)
    }

    @Test func aFolderOfGzipAndZipPartsReconcilesToTheSumOfItsParts() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (whole, parts) = try Self.splitMonth(into: folder)
        let files = try InputFiles.expand(inputs: [folder + "/delivery"], metrics: [])
        #expect(files.cur == parts)
        #expect(files.skipped.isEmpty)
        let fromParts = try Self.ingest(files)
        let fromWhole = try Self.ingest(InputFiles(cur: [whole], metrics: []))
        #expect(fromParts.inputs.map(\.path) == parts)
        #expect(fromParts.rows == fromWhole.rows)
        #expect(fromParts.totals == fromWhole.totals)
        #expect(fromParts.totals.reconciles)
        #expect(fromParts.totals.input > .zero)
        // The parts' totals, each read alone, add up to the folder's.
        let alone = try parts.map { try Self.ingest(InputFiles(cur: [$0], metrics: [])).totals }
        #expect(alone[0].input + alone[1].input == fromParts.totals.input)
        #expect(alone[0].lambda + alone[1].lambda == fromParts.totals.lambda)
    }

    @Test func aDamagedParquetPartStopsTheRunWithItsName() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.splitMonth(into: folder)
        let parquet = folder + "/delivery/report-3.snappy.parquet"
        // A Parquet file starts and ends with the magic bytes PAR1; this one has no footer between them.
        try Data(Array("PAR1".utf8) + [UInt8](repeating: 7, count: 64) + Array("PAR1".utf8)).write(to: URL(fileURLWithPath: parquet))
        let files = try InputFiles.expand(inputs: [folder + "/delivery"], metrics: [])
        #expect(files.cur.last == parquet)
        #expect {
            try Self.ingest(files)
        } throws: { error in
            String(describing: error).hasPrefix("\(parquet): error: Parquet: a footer of ")
        }
    }
}
