import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import Parquet

/// The split read of a Parquet file of several row groups (``CURReader``, ``ParseSplit/rowGroupStarts(rows:)``):
/// forced on small files at chosen row groups, it must give exactly what one pass reading the file in turn gives —
/// every month's ledger, totals, row counts, coverage, fees, the rejects (their `file:row:column` and order), the
/// diagnostics and their per-file limit, the delivery fingerprint and the digest — and the report's files byte for
/// byte. The files are made at test time from a generated month with `scripts/cur-to-parquet` and
/// `scripts/cur-to-focus --parquet` (pyarrow), in small row groups.
@Suite struct ParquetSplitParseTests {
    static let scripts = RepositoryPaths.root + "/scripts"

    /// What reading `path` gave (``SplitParseTests/describe(_:)``) and how the reader split it.
    static func ingest(_ path: String, split: ParseSplit, memoryCellLimit: Int = 64) -> (text: String, parts: [(rowGroups: Range<Int>, merged: Bool)]) {
        let (text, reader) = SplitParseTests.read(path, split: split, memoryCellLimit: memoryCellLimit)
        return (text, reader.parquetParts)
    }

    /// Reads `path` split at the row groups `starts` and expects the one-pass result `whole`, every part merged
    /// unless `readAgain` names it.
    static func expectSame(_ path: String, starts: [Int], whole: String, readAgain: Set<Int> = [], memoryCellLimit: Int = 64,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let split = ingest(path, split: ParseSplit(rowGroups: starts), memoryCellLimit: memoryCellLimit)
        #expect(split.text == whole, "\(path) split at row groups \(starts)", sourceLocation: sourceLocation)
        #expect(split.parts.map(\.rowGroups.lowerBound) == [0] + starts, sourceLocation: sourceLocation)
        #expect(split.parts.indices.filter { !split.parts[$0].merged } == readAgain.sorted(), "\(starts)", sourceLocation: sourceLocation)
    }

    static func rowGroups(_ path: String) throws -> [Int] {
        try ParquetFile(path: path).metadata.rowGroups.map { Int($0.numberOfRows) }
    }

    /// A generated month in `spelling` with `change` applied to its data records (by index, from 0, with the header
    /// to find columns by), as CSV.
    static func month(in folder: String, spelling: CURSpelling = .legacy, functions: Int = 3, days: Int = 2,
                      _ change: (_ index: Int, _ header: [String], _ record: inout [String]) -> Void = { _, _, _ in }) throws -> (path: String, rows: Int) {
        let generated = folder + "/generated.csv"
        _ = try SampleGenerator.write(configuration: SampleGenerator.Configuration(
            functions: functions, days: days, seed: 5, month: BillingMonth(year: 2026, month: 10)!, spelling: spelling), curTo: generated)
        let reader = CSVReader(source: try ByteSource(path: generated))
        var records: [[String]] = []
        while try reader.nextRecord() { records.append((0..<reader.fieldCount).map { reader.lossyString($0) }) }
        let header = records[0]
        var text = header.map(SplitParseTests.field).joined(separator: ",") + "\n"
        for (index, var record) in records.dropFirst().enumerated() {
            change(index, header, &record)
            text += record.map(SplitParseTests.field).joined(separator: ",") + "\n"
        }
        let path = folder + "/month.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, records.count - 1)
    }

    /// `csv` as Parquet in row groups of `rowGroupRows`: `layout` `athena` or `cur2` (`scripts/cur-to-parquet`), or
    /// `focus` (`scripts/cur-to-focus --parquet`).
    static func parquet(_ csv: String, layout: String, rowGroupRows: Int) throws -> String {
        let output = csv + "." + layout + ".parquet"
        let arguments = layout == "focus"
            ? ["python3", scripts + "/cur-to-focus", "--parquet", "--row-group-rows", "\(rowGroupRows)", "--output", output, csv]
            : ["python3", scripts + "/cur-to-parquet", "--layout", layout, "--row-group-rows", "\(rowGroupRows)", csv, output]
        let outcome = try Pyarrow.run(arguments)
        try #require(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome.output)")
        return output
    }

    /// Sets the cost of a record to text that is not a number (NULL in Parquet: the row is rejected).
    static func spoilCost(_ header: [String], _ record: inout [String]) {
        if let cost = header.firstIndex(where: { $0 == "lineItem/UnblendedCost" || $0 == "line_item_unblended_cost" }) { record[cost] = "twelve" }
    }

    // MARK: - Where the parts start

    @Test func partsAreConsecutiveRowGroupsOfAboutEqualRows() {
        let split = ParseSplit(parts: 2, minimumRows: 100)
        #expect(split.rowGroupStarts(rows: [50, 50, 50, 50]) == [2])
        #expect(split.rowGroupStarts(rows: [300]) == [], "one row group")
        #expect(split.rowGroupStarts(rows: [40, 40]) == [], "fewer rows than the threshold")
        #expect(split.rowGroupStarts(rows: [10, 10, 10, 170]) == [3])
        #expect(split.rowGroupStarts(rows: [170, 10, 10, 10]) == [1])
        #expect(ParseSplit(parts: 3, minimumRows: 0).rowGroupStarts(rows: [10, 10, 10, 10, 10, 10]) == [2, 4])
        #expect(ParseSplit(parts: 4, minimumRows: 0).rowGroupStarts(rows: [10, 10]) == [1], "no more parts than row groups")
        #expect(ParseSplit(parts: 1, minimumRows: 0).rowGroupStarts(rows: [10, 10]) == [])
        #expect(ParseSplit.never.rowGroupStarts(rows: [1 << 20, 1 << 20]) == [])
        #expect(ParseSplit(rowGroups: [3, 0, 1, 9, 1]).rowGroupStarts(rows: [1, 1, 1, 1]) == [1, 3], "forced starts: in range, in order")
        #expect(ParseSplit().rowGroupStarts(rows: Array(repeating: 100_000, count: 10)).count == min(ParallelWork.width, ParseSplit.maximumParts) - 1)
    }

    // MARK: - Split reads give the one-pass result

    /// Parts at every row-group boundary (one at a time, and all at once), and equal shares as a run makes them, of
    /// a month as Athena Parquet, CUR 2.0 Parquet (tags as a MAP) and FOCUS Parquet.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"), arguments: ["athena", "cur2", "focus"])
    func everyRowGroupBoundaryGivesTheOnePassResult(layout: String) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, rows) = try Self.month(in: folder, spelling: layout == "cur2" ? .cur2 : .legacy) { index, header, record in
            if index % 9 == 4 && index % 2 == 0 { Self.spoilCost(header, &record) }
        }
        let path = try Self.parquet(csv, layout: layout, rowGroupRows: rows / 7)
        let groups = try Self.rowGroups(path)
        #expect(groups.count >= 7)

        for cells in [64, 1 << 16] {
            let whole = Self.ingest(path, split: .never, memoryCellLimit: cells)
            #expect(whole.parts.isEmpty)
            #expect(!whole.text.hasPrefix("error"), "\(whole.text)")
            for start in 1..<groups.count { Self.expectSame(path, starts: [start], whole: whole.text, memoryCellLimit: cells) }
            Self.expectSame(path, starts: Array(1..<groups.count), whole: whole.text, memoryCellLimit: cells)
            for parts in 2...4 {
                let split = Self.ingest(path, split: ParseSplit(parts: parts, minimumRows: 0), memoryCellLimit: cells)
                #expect(split.parts.count == parts)
                #expect(split.text == whole.text, "\(parts) parts")
            }
        }
        if layout != "focus" {
            // Not vacuous: rows of every kind, rejects at their rows.
            let whole = Self.ingest(path, split: .never).text
            #expect(whole.contains("lineItem/UnblendedCost") || whole.contains("line_item_unblended_cost"))
            #expect(whole.contains("diagnostic \(path):5:"))
        }
    }

    /// Rejects in every part, past the per-file diagnostic limit in a later one: each is an error at its row of the
    /// whole file (counted from 1 over all row groups), the first 50 listed, the rest noted once.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func rejectsKeepTheirRowsAndTheDiagnosticLimitFallsInALaterPart() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var badRows: [Int] = []
        let (csv, rows) = try Self.month(in: folder) { index, header, record in
            if index % 5 == 1 {
                Self.spoilCost(header, &record)
                badRows.append(index + 1)
            }
        }
        let path = try Self.parquet(csv, layout: "athena", rowGroupRows: rows / 6)
        let groups = try Self.rowGroups(path)
        #expect(groups.count >= 6)
        #expect(badRows.count > 80)
        let whole = Self.ingest(path, split: .never).text
        let errorRows = whole.split(separator: "\n").filter { $0.hasPrefix("diagnostic \(path):") && $0.contains("error:") }
            .compactMap { $0.dropFirst("diagnostic \(path):".count).split(separator: ":").first.flatMap { Int($0) } }
        #expect(errorRows == Array(badRows.prefix(50)))
        #expect(whole.contains("\(path): \(badRows.count - 50) more rejected rows are listed only in rejects.csv"))
        // The 50th reject lies past the first row group: the limit is reached inside a later part.
        #expect(badRows[49] > groups[0])
        for start in 1..<groups.count { Self.expectSame(path, starts: [start], whole: whole) }
        Self.expectSame(path, starts: Array(1..<groups.count), whole: whole)

        // Rejects only in the last row groups: the limit is reached within one later part.
        let (lateCSV, _) = try Self.month(in: folder) { index, header, record in
            if index >= rows * 2 / 3 && index % 2 == 0 { Self.spoilCost(header, &record) }
        }
        let late = try Self.parquet(lateCSV, layout: "athena", rowGroupRows: rows / 6)
        let lateWhole = Self.ingest(late, split: .never).text
        #expect(lateWhole.contains("more rejected rows are listed only in rejects.csv"))
        for start in 1..<groups.count { Self.expectSame(late, starts: [start], whole: lateWhole) }
        Self.expectSame(late, starts: Array(1..<groups.count), whole: lateWhole)
    }

    /// An account billed to a second payer in a later part gives a warning at its row, which depends on what came
    /// before: that part is read again in turn, into the main accumulator, and the result is still the one pass's.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func aPartThatCannotBeMergedIsReadAgainInTurn() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, rows) = try Self.month(in: folder)
        let (csv, _) = try Self.month(in: folder) { index, header, record in
            guard index >= rows / 2, let payer = header.firstIndex(of: "bill/PayerAccountId") else { return }
            record[payer] = "999999999999"
        }
        let path = try Self.parquet(csv, layout: "athena", rowGroupRows: rows / 4)
        let groups = try Self.rowGroups(path)
        #expect(groups.count >= 4)
        let whole = Self.ingest(path, split: .never).text
        #expect(whole.contains("is billed to payer 999999999999 here"))
        // The part holding the change of payer (each row group a part) is read again; the parts before it are merged.
        let changePart = try #require(groups.indices.first { groups[...$0].reduce(0, +) > rows / 2 })
        #expect(changePart > 0)
        let split = Self.ingest(path, split: ParseSplit(rowGroups: Array(1..<groups.count)))
        #expect(split.text == whole)
        #expect(split.parts[..<changePart].allSatisfy { $0.merged })
        #expect(!split.parts[changePart].merged)
        for start in 1..<groups.count {
            let split = Self.ingest(path, split: ParseSplit(rowGroups: [start]))
            #expect(split.text == whole, "split at row group \(start)")
        }
    }

    /// A damaged page in a later part stops the read with the error one pass gives (the part is read again in turn,
    /// after the parts before it are merged).
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func aDamagedRowGroupInALaterPartIsTheOnePassError() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, rows) = try Self.month(in: folder)
        let path = try Self.parquet(csv, layout: "athena", rowGroupRows: rows / 4)
        let file = try ParquetFile(path: path)
        let column = try #require(file.columnIndex("line_item_unblended_cost"))
        let (start, count) = file.metadata.rowGroups[2].columns[column].byteRange
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for offset in (Int(start) + Int(count) / 2)..<(Int(start) + Int(count)) { bytes[offset] = 0xFF }
        let damaged = folder + "/damaged.parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let whole = Self.ingest(damaged, split: .never).text
        #expect(whole.hasPrefix("error: \(damaged): error: Parquet: row group 2, column 'line_item_unblended_cost': "))
        for starts in [[1], [2], [3], [1, 2, 3]] {
            let split = Self.ingest(damaged, split: ParseSplit(rowGroups: starts))
            #expect(split.text == whole, "\(starts)")
        }
    }

    /// The whole report from a Parquet file read in parts is the report from one pass, file for file, byte for byte.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func theReportIsByteForByteTheOnePassReport() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, rows) = try Self.month(in: folder, functions: 8, days: 3) { index, header, record in
            if index % 11 == 3 { Self.spoilCost(header, &record) }
        }
        let path = try Self.parquet(csv, layout: "athena", rowGroupRows: rows / 5)
        let groups = try Self.rowGroups(path)
        func report(_ split: ParseSplit, _ output: String) throws -> [String: Data] {
            try SplitParseTests.reportFiles(input: path, split: split, outputDirectory: folder + "/" + output)
        }
        let whole = try report(.never, "whole")
        #expect(whole.count >= 9)
        #expect(whole["rejects.csv"].map { $0.count > 1000 } == true)
        for (name, split) in [("shares", ParseSplit(parts: 3, minimumRows: 0)), ("every", ParseSplit(rowGroups: Array(1..<groups.count)))] {
            let files = try report(split, name)
            #expect(whole.keys.sorted() == files.keys.sorted())
            for (file, contents) in whole { #expect(contents == files[file], "\(file) differs when the read is split (\(name))") }
        }
    }
}
