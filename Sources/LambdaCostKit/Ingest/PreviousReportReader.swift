import Foundation

/// Reads an earlier report's folder (`--previous output/2026-09`): the month from `manifest.json`; each function's
/// Lambda cost (`effective_cost_usd`; `unblended_cost_usd` in reports that predate it), team, invocations and cost at
/// public on-demand rates from `functions.csv`; the opportunities from `opportunities.csv` (savings by scenario, and
/// the follow-up columns where the report has them); the Savings Plans' net savings from `kpis.json`. Every file
/// goes through the limits of files read back (``BoundedFile``, ``MagnitudeGuard``).
struct PreviousReportReader {
    func read(folder: String) throws -> PreviousReport {
        let month = try month(folder: folder)
        // The figures read stay within the same bound as a bill's (``MagnitudeGuard``), so their sums never overflow:
        // one bound per column, since invocations, GB-seconds and dollars are summed apart (a large fleet's month has
        // far more invocations than dollars).
        var guardrails: [String: MagnitudeGuard] = [:]
        func amount(_ field: Fields, _ column: String, file: String, line: Int) throws -> FixedDecimal {
            let text = field(column)
            guard let value = FixedDecimal(parsing: text) else {
                throw InputError(path: "\(folder)/\(file):\(line)", message: "expected a decimal in '\(column)', found \"\(text)\"")
            }
            guard guardrails[column, default: MagnitudeGuard()].admit(value) else {
                throw InputError(path: "\(folder)/\(file):\(line)", message: MagnitudeGuard.message(value: text, column: column))
            }
            return value
        }
        var costs: [FunctionIdentity: FixedDecimal] = [:]
        var teams: [FunctionIdentity: String] = [:]
        var functions: [FunctionIdentity: PreviousReport.Function]? = [:]
        try forEachRow(folder + "/functions.csv", needing: ["account_id", "region", "function_name", "unblended_cost_usd"]) { row, field in
            let identity = FunctionIdentity(accountID: field("account_id"), region: field("region"), name: field("function_name"))
            let column = field.optional("effective_cost_usd") != nil ? "effective_cost_usd" : "unblended_cost_usd"
            costs[identity, default: .zero] += try amount(field, column, file: "functions.csv", line: row)
            if let team = field.optional("team"), !team.isEmpty { teams[identity] = team }
            if ["requests", "gb_seconds", "on_demand_cost_usd"].allSatisfy({ field.optional($0) != nil }), functions != nil {
                let requests = try amount(field, "requests", file: "functions.csv", line: row)
                let gbSeconds = try amount(field, "gb_seconds", file: "functions.csv", line: row)
                let onDemand = try amount(field, "on_demand_cost_usd", file: "functions.csv", line: row)
                var function = functions![identity] ?? PreviousReport.Function(requests: .zero, gbSeconds: .zero, onDemandCost: .zero)
                function.requests += requests
                function.gbSeconds += gbSeconds
                function.onDemandCost += onDemand
                functions![identity] = function
            } else {
                functions = nil
            }
        }
        var savings: [String: FixedDecimal] = [:]
        var opportunities: [PreviousReport.Opportunity] = []
        var hasFollowUpColumns = true
        try forEachRow(folder + "/opportunities.csv", needing: ["scenario", "monthly_savings_usd"]) { row, field in
            let saving = try amount(field, "monthly_savings_usd", file: "opportunities.csv", line: row)
            let scenario = field("scenario")
            savings[scenario, default: .zero] += saving
            let function = FunctionIdentity(accountID: field("account_id"), region: field("region"), name: field("function_name"))
            hasFollowUpColumns = hasFollowUpColumns && field.optional("measure") != nil && field.optional("measure_target") != nil
            var tracked: TrackedChange?
            if let name = field.optional("measure"), !name.isEmpty {
                guard let measure = TrackedChange.Measure(rawValue: name) else {
                    throw InputError(path: "\(folder)/opportunities.csv:\(row)", message: "unknown measure \"\(name)\" (expected one of \(TrackedChange.Measure.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                tracked = TrackedChange(measure: measure, now: field("measure_now"), target: field("measure_target"))
                if measure != .region {
                    _ = try amount(field, "measure_now", file: "opportunities.csv", line: row)
                    _ = try amount(field, "measure_target", file: "opportunities.csv", line: row)
                }
            }
            var openSince = month
            if let text = field.optional("open_since"), !text.isEmpty {
                guard let since = BillingMonth(text), since <= month else {
                    throw InputError(path: "\(folder)/opportunities.csv:\(row)", message: "expected a month no later than \(month) in 'open_since', found \"\(text)\"")
                }
                openSince = since
            }
            // The ID is the scenario and the function's identity (``Opportunity/id``): read from them, so a report
            // made before the `opportunity_id` column is followed up by the same IDs.
            opportunities.append(PreviousReport.Opportunity(
                scenario: scenario, function: function, monthlySavings: saving, tracked: tracked, openSince: openSince))
        }
        return PreviousReport(
            month: month, folder: folder,
            costs: PreviousMonthCosts(month: month, source: folder, functionCosts: costs, tags: [:], teamNames: teams, savingsByScenario: savings),
            functions: functions, opportunities: opportunities, hasFollowUpColumns: hasFollowUpColumns && !opportunities.isEmpty,
            savingsPlanNetSavings: try savingsPlanNetSavings(folder: folder, month: month))
    }

    /// The month of the earlier report in `folder`, from its `manifest.json`: checked before a run reads the bill, so
    /// a wrong `--previous` stops it at once.
    func month(folder: String) throws -> BillingMonth {
        let manifestPath = folder + "/manifest.json"
        let manifestData = try BoundedFile.read(manifestPath, what: "the earlier report's manifest.json (expected the folder of an earlier report, such as output/2026-09)")
        // Only the month: a fleet's manifest lists tens of thousands of outputs, which a decoder of every value
        // would hold as objects (150 MB for 50,000 functions).
        struct ManifestMonth: Decodable { let month: String }
        guard let monthText = try? JSONDecoder().decode(ManifestMonth.self, from: manifestData).month, let month = BillingMonth(monthText) else {
            throw InputError(path: manifestPath, message: "expected a JSON object with \"month\": \"YYYY-MM\" in the earlier report's manifest.json")
        }
        return month
    }

    /// `savings_plans_net_savings_usd` of the folder's `kpis.json` (zero for a month without a plan); `nil` without the
    /// file or the figure.
    private func savingsPlanNetSavings(folder: String, month: BillingMonth) throws -> FixedDecimal? {
        let path = folder + "/kpis.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try BoundedFile.read(path, what: "the earlier report's kpis.json")
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(path: path, message: "expected a JSON object (the month's KPIs)")
        }
        guard let value = object["savings_plans_net_savings_usd"] else { return nil }
        // `null`: the month had no plan (zero saved), unless the file says it had one.
        if value is NSNull { return object["savings_plans_owned"] as? Bool == false ? .zero : nil }
        var guardrail = MagnitudeGuard()
        guard let text = value as? String, let amount = FixedDecimal(parsing: text), guardrail.admit(amount) else {
            throw InputError(path: path, message: "expected a decimal string in 'savings_plans_net_savings_usd'")
        }
        return amount
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
