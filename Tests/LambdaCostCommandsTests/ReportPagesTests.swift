import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import LambdaCostCommands

/// The pages beyond index.html: one per function, one per team, findings.html, teams.csv; `generatedAt`; and
/// the per-item template convention.
@Suite struct ReportPagesTests {
    static let fixture = EndToEndTests.fixture

    static func pipeline(templates: String = TestPaths.templates, generatedAt: String? = nil) -> ReportPipeline {
        var options = ReportPipeline.Options(
            inputs: [fixture], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: templates)
        options.generatedAt = generatedAt
        options.keepsLedgerCells = true  // tests render its report again
        return ReportPipeline(options: options)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The values of `id="…"` attributes of a page.
    static func ids(_ page: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #" id="([^"]*)""#)
        return pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
            String(page[Range($0.range(at: 1), in: page)!])
        }
    }

    /// Relative `href`s of a page.
    static func links(_ page: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: ##" href="([^"]*)""##)
        return pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
            String(page[Range($0.range(at: 1), in: page)!])
        }
    }

    /// The fleet's paged full lists (`functions/index.html`, `functions/index-2.html`, …; ListPages).
    static func isListPage(_ path: String) -> Bool {
        path.range(of: #"^(functions|opportunities)/index(-[0-9]+)?\.html$"#, options: .regularExpression) != nil
    }

    /// What is wrong with a page of the report in `folder`: not well-formed, a repeated id, a link within the
    /// page to an id it lacks, a relative link to no file of the report.
    static func pageProblems(_ page: String, in folder: String) throws -> [String] {
        let text = try read(folder + "/" + page)
        var problems = XHTMLValidator.problems(in: text).map { "line \($0.line): \($0.message)" }
        let ids = ids(text)
        if Set(ids).count != ids.count { problems.append("repeats an id: \(ids)") }
        let base = URL(fileURLWithPath: folder + "/" + page).deletingLastPathComponent()
        for link in links(text) {
            // A link within the page names one of its ids.
            if link.hasPrefix("#") {
                if !ids.contains(String(link.dropFirst())) { problems.append("links to \(link), which is not an id of the page") }
                continue
            }
            // Every relative link leads to a file of the report.
            let file = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let target = base.appendingPathComponent(String(file)).standardizedFileURL.path
            if !(target.hasPrefix(folder + "/") && FileManager.default.fileExists(atPath: target)) { problems.append("links to \(link)") }
        }
        return problems
    }

    /// A run discards the month's ledger cells once the render has read them (before the output is synced); a caller
    /// that renders the report again asks to keep them, and the report it gets reads the same cells.
    @Test func aRunDiscardsTheLedgerCellsUnlessAskedToKeepThem() throws {
        var options = Self.pipeline().options
        defer { try? FileManager.default.removeItem(atPath: options.outputDirectory) }
        let kept = try ReportPipeline(options: options).run().report.ingest.ledger
        options.keepsLedgerCells = false
        let discarded = try ReportPipeline(options: options).run().report.ingest.ledger
        #expect(discarded.cellsDiscarded && discarded.spilledRuns == 0 && discarded.cellsInMemory == 0)
        #expect(!kept.cellsDiscarded && !kept.cells.isEmpty)
    }

    @Test func everyPageIsWellFormedWithUniqueIdsAndWorkingLinks() throws {
        let pipeline = Self.pipeline()
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let folder = outcome.folder
        let files = GoldenFiles.files(under: folder)
        let pages = files.filter { $0.hasSuffix(".html") }
        #expect(pages.filter { $0.hasPrefix("functions/") && !Self.isListPage($0) }.count == outcome.report.functions.count)
        #expect(pages.filter { $0.hasPrefix("teams/") }.count == 4)
        #expect(pages.contains("findings.html"))
        for page in pages {
            let problems = try Self.pageProblems(page, in: folder)
            #expect(problems.isEmpty, "\(page): \(problems)")
        }
        // Per-item pages sit in their folder, named only with safe characters; the paged full lists are
        // functions/index.html and opportunities/index.html (and index-2.html, … on a larger fleet).
        #expect(pages.contains("functions/index.html") && pages.contains("opportunities/index.html"))
        for file in files where file.hasPrefix("functions/") || file.hasPrefix("teams/") {
            #expect(file.range(of: #"^(functions|teams)/[A-Za-z0-9_][A-Za-z0-9._-]*\.html$"#, options: .regularExpression) != nil, "\(file)")
        }
        // index.html links to every function page and to the findings page.
        let index = try Self.read(folder + "/index.html")
        for page in pages where page.hasPrefix("functions/") { #expect(index.contains("href=\"\(page)\""), "\(page)") }
        #expect(index.contains("href=\"findings.html\""))
    }

    /// The sums behind teams.csv, by hand from the fixture rows (Fixtures/e2e/README.md), each team one function.
    @Test func teamsCSVIsHandChecked() throws {
        let pipeline = Self.pipeline()
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let csv = try Self.read(outcome.folder + "/teams.csv")
        #expect(csv == [
            "team,functions,unblended_cost_usd,effective_cost_usd,on_demand_cost_usd,potential_savings_usd",
            // checkout-api: 0.1500012 + 0.048611 + 0.008; no free tier or Savings Plan; Graviton 0.0397208.
            "<script>alert('x')</script>,1,0.2066122000,0.2066122000,0.2066122000,0.0397208000",
            // image-resize: 0.02 + 0.66667, already arm64: no saving. The tag is a formula: a leading ' keeps it text.
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,0.6866700000,0.6866700000,0.6866700000,0.0000000000",
            // report-builder: 2.000004 + 0.00306 + 0.0002; Graviton 120,000 GB-s × 0.0000033333 = 0.399996.
            "\"data, \"\"analytics\"\"\nteam\",1,2.0032640000,2.0032640000,2.0032640000,0.3999960000",
            // orders-api billed: 0 + 0 + 0.5 + 5.00001 + 1.000002 (SP covered) + 0.1 (unclassified) = 6.600012;
            // effective: 0.5 + 5.00001 + 0.88 + 0.1 = 6.48001; on demand: 0.2 + 6.66668 + 0.5 + 5.00001 + 1.000002 + 0.1
            // = 13.466692. Graviton saves 1.199988 alone, a share 1.199988 ÷ 6.000012 of the paid duration; 1/6 of
            // that duration (1.000002 at 02:00) is the usage the owned plan covers, so 1.199988 ÷ 6 = 0.199998 of
            // the saving frees commitment already owned: 0.99999 in cash within the plan.
            "payments,1,6.6000120000,6.4800100000,13.4666920000,0.9999900000",
        ].joined(separator: "\r\n") + "\r\n")
        // The teams add up to the headline (no Savings Plans purchase here): 0.0397208 + 0.399996 + 0.99999.
        #expect(outcome.report.potentialSavings.description == "1.4397068")

        // The Teams sheet of report.xlsx has the same numbers as currency cells.
        let sheet = ReportWorkbook.teams(outcome.report, RenderContext(report: outcome.report))
        #expect(sheet.columns.map(\.header) == ["Team", "Functions", "Billed (unblended)", "Lambda cost (effective)", "On-demand value",
                                                "Potential savings / month"])
        #expect(sheet.columns.map(\.format) == [.text, .integer, .currency, .currency, .currency, .currency])
        func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
        #expect(sheet.rows[3] == [.text("payments"), .integer(1), .currency(d("6.600012")), .currency(d("6.48001")),
                                  .currency(d("13.466692")), .currency(d("0.99999"))])
        // Then the charges of no function (Fixtures/e2e/README.md: the credit and tax, the Savings Plan negation,
        // which the effective cost leaves out, and data transfer) and the total, as SUM formulas over the rows
        // above: billed 9.4965582 − 1.25 − 1.000002 + 0.73 + 0.05; effective 9.3765562 − 1.25 + 0 + 0.73 + 0.05.
        func noFunction(_ charge: String, _ billed: String, _ effective: String) -> [XLSXCell] {
            [.text("Charges of no function: \(charge)"), .empty, .currency(d(billed)), .currency(d(effective)), .empty, .empty]
        }
        #expect(Array(sheet.rows[4...7]) == [noFunction("Credit", "-1.25", "-1.25"), noFunction("SavingsPlanNegation", "-1.000002", "0"),
                                             noFunction("Tax", "0.73", "0.73"), noFunction("Usage: data_transfer", "0.05", "0.05")])
        #expect(sheet.rows.last == [.text("Total"), .empty, .currencyFormula("SUM(C2:C9)", cached: d("8.0265562")),
                                    .currencyFormula("SUM(D2:D9)", cached: d("8.9065562")),
                                    .currencyFormula("SUM(E2:E9)", cached: d("16.3632382")),
                                    .currencyFormula("SUM(F2:F9)", cached: d("1.4397068"))])
        #expect(sheet.rows.count == 9)
        // The totals are the month's: billed as reconciled, effective as summed from the ledger.
        #expect(outcome.report.lambdaBilledCost == d("8.0265562"))
        #expect(outcome.report.lambdaEffectiveCost == d("8.9065562"))
        // The bridge: 8.0265562 + amortization (0.88 − 1.000002) − negations (−1.000002) = 8.9065562.
        let bridge = outcome.report.costBridge
        #expect(bridge.billed == d("8.0265562") && bridge.savingsPlanAmortization == d("-0.120002"))
        #expect(bridge.savingsPlanNegations == d("-1.000002") && bridge.effective == d("8.9065562") && bridge.reconciles)

        // Functions without the tag (or with a blank one) form the untagged group, listed last, on teams/untagged.html.
        var report = outcome.report
        for index in report.functions.indices where report.functions[index].function.name != "orders-api" {
            report.functions[index].tags["team"] = index == 0 ? " " : nil
        }
        let context = RenderContext(report: report)
        #expect(context.teams.map(\.label) == ["payments", "(untagged)"])
        #expect(context.teams.last?.functions.count == 3)
        #expect(context.teams.last?.potentialSavings.description == "0.4397168")
        #expect(context.teamPage(nil) == "teams/untagged")
        // Another tag key names other teams.
        #expect(RenderContext(report: outcome.report, teamTagKey: "cost_center").teams.map(\.label) == ["(untagged)"])
    }

    /// The Summary sheet's bridge: the two results are formulas over the rows just above them, with cached values.
    @Test func theSummarySheetBridgeFormulasNameTheirRows() throws {
        let pipeline = Self.pipeline()
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let rows = ReportWorkbook.summary(outcome.report).rows
        func row(_ label: String) throws -> Int { try #require(rows.firstIndex { $0.first == .text(label) }, "\(label)") + 2 }  // sheet row
        let billed = try row("Billed Lambda cost (unblended)"), effective = try row("= Lambda cost (effective, amortized)")
        #expect(try row("+ Savings Plans amortization") == billed + 1)
        #expect(try row("− Savings Plans negations (their billed amount)") == billed + 2)
        #expect(rows[effective - 2].last == .currencyFormula("B\(billed)+B\(billed + 1)-B\(billed + 2)", cached: outcome.report.lambdaEffectiveCost))
        let list = try row("List cost at catalog prices"), catalog = try row("= Catalog cost")
        #expect(catalog == list + 3)
        #expect(rows[catalog - 2].last == .currencyFormula("B\(list)-B\(list + 1)-B\(list + 2)", cached: outcome.report.costBridge.catalog))
    }

    @Test func theDailyChartAddsUpToTheLambdaCost() throws {
        let pipeline = Self.pipeline()
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let report = outcome.report
        let context = RenderContext(report: report)
        var functionDays = FixedDecimal.zero
        let series = LedgerSeries.walk(report, context) { function, series in
            #expect(FixedDecimal.sum(series.daily) == function.effectiveCost)
            #expect(FixedDecimal.sum(series.hourly) == function.effectiveCost)
            #expect(series.hourly.count == 31 * 24 && series.daily.count == 31)
            functionDays += FixedDecimal.sum(series.daily)
        }
        #expect(FixedDecimal.sum(series.daily) == report.lambdaEffectiveCost)
        #expect(functionDays == FixedDecimal.sum(report.functions.map(\.effectiveCost)))
        // Day 1: the credit and the tax (−1.25 + 0.73); day 2: everything else.
        #expect(series.daily[0].description == "-0.52")
        // Day 2 at the effective cost: orders-api's covered usage at the plan's 0.88 instead of 1.000002.
        // (and the negation left out): 8.5465562 − 0.120002 + 1.000002.
        #expect(series.daily[1].description == "9.4265562")
        #expect(series.dailyByTag["team"]?["payments"]?[1].description == "6.48001")
    }

    /// The sample month has what the fixture lacks: memory curves, an anomaly day, teams of several functions.
    @Test func theSampleMonthDrawsItsCurvesAndAnomalies() throws {
        let pipeline = ReportPipeline(options: .init(
            inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: TestPaths.templates))
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let report = outcome.report
        let context = RenderContext(report: report)
        let files = GoldenFiles.files(under: outcome.folder)
        #expect(files.filter { $0.hasPrefix("functions/") && !Self.isListPage($0) }.count == report.functions.count)
        #expect(files.filter { $0.hasPrefix("teams/") }.count == context.teams.count)
        let curves = report.opportunities.filter { $0.scenario == MemoryScenario.identifier && $0.curve.count > 1 }
        #expect(!curves.isEmpty)
        for opportunity in curves {
            let page = try Self.read(outcome.folder + "/" + context.functionPage(opportunity.function)! + ".html")
            #expect(page.contains("class=\"chart chart-line\""), "\(opportunity.function.name)")
            #expect(page.contains("Proposed: ") && page.contains("Now: "), "\(opportunity.function.name)")
        }
        let anomalies = report.findings.filter { $0.kind == AnomalyScenario.identifier }
        #expect(anomalies.map(\.day) == [17])
        let index = try Self.read(outcome.folder + "/index.html")
        #expect(index.contains("Anomaly: 17, "))
        for anomaly in anomalies {
            #expect(try Self.read(outcome.folder + "/" + context.functionPage(anomaly.function)! + ".html").contains("Anomaly: 17, "))
        }
        // The sample month is complete: flagged so, and no page or wiki export carries the incomplete-month banner.
        #expect(report.ingest.monthComplete && report.ingest.coverage.lastUsageHour?.description == "2026-10-31T23:00:00Z")
        #expect(outcome.manifest.monthComplete && outcome.manifest.lastUsageHour.text == "2026-10-31T23:00:00Z")
        for file in files where file.hasSuffix(".html") || file.hasPrefix("wiki/") {
            #expect(!(try Self.read(outcome.folder + "/" + file)).contains("Incomplete month"), "\(file)")
        }
        // The sample is hourly: every function page has its heat strip.
        for file in files where file.hasPrefix("functions/") && !Self.isListPage(file) {
            #expect(try Self.read(outcome.folder + "/" + file).contains("id=\"hourly-cost\""), "\(file)")
        }
    }

    /// A month without opportunities still gets its (empty) list page, which says so; the index does not link it.
    @Test func anEmptyOpportunityListSaysSo() throws {
        let pipeline = Self.pipeline()
        var report = try pipeline.run().report
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        report.opportunities = []
        let files = try RenderStage().run(RenderStage.Input(report: report, templatesDirectory: TestPaths.templates)).files
        func page(_ path: String) throws -> String {
            String(decoding: try #require(files.first { $0.path == path }).contents, as: UTF8.self)
        }
        let list = try page("opportunities/index.html")
        #expect(list.contains("<p>No scenario found a saving this month.</p>") && !list.contains("<table"))
        #expect(list.contains("Opportunities 0–0 of 0"))
        let index = try page("index.html")
        #expect(!index.contains("opportunities/index.html") && index.contains("No scenario found a saving this month."))
        #expect(index.contains("href=\"functions/index.html\""))
    }

    @Test func generatedAtIsShownOnlyWhenGiven() throws {
        let stamped = Self.pipeline(generatedAt: "2026-11-02T06:00:00Z")
        let outcome = try stamped.run()
        defer { try? FileManager.default.removeItem(atPath: stamped.options.outputDirectory) }
        #expect(outcome.manifest.generatedAt == "2026-11-02T06:00:00Z")
        let manifest = try Self.read(outcome.folder + "/manifest.json")
        #expect(manifest.contains("\"generated_at\" : \"2026-11-02T06:00:00Z\""))
        for page in ["index.html", "findings.html", "functions/004519876321_us-east-1_orders-api.html", "teams/payments.html"] {
            #expect(try Self.read(outcome.folder + "/" + page).contains("on 2026-11-02T06:00:00Z."), "\(page)")
        }
        let plain = Self.pipeline()
        let plainOutcome = try plain.run()
        defer { try? FileManager.default.removeItem(atPath: plain.options.outputDirectory) }
        #expect(plainOutcome.manifest.generatedAt == nil)
        #expect(!(try Self.read(plainOutcome.folder + "/manifest.json")).contains("generated_at"))
    }

    /// Every text of a function's and a team's page made hostile, a control character among it: the pages still
    /// validate (the renderer writes every text XML-safe) and stay inert.
    @Test func itemPagesKeepHostileValuesInert() throws {
        let pipeline = Self.pipeline()
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let text = "<script>alert('x')</script> & <b>\u{0001}]]> \" '"
        func hostile(_ value: Any) -> Any {
            switch value {
            case let string as String: return text + string
            case let dictionary as [String: Any]: return dictionary.mapValues(hostile)
            case let lazy as LazyModel: return LazyModel { key in lazy[key].map(hostile) }
            case let array as [Any]: return array.map(hostile)
            default: return value
            }
        }
        let report = outcome.report
        let context = RenderContext(report: report)
        let models = ItemPageModels(report: report, context: context)
        let stage = RenderStage()
        let templates = try stage.loadTemplateSet(TestPaths.templates)
        var rendered = 0
        _ = try LedgerSeries.walk(report, context) { function, series in
            let model = hostile(models.function(function, series: series))
            let page = String(decoding: try stage.renderFile("function.html", to: "functions/x.html", model: model, templates: templates).contents,
                              as: UTF8.self)
            #expect(!page.contains("<script>") && !page.contains("<b>"))
            #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            rendered += 1
        }
        #expect(rendered == report.functions.count)
        for team in context.teams {
            let model = hostile(models.group(team, share: nil, daily: [])) as! [String: Any]
            let page = String(decoding: try stage.renderFile("team.html", to: "teams/x.html", model: model, templates: templates).contents,
                              as: UTF8.self)
            #expect(!page.contains("<script>") && !page.contains("<b>"))
        }
    }

    /// `function.<ext>` and `team.<ext>` render once per item into `functions/` and `teams/`; an invalid page is
    /// reported with its template and the page it would have been.
    @Test func perItemTemplatesFollowTheConvention() throws {
        let templates = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: templates) }
        let manager = FileManager.default
        try manager.copyItem(atPath: TestPaths.templates, toPath: templates + "/t")
        try "{{function_name}} in {{region}}: {{unblended_cost}}\n".write(toFile: templates + "/t/function.txt.mustache", atomically: true, encoding: .utf8)
        try manager.removeItem(atPath: templates + "/t/team.html.mustache")
        let pipeline = Self.pipeline(templates: templates + "/t")
        let outcome = try pipeline.run()
        defer { try? manager.removeItem(atPath: pipeline.options.outputDirectory) }
        #expect(try Self.read(outcome.folder + "/functions/004519876321_us-east-1_orders-api.txt") == "orders-api in us-east-1: $6.60\n")
        #expect(!manager.fileExists(atPath: outcome.folder + "/teams"))
        // Without team pages, pages do not link to them.
        #expect(!(try Self.read(outcome.folder + "/index.html")).contains("href=\"teams/"))

        let page = templates + "/t/function.html.mustache"
        let broken = try Self.read(page).replacingOccurrences(of: "</main>", with: "")
        try broken.write(toFile: page, atomically: true, encoding: .utf8)
        let failing = Self.pipeline(templates: templates + "/t")
        defer { try? manager.removeItem(atPath: failing.options.outputDirectory) }
        let error = try #require(throws: StageError.self) { try failing.run() }
        let renderError = try #require(error.underlying as? RenderError)
        #expect(renderError.template == page)
        #expect(renderError.message.hasPrefix("the rendered functions/004519876321_"))
        #expect(renderError.message.contains(".html is not well-formed XHTML at its line"))
    }
}
