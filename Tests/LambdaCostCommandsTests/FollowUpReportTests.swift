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
        // The wiki pages and the chat digests give the figure too.
        let markdown = try String(contentsOfFile: output + "/2026-10/wiki/report.md", encoding: .utf8)
        #expect(markdown.contains("| Realized this month by 2026-09's opportunities acted on (1 of 3) | \\$1.10 |"))
        let confluence = try String(contentsOfFile: output + "/2026-10/wiki/report.confluence.xhtml", encoding: .utf8)
        #expect(confluence.contains("<tr><th>Realized this month by 2026-09's opportunities acted on (1 of 3)</th><td>$1.10</td></tr>"))
        let slack = try String(contentsOfFile: output + "/2026-10/notify/slack.json", encoding: .utf8)
        #expect(slack.contains("\"*Realized by 2026-09's opportunities*\\n$1.10 (1 of 3 acted on)\""))
        let teams = try String(contentsOfFile: output + "/2026-10/notify/teams.json", encoding: .utf8)
        #expect(teams.contains("\"title\": \"Realized by 2026-09's opportunities\",\n                \"value\": \"$1.10 (1 of 3 acted on)\""))
        // The site of all months lists it in October's row (its realized savings column).
        let site = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        let octoberRow = try #require(site.components(separatedBy: "\n").first { $0.contains("<a href=\"2026-10/index.html\">2026-10</a>") })
        #expect(octoberRow.contains("<td class=\"num\">$1.10</td>"))
    }

    /// `changes.html` stays small whatever the fleet: it shows `top_rows` of the follow-up and of the functions
    /// compared, and the CSV files have every one.
    @Test func theChangesPageShowsTopRowsAndTheCSVFilesEveryOne() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/output"
        let config = folder + "/config.toml"
        try "[report]\ntop_rows = 1\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(Self.report("2026-09", output: output, ["--quiet", "--config", config]).status == 0)
        #expect(Self.report("2026-10", output: output, ["--quiet", "--config", config]).status == 0)
        let page = try String(contentsOfFile: output + "/2026-10/changes.html", encoding: .utf8)
        // The one acted on is shown; the gone and the open ones are in the CSV.
        #expect(page.contains("<code>api</code>") && !page.contains("<code>retired</code><br />") && !page.contains("<code>worker</code><br />"))
        #expect(page.contains("And 2 more: <a href=\"follow-up.csv\">follow-up.csv</a> and the workbook's Follow-up sheet list every one."))
        // Month over month: retired (−1.020002) is the largest change and the only function row; the rest in the CSV.
        #expect(page.contains("<tr><td><code>retired</code></td>") && !page.contains("<tr><td><code>worker</code></td>"))
        #expect(page.contains("And 2 more functions with a smaller change: <a href=\"month-over-month.csv\">month-over-month.csv</a> lists every one."))
        #expect(try Self.lines(output + "/2026-10/month-over-month.csv") == [
            "account_id,region,function_name,previous_month,previous_cost_usd,current_cost_usd,change_usd,presence",
            "111122223333,us-east-1,retired,2026-09,1.0200020000,,-1.0200020000,vanished",
            "111122223333,us-east-1,api,2026-09,5.4000100000,4.8400220000,-0.5599880000,both",
            "111122223333,us-east-1,worker,2026-09,1.8666700000,1.8666700000,0.0000000000,both",
        ])
        #expect(try Self.lines(output + "/2026-10/follow-up.csv").count == 4)
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
        #expect(named.standardError.contains("\(output)/2026-09/functions.csv"))
        // A folder that is no report at all stops it before the bill is read.
        let nothing = Self.report("2026-10", output: folder + "/other", ["--previous", folder + "/nowhere"])
        #expect(nothing.status == 1)
        #expect(nothing.standardError.contains("\(folder)/nowhere/manifest.json: error: the earlier report's manifest.json (expected the folder of an earlier report, such as output/2026-09) is not a regular file"))
    }

    /// An earlier `opportunities.csv` whose follow-up columns are not what the report writes is an error at its line.
    @Test(arguments: [
        (",arm64_gb_seconds_share,0,1,2026-09", ",arm64_share,0,1,2026-09",
         "opportunities.csv:2: error: unknown measure \"arm64_share\" (expected one of arm64_gb_seconds_share, memory_mb, gb_seconds_per_request, provisioned_gb_seconds_per_hour, savings_plan_commitment_usd_per_hour, region)"),
        (",arm64_gb_seconds_share,0,1,2026-09", ",arm64_gb_seconds_share,none,1,2026-09",
         "opportunities.csv:2: error: expected a decimal in 'measure_now', found \"none\""),
        (",arm64_gb_seconds_share,0,1,2026-09", ",arm64_gb_seconds_share,0,1,2026-11",
         "opportunities.csv:2: error: expected a month no later than 2026-09 in 'open_since', found \"2026-11\""),
    ])
    func aBrokenFollowUpColumnIsAnErrorAtItsLine(original: String, broken: String, message: String) throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.report("2026-09", output: folder + "/out", ["--quiet"]).status == 0)
        let path = folder + "/out/2026-09/opportunities.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[1].hasSuffix(original))
        try ([lines[0], String(lines[1].dropLast(original.count)) + broken] + lines.dropFirst(2)).joined(separator: "\r\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = Self.report("2026-10", output: folder + "/october", ["--previous", folder + "/out/2026-09"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("\(folder)/out/2026-09/" + message), "\(run.standardError)")
    }
}
