import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// One cost basis, named the same everywhere (issue 15, item 3): the sample month's outputs are read back — the
/// summary JSON, `functions.csv`, `teams.csv`, the index, the wiki pages and (through LibreOffice's recalculation,
/// `scripts/check-xlsx`) the workbook — and every figure they share is equal. The summary JSON holds the exact
/// figures; the pages show them rounded to the cent, LibreOffice as binary doubles (compared to 10⁻⁶).
@Suite(.serialized) struct CostBasisTests {
    /// A finished report of the sample month: its folder and summary JSON.
    struct SampleRun {
        let root: String
        let month: String
        let summary: [String: Any]

        init() throws {
            root = TestPaths.temporaryFolder()
            let summaryPath = root + "/last-run.json"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let run = CommandRun.run(["report", "--input", RepositoryPaths.sample, "--output", root + "/output", "--templates", TestPaths.templates,
                                      "--pricing", TestPaths.pricing, "--summary-json", summaryPath, "--quiet"])
            try #require(run.status == 0, "\(run.standardError)")
            month = root + "/output/2026-10"
            summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath))) as? [String: Any])
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func text(_ file: String) throws -> String { try String(contentsOfFile: month + "/" + file, encoding: .utf8) }

        /// An exact amount of the summary JSON (`cost_bridge.effective_usd` as `["cost_bridge", "effective_usd"]`).
        func amount(_ path: String...) throws -> FixedDecimal {
            var value: Any = summary
            for key in path { value = try #require((value as? [String: Any])?[key], "no \(path.joined(separator: ".")) in the summary") }
            let text = try #require(value as? String, "\(path) is not a string")
            return try #require(FixedDecimal(parsing: text), "\(path)")
        }

        /// A CSV file as records of named fields.
        func csv(_ file: String) throws -> [[String: String]] {
            let records = LibreOffice.records(try text(file))
            let header = try #require(records.first)
            return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }
    }

    static func sum(_ rows: [[String: String]], _ column: String) throws -> FixedDecimal {
        try FixedDecimal.sum(rows.map { try #require(FixedDecimal(parsing: $0[column] ?? ""), "\(column): \($0[column] ?? "missing")") })
    }

    static func magnitude(_ value: FixedDecimal) -> FixedDecimal { value < .zero ? .zero - value : value }

    /// The bridge's rows as the pages label them, with the summary JSON key of each amount.
    static let bridgeRows: [(label: String, key: String)] = [
        ("Billed Lambda cost (unblended)", "billed_usd"),
        ("+ Savings Plans amortization", "savings_plan_amortization_usd"),
        ("= Lambda cost (effective, amortized)", "effective_usd"),
        ("= Catalog cost", "catalog_usd"),
        ("− Duration tier discounts", "tier_discount_usd"),
        ("− Free tier", "free_tier_usd"),
        ("List cost at catalog prices", "list_usd"),
    ]

    @Test func theSummaryJSONCSVsIndexAndWikiPagesShareEveryFigure() throws {
        let run = try SampleRun()
        defer { run.remove() }

        // The summary JSON: the bridge holds exactly and names the same figures as the totals.
        let billed = try run.amount("cost_bridge", "billed_usd"), effective = try run.amount("cost_bridge", "effective_usd")
        let amortization = try run.amount("cost_bridge", "savings_plan_amortization_usd")
        let negations = try run.amount("cost_bridge", "savings_plan_negations_usd")
        #expect(billed + amortization - negations == effective)
        let list = try run.amount("cost_bridge", "list_usd"), catalog = try run.amount("cost_bridge", "catalog_usd")
        #expect(list - (try run.amount("cost_bridge", "tier_discount_usd")) - (try run.amount("cost_bridge", "free_tier_usd")) == catalog)
        #expect(billed == (try run.amount("totals", "lambda_usd")))
        #expect(effective == (try run.amount("lambda_effective_usd")))
        #expect(negations < .zero && effective != billed)  // the sample has a Savings Plan: the bases differ

        // functions.csv: one row per function; its list and catalog columns sum to the bridge's (10 places a row);
        // its billed and effective columns to the month's less the charges of no function, shown on the index.
        let functions = try run.csv("functions.csv")
        #expect(functions.count == run.summary["functions"] as? Int)
        let tolerance = FixedDecimal(parsing: "0.0000000001")! * FixedDecimal(functions.count)
        #expect(Self.magnitude(try Self.sum(functions, "list_cost_usd") - list) <= tolerance)
        #expect(Self.magnitude(try Self.sum(functions, "catalog_cost_usd") - catalog) <= tolerance)
        let functionsBilled = try Self.sum(functions, "unblended_cost_usd"), functionsEffective = try Self.sum(functions, "effective_cost_usd")

        // teams.csv: one row per team, the same functions.
        let teams = try run.csv("teams.csv")
        #expect(try Self.sum(teams, "unblended_cost_usd") == functionsBilled)
        #expect(try Self.sum(teams, "effective_cost_usd") == functionsEffective)
        #expect(Self.magnitude(try Self.sum(teams, "potential_savings_usd") - (try run.amount("potential_savings_usd"))) <= tolerance)

        // index.html: the card, the bridge, and the Functions and Teams tables' charges of no function and totals.
        let index = try run.text("index.html")
        #expect(index.contains("<div class=\"label\">Lambda cost (effective, amortized)</div><div class=\"value\">\(Format.usd(effective))</div>"))
        for (label, key) in Self.bridgeRows {
            let row = "<tr><th>\(label)"
            let start = try #require(index.range(of: row), "index.html has no bridge row \(label)")
            let cell = try #require(index.range(of: "<td class=\"num\">", range: start.upperBound..<index.endIndex))
            let shown = index[cell.upperBound...].prefix { $0 != "<" }
            #expect(String(shown) == Format.usd(try run.amount("cost_bridge", key)), "index.html: \(label)")
        }
        #expect(index.contains("<tr><th>− Savings Plans negations (\(Format.usd(negations)) billed)</th><td class=\"num\">\(Format.usd(.zero - negations))</td></tr>"))
        // The Functions table's rows of no function (billed, effective), exact to the cent with functions.csv.
        let noFunction = index.components(separatedBy: "<tr class=\"no-function\"><td></td><td></td><td>Charges of no function: ").dropFirst().map { row in
            row.components(separatedBy: "<td class=\"num\">").dropFirst().prefix(2).map { String($0.prefix { $0 != "<" }) }
        }
        #expect(!noFunction.isEmpty)
        func dollars(_ text: String) throws -> FixedDecimal {
            let negative = text.hasPrefix("-")
            let digits = text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
            let value = try #require(FixedDecimal(parsing: digits), "\(text)")
            return negative ? .zero - value : value
        }
        let cent = FixedDecimal(parsing: "0.005")! * FixedDecimal(noFunction.count + 1)
        #expect(Self.magnitude(functionsBilled + FixedDecimal.sum(try noFunction.map { try dollars($0[0]) }) - billed) <= cent)
        #expect(Self.magnitude(functionsEffective + FixedDecimal.sum(try noFunction.map { try dollars($0[1]) }) - effective) <= cent)
        let totals = "<th class=\"num\">\(Format.usd(billed))</th><th class=\"num\">\(Format.usd(effective))</th>"
        #expect(index.contains("<tr><th>Total</th><th></th><th></th><th></th><th></th><th></th><th></th>\(totals)<th class=\"num\">\(Format.usd(catalog))</th>"))
        #expect(index.contains("<tr><th>Total</th><th></th>\(totals)"))  // the Teams table
        #expect(index.contains("<td class=\"num\">\(Format.usd(billed))</td><td class=\"num\"><code>\(billed)</code></td>"))  // reconciliation

        // The wiki pages: the summary figure and the bridge.
        // (The Markdown page escapes `$` and `-` with a backslash; read it as shown.)
        let markdown = try run.text("wiki/report.md").replacingOccurrences(of: "\\", with: ""), confluence = try run.text("wiki/report.confluence.xhtml")
        #expect(markdown.contains("| Lambda cost (effective, amortized) | \(Format.usd(effective)) |"))
        #expect(confluence.contains("<tr><th>Lambda cost (effective, amortized)</th><td>\(Format.usd(effective))</td></tr>"))
        for (label, key) in Self.bridgeRows {
            let amount = Format.usd(try run.amount("cost_bridge", key))
            #expect(markdown.contains("| \(label) | \(amount) |"), "report.md: \(label)")
            #expect(confluence.contains("<tr><th>\(label)</th><td>\(amount)</td></tr>"), "report.confluence.xhtml: \(label)")
        }
        let negationsRow = "− Savings Plans negations (\(Format.usd(negations)) billed)"
        #expect(markdown.contains("| \(negationsRow) | \(Format.usd(.zero - negations)) |"))
        #expect(confluence.contains("<tr><th>\(negationsRow)</th><td>\(Format.usd(.zero - negations))</td></tr>"))
        let potential = try run.amount("potential_savings_usd")
        // The plan starts from the Lambda cost and its before − after is the headline, exactly.
        let before = try run.amount("combined_plan", "effective_before_usd"), after = try run.amount("combined_plan", "effective_after_usd")
        #expect(before == effective && before - after == potential)
        #expect(index.contains("<tr><th>Lambda cost with the plan in place</th><td class=\"num\">\(Format.usd(after))</td></tr>"))
        #expect(markdown.contains("| Potential savings per month (every change together) | \(Format.usd(potential)) ("))
        #expect(confluence.contains("<tr><th>Potential savings per month (every change together)</th><td><strong>\(Format.usd(potential))</strong> ("))
        // The plan: its table on the index shows the headline, and opportunities.csv's plan savings add up to it
        // (10 places per row).
        #expect(index.contains("<tr><th>Potential savings per month</th><td class=\"num\"><strong>\(Format.usd(potential))</strong>"))
        let opportunities = try run.csv("opportunities.csv")
        // No saving exceeds the cost it acts on, and none saves more in the plan than alone.
        for row in opportunities {
            let alone = try Self.sum([row], "monthly_savings_usd"), actsOn = try Self.sum([row], "current_monthly_cost_usd")
            #expect(alone <= actsOn, "\(row["function_name"] ?? "") \(row["scenario"] ?? ""): saves \(alone) of \(actsOn)")
            let marginal = try Self.sum([row], "plan_marginal_saving_usd"), cash = try Self.sum([row], "plan_saving_usd")
            #expect(marginal <= alone && cash <= marginal)
        }
        #expect(Self.magnitude(try Self.sum(opportunities, "plan_saving_usd") - potential)
            <= FixedDecimal(parsing: "0.00000000005")! * FixedDecimal(opportunities.count))
    }

    /// The workbook through LibreOffice's recalculation: the Summary's bridge, and the Functions and Teams sheets'
    /// total rows (SUM formulas) equal the summary JSON; the Functions sheet's rows are functions.csv's plus the
    /// charges of no function.
    @Test(.enabled(if: LibreOffice.testsRun, "LibreOffice is not installed (apt-get install libreoffice-calc); under CI it runs and fails"),
          .timeLimit(.minutes(5)))
    func theWorkbookRecalculatesToTheSameFigures() throws {
        let run = try SampleRun()
        defer { run.remove() }
        let sheets = try LibreOffice.sheets(of: run.month + "/report.xlsx", asShown: false)
        let close = FixedDecimal(parsing: "0.000001")!
        func value(_ text: String) throws -> FixedDecimal { try #require(FixedDecimal(parsing: text), "not a number: \(text)") }
        func equal(_ shown: String, _ exact: FixedDecimal, _ what: String) throws {
            #expect(Self.magnitude(try value(shown) - exact) <= close, "\(what): the workbook shows \(shown), the summary JSON \(exact)")
        }

        // Summary: the bridge (the two results are formulas, recalculated) and the headline.
        let summary = try #require(sheets["Summary"])
        func summaryValue(_ label: String) throws -> String { try #require(summary.first { $0.first == label }?.last, "Summary: \(label)") }
        for (label, key) in Self.bridgeRows {
            try equal(try summaryValue(label), try run.amount("cost_bridge", key), "Summary: \(label)")
        }
        try equal(try summaryValue("− Savings Plans negations (their billed amount)"), try run.amount("cost_bridge", "savings_plan_negations_usd"), "negations")
        try equal(try summaryValue("Potential savings per month (every change together)"), try run.amount("potential_savings_usd"), "potential savings")
        try equal(try summaryValue("Lambda, billed (unblended)"), try run.amount("totals", "lambda_usd"), "reconciliation")

        // Functions: one row per function of functions.csv, then the charges of no function, then the total.
        let functions = try #require(sheets["Functions"])
        let header = try #require(functions.first)
        let billedColumn = try #require(header.firstIndex(of: "Billed (unblended)"))
        let effectiveColumn = try #require(header.firstIndex(of: "Lambda cost (effective)"))
        let catalogColumn = try #require(header.firstIndex(of: "Catalog cost (list less discounts)"))
        let csv = try run.csv("functions.csv")
        let rows = Array(functions.dropFirst())
        let functionRows = rows.prefix(csv.count), noFunctionRows = rows.dropFirst(csv.count).dropLast()
        #expect(functionRows.map { [$0[0], $0[1], $0[2]] } == csv.map { [$0["account_id"]!, $0["region"]!, $0["function_name"]!] })
        for (row, line) in zip(functionRows, csv) {
            try equal(row[effectiveColumn], try value(line["effective_cost_usd"]!), "Functions: \(row[2])")
            try equal(row[billedColumn], try value(line["unblended_cost_usd"]!), "Functions: \(row[2])")
        }
        #expect(!noFunctionRows.isEmpty && noFunctionRows.allSatisfy { $0[2].hasPrefix("Charges of no function: ") })
        let total = try #require(rows.last)
        #expect(total.first == "Total")
        let billed = try run.amount("cost_bridge", "billed_usd"), effective = try run.amount("cost_bridge", "effective_usd")
        try equal(total[billedColumn], billed, "Functions: billed total")
        try equal(total[effectiveColumn], effective, "Functions: Lambda cost total")
        try equal(total[catalogColumn], try run.amount("cost_bridge", "catalog_usd"), "Functions: catalog total")
        // functions.csv and the rows of no function add up to the Summary.
        let noFunctionEffective = FixedDecimal.sum(try noFunctionRows.map { try value($0[effectiveColumn]) })
        try equal((try Self.sum(csv, "effective_cost_usd") + noFunctionEffective).description, effective, "functions.csv + charges of no function")

        // Teams: the same totals, and the teams' savings add up to the headline.
        let teams = try #require(sheets["Teams"])
        let teamTotal = try #require(teams.last)
        #expect(teamTotal.first == "Total")
        try equal(teamTotal[2], billed, "Teams: billed total")
        try equal(teamTotal[3], effective, "Teams: Lambda cost total")
        try equal(teamTotal[5], try run.amount("potential_savings_usd"), "Teams: potential savings total")
    }
}
