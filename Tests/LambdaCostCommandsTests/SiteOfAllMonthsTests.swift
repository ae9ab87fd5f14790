import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// Issue 18, item 4: every month's folder gets `kpis.json`, and `<output>/index.html` lists every month and charts
/// the KPI history from those files alone.
@Suite(.serialized) struct SiteOfAllMonthsTests {
    static let fixture = EndToEndTests.fixture

    /// Runs `report` on `input` into `output`; returns stderr.
    @discardableResult
    static func report(_ input: String, output: String, extra: [String] = []) throws -> String {
        let run = CommandRun.run(["report", "--input", input, "--output", output, "--templates", TestPaths.templates,
                                  "--pricing", TestPaths.pricing] + extra)
        try #require(run.status == 0, "\(run.standardError)")
        return run.standardError
    }

    /// A copy of the end-to-end fixture's bill moved one month back (2026-10 → 2026-09), in a folder of its own.
    static func septemberInput(in root: String) throws -> String {
        let folder = root + "/input-2026-09"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: fixture + "/cur-2026-10.csv", encoding: .utf8)
        try text.replacingOccurrences(of: "2026-10-", with: "2026-09-").write(toFile: folder + "/cur-2026-09.csv", atomically: true, encoding: .utf8)
        return folder
    }

    static func kpiObject(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    // MARK: kpis.json

    /// Every figure of the fixture month by hand from `Fixtures/e2e/cur-2026-10.csv` (see its README): the file
    /// is exact, and listed in the manifest like any output.
    @Test func theFixtureMonthsKPIsAreHandChecked() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.report(Self.fixture, output: output)
        let path = output + "/2026-10/kpis.json"
        let kpis = try Self.kpiObject(path)
        let expected: [String: Any?] = [
            "schema_version": 1,
            "month": "2026-10",
            "month_complete": false,  // usage up to 2026-10-02 only
            "function_count": 4,  // orders-api, checkout-api, image-resize, report-builder
            // The bridge: billed 8.0265562 + (0.88 − 1.000002) − (−1.000002).
            "lambda_effective_cost_usd": "8.9065562",
            "lambda_billed_cost_usd": "8.0265562",
            // The headline: the three Graviton changes 1.6397048 less the 0.199998 that frees owned commitment.
            "potential_savings_usd": "1.4397068",
            "realized_savings_usd": nil,
            "realized_savings_status": "not measured",
            // Requests: 1,000,000 free + 2,500,000 (orders-api) + 40,000 + 100,000 + 1,000; the rejected row's 5 are not.
            "requests": "3641000",
            // Duration GB-s: 400,000 free + 300,000 + 60,000 covered (orders-api) + 50,000 arm64 + 120,000.
            "gb_seconds": "930000",
            "arm64_gb_seconds": "50000",
            // Duration cost (effective): 0 (free) + 5.00001 + 0.88 (covered, at the plan's rate) + 0.66667 (arm64) + 2.000004.
            "duration_cost_usd": "8.546684",
            "arm64_duration_cost_usd": "0.66667",
            // 50,000 ÷ 930,000 = 5/93 and 0.66667 ÷ 8.546684, to 24 places, half away from zero.
            "graviton_coverage_gb_seconds_share": "0.053763440860215053763441",
            "graviton_coverage_duration_cost_share": "0.078003351943279990227789",
            // The plan owned: covered on demand 1.000002 ÷ (1.000002 + the uncovered eligible on-demand 5.00001 +
            // 0.1500012 + 0.048611 + 0.66667 + 2.000004 = 8.8652982); used commitment 0.88 of 1.
            "savings_plans_owned": true,
            "savings_plans_coverage_share": "0.112799589753224544663371",
            "savings_plans_utilization_share": "0.88",
            // Net savings: what the rates saved (1.000002 − 0.88) less the commitment unused (1 − 0.88).
            "savings_plans_net_savings_usd": "0.000002",
            // 8.9065562 × 10⁶ ÷ 3,641,000 and 8.9065562 ÷ 930,000.
            "cost_per_million_requests_usd": "2.446184070310354298269706",
            "cost_per_gb_second_usd": "0.000009576942150537634409",
        ]
        #expect(Set(kpis.keys) == Set(expected.keys))
        for (key, value) in expected {
            switch value {
            case nil: #expect(kpis[key] is NSNull, "\(key)")
            case let text as String: #expect(kpis[key] as? String == text, "\(key)")
            case let number as Int: #expect((kpis[key] as? NSNumber)?.intValue == number && !(kpis[key] is String), "\(key)")
            case let flag as Bool: #expect((kpis[key] as? Bool) == flag, "\(key)")
            default: Issue.record("\(key)")
            }
        }
        // The figures are the index's.
        let index = try String(contentsOfFile: output + "/2026-10/index.html", encoding: .utf8)
        #expect(index.contains("<div class=\"value\">$8.91</div>") && index.contains("<div class=\"value\">$1.44</div>"))
        // Listed in the manifest like any output, with its size and hash.
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: output + "/2026-10/manifest.json")))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let entry = try #require(manifest.outputs.first { $0.path == "kpis.json" })
        #expect(entry.bytes == bytes.count && entry.sha256 == SHA256.hex(of: Array(bytes)))
        // Read back, the same values.
        let decoded = try JSONDecoder().decode(MonthKPIs.self, from: bytes)
        #expect(try decoded.encoded() == Array(bytes))
    }

    /// The shipped sample month against `scripts/kpis-from-cur`, which computes the same figures from the CSV with
    /// Python's Decimal, independently of the tool's code (`scripts/kpis-from-cur --month 2026-10
    /// data/sample/cur-2026-10.csv.gz`, its output pinned here); the headline is the index's.
    @Test func theSampleMonthsKPIsMatchAnIndependentScript() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.report(RepositoryPaths.sample, output: output)
        let kpis = try Self.kpiObject(output + "/2026-10/kpis.json")
        let script = [
            "lambda_billed_cost_usd": "356.2045018239",
            "lambda_effective_cost_usd": "742.8978359617",
            "requests": "339561331",
            "gb_seconds": "32766715.4775625",
            "arm64_gb_seconds": "3657154.5405625",
            "duration_cost_usd": "491.9061165388",
            "arm64_duration_cost_usd": "46.4560947722",
            "graviton_coverage_gb_seconds_share": "0.111611874649651456138518",
            "graviton_coverage_duration_cost_share": "0.094440978085572737639012",
            "savings_plans_coverage_share": "0.582581718165192329013821",
            "savings_plans_utilization_share": "0.962498342636897650338511",
            "cost_per_million_requests_usd": "2.187816362286847085070473",
            "cost_per_gb_second_usd": "0.000022672331514899942851",
        ]
        for (key, value) in script { #expect(kpis[key] as? String == value, "\(key)") }
        #expect(kpis["month_complete"] as? Bool == true && kpis["savings_plans_owned"] as? Bool == true)
        let index = try String(contentsOfFile: output + "/2026-10/index.html", encoding: .utf8)
        let potentialText = try #require(kpis["potential_savings_usd"] as? String)
        let potential = try #require(FixedDecimal(parsing: potentialText))
        #expect(index.contains("<div class=\"value\">\(Format.usd(potential))</div>"))
        #expect(index.contains("<div class=\"label\">Functions</div><div class=\"value\">\((kpis["function_count"] as? NSNumber)?.intValue ?? -1)</div>"))
    }

    // MARK: The site

    @Test func theSiteListsTwoMonthsNewestFirstWithLinksAndCharts() throws {
        let root = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/output"
        try Self.report(Self.fixture, output: output)
        let afterOne = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(afterOne.contains("<a href=\"2026-10/index.html\">2026-10</a>"))
        // The older month second: the page is rebuilt from both folders' kpis.json.
        try Self.report(try Self.septemberInput(in: root), output: output)
        let page = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(XHTMLValidator.problems(in: page) == [])
        let october = try #require(page.range(of: "<a href=\"2026-10/index.html\">2026-10</a>"))
        let september = try #require(page.range(of: "<a href=\"2026-09/index.html\">2026-09</a>"))
        #expect(october.lowerBound < september.lowerBound, "newest first")
        for link in ["2026-10/index.html", "2026-09/index.html"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + link))
        }
        // Each month's row shows its KPIs as the month's page does.
        #expect(page.contains("<td class=\"num\">$8.91</td><td class=\"num\">$8.03</td><td class=\"num\">$1.44</td><td class=\"num\">not measured</td><td class=\"num\">5.4 %</td><td class=\"num\">7.8 %</td><td class=\"num\">11.3 %</td><td class=\"num\">88.0 %</td><td class=\"num\">$2.45</td>"))
        // Every chart of the history, with both months on its time axis and the Graviton goal.
        for id in ["kpi-lambda-cost", "kpi-savings", "kpi-graviton-coverage", "kpi-savings-plans", "kpi-cost-per-million-requests",
                   "kpi-cost-per-gb-second"] {
            #expect(page.contains("<svg") && page.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(page.contains("Goal (20 %)"))
        #expect(page.contains(">2026-09</text>") && page.contains(">2026-10</text>"))
        #expect(page.contains("Lambda cost (effective), 2 points: $8.91 at 2026-09; $8.91 at 2026-10."))
        // The site template renders no month output.
        #expect(!FileManager.default.fileExists(atPath: output + "/2026-10/site"))
        #expect(GoldenFiles.files(under: output).filter { !$0.hasPrefix("2026-") } == ["index.html"])
    }

    @Test func aMonthWithoutKPIsIsListedAsSuchAndAMalformedFileIsAWarning() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.report(Self.fixture, output: output)
        let manager = FileManager.default
        // An older report: a month folder without kpis.json.
        try manager.copyItem(atPath: output + "/2026-10", toPath: output + "/2026-08")
        try manager.removeItem(atPath: output + "/2026-08/kpis.json")
        // Malformed files: not JSON, a figure that is not a decimal, another month's KPIs, a figure beyond any bill.
        let october = try String(contentsOfFile: output + "/2026-10/kpis.json", encoding: .utf8)
        let broken = [
            "2026-07": "{\"month\": ",
            "2026-06": october.replacingOccurrences(of: "2026-10", with: "2026-06").replacingOccurrences(of: "\"8.9065562\"", with: "\"8,9\""),
            "2026-05": october,
            "2026-04": october.replacingOccurrences(of: "2026-10", with: "2026-04").replacingOccurrences(of: "\"3641000\"", with: "\"1000000000000000\""),
        ]
        for (month, text) in broken {
            try manager.copyItem(atPath: output + "/2026-10", toPath: output + "/" + month)
            try text.write(toFile: output + "/\(month)/kpis.json", atomically: true, encoding: .utf8)
        }
        // Not months: no report in it, a name that is not a month.
        try manager.createDirectory(atPath: output + "/2026-03", withIntermediateDirectories: true)
        try manager.copyItem(atPath: output + "/2026-10", toPath: output + "/2026-13")

        let warnings = SiteIndex(outputDirectory: output, templatesDirectory: TestPaths.templates).rebuild()
        #expect(warnings.map(\.severity) == [.warning, .warning, .warning, .warning])
        let text = warnings.map(\.description).joined(separator: "\n")
        for month in ["2026-04", "2026-05", "2026-06", "2026-07"] {
            #expect(text.contains(output + "/\(month)/kpis.json: "), "\(month)")
        }
        #expect(text.contains("holds the KPIs of 2026-10, not of the folder's month 2026-05"))
        #expect(text.contains("\"lambda_effective_cost_usd\": expected a decimal number, found \"8,9\""))
        let page = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        #expect(XHTMLValidator.problems(in: page) == [])
        let rows = page.components(separatedBy: "<tr><td class=\"month\">").dropFirst().map { String($0.prefix { $0 != "\n" }) }
        #expect(rows.map { String($0.dropFirst("<a href=\"2026-10/index.html\">".count).prefix(7)) }
            == ["2026-10", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04"])
        #expect(rows[1].contains("no KPIs (a report written before kpis.json)"))
        for row in rows.dropFirst(2) { #expect(row.contains("its kpis.json could not be read"), "\(row)") }
        #expect(!page.contains("2026-03") && !page.contains("2026-13"))
    }

    @Test func thePageIsReplacedAtomically() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.report(Self.fixture, output: output)
        let manager = FileManager.default
        let page = output + "/index.html"
        let before = try #require(manager.contents(atPath: page))
        let site = SiteIndex(outputDirectory: output, templatesDirectory: TestPaths.templates)
        func leftovers() -> [String] { ((try? manager.contentsOfDirectory(atPath: output)) ?? []).filter { $0.hasPrefix(".") }.sorted() }

        // Rebuilt in place: the same bytes for the same months, nothing left beside it, not even the temporary
        // file of a run stopped while it wrote the page.
        try "<html".write(toFile: output + "/.index.html.tmp-99999999", atomically: false, encoding: .utf8)
        #expect(site.rebuild() == [])
        #expect(manager.contents(atPath: page) == before)
        #expect(leftovers() == [])

        // A template that renders broken XHTML: a warning naming it, the old page kept whole.
        let templates = TestPaths.temporaryFolder()
        defer { try? manager.removeItem(atPath: templates) }
        try manager.copyItem(atPath: TestPaths.templates, toPath: templates + "/t")
        let template = templates + "/t/site/index.html.mustache"
        try String(contentsOfFile: template, encoding: .utf8).replacingOccurrences(of: "</main>", with: "")
            .write(toFile: template, atomically: true, encoding: .utf8)
        var broken = site
        broken.templatesDirectory = templates + "/t"
        let warnings = broken.rebuild()
        #expect(warnings.count == 1)
        #expect(warnings.first?.description.contains("site/index.html.mustache") == true)
        #expect(warnings.first?.description.contains("was not rebuilt") == true)
        #expect(manager.contents(atPath: page) == before)
        #expect(leftovers() == [])

        // A rename that fails (a folder in the page's place): the temporary file is removed.
        try manager.removeItem(atPath: page)
        try manager.createDirectory(atPath: page + "/kept", withIntermediateDirectories: true)
        let failed = site.rebuild()
        #expect(failed.count == 1 && failed.first?.description.contains("cannot write the page") == true)
        #expect(manager.fileExists(atPath: page + "/kept"))
        #expect(leftovers() == [])

        // A templates folder without the site's template (a copy older than the site): a warning, nothing written.
        try manager.removeItem(atPath: page)
        try manager.removeItem(atPath: templates + "/t/site")
        #expect(broken.rebuild().first?.description.contains("has no site/index.html.mustache") == true)
        #expect(!manager.fileExists(atPath: page))
        #expect(leftovers() == [])
    }

    /// A report run whose site cannot be written still succeeds (its month is in place) and says why.
    @Test func aReportRunWarnsWhenTheSiteCannotBeWritten() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try FileManager.default.createDirectory(atPath: output + "/index.html", withIntermediateDirectories: true)
        let standardError = try Self.report(Self.fixture, output: output)
        #expect(standardError.contains("lambda-cost-report: warning: \(output)/index.html: cannot write the page"))
        #expect(FileManager.default.fileExists(atPath: output + "/2026-10/kpis.json"))
    }

    /// `[kpi]` goals reach the page: the configured Graviton goal, and the Savings Plans goals when given.
    @Test func theConfiguredGoalsAreDrawn() throws {
        let root = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let config = root + "/lambda-cost-report.toml"
        try "[kpi]\ngraviton_coverage_goal = 35.5\nsavings_plans_coverage_goal = 60\nsavings_plans_utilization_goal = 95\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        try Self.report(Self.fixture, output: root + "/output", extra: ["--config", config])
        let page = try String(contentsOfFile: root + "/output/index.html", encoding: .utf8)
        #expect(page.contains("Goal (35.5 %)") && !page.contains("Goal (20 %)"))
        #expect(page.contains("Coverage goal (60 %)") && page.contains("Utilization goal (95 %)"))
    }
}
