import Foundation

/// Reads an earlier report's folder (`--previous output/2026-09`): the month from `manifest.json`, each
/// function's Lambda cost (`effective_cost_usd`; `unblended_cost_usd` in reports that predate it) and team from `functions.csv`, and the savings by scenario from `opportunities.csv`.
struct PreviousReportReader {
    func read(folder: String) throws -> PreviousMonthCosts {
        let manifestPath = folder + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: manifestPath),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw InputError(path: manifestPath, message: "cannot read the earlier report's manifest.json (expected the folder of an earlier report, such as output/2026-09)")
        }
        guard let monthText = manifest["month"] as? String, let month = BillingMonth(monthText) else {
            throw InputError(path: manifestPath, message: "expected \"month\": \"YYYY-MM\" in the earlier report's manifest.json")
        }
        // The amounts read stay within the same bound as a bill's (``MagnitudeGuard``), so their sums never overflow.
        var guardrail = MagnitudeGuard()
        func admitted(_ value: FixedDecimal, _ text: String, column: String, file: String, line: Int) throws -> FixedDecimal {
            guard guardrail.admit(value) else {
                throw InputError(path: "\(folder)/\(file):\(line)", message: MagnitudeGuard.message(value: text, column: column))
            }
            return value
        }
        var costs: [FunctionIdentity: FixedDecimal] = [:]
        var teams: [FunctionIdentity: String] = [:]
        try forEachRow(folder + "/functions.csv", needing: ["account_id", "region", "function_name", "unblended_cost_usd"]) { row, field in
            let identity = FunctionIdentity(accountID: field("account_id"), region: field("region"), name: field("function_name"))
            let column = field.optional("effective_cost_usd") != nil ? "effective_cost_usd" : "unblended_cost_usd"
            guard let cost = FixedDecimal(parsing: field(column)) else {
                throw InputError(path: folder + "/functions.csv", message: "line \(row): expected a decimal in '\(column)', found \"\(field(column))\"")
            }
            costs[identity, default: .zero] += try admitted(cost, field(column), column: column, file: "functions.csv", line: row)
            if let team = field.optional("team"), !team.isEmpty { teams[identity] = team }
        }
        var savings: [String: FixedDecimal] = [:]
        try forEachRow(folder + "/opportunities.csv", needing: ["scenario", "monthly_savings_usd"]) { row, field in
            guard let saving = FixedDecimal(parsing: field("monthly_savings_usd")) else {
                throw InputError(path: folder + "/opportunities.csv", message: "line \(row): expected a decimal in 'monthly_savings_usd', found \"\(field("monthly_savings_usd"))\"")
            }
            savings[field("scenario"), default: .zero] += try admitted(saving, field("monthly_savings_usd"), column: "monthly_savings_usd", file: "opportunities.csv", line: row)
        }
        return PreviousMonthCosts(month: month, source: folder, functionCosts: costs, tags: [:], teamNames: teams, savingsByScenario: savings)
    }

    /// Field access by header name for one row; text cells lose the `'` the report adds against formula injection.
    struct Fields {
        let header: [String: Int]
        let values: [String]

        func callAsFunction(_ name: String) -> String { optional(name) ?? "" }

        func optional(_ name: String) -> String? {
            guard let index = header[name], index < values.count else { return nil }
            let value = values[index]
            if value.hasPrefix("'"), let second = value.dropFirst().first, "=+-@\t\r".contains(second) { return String(value.dropFirst()) }
            return value
        }
    }

    private func forEachRow(_ path: String, needing required: [String], _ body: (Int, Fields) throws -> Void) throws {
        let reader = CSVReader(source: try ByteSource(path: path))
        guard try reader.nextRecord() else { throw InputError(path: path, message: "the file is empty: expected a header row") }
        let names = (0..<reader.fieldCount).map { reader.lossyString($0) }
        let header = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for name in required where header[name] == nil {
            throw InputError(path: path, message: "expected a column '\(name)' in the header of an earlier report's file")
        }
        while try reader.nextRecord() {
            try body(reader.line, Fields(header: header, values: (0..<reader.fieldCount).map { reader.lossyString($0) }))
        }
    }
}
