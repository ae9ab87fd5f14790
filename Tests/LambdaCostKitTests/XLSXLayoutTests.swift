import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The XLSX writer's print setup, its columns fitted to their content and its formats for counts, hourly amounts
/// and rates: read back from the XML, and through LibreOffice (as shown, and printed to PDF).
@Suite struct XLSXLayoutTests {
    static func decimal(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
    static func part(_ path: String, of workbook: XLSXWorkbook) throws -> ParsedElement {
        try XLSXWriterTests.part(path, of: workbook.data())
    }

    static let summary = "Move orders-api to arm64 (Graviton): duration and provisioned GB-seconds at arm64 rates; requests "
        + "unchanged, and the whole sentence is longer than the column's maximum width."

    static let fitted = XLSXSheet(
        name: "Bob's",
        columns: [
            .init("Function", format: .text), .init("Requests", format: .integer),
            .init("Catalog cost (list less discounts)", format: .currency), .init("Large", format: .currency, maximumWidth: 10),
            .init("Summary", format: .text, maximumWidth: 30), .init("Fixed", width: 7, format: .text),
        ],
        rows: [
            [.text("orders-api"), .count(decimal("203512")), .currency(decimal("1.5")), .currency(decimal("98765432109.87")),
             .text(summary), .text("a much longer text than 7")],
            [.text("checkout"), .integer(7), .currency(decimal("-0.3")), .currency(decimal("1")), .text("short")],
        ])

    static var portrait: XLSXSheet {
        var sheet = XLSXSheet(name: "Guide", columns: [.init("Topic", format: .text)], rows: [[.text("one")]])
        sheet.hasAutoFilter = false
        sheet.printsLandscape = false
        return sheet
    }

    @Test func everySheetPrintsFittedToThePageWidthWithItsHeaderRowRepeated() throws {
        let workbook = XLSXWorkbook(sheets: [Self.fitted, Self.portrait])
        for (index, orientation) in ["landscape", "portrait"].enumerated() {
            let sheet = try Self.part("xl/worksheets/sheet\(index + 1).xml", of: workbook)
            #expect(sheet.first("sheetPr")?.first("pageSetUpPr")?["fitToPage"] == "1")
            #expect(sheet.first("pageSetup")?.attributes == ["orientation": orientation, "fitToWidth": "1", "fitToHeight": "0"])
            #expect(sheet.first("printOptions")?["gridLines"] == "1")
            #expect(sheet.first("pageMargins")?["left"] == "0.25" && sheet.first("pageMargins")?["right"] == "0.25")
            #expect(sheet.first("headerFooter")?.first("oddHeader")?.text == "&L&A")
            #expect(sheet.first("headerFooter")?.first("oddFooter")?.text == "&RPage &P of &N")
        }
        // The second sheet has no auto-filter: no filter element and no _FilterDatabase name.
        #expect(try Self.part("xl/worksheets/sheet2.xml", of: workbook).first("autoFilter") == nil)
        let names = try Self.part("xl/workbook.xml", of: workbook).all("definedName")
        #expect(names.map { $0["name"] } == ["_xlnm._FilterDatabase", "_xlnm.Print_Titles", "_xlnm.Print_Titles"])
        let titles = names.filter { $0["name"] == "_xlnm.Print_Titles" }
        #expect(titles.map { $0["localSheetId"] } == ["0", "1"])
        #expect(titles.map(\.text) == ["'Bob''s'!$1:$1", "'Guide'!$1:$1"])
        #expect(titles.allSatisfy { $0["hidden"] == nil })
    }

    @Test func fittedColumnsAreAsWideAsTheirContent() throws {
        let layout = XLSXColumnLayout(Self.fitted)
        let widths = layout.columns.map(\.width)
        // "orders-api" is about 9 digits wide, "Function" in bold with the filter button 12.
        #expect(widths[0] == 12)
        // "203,512" (7) and 2 of padding; the bold header with its button is wider: "Requests" (9) → 10 + 3.
        #expect(widths[1] == 13)
        // A long header over short amounts takes two lines instead of widening the column.
        #expect(widths[2] < XLSXColumnLayout.width(of: "Catalog cost (list less discounts)") && widths[2] >= "$1.50".count + 2)
        #expect(layout.headerHeight == 2 * XLSXColumnLayout.lineHeight)
        // A number is never cut: "$98,765,432,109.87" is 18 characters, wider than the maximum of 10.
        #expect(widths[3] == 20)
        // A text longer than the maximum wraps: the column stays at its maximum, and the row is as high as its lines.
        #expect(widths[4] == 30)
        #expect(layout.columns.map(\.wrapsText) == [false, false, false, false, true, false])
        let lines = XLSXColumnLayout.lines(Self.summary, width: 29)
        #expect(lines >= 5 && lines <= 7)
        #expect(layout.rowHeights == [0: lines * XLSXColumnLayout.lineHeight])
        // A fixed width stays, whatever its content.
        #expect(widths[5] == 7)

        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: XLSXWorkbook(sheets: [Self.fitted]))
        #expect(sheet.all("col").map { $0["width"] } == widths.map(String.init))
        // The wrapping column's cells, and the column itself, use the wrapped-text style (9); the others are text (2).
        #expect(sheet.all("col")[4]["style"] == "9")
        let rows = try #require(sheet.first("sheetData")).children
        #expect(rows.map { $0["ht"] } == ["30", String(lines * 15), nil])
        #expect(rows[1].children.map { $0["s"] } == ["2", "4", "3", "3", "9", "2"])
        #expect(rows.allSatisfy { $0["customHeight"] == nil })
    }

    @Test(arguments: [("", 1), ("word", 1), ("two words", 1), ("a\nb", 2), ("a\n\nb", 3)])
    func linesCountTheParagraphsAndWraps(text: String, lines: Int) {
        #expect(XLSXColumnLayout.lines(text, width: 20) == lines)
    }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        // Ten words of four digits wrap five to a line of 26 digits (4 × 10 tenths + 5 per space, plus a twentieth).
        #expect(XLSXColumnLayout.lines(Array(repeating: "0000", count: 10).joined(separator: " "), width: 26) == 2)
        #expect(XLSXColumnLayout.lines(String(repeating: "0", count: 40), width: 10) == 5)
        // Wide characters count double, narrow ones half.
        #expect(XLSXColumnLayout.width(of: "日本") == 5 && XLSXColumnLayout.width(of: "ab") == 3 && XLSXColumnLayout.width(of: "iiii") == 3)
    }

    @Test func shownLengthsFollowTheFormats() {
        let cases: [(XLSXCell, Int?)] = [
            (.currency(Self.decimal("-1234.5")), 10), (.count(Self.decimal("203512")), 7), (.integer(1_000_000), 9),
            (.hourly(Self.decimal("0.46")), 6), (.rate(Self.decimal("0.0000166667")), 13), (.rate(Self.decimal("0.2")), 5),
            (.percent(Self.decimal("0.9625")), 5), (.number(Self.decimal("540000.123456")), 14), (.text("x"), nil), (.empty, nil),
        ]
        for (cell, length) in cases { #expect(XLSXColumnLayout.shownLength(cell) == length, "\(cell)") }
        #expect(XLSXColumnLayout.rateText(Self.decimal("0.00000000004")) == "0.00")
        #expect(XLSXColumnLayout.rateText(Self.decimal("0.000000000051")) == "0.0000000001")
    }

    @Test func rejectsAFittedColumnWithoutRoom() {
        let workbook = XLSXWorkbook(sheets: [XLSXSheet(name: "S", columns: [.init("w", maximumWidth: 0)], rows: [])])
        #expect(throws: XLSXError.invalidColumnWidth(sheet: "S", column: "w", width: 0)) { try workbook.data() }
    }

    /// Counts, hourly amounts and rates: numeric cells holding the exact value, each with its own format.
    static let formats = XLSXWorkbook(sheets: [XLSXSheet(
        name: "Formats",
        columns: [.init("Requests", format: .integer), .init("Commitment / hour", format: .hourly), .init("Rate", format: .rate)],
        rows: [
            [.count(decimal("203512")), .hourly(decimal("0.46")), .rate(decimal("0.0000166667"))],
            [.count(decimal("3500000")), .hourly(decimal("12.001")), .rate(decimal("0.2"))],
        ])])

    @Test func countsHourlyAmountsAndRatesAreExactNumbersWithTheirFormat() throws {
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: Self.formats)
        #expect(sheet.all("col").map { $0["style"] } == ["4", "7", "8"])
        let cells = try #require(sheet.first("sheetData")).children[1].children
        #expect(cells.map { $0["s"] } == ["4", "7", "8"])
        #expect(cells.map { $0.first("v")?.text } == ["203512", "0.46", "0.0000166667"])
        #expect(cells.allSatisfy { $0["t"] == nil })
    }

    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed"), .timeLimit(.minutes(5)))
    func libreOfficeShowsCountsAsIntegersCommitmentsToTheMilAndRatesInFull() throws {
        let folder = RepositoryPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/formats.xlsx"
        try Data(Self.formats.data()).write(to: URL(fileURLWithPath: path))
        let shown = try #require(try LibreOffice.sheets(of: path, asShown: true)["Formats"])
        #expect(shown == [["Requests", "Commitment / hour", "Rate"], ["203,512", "$0.460", "$0.0000166667"],
                          ["3,500,000", "$12.001", "$0.20"]])
    }

    /// A sheet of 40 columns fits one landscape page across; without the print setup it would take several.
    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed"), .timeLimit(.minutes(5)))
    func libreOfficePrintsAWideSheetOnOneLandscapePageAcross() throws {
        let folder = RepositoryPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let wide = XLSXSheet(
            name: "Wide", columns: (1...40).map { .init("Column \($0)", format: .currency) },
            rows: (1...5).map { row in (1...40).map { .currency(FixedDecimal(row * 1000 + $0)) } })
        var portrait = wide
        portrait.name = "Portrait"
        portrait.printsLandscape = false
        for (sheet, landscape) in [(wide, true), (portrait, false)] {
            let path = folder + "/\(sheet.name).xlsx"
            try Data(XLSXWorkbook(sheets: [sheet]).data()).write(to: URL(fileURLWithPath: path))
            let printout = try LibreOffice.printout(of: path)
            #expect(printout.pages.count == 1, "\(sheet.name): \(printout.pages.count) pages")
            #expect(printout.pages.allSatisfy { ($0.width > $0.height) == landscape }, "\(printout.pages)")
        }
    }
}
