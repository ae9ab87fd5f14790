import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import LambdaCostCommands

/// Runs the real `templates/` and `data/pricing/` on a small fixture month and compares every output file.
@Suite(.serialized) struct EndToEndTests {
    /// Relative to the package root (where `swift test` runs), so the golden manifest holds no machine path.
    static let fixture = TestPaths.relativeToWorkingDirectory(TestPaths.fixtures + "/e2e")

    func runReport(output: String, extra: [String] = []) throws {
        var command = try LambdaCostReportCommand.parseAsRoot([
            "report", "--input", Self.fixture, "--output", output, "--templates", TestPaths.templates,
            "--pricing", TestPaths.pricing,
        ] + extra)
        // Captured: keeps the test output clean and stderr not a terminal (no progress lines).
        try OutputCapture.$current.withValue(OutputCapture()) { try command.run() }
    }

    @Test func everyOutputFileMatchesItsGoldenCopy() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try runReport(output: output)
        #expect(GoldenFiles.files(under: output) == [
            "2026-10/alternatives.csv", "2026-10/changes.html", "2026-10/findings.csv", "2026-10/findings.html", "2026-10/follow-up.csv", "2026-10/functions.csv",
            "2026-10/functions/004519876321_eu-west-1_image-resize.html", "2026-10/functions/004519876321_eu-west-1_report-builder.html",
            "2026-10/functions/004519876321_us-east-1_checkout-api.html", "2026-10/functions/004519876321_us-east-1_orders-api.html",
            "2026-10/functions/index.html", "2026-10/index.html", "2026-10/kpis.json", "2026-10/manifest.json", "2026-10/month-over-month.csv",
            "2026-10/notify/slack.json", "2026-10/notify/teams.json", "2026-10/opportunities.csv",
            "2026-10/opportunities/index.html", "2026-10/provisioned-concurrency.csv",
            "2026-10/rejects.csv", "2026-10/report.xlsx", "2026-10/savings-plans.csv", "2026-10/savings-plans.html", "2026-10/showback.csv",
            "2026-10/skipped.csv", "2026-10/teams.csv", "2026-10/teams/HYPERLINK-http-x-y-f8fb278d.html", "2026-10/teams/data-analytics-team-90579668.html",
            "2026-10/teams/payments.html", "2026-10/teams/script-alert-x-script-68d50b21.html",
            "2026-10/wiki/report.confluence.xhtml", "2026-10/wiki/report.md", "index.html",
        ])
        let problems = GoldenFiles.compareTree(output + "/2026-10", golden: TestPaths.golden + "/e2e/2026-10")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func totalsReconcileToHandCheckedValues() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try runReport(output: output)
        let data = try #require(FileManager.default.contents(atPath: output + "/2026-10/manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        // Hand-summed from the fixture rows (see the comment in Fixtures/e2e/README.md).
        #expect(manifest.totals.lambdaUnblendedUSD.description == "8.0265562")
        #expect(manifest.totals.otherUnblendedUSD.description == "3.6")
        #expect(manifest.totals.rejectedUnblendedUSD == .zero)
        #expect(manifest.totals.inputUnblendedUSD.description == "11.6265562")
        #expect(manifest.rows.read == 22)
        #expect(manifest.rows.lambda == 18)
        #expect(manifest.rows.otherServices == 3)
        #expect(manifest.rows.rejected == 1)
        #expect(manifest.rows.rejectedWithoutCost == 1)
        #expect(manifest.inputs.map(\.path) == [Self.fixture + "/cur-2026-10.csv"])
        #expect(manifest.metricsInputs == [Self.fixture + "/metrics-2026-10.csv"])
    }

    @Test func gravitonSavingsAreHandChecked() throws {
        let pipeline = ReportPipeline(options: .init(
            inputs: [Self.fixture], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: TestPaths.templates))
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let savings = Dictionary(uniqueKeysWithValues: outcome.report.opportunities.map { ($0.function.name, $0.monthlySavings.description) })
        // orders-api: (300,000 on-demand + 60,000 SP-covered) GB-s × (0.0000166667 − 0.0000133334) = 1.199988
        #expect(savings["orders-api"] == "1.199988")
        // report-builder (eu-west-1): 120,000 GB-s × 0.0000033333 = 0.399996
        #expect(savings["report-builder"] == "0.399996")
        // checkout-api: PC 36,000 × (0.0000041667 − 0.0000033334) + 5,000 × (0.0000097222 − 0.0000077778)
        //             = 0.0299988 + 0.009722 = 0.0397208
        #expect(savings["checkout-api"] == "0.0397208")
        #expect(savings["image-resize"] == nil)  // already arm64
        #expect(outcome.report.opportunities.map(\.function.name) == ["orders-api", "report-builder", "checkout-api"])
        // Together: 1.6397048 less the 0.199998 of orders-api's saving that falls on the hour its usage is covered by
        // the commitment owned (1.000002 of its 6.000012 paid duration, so 1/6 of 1.199988): that frees commitment,
        // not cash (ReportPagesTests.teamsCSVIsHandChecked).
        #expect(outcome.report.potentialSavings.description == "1.4397068")
        #expect(outcome.report.plan.absorbedByOwnedCommitment.description == "0.199998")
    }

    @Test func twoRunsAreByteIdentical() throws {
        let first = TestPaths.temporaryFolder()
        let second = TestPaths.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        try runReport(output: first)
        try runReport(output: second)
        for file in GoldenFiles.files(under: first) {
            #expect(FileManager.default.contents(atPath: "\(first)/\(file)") == FileManager.default.contents(atPath: "\(second)/\(file)"), "\(file)")
        }
    }

    @Test func aFailingRunLeavesThePreviousReportUntouched() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try runReport(output: output)
        let before = try #require(FileManager.default.contents(atPath: output + "/2026-10/index.html"))
        // A template that renders broken XHTML makes the render stage fail before anything is written.
        let brokenTemplates = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: brokenTemplates) }
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: brokenTemplates + "/t")
        let index = brokenTemplates + "/t/index.html.mustache"
        let text = try String(contentsOfFile: index, encoding: .utf8).replacingOccurrences(of: "</main>", with: "")
        try text.write(toFile: index, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try runReport(output: output, extra: ["--templates", brokenTemplates + "/t"])
        }
        #expect(FileManager.default.contents(atPath: output + "/2026-10/index.html") == before)
        #expect(GoldenFiles.files(under: output).allSatisfy { $0.hasPrefix("2026-10/") || $0 == "index.html" })
    }

    @Test func aTemplateInASubfolderIsCheckedAndNamed() throws {
        let templates = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: templates) }
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: templates + "/t")
        let wiki = templates + "/t/wiki/report.confluence.xhtml.mustache"
        let text = try String(contentsOfFile: wiki, encoding: .utf8).replacingOccurrences(of: "</h3>", with: "</h2>")
        try text.write(toFile: wiki, atomically: true, encoding: .utf8)
        let error = try #require(throws: RenderError.self) {
            try RenderStage().render([:], templatesDirectory: templates + "/t")
        }
        #expect(error.template == wiki)
        #expect(error.message.hasPrefix("the rendered wiki/report.confluence.xhtml is not well-formed XHTML"))
    }

    @Test func hostileTagValuesAreEscaped() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try runReport(output: output)
        let html = try String(contentsOfFile: output + "/2026-10/index.html", encoding: .utf8)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        let csv = try String(contentsOfFile: output + "/2026-10/functions.csv", encoding: .utf8)
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","))
        #expect(csv.contains("\"data, \"\"analytics\"\"\nteam\""))
        #expect(csv.contains(",004519876321,") || csv.hasPrefix("account_id") && csv.contains("\r\n004519876321,"))
        // The wiki pages do not list tags; whatever they show stays text (every key is made hostile in
        // `wikiPagesKeepHostileValuesInert`).
        let markdown = try String(contentsOfFile: output + "/2026-10/wiki/report.md", encoding: .utf8)
        let confluence = try String(contentsOfFile: output + "/2026-10/wiki/report.confluence.xhtml", encoding: .utf8)
        #expect(!markdown.contains("<script>") && !confluence.contains("<script>"))
        #expect(Self.tableProblems(markdown).isEmpty, "\(Self.tableProblems(markdown))")
        #expect(XHTMLValidator.problems(inFragment: confluence).isEmpty)
    }

    /// Renders the real templates with the fixture's view model where every text holds Markdown, HTML and
    /// line breaks, and every list the wiki pages show has an entry: the render stage's XHTML checks pass,
    /// no `<script>` gets through, and the Markdown keeps its lines and its table columns.
    @Test func wikiPagesKeepHostileValuesInert() throws {
        var options = ReportPipeline.Options(
            inputs: [Self.fixture], pricingDirectory: TestPaths.pricing, outputDirectory: TestPaths.temporaryFolder(),
            templatesDirectory: TestPaths.templates)
        options.keepsLedgerCells = true  // its report's view model is made again
        let pipeline = ReportPipeline(options: options)
        let outcome = try pipeline.run()
        defer { try? FileManager.default.removeItem(atPath: pipeline.options.outputDirectory) }
        let text = "# - 1. <script>alert('x')</script> | a\\|b *x* _y_ `z` ~~s~~ $1 [l](javascript:alert(1)) &amp; <b>\n# h\r\n| c |\r- i"
        func hostile(_ value: Any) -> Any {
            switch value {
            case let string as String: return string.isEmpty ? string : text + string
            case let dictionary as [String: Any]: return dictionary.mapValues(hostile)
            case let array as [Any]: return array.map(hostile)
            default: return value
            }
        }
        // Lists the fixture leaves empty get one plain entry, so that the hostile copy differs only in values.
        var plain = ReportViewModel.make(outcome.report)
        for (flag, list, keys) in [
            ("has_skipped", "skipped", ["scenario", "account_id", "region", "function_name", "reason"]),
            ("has_pricing_gaps", "pricing_gaps", ["account_id", "region", "architecture", "charge", "bill", "catalog", "gap", "summary"]),
        ] {
            plain[flag] = true
            plain[list] = [Dictionary(uniqueKeysWithValues: keys.map { ($0, "plain") })]
        }
        let model = plain.mapValues(hostile)
        let files = try RenderStage().render(model, templatesDirectory: TestPaths.templates).files
        let pages = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
        for path in ["index.html", "findings.html", "wiki/report.confluence.xhtml", "wiki/report.md"] {
            let page = try #require(pages[path])
            #expect(!page.contains("<script>"), "\(path)")
            #expect(!page.contains("<b>"), "\(path)")
        }
        let markdown = try #require(pages["wiki/report.md"])
        #expect(markdown.contains("&lt;script&gt;alert('x')&lt;/script&gt; \\| a\\\\\\|b \\*x\\* \\_y\\_ \\`z\\`"))
        #expect(Self.tableProblems(markdown).isEmpty, "\(Self.tableProblems(markdown))")
        // No line more than the plain rendering: hostile values add no line breaks and no table cells.
        let plainMarkdown = try #require(try RenderStage().render(plain, templatesDirectory: TestPaths.templates).files
            .first { $0.path == "wiki/report.md" }.map { String(decoding: $0.contents, as: UTF8.self) })
        #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            == plainMarkdown.split(separator: "\n", omittingEmptySubsequences: false).count)
        let confluence = try #require(pages["wiki/report.confluence.xhtml"])
        #expect(confluence.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    /// GFM tables in `markdown` whose rows do not all have the header's number of cells (a `|` escaped by a
    /// backslash does not end a cell).
    static func tableProblems(_ markdown: String) -> [String] {
        func cellCount(_ row: Substring) -> Int {
            var count = 1
            var escaped = false
            for character in row {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "|" { count += 1 }
            }
            return count
        }
        var problems: [String] = []
        var header: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { header = nil; continue }
            if let header {
                if cellCount(line) != header { problems.append("\(cellCount(line)) cells, not \(header): \(line)") }
            } else {
                header = cellCount(line)
            }
        }
        return problems
    }
}
