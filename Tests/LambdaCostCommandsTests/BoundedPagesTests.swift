import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import LambdaCostCommands

/// Pages of bounded size on a generated fleet larger than a list page: the index and team pages show the top
/// `[report] top_rows` functions and opportunities and link to the paged full lists, which hold every function
/// and every opportunity exactly once. Serialized: one generated fleet, read once.
@Suite(.serialized) struct BoundedPagesTests {
    /// More functions than one list page holds, so the fleet's lists have two pages.
    static let functionCount = ListPages.pageRows + 120
    /// `index.html` stays under this at any fleet size and any `top_rows`.
    static let indexLimit = 1_500_000

    /// A generated month of ``functionCount`` functions (one day: quick to read), reported with `topRows`.
    static func run(topRows: Int = ReportConfiguration.defaultTopRows) throws -> (outcome: ReportPipeline.Outcome, folder: String) {
        let folder = TestPaths.temporaryFolder()
        let configuration = SampleGenerator.Configuration(
            functions: functionCount, days: 1, seed: 16, month: BillingMonth(year: 2026, month: 10)!, otherServicesRowPercent: 0)
        try SampleGenerator.write(configuration: configuration, curTo: folder + "/cur.csv.gz", metricsTo: folder + "/metrics.csv")
        var options = ReportPipeline.Options(
            inputs: [folder + "/cur.csv.gz"], metrics: [folder + "/metrics.csv"], pricingDirectory: TestPaths.pricing,
            month: configuration.month, outputDirectory: folder + "/out", templatesDirectory: TestPaths.templates)
        options.configuration = .value(ReportConfiguration(topRows: topRows))
        options.keepsLedgerCells = true  // rendered again with the largest top_rows
        return (try ReportPipeline(options: options).run(), folder)
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// How often each string occurs in `text`.
    static func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The ranks of the opportunity rows of a page (`partials/opportunity-table`), in page order.
    static func opportunityRanks(_ page: String) -> [Int] {
        let pattern = try! NSRegularExpression(pattern: #"<tr><td class="num">([0-9]+)</td><td class="function">"#)
        return pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
            Int(page[Range($0.range(at: 1), in: page)!])!
        }
    }

    /// The function rows of a page (`partials/function-row`).
    static func functionRows(_ page: String) -> [String] {
        page.components(separatedBy: "\n").filter { $0.hasPrefix("<tr class=\"function-row\">") }
    }

    /// `href="<prefix><the function's page>.html"`, or a text no page has for a function without a page.
    static func link(_ function: FunctionCost, _ context: RenderContext, prefix: String = "") -> String {
        context.functionPage(function.function).map { "href=\"\(prefix)\($0).html\"" } ?? "<code>\(function.function.name)</code>"
    }

    /// The written pages of a list, first to last: `functions/index.html`, `functions/index-2.html`, …
    static func listPages(_ first: String, in folder: String) -> [String] {
        let stem = String(first.dropLast(".html".count))
        var pages: [String] = []
        while FileManager.default.fileExists(atPath: "\(folder)/\(stem)\(pages.isEmpty ? "" : "-\(pages.count + 1)").html") {
            pages.append("\(stem)\(pages.isEmpty ? "" : "-\(pages.count + 1)").html")
        }
        return pages
    }

    @Test func theIndexShowsTheTopRowsAndTheListsHoldEveryFunctionOnce() throws {
        let (outcome, folder) = try Self.run()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = outcome.report
        let context = RenderContext(report: report)
        let month = outcome.folder
        #expect(report.functions.count == Self.functionCount)
        #expect(report.opportunities.count > ReportConfiguration.defaultTopRows)

        // index.html: the 100 costliest functions (Lambda cost, effective), costliest first, then one row for the rest.
        let index = try Self.read(month + "/index.html")
        #expect(index.utf8.count < Self.indexLimit)
        let rows = Self.functionRows(index)
        #expect(rows.count == ReportConfiguration.defaultTopRows)
        let costliest = report.functions.sorted { ($0.effectiveCost, $1.function) > ($1.effectiveCost, $0.function) }
        for (row, function) in zip(rows, costliest) {
            #expect(row.contains(Self.link(function, context)), "\(function.function.name)")
        }
        #expect(index.contains("The 100 costliest of 620 functions by Lambda cost."))
        #expect(index.contains("<td>520 more functions (<a href=\"functions/index.html\">full list</a>)</td>"))
        let rest = FixedDecimal.sum(costliest.dropFirst(100).map(\.effectiveCost))
        #expect(index.contains("<td class=\"num\">\(Format.usd(rest))</td>"))
        #expect(Self.opportunityRanks(index) == Array(1...100))
        #expect(index.contains("The 100 largest of \(Format.quantity(FixedDecimal(report.opportunities.count), places: 0)) opportunities."))
        #expect(index.contains("<a href=\"opportunities/index.html\">The full list</a>"))

        // The function lists: two pages, 500 and 120 rows, costliest first; every function exactly once.
        let functionPages = Self.listPages("functions/index.html", in: month)
        #expect(functionPages == ["functions/index.html", "functions/index-2.html"])
        var listed: [String] = []
        for page in functionPages {
            let text = try Self.read(month + "/" + page)
            #expect(try ReportPagesTests.pageProblems(page, in: month) == [], "\(page)")
            listed += Self.functionRows(text)
        }
        #expect(listed.count == report.functions.count)
        #expect(zip(listed, costliest).allSatisfy { row, function in row.contains(Self.link(function, context, prefix: "../")) })
        let all = listed.joined(separator: "\n")
        for function in report.functions {
            #expect(Self.occurrences(of: Self.link(function, context, prefix: "../"), in: all) == 1, "\(function.function.name)")
        }
        let second = try Self.read(month + "/functions/index-2.html")
        #expect(second.contains("Functions 501–620 of 620"))
        #expect(second.contains("<a href=\"../functions/index.html\" rel=\"prev\">"))

        // The opportunity lists: every rank once, in order, 500 a page.
        let opportunityPages = Self.listPages("opportunities/index.html", in: month)
        #expect(opportunityPages.count == ListPages.pageCount(report.opportunities.count))
        var ranks: [Int] = []
        for page in opportunityPages {
            #expect(try ReportPagesTests.pageProblems(page, in: month) == [], "\(page)")
            let pageRanks = Self.opportunityRanks(try Self.read(month + "/" + page))
            #expect(pageRanks.count <= ListPages.pageRows)
            ranks += pageRanks
        }
        #expect(ranks == Array(1...report.opportunities.count))

        // Every function still has its page; the manifest lists every written file, the lists too.
        let files = GoldenFiles.files(under: month)
        #expect(files.filter { $0.hasPrefix("functions/") && !ReportPagesTests.isListPage($0) }.count == report.functions.count)
        #expect(Set(outcome.manifest.outputs.map(\.path)) == Set(files.filter { $0 != "manifest.json" }))
        // The index, the team pages and the other report-wide pages are well formed and their links work.
        for page in files where page.hasSuffix(".html") && !page.hasPrefix("functions/") && !page.hasPrefix("opportunities/") {
            #expect(try ReportPagesTests.pageProblems(page, in: month) == [], "\(page)")
        }
    }

    /// `top_rows` sets how many rows the index and team pages show; a team with more gets its own paged lists,
    /// and the index stays under the limit at the largest value.
    @Test func topRowsIsHonouredOnTheIndexAndTheTeamPages() throws {
        let (outcome, folder) = try Self.run(topRows: 20)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = outcome.report
        var context = RenderContext(report: report)
        context.topRows = 20
        let month = outcome.folder
        let index = try Self.read(month + "/index.html")
        #expect(Self.functionRows(index).count == 20)
        #expect(Self.opportunityRanks(index) == Array(1...20))

        #expect(context.teams.filter { $0.functions.count > 20 }.count >= 2)
        for team in context.teams {
            let page = context.groupPage(team)!
            let text = try Self.read("\(month)/\(page).html")
            // Ranks: positions in the report's opportunities + 1.
            let ranked = ListPages.ranked(report, of: Set(team.functions.map(\.function))).map { Int($0) + 1 }
            #expect(ranked.allSatisfy { team.functions.map(\.function).contains(report.opportunities[$0 - 1].function) })
            #expect(Self.opportunityRanks(text) == Array(ranked.prefix(20)), "\(team.label)")
            // A team with more functions than its page shows gets its list: every function of the team once.
            let functionsList = context.listPage(.functions, group: team, count: team.functions.count)
            #expect((functionsList != nil) == (team.functions.count > 20), "\(team.label)")
            if let functionsList {
                #expect(text.contains("<a href=\"../\(functionsList)\">The full list</a>"))
                let listed = try Self.listPages(functionsList, in: month).flatMap { Self.functionRows(try Self.read(month + "/" + $0)) }
                #expect(listed.count == team.functions.count, "\(team.label)")
                for function in team.functions {
                    #expect(listed.filter { $0.contains(Self.link(function, context, prefix: "../../")) }.count == 1)
                }
            }
            if ranked.count > 20 {
                let opportunitiesList = try #require(context.listPage(.opportunities, group: team, count: ranked.count))
                let pages = Self.listPages(opportunitiesList, in: month)
                #expect(try pages.flatMap { Self.opportunityRanks(try Self.read(month + "/" + $0)) } == ranked)
                for list in pages { #expect(try ReportPagesTests.pageProblems(list, in: month) == [], "\(list)") }
            }
            #expect(try ReportPagesTests.pageProblems(page + ".html", in: month) == [], "\(page)")
        }

        // The largest top_rows, rendered from the same report: the index stays under the limit.
        let rendered = try RenderStage().run(RenderStage.Input(
            report: report, templatesDirectory: TestPaths.templates, topRows: ReportConfiguration.maximumTopRows))
        let largest = try #require(rendered.files.first { $0.path == "index.html" })
        #expect(largest.contents.count < Self.indexLimit)
        let text = String(decoding: largest.contents, as: UTF8.self)
        #expect(Self.functionRows(text).count == ReportConfiguration.maximumTopRows)
        #expect(Self.opportunityRanks(text).count == min(ReportConfiguration.maximumTopRows, report.opportunities.count))
    }

    /// The findings page and the wiki pages show each group's first `top_rows` findings by money at risk and say
    /// how many more there are; `findings.csv` and `skipped.csv` hold every one.
    @Test func theFindingsPageAndTheWikiShowTheTopRowsOfEachGroup() throws {
        let (outcome, folder) = try Self.run(topRows: 20)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = outcome.report
        let month = outcome.folder
        let page = try Self.read(month + "/findings.html")
        let wiki = try Self.read(month + "/wiki/report.md")
        let groups: [(id: String, members: [Finding])] = [
            ("timeouts", report.findings.filter { $0.kind.contains("timeout") }),
            ("idle-wait", report.findings.filter { $0.kind == IdleWaitScenario.identifier }),
        ]
        try #require(groups.contains { $0.members.count > 20 }, "\(groups.map { ($0.id, $0.members.count) })")
        for (id, members) in groups {
            let section = try #require(page.components(separatedBy: "<section aria-labelledby=\"\(id)\">").dropFirst().first)
                .components(separatedBy: "</section>")[0]
            let rows = section.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td>") }
            #expect(rows.count == min(20, members.count), "\(id)")
            // The findings with the most money at risk, in order (report.findings is sorted so).
            for (row, finding) in zip(rows, members) { #expect(row.contains(">\(finding.function.name)<"), "\(id): \(row)") }
            let more = members.count > 20
            #expect(section.contains("The 20 with the most money at risk of \(members.count); all of them are in findings.csv") == more, "\(id)")
            #expect(wiki.contains("And \(members.count - 20) more (with less money at risk) in `findings.csv`.") == more, "\(id)")
        }
        #expect(try ReportPagesTests.pageProblems("findings.html", in: month) == [])

        // Every finding and every scenario not evaluated is in a CSV file.
        let findingsLines = try Self.read(month + "/findings.csv").split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(findingsLines.count == 1 + report.findings.count + report.pricingGaps.count)
        let skippedLines = try Self.read(month + "/skipped.csv").split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(skippedLines.first == "scenario,account_id,region,function_name,reason")
        #expect(skippedLines.count == 1 + report.skipped.count)
        for (line, skip) in zip(skippedLines.dropFirst(), report.skipped) {
            #expect(line.hasPrefix("\(skip.scenario),\(skip.function.accountID),\(skip.function.region),\(skip.function.name),"))
        }
        let notEvaluated = try #require(page.components(separatedBy: "<section aria-labelledby=\"not-evaluated\">").dropFirst().first)
        #expect(notEvaluated.components(separatedBy: "\n").filter { $0.hasPrefix("<li>") && !$0.hasPrefix("<li><code>") }.count == min(20, report.skipped.count))
        #expect(notEvaluated.contains("all of them are in skipped.csv") == (report.skipped.count > 20))
    }

    /// People's names of the scenarios come from one table; the stable identifiers stay in the CSV files.
    @Test func scenariosAreNamedFromOneTable() throws {
        let identifiers = [GravitonScenario.identifier, MemoryScenario.identifier, RegionMoveScenario.identifier,
                           IdleWaitScenario.identifier, BatchingScenario.identifier, AnomalyScenario.identifier,
                           CommitmentStage.provisionedConcurrencyScenario, CommitmentStage.savingsPlanScenario]
        for identifier in identifiers {
            #expect(ReportCharts.scenarioLabels[identifier] != nil, "\(identifier)")
        }
        let pipeline = ReportPipeline(options: .init(
            inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: TestPaths.templates))
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let scenarios = Set(outcome.report.opportunities.map(\.scenario))
        #expect(scenarios.contains(CommitmentStage.provisionedConcurrencyScenario))
        let chart = ReportCharts.savingsByScenario(outcome.report).svg()
        for scenario in scenarios {
            #expect(!chart.contains(">\(scenario)<"), "the chart names \(scenario) by its identifier")
            #expect(chart.contains(ReportCharts.scenarioLabel(scenario)), "\(scenario)")
        }
        // The opportunity rows show the label up front; the identifier only among the folded details.
        let index = try Self.read(outcome.folder + "/index.html")
        for scenario in scenarios {
            #expect(index.contains("<strong>\(ReportCharts.scenarioLabel(scenario))</strong>"), "\(scenario)")
            #expect(!index.contains("<td>\(scenario)</td>"), "\(scenario)")
        }
        let csv = try Self.read(outcome.folder + "/opportunities.csv")
        for scenario in scenarios { #expect(csv.contains(",\(scenario),"), "\(scenario)") }
    }
}
