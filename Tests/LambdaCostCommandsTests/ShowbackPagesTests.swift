import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The showback's index tables, pages, `showback.csv` and Showback sheet, on the fixture month with a `tenant` tag
/// whose values are hostile: a path, markup and a formula.
@Suite struct ShowbackPagesTests {
    /// The fixture's report with `tenant` tags (image-resize has none) and the showback by team and tenant.
    static func report() throws -> Report {
        let pipeline = ReportPagesTests.pipeline()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        var report = try pipeline.run().report
        let tenants = ["orders-api": "../../etc/passwd", "report-builder": "<b>acme</b>", "checkout-api": "=cmd|' /C calc'!A0"]
        for index in report.functions.indices { report.functions[index].tags["tenant"] = tenants[report.functions[index].function.name] }
        report.showback = TagShowback.make(report.functions, opportunities: report.opportunities, tagKeys: ["team", "tenant"])
        return report
    }

    static func render(_ report: Report, topRows: Int = 2) throws -> [String: String] {
        let output = try RenderStage().run(RenderStage.Input(report: report, templatesDirectory: TestPaths.templates, topRows: topRows))
        return Dictionary(uniqueKeysWithValues: output.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    @Test func theCSVAddsUpToTheMonthByEveryTag() throws {
        let report = try Self.report()
        let files = try Self.render(report)
        let csv = try #require(files["showback.csv"])
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == "tag_key,tag_value,row_type,functions,unblended_cost_usd,effective_cost_usd,effective_cost_share,other_services_cost_usd,full_cost_usd,potential_savings_usd")
        // By hand from Fixtures/e2e: orders-api 6.48001 (billed 6.600012), report-builder 2.003264, checkout-api
        // 0.2066122, image-resize 0.68667 (untagged) of 9.3765562; the charges of no function −1.470002 billed, −0.47.
        #expect(lines.filter { $0.hasPrefix("tenant,") } == [
            "tenant,../../etc/passwd,value,1,6.6000120000,6.4800100000,0.691086,0.0000000000,6.4800100000,0.9999900000",
            "tenant,<b>acme</b>,value,1,2.0032640000,2.0032640000,0.213646,0.0000000000,2.0032640000,0.3999960000",
            "tenant,'=cmd|' /C calc'!A0,value,1,0.2066122000,0.2066122000,0.022035,0.0000000000,0.2066122000,0.0397208000",
            "tenant,(untagged),untagged,1,0.6866700000,0.6866700000,0.073233,0.0000000000,0.6866700000,0.0000000000",
            "tenant,(charges of no function),no_function,0,-1.4700020000,-0.4700000000,,0.0000000000,-0.4700000000,0.0000000000",
        ])
        // Each key's rows add up to the month's Lambda cost, billed and effective, exactly.
        #expect(report.showback.count == 2)
        for showback in report.showback {
            #expect(showback.unblendedCost + report.unattributedTotal.unblendedCost == report.lambdaBilledCost, "\(showback.tagKey)")
            #expect(showback.effectiveCost + report.unattributedTotal.effectiveCost == report.lambdaEffectiveCost, "\(showback.tagKey)")
        }
        #expect(report.lambdaBilledCost == FixedDecimal(parsing: "8.0265562"))
    }

    @Test func theIndexShowsTheTopValuesTheUntaggedShareAndTheTotals() throws {
        let files = try Self.render(try Self.report())
        let index = try #require(files["index.html"])
        let section = try #require(index.components(separatedBy: "<h3 id=\"showback-tenant\">").last?.components(separatedBy: "</table>").first)
        #expect(section.contains("7.3 % of the functions' Lambda cost is untagged (1 of 4 functions without a <code>tenant</code> tag)."))
        // top_rows 2: the two costliest values, the third summed in one row, then the untagged and the charges of no function.
        #expect(section.contains("The 2 costliest of its 3 values; the other 1 are summed in one row."))
        #expect(section.contains("&lt;b&gt;acme&lt;/b&gt;") && !section.contains("<b>acme</b>"))
        #expect(!section.contains("calc"))
        #expect(section.contains("<tr class=\"more-functions\"><td>1 more values</td><td class=\"num\">1</td><td class=\"num\">$0.21</td><td class=\"num\">$0.21</td><td class=\"num\">2.2 %</td>"))
        #expect(section.contains("<tr class=\"untagged\"><td><a href=\"showback/tenant/untagged.html\">(untagged)</a></td><td class=\"num\">1</td><td class=\"num\">$0.69</td><td class=\"num\">$0.69</td><td class=\"num\">7.3 %</td>"))
        #expect(section.contains("<tr><th>Total</th><th class=\"num\">4</th><th class=\"num\">$8.03</th><th class=\"num\">$8.91</th>"))
        // The team tag's values link to the team pages.
        let teams = try #require(index.components(separatedBy: "<h3 id=\"showback-team\">").last?.components(separatedBy: "</table>").first)
        #expect(teams.contains("<a href=\"teams/payments.html\">payments</a>"))
    }

    @Test func everyValueHasAPageOfItsFunctionsUnderASafeName() throws {
        let report = try Self.report()
        let files = try Self.render(report)
        let pages = files.keys.filter { $0.hasPrefix("showback/") }.sorted()
        #expect(pages.count == 4)
        // In the tag's folder, no component a path step or a hidden file ("../../etc/passwd" is one file name there).
        #expect(pages.allSatisfy { $0.hasPrefix("showback/tenant/") && $0.split(separator: "/").count == 3 })
        #expect(pages.allSatisfy { $0.split(separator: "/").allSatisfy { !$0.hasPrefix(".") } })
        #expect(pages.allSatisfy { $0.unicodeScalars.allSatisfy { PageFileNames.isAllowed($0) || $0 == "/" } })
        #expect(pages.contains("showback/tenant/untagged.html"))
        let context = RenderContext(report: report)
        let acme = try #require(report.showback[1].values.first { $0.value == "<b>acme</b>" })
        let path = try #require(context.groupPath(acme))
        let page = try #require(files[path + ".html"])
        #expect(page.contains("<title>tenant: &lt;b&gt;acme&lt;/b&gt; — Lambda cost report 2026-10</title>"))
        #expect(page.contains("<a href=\"../../index.html#showback-tenant\">"))
        #expect(page.contains("Functions tagged <code>tenant</code> = &lt;b&gt;acme&lt;/b&gt; · 1 functions · 21.4 % of the functions' Lambda cost"))
        #expect(page.contains("href=\"../../functions/004519876321_eu-west-1_report-builder.html\""))
        #expect(!page.contains("orders-api"))
        // Team pages stay where they were, one per team.
        #expect(files.keys.filter { $0.hasPrefix("teams/") }.count == context.teams.count)
    }

    /// A value with more functions than `top_rows` gets its lists in its own folder; every link of every page of
    /// the report leads to a file of it.
    @Test func aLargeValueGetsItsListsAndEveryLinkWorks() throws {
        var report = try Self.report()
        for index in report.functions.indices where report.functions[index].function.name != "orders-api" {
            report.functions[index].tags["tenant"] = "acme"
        }
        report.showback = TagShowback.make(report.functions, opportunities: report.opportunities, tagKeys: ["tenant"])
        let files = try Self.render(report, topRows: 1)
        #expect(files.keys.filter { $0.hasPrefix("showback/") }.sorted() == [
            "showback/tenant/_.-..-etc-passwd-f083bb4f.html", "showback/tenant/acme.html", "showback/tenant/acme/functions.html",
            "showback/tenant/acme/opportunities.html",
        ])
        let list = try #require(files["showback/tenant/acme/functions.html"])
        #expect(list.contains("<title>All functions of tenant = acme"))
        #expect(list.contains("<a href=\"../../../showback/tenant/acme.html\">tenant = acme</a>"))
        #expect(list.contains("href=\"../../../functions/004519876321_eu-west-1_image-resize.html\""))
        #expect(try #require(files["showback/tenant/acme.html"]).contains("href=\"../../showback/tenant/acme/functions.html\""))
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, text) in files {
            let url = URL(fileURLWithPath: folder + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for page in files.keys.sorted() where page.hasSuffix(".html") && (page.hasPrefix("showback/") || page == "index.html") {
            #expect(try ReportPagesTests.pageProblems(page, in: folder) == [], "\(page)")
        }
    }

    /// The README's sample figures, with no configuration (the team tag and the usual tags the month carries): every
    /// function has a team and an environment, 3 of 24 no project, 23 no model tier.
    @Test func theSampleMonthByItsFourTags() throws {
        let configuration = ReportConfiguration()
        var options = ReportPipeline.Options(
            inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: TestPaths.templates)
        options.configuration = .value(configuration)
        defer { try? FileManager.default.removeItem(atPath: options.outputDirectory) }
        let report = try ReportPipeline(options: options).run().report
        #expect(report.showback.map(\.tagKey) == ["team", "project", "env", "model_tier"])
        #expect(report.showback.map { $0.untagged?.functions.count ?? 0 } == [0, 3, 0, 23])
        #expect(report.showback.map { Format.percent($0.untaggedShare) } == ["0.0 %", "5.0 %", "0.0 %", "83.6 %"])
        #expect(report.showback[3].values.map(\.label) == ["small"])
        #expect(report.showback[3].values.first?.functions.map(\.function.name) == ["llm-summarizer"])
        for showback in report.showback {
            #expect(showback.functionCount == 24)
            #expect(showback.effectiveCost + report.unattributedTotal.effectiveCost == report.lambdaEffectiveCost, "\(showback.tagKey)")
            #expect(showback.unblendedCost + report.unattributedTotal.unblendedCost == report.lambdaBilledCost, "\(showback.tagKey)")
            #expect(showback.fullCost == FixedDecimal.sum(report.functions.map(\.fullCost)), "\(showback.tagKey)")
        }
    }

    @Test func theShowbackSheetTotalsEachTagToTheSummary() throws {
        let report = try Self.report()
        let sheet = ReportWorkbook.showback(report, RenderContext(report: report))
        #expect(sheet.name == "Showback" && !sheet.hasAutoFilter)
        let totals = Array(sheet.rows).filter { $0.count > 1 && $0[1] == .text("Total") }
        #expect(totals.count == 2)
        for total in totals {
            #expect(total[3].cachedCurrency == report.lambdaBilledCost)
            #expect(total[4].cachedCurrency == report.lambdaEffectiveCost)
        }
        // team's block: 4 values and the charges of no function, its total; then tenant's: 3 values, the untagged, the
        // charges of no function, and its total over its own rows.
        let charges = report.unattributed.count
        let first = 2 + 4 + charges + 1
        #expect(totals[1][3] == .currencyFormula("SUM(D\(first):D\(first + 4 + charges - 1))", cached: report.lambdaBilledCost))
        #expect(Array(sheet.rows).contains { $0.count > 1 && $0[0] == .text("tenant") && $0[1] == .text("=cmd|' /C calc'!A0") })
    }
}

private extension XLSXCell {
    var cachedCurrency: FixedDecimal? {
        if case .currencyFormula(_, let cached) = self { return cached }
        return nil
    }
}
