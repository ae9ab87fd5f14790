import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import LambdaCostCommands

/// A value longer than a workbook cell holds (a team tag of 40,000 characters) is cut there with a visible marker
/// and a warning; the run completes and the CSV files keep it whole (issue 17 item 2).
@Suite struct LongValueTests {
    @Test func aWorkbookCellIsCutWithAMarker() {
        let long = String(repeating: "é", count: 40_000)
        let sheet = XLSXSheet(name: "Functions", columns: [.init("Function", width: 20, format: .text), .init("Team", width: 20, format: .text)],
                              rows: [[.text("orders-api"), .text(long)]])
        let (fitted, warnings) = ReportWorkbook.fittingCells(sheet)
        guard case .text(let cut) = fitted.rows[0][1] else {
            Issue.record("expected text")
            return
        }
        #expect(cut.utf16.count <= XLSXSheet.maximumTextLength)
        #expect(cut.hasPrefix(String(repeating: "é", count: 32_000)))
        #expect(cut.hasSuffix(" characters shown; the CSV files have the whole value]"))
        #expect(cut.contains(" of 40000 characters"))
        #expect(warnings.map(\.message) == [
            "report.xlsx: sheet Functions, cell B2 ('Team', row of \"orders-api\"): a value of 40000 characters is longer than a workbook cell holds (32767); cut, with a marker. The CSV files keep it whole."])
        // A value that fits is left alone.
        #expect(ReportWorkbook.fittingCells(XLSXSheet(name: "S", columns: [.init("A", width: 5, format: .text)],
            rows: [[.text(String(repeating: "x", count: XLSXSheet.maximumTextLength))]])).warnings.isEmpty)
    }

    @Test func aRunWithAVeryLongTagCompletes() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let long = String(repeating: "t", count: 40_000)
        let text = try String(contentsOfFile: EndToEndTests.fixture + "/cur-2026-10.csv", encoding: .utf8)
        let input = folder + "/cur-2026-10.csv"
        try text.replacingOccurrences(of: ",payments\n", with: ",\(long)\n").write(toFile: input, atomically: true, encoding: .utf8)
        let run = CommandRun.run(["report", "--input", input, "--output", folder + "/out", "--templates", TestPaths.templates,
                                  "--pricing", TestPaths.pricing, "--month", "2026-10"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("report.xlsx: sheet Functions, cell L"))
        #expect(run.standardError.contains("a value of 40000 characters is longer than a workbook cell holds (32767)"))
        // Each warning names the value's place in the input: a line of the CUR whose field at that column is the tag.
        let lines = try String(contentsOfFile: input, encoding: .utf8).components(separatedBy: "\n")
        for sheet in ["Functions", "Teams"] {
            let pattern = try NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: input) + #":([0-9]+):([0-9]+): warning: report\.xlsx: sheet "# + sheet + ", cell ")
            let stderr = run.standardError
            let match = try #require(pattern.firstMatch(in: stderr, range: NSRange(stderr.startIndex..., in: stderr)), "\(sheet): \(stderr.prefix(2000))")
            let line = try #require(Int(stderr[Range(match.range(at: 1), in: stderr)!]))
            let column = try #require(Int(stderr[Range(match.range(at: 2), in: stderr)!]))
            let text = lines[line - 1]
            #expect(text.utf8.dropFirst(column - 1).starts(with: long.utf8), "\(sheet): line \(line) column \(column)")
        }
        let teams = try String(contentsOfFile: folder + "/out/2026-10/teams.csv", encoding: .utf8)
        #expect(teams.contains(long))
    }
}
