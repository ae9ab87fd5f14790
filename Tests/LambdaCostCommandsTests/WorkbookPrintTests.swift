import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The shipped sample's `report.xlsx` as finance opens and prints it, through LibreOffice (`scripts/check-xlsx`):
/// a "How to read" sheet naming every other sheet, requests as whole numbers, proposed hourly commitments to
/// $0.001, and a printout of one landscape page per sheet (28 pages of A4 portrait before the print setup).
@Suite struct WorkbookPrintTests {
    /// `3500000` → `3,500,000`.
    static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed (apt-get install libreoffice-calc); under CI it runs and fails"),
          .timeLimit(.minutes(5)))
    func theSampleWorkbookReadsAndPrintsForFinance() throws {
        let run = try CostBasisTests.SampleRun()
        defer { run.remove() }
        let workbook = run.month + "/report.xlsx"
        let shown = try LibreOffice.sheets(of: workbook, asShown: true)

        // The guide: a topic and its explanation on every row, every other sheet among the topics.
        let guide = try #require(shown[ReportWorkbook.guideName])
        #expect(guide.first == ["Sheet or term", "How to read it"])
        #expect(guide.dropFirst().allSatisfy { $0.count == 2 && !$0[0].isEmpty && !$0[1].isEmpty })
        let topics = Set(guide.dropFirst().map { $0[0] })
        #expect(Set(shown.keys).subtracting([ReportWorkbook.guideName]).subtracting(topics).isEmpty, "\(topics)")
        #expect(shown.count == 10)

        // Requests as whole numbers with thousands separators, the numbers of functions.csv.
        let functions = try #require(shown["Functions"])
        let requests = try #require(functions.first?.firstIndex(of: "Requests"))
        let csv = try run.csv("functions.csv")
        #expect(csv.allSatisfy { $0["requests"]!.allSatisfy(\.isNumber) })
        #expect(functions.dropFirst().prefix(csv.count).map { $0[requests] } == csv.map { Self.grouped($0["requests"]!) })

        // Proposed hourly commitments to $0.001 (AWS's step): savings-plans.csv's, rounded to three decimals.
        let plans = try #require(shown["Savings Plans"])
        let hourly = try #require(plans.first?.firstIndex(of: "Commitment / hour"))
        let proposed = plans.dropFirst().filter { $0[0] != "Owned" }.map { $0[hourly] }
        let threeDecimals = try NSRegularExpression(pattern: #"^-?\$[0-9,]+\.[0-9]{3}$"#)
        #expect(!proposed.isEmpty)
        for text in proposed {
            #expect(threeDecimals.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, "\(text)")
        }
        let expected = try run.csv("savings-plans.csv").filter { $0["row_type"] != "owned" }.map {
            "$" + (try #require(FixedDecimal(parsing: $0["hourly_commitment_usd"]!))).formatted(places: 3)
        }
        #expect(proposed.sorted() == expected.sorted())

        // Printed: one landscape page per sheet.
        let printout = try LibreOffice.printout(of: workbook)
        #expect(printout.pages.count <= shown.count, "\(printout.pages.count) pages for \(shown.count) sheets")
        #expect(printout.pages.count >= shown.count)
        #expect(printout.pages.allSatisfy { $0.width > $0.height }, "\(printout.pages)")
    }
}
