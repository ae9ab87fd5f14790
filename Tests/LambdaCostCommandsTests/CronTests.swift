import ArgumentParser
import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// What a command printed and its exit status, run in-process with its output captured.
struct CommandRun {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// Parses and runs `arguments` as the root command does; usage errors give 64 and their message on stderr.
    static func run(_ arguments: [String]) -> CommandRun {
        let capture = OutputCapture()
        var status: Int32 = 0
        OutputCapture.$current.withValue(capture) {
            do {
                var command = try LambdaCostReportCommand.parseAsRoot(arguments)
                try command.run()
            } catch {
                status = LambdaCostReportCommand.exitCode(for: error).rawValue
                let message = LambdaCostReportCommand.message(for: error)
                if !message.isEmpty { capture.append(message + "\n", toStandardError: true) }
            }
        }
        return CommandRun(status: status, standardOutput: capture.standardOutput, standardError: capture.standardError)
    }
}

/// The command line for unattended monthly runs: `--config`, the default month, `--quiet`, `--summary-json`,
/// `validate` and the exit codes (issue #8), on the end-to-end fixture (October 2026, usage on the 1st and 2nd
/// only, one rejected row).
@Suite struct CronTests {
    static let fixture = EndToEndTests.fixture
    static let rejectedRowError = fixture + "/cur-2026-10.csv:26:246: error: expected a decimal number in 'lineItem/UnblendedCost', found \"1,0\""
    static let incompleteMonthNote = "lambda-cost-report: note: reporting 2026-10, the latest month in the input: no month's data reaches its last day (2026-10 has usage up to 2026-10-02), so it may be incomplete; use --month to choose another"
    /// The fixture folder's own README.md, which is not read (listed in manifest.json under `skipped`).
    static let skippedReadmeWarning = "lambda-cost-report: warning: \(fixture)/README.md: skipped (a .md file cannot hold billing data)"
    static let unknownUsageTypeWarning = "lambda-cost-report: warning: unknown Lambda usage type 'Lambda-Quantum-Seconds' (1 row): kept as 'unclassified' with its cost"

    static func report(_ output: String, _ extra: [String] = []) -> CommandRun {
        CommandRun.run([
            "report", "--input", fixture, "--output", output, "--templates", TestPaths.templates, "--pricing", TestPaths.pricing,
        ] + extra)
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    // MARK: --config

    @Test func aBadConfigurationFileExits64WithItsDiagnostics() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/bad.toml"
        try Self.write("[scenarios]\nstrategy = \"fastest\"\n\n[[regions.allow]]\nfunctions = \"orders-api\"\nregions = [\"eu-west-9\"]\n", to: config)
        let run = Self.report(folder + "/out", ["--config", config])
        #expect(run.status == 64)
        #expect(run.standardOutput == "")
        let regions = try CatalogLoader().run(TestPaths.pricing).regions.keys.sorted().joined(separator: ", ")
        #expect(run.standardError == """
            \(config):2:12: error: strategy must be one of cost, speed, balanced; found 'fastest'
            \(config):6:12: error: unknown region 'eu-west-9'; valid regions: \(regions)

            """)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/2026-10"))
    }

    @Test func aMissingConfigurationFileIsAUsageError() {
        let run = Self.report(TestPaths.temporaryFolder() + "/out", ["--config", "/nonexistent/lambda-cost-report.toml"])
        #expect(run.status == 64)
        #expect(run.standardError == "lambda-cost-report: error: cannot read the configuration file '/nonexistent/lambda-cost-report.toml'\n")
    }

    @Test func theConfigurationReachesTheReport() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/lambda-cost-report.toml"
        try Self.write("""
            [[graviton.override]]
            functions = "orders-api"
            duration_factor = 1.2

            [[graviton.incompatible]]
            tag = "team=<script>alert('x')</script>"
            reason = "pinned to an x86_64 layer"
            """, to: config)
        let run = Self.report(folder + "/out", ["--config", config, "--summary-json", folder + "/summary.json"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        let top = try #require(summary["top_opportunities"] as? [[String: Any]])
        // orders-api at factor 1.2: 360,000 GB-s × (0.0000166667 − 1.2 × 0.0000133334) = 360,000 × 0.00000066662
        // = 0.2399832 (1.199988 at factor 1); checkout-api (team tag "<script>…") is skipped.
        #expect(top.map { "\($0["function_name"]!) \($0["monthly_savings_usd"]!)" } == ["report-builder 0.399996", "orders-api 0.2399832"])
        let csv = try String(contentsOfFile: folder + "/out/2026-10/opportunities.csv", encoding: .utf8)
        #expect(csv.contains("orders-api,0.2399832000,") && csv.contains("arm64 duration factor=1.2; arm64 duration factor from=[[graviton.override]] orders-api"))
        let html = try String(contentsOfFile: folder + "/out/2026-10/index.html", encoding: .utf8)
        #expect(html.contains("cannot run on arm64 (configuration): pinned to an x86_64 layer"))
    }

    @Test func withoutConfigTheFileInTheCurrentFolderIsUsedWhenThere() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let none = ReportCommand.configurationSource(nil, folder: folder)
        guard case .defaults = none.source else { Issue.record("expected the defaults, got \(none.source)"); return }
        #expect(none.note == nil)
        try Self.write("", to: folder + "/lambda-cost-report.toml")
        let found = ReportCommand.configurationSource(nil, folder: folder)
        guard case .file(let path) = found.source else { Issue.record("expected the file, got \(found.source)"); return }
        #expect(path == folder + "/lambda-cost-report.toml")
        #expect(found.note?.description == "lambda-cost-report: note: using the configuration file \(folder)/lambda-cost-report.toml (no --config given)")
        let given = ReportCommand.configurationSource("other.toml", folder: folder)
        guard case .file("other.toml") = given.source else { Issue.record("expected --config, got \(given.source)"); return }
    }

    // MARK: Output streams

    @Test func aNormalRunPrintsTheSummaryLineAndItsDiagnostics() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = Self.report(output)
        #expect(run.status == 0)
        #expect(run.standardOutput == "2026-10: 4 functions, Lambda cost $8.91 (effective; billed $8.03), potential savings $1.44 per month, report in \(output)/2026-10\n")
        #expect(run.standardError == [Self.incompleteMonthNote, Self.skippedReadmeWarning, Self.rejectedRowError, Self.unknownUsageTypeWarning].map { $0 + "\n" }.joined())
        #expect(!run.standardError.contains("reading "))  // no progress: stderr is not a terminal
    }

    @Test func quietPrintsOnlyErrors() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = Self.report(output, ["--quiet"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "")
        #expect(run.standardError == Self.rejectedRowError + "\n")
        #expect(FileManager.default.fileExists(atPath: output + "/2026-10/index.html"))
        let strict = Self.report(output, ["--quiet", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.standardOutput == "")
        #expect(strict.standardError == Self.rejectedRowError + "\nlambda-cost-report: error: 1 rows were rejected (--strict)\n")
    }

    @Test func progressNamesEachFileWithItsSize() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(count: 1_250_000).write(to: URL(fileURLWithPath: folder + "/cur.csv"))
        let capture = OutputCapture()
        OutputCapture.$current.withValue(capture) {
            #expect(!StandardError.isTerminal)
            RunConsole.showProgress(folder + "/cur.csv", 2, 3)
        }
        #expect(capture.standardError == "reading \(folder)/cur.csv (2/3), 1.3 MB…\n")
    }

    // MARK: --summary-json

    @Test func theSummaryIsExactSortedAndReplacedAtomically() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/summary.json"
        try Self.write("old", to: path)
        let run = Self.report(folder + "/out", ["--summary-json", path, "--quiet"])
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["out", "summary.json"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Hand-checked: the totals of Fixtures/e2e/README.md; the three Graviton savings of
        // EndToEndTests.gravitonSavingsAreHandChecked; diagnostics: the rejected row (error), the unknown usage
        // type and the skipped README.md (warnings), the incomplete-month note.
        // The bridge: billed 8.0265562 + (0.88 − 1.000002) − (−1.000002) = 8.9065562 effective; list − free tier = catalog.
        // The plan: 8.9065562 − 1.6397048 (the three Graviton changes) + 0.199998 (the 1/6 of orders-api's saving on
        // the hour its usage is covered by the owned plan) = 7.4668494; 1.4397068 ÷ 8.9065562 = 0.1616457323875641182166458…
        // (24 places, half away from zero).
        #expect(text == """
            {
              "budgets" : [

              ],
              "combined_plan" : {
                "absorbed_by_owned_commitment_usd" : "0.199998",
                "effective_after_usd" : "7.4668494",
                "effective_before_usd" : "8.9065562",
                "function_changes_usd" : "1.6397048",
                "owned_commitment_ends" : null,
                "savings_plan_purchase_usd" : "0",
                "savings_share" : "0.161645732387564118216646"
              },
              "cost_bridge" : {
                "billed_usd" : "8.0265562",
                "catalog_usd" : "9.3965582",
                "effective_usd" : "8.9065562",
                "free_tier_usd" : "6.86668",
                "list_is_partial" : false,
                "list_usd" : "16.2632382",
                "savings_plan_amortization_usd" : "-0.120002",
                "savings_plan_negations_usd" : "-1.000002",
                "tier_discount_usd" : "0"
              },
              "diagnostics" : {
                "error" : 1,
                "note" : 1,
                "warning" : 2
              },
              "error" : null,
              "exit_status" : 0,
              "follow_up" : null,
              "functions" : 4,
              "lambda_effective_usd" : "8.9065562",
              "last_usage_hour" : "2026-10-02T06:00:00Z",
              "month" : "2026-10",
              "month_complete" : false,
              "month_selection" : "latest_present",
              "output_folder" : "\(folder)/out/2026-10",
              "potential_savings_usd" : "1.4397068",
              "rows" : {
                "lambda" : 18,
                "other_services" : 3,
                "outside_month" : 0,
                "read" : 22,
                "rejected" : 1,
                "rejected_without_cost" : 1
              },
              "schema_version" : 1,
              "tool_version" : "\(ToolVersion.current)",
              "top_opportunities" : [
                {
                  "account_id" : "004519876321",
                  "function_name" : "orders-api",
                  "monthly_savings_usd" : "1.199988",
                  "opportunity_id" : "graviton/004519876321/us-east-1/orders-api",
                  "plan_saving_usd" : "0.99999",
                  "rank" : 1,
                  "region" : "us-east-1",
                  "scenario" : "graviton"
                },
                {
                  "account_id" : "004519876321",
                  "function_name" : "report-builder",
                  "monthly_savings_usd" : "0.399996",
                  "opportunity_id" : "graviton/004519876321/eu-west-1/report-builder",
                  "plan_saving_usd" : "0.399996",
                  "rank" : 2,
                  "region" : "eu-west-1",
                  "scenario" : "graviton"
                },
                {
                  "account_id" : "004519876321",
                  "function_name" : "checkout-api",
                  "monthly_savings_usd" : "0.0397208",
                  "opportunity_id" : "graviton/004519876321/us-east-1/checkout-api",
                  "plan_saving_usd" : "0.0397208",
                  "rank" : 3,
                  "region" : "us-east-1",
                  "scenario" : "graviton"
                }
              ],
              "totals" : {
                "input_usd" : "11.6265562",
                "lambda_usd" : "8.0265562",
                "other_services_usd" : "3.6",
                "outside_month_usd" : "0",
                "rejected_usd" : "0"
              }
            }

            """)
    }

    @Test func aFailedOrStrictRunStillWritesItsSummary() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/summary.json"
        func summary() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
        let strict = Self.report(folder + "/out", ["--summary-json", path, "--strict"])
        #expect(strict.status == 1)
        #expect(try summary()["exit_status"] as? Int == 1)
        #expect(try summary()["error"] as? String == "1 rows were rejected (--strict)")
        #expect(try summary()["month"] as? String == "2026-10")
        #expect((try summary()["diagnostics"] as? [String: Int])?["error"] == 2)

        let failed = CommandRun.run(["report", "--input", folder + "/missing", "--output", folder + "/out", "--summary-json", path])
        #expect(failed.status == 1)
        #expect(failed.standardError == "\(folder)/missing: error: no such file or folder [stage: ingest]\n")
        let failure = try summary()
        #expect(failure["exit_status"] as? Int == 1)
        #expect(failure["error"] as? String == "\(folder)/missing: error: no such file or folder [stage: ingest]")
        for key in ["month", "month_selection", "month_complete", "last_usage_hour", "output_folder", "rows", "totals", "functions", "potential_savings_usd", "lambda_effective_usd"] {
            #expect(failure[key] is NSNull, "\(key)")
        }
        #expect((failure["top_opportunities"] as? [Any])?.isEmpty == true)

        let badConfig = folder + "/bad.toml"
        try Self.write("nonsense = 1\n", to: badConfig)
        #expect(Self.report(folder + "/out", ["--config", badConfig, "--summary-json", path]).status == 64)
        #expect(try summary()["exit_status"] as? Int == 64)
    }

    // MARK: validate

    @Test func validateReconcilesAndWritesNothing() throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.currentDirectoryPath).sorted()
        let run = CommandRun.run(["validate", "--input", Self.fixture, "--pricing", TestPaths.pricing])
        #expect(run.status == 0)
        #expect(run.standardOutput == """
            month: 2026-10 (the latest month in the input, not complete)
            inputs: 1 CUR file, 1 metrics file, 1 skipped file
            rows: read 22 = Lambda 18 + other services 3 + rejected 1 + other months 0
            unblended USD: input 11.6265562 = Lambda 8.0265562 + other services 3.6 + rejected 0 + other months 0
            reconciliation: exact
            rejected rows: 1 (1 without a readable cost)
            problems: 1 error, 2 warnings, 1 note
            skipped: \(Self.fixture)/README.md (a .md file cannot hold billing data)

            """)
        #expect(run.standardError == [Self.incompleteMonthNote, Self.skippedReadmeWarning, Self.rejectedRowError, Self.unknownUsageTypeWarning].map { $0 + "\n" }.joined())
        #expect(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.currentDirectoryPath).sorted() == before)
    }

    @Test func validateExitCodes() throws {
        let strict = CommandRun.run(["validate", "--input", Self.fixture, "--pricing", TestPaths.pricing, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.standardError.hasSuffix("lambda-cost-report: error: 1 rows were rejected (--strict)\n"))
        let missing = CommandRun.run(["validate", "--input", "/nonexistent/cur", "--pricing", TestPaths.pricing])
        #expect(missing.status == 1)
        #expect(missing.standardOutput == "")
        #expect(missing.standardError == "/nonexistent/cur: error: no such file or folder [stage: ingest]\n")
        let usage = CommandRun.run(["validate", "--month", "October"])
        #expect(usage.status == 64)
        #expect(usage.standardError.contains("--month expects YYYY-MM"))
        #expect(CommandRun.run(["validate", "--no-such-option"]).status == 64)
        // A configuration file with a bad key is checked as report checks it: its diagnostic, exit 64, no output.
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let badConfig = folder + "/bad.toml"
        try Self.write("[scenarios]\nheadrom = 1\n", to: badConfig)
        let config = CommandRun.run(["validate", "--input", Self.fixture, "--pricing", TestPaths.pricing, "--config", badConfig])
        #expect(config.status == 64)
        #expect(config.standardOutput == "")
        #expect(config.standardError.hasPrefix("\(badConfig):2:1: error: unknown key 'headrom' in [scenarios]; valid keys: memory_headroom,"))
    }

    // MARK: The default month

    /// October with usage on its last day (2026-10-31T23:00), November up to the 15th.
    static func twoMonths(in folder: String) throws -> String {
        let header = "identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,product/region"
        func row(_ id: String, _ period: String, _ start: String, _ cost: String) -> String {
            "\(id),004519876321,\(period)T00:00:00Z,004519876321,Usage,\(start):00:00Z,\(start):59:59Z,AWSLambda,Request,arn:aws:lambda:us-east-1:004519876321:function:orders-api,1000,USD,\(cost),us-east-1"
        }
        let path = folder + "/cur.csv"
        try Self.write([
            header,
            row("a1", "2026-10-01", "2026-10-01T00", "0.5"),
            row("a2", "2026-10-01", "2026-10-31T23", "0.25"),
            row("b1", "2026-11-01", "2026-11-01T00", "0.125"),
            row("b2", "2026-11-01", "2026-11-15T10", "0.0625"),
        ].joined(separator: "\n") + "\n", to: path)
        return path
    }

    @Test func theDefaultMonthIsTheLatestCompleteOne() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = try Self.twoMonths(in: folder)
        let run = CommandRun.run(["validate", "--input", input, "--pricing", TestPaths.pricing])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("""
            month: 2026-10 (the latest complete month)
            inputs: 1 CUR file, 0 metrics files
            rows: read 4 = Lambda 2 + other services 0 + rejected 0 + other months 2
            unblended USD: input 0.9375 = Lambda 0.75 + other services 0 + rejected 0 + other months 0.1875
            reconciliation: exact

            """))
        #expect(run.standardError == """
            lambda-cost-report: note: reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2026-11 is not complete yet (usage up to 2026-11-15); use --month to choose another
            lambda-cost-report: note: 2 rows belong to other months (2026-11); they are counted apart, not in 2026-10

            """)
        let given = CommandRun.run(["validate", "--input", input, "--pricing", TestPaths.pricing, "--month", "2026-11"])
        #expect(given.standardOutput.hasPrefix("""
            month: 2026-11 (given with --month)
            inputs: 1 CUR file, 0 metrics files
            rows: read 4 = Lambda 2 + other services 0 + rejected 0 + other months 2
            unblended USD: input 0.9375 = Lambda 0.1875 + other services 0 + rejected 0 + other months 0.75

            """))
        #expect(given.standardError == "lambda-cost-report: note: 2 rows belong to other months (2026-10); they are counted apart, not in 2026-11\n")

        let report = CommandRun.run(["report", "--input", input, "--output", folder + "/out", "--templates", TestPaths.templates,
                                     "--pricing", TestPaths.pricing, "--quiet"])
        #expect(report.status == 0, "\(report.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == ["2026-10", "index.html"])
    }
}
