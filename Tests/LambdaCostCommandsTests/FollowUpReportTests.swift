import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// Realized savings end to end (issue #18 item 5): September's report proposes Graviton for three functions; in
/// October one moved, one did not and one is gone (`Fixtures/follow-up/README.md` has the arithmetic by hand).
@Suite struct FollowUpReportTests {
    static let fixture = TestPaths.relativeToWorkingDirectory(TestPaths.fixtures + "/follow-up")

    static func report(_ month: String, output: String, _ extra: [String] = []) -> CommandRun {
        CommandRun.run(["report", "--input", fixture + "/" + month, "--output", output, "--templates", TestPaths.templates,
                        "--pricing", TestPaths.pricing] + extra)
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func theNextMonthMeasuresWhatWasActedOnAndWhatItSaved() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/output"
        #expect(Self.report("2026-09", output: output, ["--quiet"]).status == 0)
        // Every opportunity carries its stable ID and the figure its change moves, now and at its target.
        let september = try Self.lines(output + "/2026-09/opportunities.csv")
        #expect(september[0].hasSuffix(",inputs,opportunity_id,measure,measure_now,measure_target,open_since"))
        #expect(september[1].hasPrefix("1,graviton,111122223333,us-east-1,api,0.9999900000,"))
        #expect(september[1].hasSuffix(",graviton/111122223333/us-east-1/api,arm64_gb_seconds_share,0,1,2026-09"))

        // October, into the same output folder: September's report there is followed up without being named.
        let october = Self.report("2026-10", output: output, ["--summary-json", folder + "/summary.json"])
        #expect(october.status == 0, "\(october.standardError)")
        #expect(october.standardError.contains("note: following up the opportunities of \(output)/2026-09, the month before's report in the output folder"))
        let followUp = try Self.lines(output + "/2026-10/follow-up.csv")
        #expect(followUp.count == 4)
        // api: 5.40001 ÷ 2,000,000 × 2,200,000 = 5.940011, less 4.840022 = 1.099989.
        #expect(followUp[1].hasPrefix("graviton/111122223333/us-east-1/api,graviton,111122223333,us-east-1,api,2026-09,0.9999900000,arm64_gb_seconds_share,0,1,1,acted on,1.0999890000,no,"))
        #expect(followUp[2].hasPrefix("graviton/111122223333/us-east-1/worker,graviton,111122223333,us-east-1,worker,2026-09,0.3333300000,arm64_gb_seconds_share,0,1,0,open,,yes,"))
        #expect(followUp[3].hasPrefix("graviton/111122223333/us-east-1/retired,graviton,111122223333,us-east-1,retired,2026-09,0.1999980000,arm64_gb_seconds_share,0,1,,gone,,no,"))
        // worker is still proposed, open since September.
        let opportunities = try Self.lines(output + "/2026-10/opportunities.csv")
        #expect(opportunities.count == 2 && opportunities[1].hasSuffix(",graviton/111122223333/us-east-1/worker,arm64_gb_seconds_share,0,1,2026-09"))

        let kpis = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/2026-10/kpis.json"))) as? [String: Any]
        #expect(kpis?["realized_savings_usd"] as? String == "1.099989")
        #expect(kpis?["realized_savings_status"] as? String == "measured")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any]
        let block = try #require(summary?["follow_up"] as? [String: Any])
        #expect(block["previous_month"] as? String == "2026-09" && block["realized_savings_usd"] as? String == "1.099989")
        #expect((block["acted_on"] as? [String: Any])?["count"] as? Int == 1)
        #expect((block["open"] as? [String: Any])?["expected_monthly_savings_usd"] as? String == "0.33333")
        #expect((block["gone"] as? [String: Any])?["count"] as? Int == 1)
        #expect((block["not_checked"] as? [String: Any])?["count"] as? Int == 0)

        let page = try String(contentsOfFile: output + "/2026-10/changes.html", encoding: .utf8)
        #expect(page.contains("<strong>$1.10 realized</strong> this month by the 1 acted on (expected $1.00 a month); 1 still open ($0.33 a month)"))
        #expect(page.contains("<td><strong>acted on</strong></td><td class=\"num\">$1.10</td>"))
        let index = try String(contentsOfFile: output + "/2026-10/index.html", encoding: .utf8)
        #expect(index.contains("Realized this month by 2026-09's opportunities acted on (1 of 3;"))
        // The site of all months charts it.
        let site = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(site.contains("$1.10"))
    }

    @Test func theWorkbookCarriesTheFollowUpAndItsTotal() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.report("2026-09", output: folder + "/september", ["--quiet"]).status == 0)
        var options = ReportPipeline.Options(inputs: [Self.fixture + "/2026-10"], pricingDirectory: TestPaths.pricing,
                                             outputDirectory: folder + "/october", templatesDirectory: TestPaths.templates)
        options.previousReport = folder + "/september/2026-09"  // named: another output folder
        let report = try ReportPipeline(options: options).run().report
        let sheets = ReportWorkbook.sheetMakers(report, context: RenderContext(report: report))
        #expect(sheets.map(\.name).last == "Follow-up")
        let sheet = try #require(sheets.last).make()
        #expect(sheet.rows.count == 4)  // three opportunities and the total
        #expect(sheet.rows[0][11] == .text("acted on") && sheet.rows[0][12] == .currency(FixedDecimal(parsing: "1.099989")!))
        #expect(sheet.rows[1][12] == .empty)
        #expect(sheet.rows[3][12] == .currencyFormula("SUM(M2:M4)", cached: FixedDecimal(parsing: "1.099989")!))
        let summary = ReportWorkbook.summary(report)
        #expect(summary.rows.contains { $0.last == .currency(FixedDecimal(parsing: "1.099989")!) && "\($0.first!)".contains("Realized this month by 2026-09") })
    }

    @Test func aBrokenReportOfTheMonthBeforeIsAWarningNotAFailure() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/output"
        try FileManager.default.createDirectory(atPath: output + "/2026-09", withIntermediateDirectories: true)
        try "{\"month\": \"2026-09\"}".write(toFile: output + "/2026-09/manifest.json", atomically: true, encoding: .utf8)
        let run = Self.report("2026-10", output: output)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("warning: \(output)/2026-09/functions.csv"))
        #expect(run.standardError.contains("(the month before's report, read to follow up its opportunities: they are not followed up)"))
        let followUp = try Self.lines(output + "/2026-10/follow-up.csv")
        #expect(followUp.count == 1)  // the header alone
        let page = try String(contentsOfFile: output + "/2026-10/changes.html", encoding: .utf8)
        #expect(page.contains("No earlier report to follow up"))
        // Named with --previous, the same folder stops the run.
        let named = Self.report("2026-10", output: folder + "/other", ["--previous", output + "/2026-09"])
        #expect(named.status == 1)
    }
}
