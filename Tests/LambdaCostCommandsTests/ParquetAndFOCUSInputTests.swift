import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// Parquet and FOCUS inputs give the report of the CUR they hold (issue 14, "Done when"): each test makes its
/// inputs at test time from a CUR with `scripts/cur-to-parquet` or `scripts/cur-to-focus`, runs the report on the
/// CUR and on the converted input, and compares what the report says. Conversions that need pyarrow run when it
/// imports and under CI always (`Pyarrow.testsRun`); the FOCUS CSV conversions need python3 only, and the shared
/// Athena Parquet is committed (`Fixtures/athena-parquet/`).
@Suite(.serialized) struct ParquetAndFOCUSInputTests {
    static let scripts = RepositoryPaths.root + "/scripts"
    /// The 30 Parquet files of the legacy CUR's Athena extract (aws-serverless-saas-workshop, MIT-0) and the CSV
    /// made from them by concatenation.
    static let athenaParquet = TestPaths.fixtures + "/athena-parquet"
    static let athenaCSV = RepositoryPaths.root + "/Tests/LambdaCostKitTests/Fixtures/aws/saas-workshop-cur-2022-10.csv.gz"
    static let python3Runs = (try? ToolProcess.run(["python3", "-c", "pass"]).status) == 0
        || ProcessInfo.processInfo.environment["CI"] != nil

    // MARK: - Running the report

    /// What one report run wrote: its manifest, its `--summary-json`, and its CSV files.
    struct Run {
        let folder: String
        let manifest: Manifest
        let summary: [String: Any]
        /// functions.csv's records by column name, in file order.
        let functions: [[String: String]]

        func bytes(_ file: String) -> Data? { FileManager.default.contents(atPath: folder + "/" + file) }

        /// A decimal amount of the summary JSON (`totals.lambda_usd`, `lambda_effective_usd`).
        func amount(_ path: String) -> FixedDecimal? {
            var value: Any? = summary
            for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] }
            return (value as? String).flatMap { FixedDecimal(parsing: $0) }
        }

        /// Σ of one amount column of functions.csv, exactly.
        func functionsTotal(_ column: String) -> FixedDecimal {
            functions.reduce(FixedDecimal.zero) { $0 + (FixedDecimal(parsing: $1[column] ?? "") ?? .zero) }
        }
    }

    static func report(_ inputs: [String], month: String, in folder: String, name: String) throws -> Run {
        let output = folder + "/out-" + name
        let summary = folder + "/summary-" + name + ".json"
        var arguments = ["report", "--output", output, "--templates", TestPaths.templates, "--pricing", TestPaths.pricing,
                         "--month", month, "--summary-json", summary]
        for input in inputs { arguments += ["--input", input] }
        var command = try LambdaCostReportCommand.parseAsRoot(arguments)
        let capture = OutputCapture()
        do {
            try OutputCapture.$current.withValue(capture) { try command.run() }
        } catch {
            // The run's own words, so that a failing test says which input was refused and why.
            Issue.record("report \(name) on \(inputs.joined(separator: ", ")) failed: \(capture.standardError)")
            throw error
        }
        let reportFolder = output + "/" + month
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: try #require(FileManager.default.contents(atPath: reportFolder + "/manifest.json")))
        let summaryData = try #require(FileManager.default.contents(atPath: summary))
        let summaryJSON = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
        let functionsText = try String(contentsOfFile: reportFolder + "/functions.csv", encoding: .utf8)
        return Run(folder: reportFolder, manifest: manifest, summary: summaryJSON, functions: Self.records(functionsText))
    }

    /// The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks) keyed by the header.
    static func records(_ text: String) -> [[String: String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append(characters.removeFirst()) } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && characters.first == "\n" { characters.removeFirst() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Runs a repository script with python3 and expects it to succeed.
    static func script(_ name: String, _ arguments: [String]) throws {
        let outcome = try ToolProcess.run(["python3", scripts + "/" + name] + arguments)
        try #require(outcome.status == 0, "scripts/\(name) \(arguments.joined(separator: " ")): \(outcome.output)")
    }

    /// A small generated month (8 functions, 3 days: free tier, provisioned concurrency, a Compute Savings Plan
    /// with covered usage, negations, hourly fees and unused commitment, a credit, tax, other services, tags).
    static func generate(_ spelling: CURSpelling, to path: String) throws {
        let configuration = SampleGenerator.Configuration(
            functions: 8, days: 3, seed: 7, month: BillingMonth("2026-10")!, spelling: spelling)
        try SampleGenerator.write(configuration: configuration, curTo: path)
    }

    /// The columns of functions.csv that say which function cost what, and the function's identity.
    static let costColumns = [
        "account_id", "region", "function_name", "architecture", "requests", "gb_seconds", "provisioned_gb_seconds",
        "unblended_cost_usd", "effective_cost_usd", "on_demand_cost_usd", "team",
    ]

    static func expectSameFunctions(_ converted: Run, _ cur: Run, columns: [String], _ label: String) {
        #expect(converted.functions.count == cur.functions.count, "\(label): functions")
        #expect(cur.functions.count >= 2, "\(label): the month has functions to compare")
        for (got, want) in zip(converted.functions, cur.functions) {
            for column in columns {
                #expect(got[column] == want[column],
                    "\(label): \(want["function_name"] ?? "?") \(column): \(got[column] ?? "none") instead of \(want[column] ?? "none")")
            }
        }
    }

    // MARK: - a. The shared Athena Parquet and its CSV twin

    /// Proves the Parquet reader on real AWS output: the 30 Athena Parquet files (parquet-mr, snappy, dictionaries,
    /// INT96 dates, DOUBLE costs), read as a folder, give the same `manifest.json` totals and rows and a byte-identical
    /// `functions.csv` as the CSV that was made from them.
    @Test func theSharedAthenaParquetGivesTheReportOfItsCSVTwin() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fromCSV = try Self.report([Self.athenaCSV], month: "2022-10", in: folder, name: "csv")
        let fromParquet = try Self.report([Self.athenaParquet], month: "2022-10", in: folder, name: "parquet")
        #expect(fromParquet.manifest.totals == fromCSV.manifest.totals)
        #expect(fromParquet.manifest.rows == fromCSV.manifest.rows)
        #expect(fromParquet.manifest.rows.read == 14_218)
        #expect(fromParquet.manifest.inputs.count == 30)
        #expect(fromParquet.manifest.inputs.map(\.rows).reduce(0, +) == 14_218)
        #expect(fromParquet.amount("lambda_effective_usd") == fromCSV.amount("lambda_effective_usd"))
        #expect(fromParquet.bytes("functions.csv") == fromCSV.bytes("functions.csv"))
        #expect(fromParquet.bytes("teams.csv") == fromCSV.bytes("teams.csv"))
    }

    // MARK: - b. FOCUS made from a CUR month

    /// The Lambda totals (billed = unblended, effective, and the per-function on-demand) and the functions of a
    /// FOCUS export equal those of the CUR it was made from, exactly.
    static func expectFOCUSGivesTheCUR(focus: String, cur: String, in folder: String, label: String) throws {
        let fromCUR = try report([cur], month: "2026-10", in: folder, name: "cur")
        let fromFOCUS = try report([focus], month: "2026-10", in: folder, name: "focus")
        #expect(fromFOCUS.manifest.totals == fromCUR.manifest.totals, "\(label)")
        #expect(fromFOCUS.amount("totals.lambda_usd") == fromCUR.amount("totals.lambda_usd"), "\(label)")
        #expect(fromFOCUS.amount("lambda_effective_usd") == fromCUR.amount("lambda_effective_usd"), "\(label)")
        for column in ["unblended_cost_usd", "effective_cost_usd", "on_demand_cost_usd", "free_tier_value_usd"] {
            #expect(fromFOCUS.functionsTotal(column) == fromCUR.functionsTotal(column), "\(label): Σ \(column)")
        }
        // Not vacuous: the month has Lambda money, a Savings Plan (effective differs from billed) and free tier.
        #expect(fromCUR.amount("totals.lambda_usd").map { $0 > .zero } == true)
        #expect(fromCUR.amount("lambda_effective_usd") != fromCUR.amount("totals.lambda_usd"))
        #expect(fromCUR.functionsTotal("free_tier_value_usd") > .zero)
        expectSameFunctions(fromFOCUS, fromCUR, columns: costColumns, label)
    }

    /// Proves the FOCUS CSV reader (1.2 plain, 1.0 gzip-compressed) is the inverse of the mapping in
    /// `scripts/cur-to-focus`: covered usage billed 0, negations gone, unused commitment as its own row, credits and
    /// tax as their own categories, tags as JSON; the report gives the CUR's Lambda totals to the cent.
    @Test(.enabled(if: python3Runs, "python3 is not installed"), arguments: [("1.2", "focus.csv"), ("1.0", "focus.csv.gz")])
    func aFOCUSCSVGivesTheLambdaTotalsOfItsCUR(version: String, file: String) throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cur = folder + "/cur-2026-10.csv"
        try Self.generate(.legacy, to: cur)
        let focus = folder + "/focus/" + file
        try FileManager.default.createDirectory(atPath: folder + "/focus", withIntermediateDirectories: true)
        try Self.script("cur-to-focus", ["--focus-version", version, "--output", focus, cur])
        try Self.expectFOCUSGivesTheCUR(focus: focus, cur: cur, in: folder, label: "FOCUS \(version) \(file)")
    }

    /// Proves the FOCUS Parquet path (DOUBLE amounts read back as their shortest decimal text, or DECIMAL(38,18)
    /// amounts read exactly; TIMESTAMP(ms, UTC) charge periods, `Tags` as a MAP column) gives the CUR's Lambda totals
    /// to the cent.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"), arguments: [false, true])
    func aFOCUSParquetGivesTheLambdaTotalsOfItsCUR(decimal: Bool) throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cur = folder + "/cur-2026-10.csv"
        try Self.generate(.legacy, to: cur)
        let focus = folder + "/focus/focus-00001.snappy.parquet"
        try FileManager.default.createDirectory(atPath: folder + "/focus", withIntermediateDirectories: true)
        try Self.script("cur-to-focus", ["--focus-version", "1.2", "--parquet", "--row-group-rows", "500"] + (decimal ? ["--decimal"] : [])
            + ["--output", focus, cur])
        try Self.expectFOCUSGivesTheCUR(focus: focus, cur: cur, in: folder, label: "FOCUS 1.2 Parquet\(decimal ? " DECIMAL" : "")")
    }

    // MARK: - c. CUR 2.0 Parquet with its map columns

    /// Proves the CUR 2.0 Parquet reader takes tags from the `resource_tags` MAP column (and the region from
    /// `product_region_code`) as the CSV reader takes them from its JSON text: same teams, same tags per function.
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func cur2ParquetGivesTheTagsOfItsCSVTwin() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/cur2-2026-10.csv"
        try Self.generate(.cur2, to: csv)
        let parquet = folder + "/parquet/cur2-00001.snappy.parquet"
        try FileManager.default.createDirectory(atPath: folder + "/parquet", withIntermediateDirectories: true)
        try Self.script("cur-to-parquet", ["--layout", "cur2", csv, parquet])
        let fromCSV = try Self.report([csv], month: "2026-10", in: folder, name: "csv")
        let fromParquet = try Self.report([parquet], month: "2026-10", in: folder, name: "parquet")
        #expect(fromParquet.manifest.totals == fromCSV.manifest.totals)
        #expect(fromParquet.bytes("teams.csv") == fromCSV.bytes("teams.csv"))
        Self.expectSameFunctions(fromParquet, fromCSV, columns: ["account_id", "region", "function_name", "team", "tags"], "CUR 2.0")
        // Not vacuous: the CSV's functions carry more than one team.
        #expect(Set(fromCSV.functions.compactMap { $0["team"] }.filter { !$0.isEmpty }).count >= 2)
        #expect(fromParquet.bytes("functions.csv") == fromCSV.bytes("functions.csv"))
    }

    // MARK: - d. One month's parts as .csv.gz, .csv.zip and Parquet in one folder

    /// Proves parts of one delivery in three formats are read together as one month: a legacy CUR month split by
    /// rows into `report-1.csv.gz`, `report-2.csv.zip` and `report-3.snappy.parquet` (Athena layout) gives the report
    /// of the unsplit CSV (same totals and rows, byte-identical functions.csv and teams.csv).
    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func aFolderOfMixedPartsReconcilesToTheWholeMonth() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = folder + "/cur-2026-10.csv"
        try Self.generate(.legacy, to: whole)
        let delivery = folder + "/delivery"
        try FileManager.default.createDirectory(atPath: delivery, withIntermediateDirectories: true)
        // Three parts with the same header, each a third of the rows, in file order.
        let split = """
            import csv, gzip, io, sys, zipfile
            source, delivery, scratch = sys.argv[1:]
            with open(source, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            header, body = rows[0], rows[1:]
            parts = [body[i * len(body) // 3:(i + 1) * len(body) // 3] for i in range(3)]
            def text(part):
                out = io.StringIO()
                writer = csv.writer(out, lineterminator="\\n")
                writer.writerow(header)
                writer.writerows(part)
                return out.getvalue().encode("utf-8")
            with open(delivery + "/report-1.csv.gz", "wb") as f:
                f.write(gzip.compress(text(parts[0]), mtime=0))
            with zipfile.ZipFile(delivery + "/report-2.csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("report-2.csv", text(parts[1]))
            with open(scratch + "/report-3.csv", "wb") as f:
                f.write(text(parts[2]))
            print(len(parts[0]), len(parts[1]), len(parts[2]))
            """
        let outcome = try ToolProcess.run(["python3", "-c", split, whole, delivery, folder])
        try #require(outcome.status == 0, "\(outcome.output)")
        try Self.script("cur-to-parquet", ["--layout", "athena", folder + "/report-3.csv", delivery + "/report-3.snappy.parquet"])
        let parts = outcome.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }

        let fromWhole = try Self.report([whole], month: "2026-10", in: folder, name: "whole")
        let fromParts = try Self.report([delivery], month: "2026-10", in: folder, name: "parts")
        #expect(fromParts.manifest.inputs.count == 3)
        #expect(fromParts.manifest.inputs.map(\.rows).sorted() == parts.sorted())
        #expect(fromParts.manifest.totals == fromWhole.manifest.totals)
        #expect(fromParts.manifest.rows == fromWhole.manifest.rows)
        #expect(fromParts.amount("lambda_effective_usd") == fromWhole.amount("lambda_effective_usd"))
        #expect(fromParts.bytes("functions.csv") == fromWhole.bytes("functions.csv"))
        #expect(fromParts.bytes("teams.csv") == fromWhole.bytes("teams.csv"))
    }
}
