/// Reads the hourly per-function aggregate of a CUR (`docs/scale-out.md`, `format_version` 1), made where the
/// CUR lives by the queries in `sql/`, into the same month buckets as ``CURIngester``: one aggregate record
/// stands for `rows` CUR rows that took the same branch of the CUR reader's rules, so the ledger cells, totals,
/// row counts, tags and Savings Plan fees come out as from the CUR itself. The rules (free tier, Savings Plan
/// amounts, the function of a resource ID, usage type classification) are the CUR reader's own.
///
/// Records the query rejected (`record_type` `rejected`) are rejects here too, with the query's reason; a record
/// this reader cannot use is rejected with its file, line and column like a CUR row.
final class AggregateIngester {
    /// The columns of format version 1, by name (lower case); any order, other columns ignored.
    static let requiredColumns = [
        "format_version", "record_type", "billing_period", "usage_account_id", "line_item_type", "usage_type",
        "resource_id", "usage_hour", "usage_amount", "unblended_cost", "rows",
    ]
    static let optionalColumns = [
        "payer_account_id", "product_code", "region", "free_tier", "public_on_demand_cost", "savings_plan_effective_cost",
        "total_commitment", "used_commitment", "amortized_upfront_commitment", "tags", "reason",
    ]

    /// Whether a header is the aggregate's: it names `format_version` and `record_type`.
    static func isAggregateHeader(_ names: [String]) -> Bool {
        let lowered = Set(names.map { $0.lowercased() })
        return lowered.contains("format_version") && lowered.contains("record_type")
    }

    private let ingester: CURIngester
    private var classifications: [String: RegionTable.Classification] = [:]
    /// Function entries by account, region and resource ID (only those that name a function, as in the CUR reader).
    private var functions: [String: CURIngester.FunctionEntry] = [:]
    /// Tags by their JSON text, normalized (records of one function repeat the same text).
    private var parsedTags: [String: [(key: String, value: String)]] = [:]

    /// A reader that adds what it reads to `ingester`'s months, rejects and diagnostics.
    init(into ingester: CURIngester) {
        self.ingester = ingester
    }

    /// Where the columns sit in one aggregate file.
    struct Columns {
        let fieldCount: Int
        let names: [String]
        private let index: [String: Int]

        init(header: [String]) throws(CURColumns.HeaderError) {
            names = header
            fieldCount = header.count
            var index: [String: Int] = [:]
            for (position, name) in header.enumerated() {
                let key = name.lowercased()
                if let earlier = index[key] {
                    throw CURColumns.HeaderError(
                        message: "column \(position + 1) '\(name)' repeats column \(earlier + 1) '\(header[earlier])'", column: position)
                }
                index[key] = position
            }
            let missing = AggregateIngester.requiredColumns.filter { index[$0] == nil }
            guard missing.isEmpty else {
                throw CURColumns.HeaderError(
                    message: "not a lambda-cost-report aggregate header (docs/scale-out.md): missing column\(missing.count == 1 ? "" : "s") "
                        + missing.map { "'\($0)'" }.joined(separator: ", "),
                    column: 0)
            }
            self.index = index
        }

        subscript(_ name: String) -> Int? { index[name] }
        /// A required column.
        func required(_ name: String) -> Int { index[name]! }
        func name(of column: Int) -> String { names[column] }
    }

    /// Reads one aggregate file to the end.
    func ingest(path: String) throws {
        let source = try ByteSource(path: path, fingerprint: true)
        let reader = CSVReader(source: source)
        let columns = try CURIngester.readHeader(reader, path: path, expecting: "an aggregate header", Columns.init(header:))
        var records = 0
        var fileDiagnostics = 0
        var delivery = DeliveryFingerprint(path: path)
        delivery.isAggregate = true
        while try reader.nextRecord() {
            records += 1
            try ingestRecord(reader, columns, path: path, delivery: &delivery, diagnosticsSoFar: &fileDiagnostics)
        }
        ingester.deliveries.append(delivery)
        if fileDiagnostics > ingester.diagnosticLimit {
            ingester.diagnostics.append(Diagnostic(.note, at: nil,
                "\(path): \(fileDiagnostics - ingester.diagnosticLimit) more rejected rows are listed only in rejects.csv"))
        }
        ingester.inputs.append(IngestResult.InputFile(
            path: path, sha256: try source.finishDigest(), bytes: source.bytesOnDisk, rows: records, spelling: .aggregate,
            hasPublicOnDemandCost: columns["public_on_demand_cost"] != nil))
    }

    // MARK: - One record

    private func ingestRecord(_ reader: CSVReader, _ columns: Columns, path: String, delivery: inout DeliveryFingerprint,
                              diagnosticsSoFar: inout Int) throws {
        func reject(_ reason: String, field: Int?, month: BillingMonth?, cost: FixedDecimal?, rows: Int = 1) {
            let location: SourceLocation
            if let field, field < reader.fieldCount {
                location = SourceLocation(file: path, line: reader.line(ofField: field), column: reader.column(ofField: field))
            } else if let malformation = reader.malformation {
                let (line, column) = reader.position(ofRecordOffset: malformation.offset)
                location = SourceLocation(file: path, line: line, column: column)
            } else {
                location = SourceLocation(file: path, line: reader.line, column: 1)
            }
            ingester.recordReject(RejectedRow(location: location, reason: reason, raw: reader.rawRecord, unblendedCost: cost),
                month: month, rows: rows, diagnosticsSoFar: &diagnosticsSoFar)
        }
        if let malformation = reader.malformation {
            reject(malformation.reason, field: nil, month: nil, cost: nil)
            return
        }
        guard reader.fieldCount == columns.fieldCount else {
            reject("expected \(columns.fieldCount) fields as in the header, found \(reader.fieldCount)", field: nil, month: nil, cost: nil)
            return
        }
        /// The field's text; empty for an absent column or text that is not UTF-8 (checked where it matters).
        func text(_ column: Int?) -> String {
            guard let column, !reader.isEmpty(column) else { return "" }
            return reader.string(column) ?? ""
        }
        func decimal(_ column: Int) -> FixedDecimal? {
            guard case .success(let result) = reader.withField(column, { FixedDecimal.parse($0) }) else { return nil }
            if result.wasRounded { ingester.roundedAmounts += 1 }
            return result.value
        }
        func expectedNumber(_ column: Int) -> String {
            "expected a decimal number in '\(columns.name(of: column))', found \"\(reader.lossyString(column))\""
        }
        /// An amount the rules read only when it is there: `.some(nil)` when empty, `nil` when not a number.
        func optionalDecimal(_ column: Int?) -> FixedDecimal?? {
            guard let column, !reader.isEmpty(column) else { return .some(nil) }
            return decimal(column).map { .some($0) }
        }

        let versionColumn = columns.required("format_version")
        guard reader.field(versionColumn, equals: "1") else {
            reject("expected format_version 1 in '\(columns.name(of: versionColumn))', found \"\(reader.lossyString(versionColumn))\" (docs/scale-out.md)",
                field: versionColumn, month: nil, cost: nil)
            return
        }
        let rowsColumn = columns.required("rows")
        guard let rows = Int(text(rowsColumn)), rows > 0 else {
            reject("expected a positive whole number in '\(columns.name(of: rowsColumn))', found \"\(reader.lossyString(rowsColumn))\"",
                field: rowsColumn, month: nil, cost: nil)
            return
        }
        let costColumn = columns.required("unblended_cost")
        let periodColumn = columns.required("billing_period")
        let recordTypeColumn = columns.required("record_type")
        let recordType = text(recordTypeColumn)
        let payer = text(columns["payer_account_id"])

        if recordType == "rejected" {
            // A row the query could not use: its cost and month when it could read them, and its reason.
            var cost: FixedDecimal?
            if !reader.isEmpty(costColumn) {
                guard let value = decimal(costColumn) else {
                    reject(expectedNumber(costColumn), field: costColumn, month: nil, cost: nil, rows: rows)
                    return
                }
                cost = value
            }
            var month: BillingMonth?
            if !reader.isEmpty(periodColumn) {
                guard let value = BillingMonth(text(periodColumn)) else {
                    reject("expected a month such as 2026-10 in '\(columns.name(of: periodColumn))', found \"\(reader.lossyString(periodColumn))\"",
                        field: periodColumn, month: nil, cost: cost, rows: rows)
                    return
                }
                month = value
                if !payer.isEmpty { delivery.record(payer: payer, period: month!.description, line: reader.line) }
            }
            let reason = text(columns["reason"])
            reject(reason.isEmpty ? "rejected by the query that made the aggregate" : reason,
                field: columns["reason"], month: month, cost: cost, rows: rows)
            return
        }

        guard let cost = decimal(costColumn) else {
            reject(expectedNumber(costColumn), field: costColumn, month: BillingMonth(text(periodColumn)), cost: nil, rows: rows)
            return
        }
        let hourColumn = columns.required("usage_hour")
        guard case .success(let hour) = reader.withField(hourColumn, { UsageHour.parse($0, truncating: true) }) else {
            reject("expected an hour such as 2026-10-01T00:00:00Z in '\(columns.name(of: hourColumn))', found \"\(reader.lossyString(hourColumn))\"",
                field: hourColumn, month: BillingMonth(text(periodColumn)), cost: cost, rows: rows)
            return
        }
        guard let month = BillingMonth(text(periodColumn)) else {
            reject("expected a month such as 2026-10 in '\(columns.name(of: periodColumn))', found \"\(reader.lossyString(periodColumn))\"",
                field: periodColumn, month: BillingMonth(containing: hour), cost: cost, rows: rows)
            return
        }
        if !payer.isEmpty { delivery.record(payer: payer, period: month.description, line: reader.line) }
        let lineItemTypeColumn = columns.required("line_item_type")

        switch recordType {
        case "other":
            let lineItemType = text(lineItemTypeColumn)
            // Only Compute Savings Plans (product ComputeSavingsPlans) cover Lambda, as in the CUR reader.
            if (lineItemType == "SavingsPlanRecurringFee" || lineItemType == "SavingsPlanUpfrontFee")
                && columns["product_code"].map({ text($0) == "ComputeSavingsPlans" }) ?? true
            {
                let isRecurring = lineItemType == "SavingsPlanRecurringFee"
                var commitments: [FixedDecimal?] = []
                for name in ["total_commitment", "used_commitment", "amortized_upfront_commitment"] {
                    let column = columns[name]
                    guard isRecurring, let value = optionalDecimal(column) else {
                        if isRecurring, let column {
                            reject(expectedNumber(column), field: column, month: month, cost: cost, rows: rows)
                            return
                        }
                        commitments.append(nil)
                        continue
                    }
                    commitments.append(value)
                }
                ingester.addSavingsPlanFee(month: month, isRecurring: isRecurring, cost: cost, rows: rows,
                    totalCommitment: commitments[0], usedCommitment: commitments[1],
                    amortizedUpfront: commitments[2])
            }
            ingester.addOtherServices(month: month, hour: hour, cost: cost, rows: rows)

        case "lambda":
            guard let lineItemType = reader.string(lineItemTypeColumn) else {
                reject("expected UTF-8 text in '\(columns.name(of: lineItemTypeColumn))'", field: lineItemTypeColumn, month: month, cost: cost, rows: rows)
                return
            }
            var charge = ChargeType(lineItemType: lineItemType) ?? .unrecognized
            if charge == .unrecognized { ingester.unknownLineItemTypes[lineItemType, default: 0] += rows }
            let usageTypeColumn = columns.required("usage_type")
            guard let usageType = reader.string(usageTypeColumn) else {
                reject("expected UTF-8 text in '\(columns.name(of: usageTypeColumn))'", field: usageTypeColumn, month: month, cost: cost, rows: rows)
                return
            }
            let classification = classify(usageType)
            if classification.kind == .unclassified { ingester.unknownUsageTypes[usageType, default: 0] += rows }
            let accountColumn = columns.required("usage_account_id")
            let account = text(accountColumn)
            guard !account.isEmpty, reader.string(accountColumn) != nil else {
                reject("expected an account ID in '\(columns.name(of: accountColumn))'", field: accountColumn, month: month, cost: cost, rows: rows)
                return
            }
            var region = text(columns["region"])
            if region.isEmpty { region = classification.region ?? "" }
            let resourceColumn = columns.required("resource_id")
            guard let resourceID = reader.string(resourceColumn) else {
                reject("expected UTF-8 text in '\(columns.name(of: resourceColumn))'", field: resourceColumn, month: month, cost: cost, rows: rows)
                return
            }
            let function = functionEntry(account: account, region: region, resourceID: resourceID, rows: rows)
            var isFreeTier = false
            if let freeTierColumn = columns["free_tier"] {
                switch text(freeTierColumn) {
                case "true": isFreeTier = true
                case "false", "": isFreeTier = false
                default:
                    reject("expected true or false in '\(columns.name(of: freeTierColumn))', found \"\(reader.lossyString(freeTierColumn))\"",
                        field: freeTierColumn, month: month, cost: cost, rows: rows)
                    return
                }
            }
            charge = CURIngester.charge(charge, isFreeTier: isFreeTier)

            var quantity: FixedDecimal?
            var publicOnDemandCost: FixedDecimal?
            var savingsPlanEffectiveCost: FixedDecimal?
            var commitment: (total: FixedDecimal, used: FixedDecimal)?
            if charge.isUsage {
                let quantityColumn = columns.required("usage_amount")
                guard let value = decimal(quantityColumn) else {
                    reject(expectedNumber(quantityColumn), field: quantityColumn, month: month, cost: cost, rows: rows)
                    return
                }
                quantity = value
                if charge != .savingsPlanCoveredUsage {
                    let column = columns["public_on_demand_cost"]
                    guard let value = optionalDecimal(column) else {
                        reject(expectedNumber(column!), field: column, month: month, cost: cost, rows: rows)
                        return
                    }
                    publicOnDemandCost = value
                }
            }
            if charge == .savingsPlanCoveredUsage {
                let column = columns["savings_plan_effective_cost"]
                guard let value = optionalDecimal(column) else {
                    reject(expectedNumber(column!), field: column, month: month, cost: cost, rows: rows)
                    return
                }
                savingsPlanEffectiveCost = value
                if value == nil { ingester.missingEffectiveCost += rows }
            }
            if charge == .savingsPlanRecurringFee, let total = columns["total_commitment"], let used = columns["used_commitment"],
                let totalValue = decimal(total), let usedValue = decimal(used)
            {
                commitment = (totalValue, usedValue)
            }
            let amounts = CURIngester.lambdaAmounts(
                charge: charge, unblendedCost: cost, rows: rows, quantity: quantity, publicOnDemandCost: publicOnDemandCost,
                savingsPlanEffectiveCost: savingsPlanEffectiveCost, commitment: commitment)
            let tags = tags(text(columns["tags"]))
            try ingester.addLambda(month: month, hour: hour, amounts: amounts, function: function, classification: classification,
                charge: charge) { ledger, number in
                for (key, value) in tags { ledger.recordTag(key, value: value, function: number, at: hour) }
            }

        default:
            reject("expected 'lambda', 'other' or 'rejected' in '\(columns.name(of: recordTypeColumn))', found \"\(reader.lossyString(recordTypeColumn))\"",
                field: recordTypeColumn, month: month, cost: cost, rows: rows)
        }
    }

    /// The tags of a `tags` cell, keys normalized as the CUR reader does (`resourceTags/user:team` → `team`),
    /// parsed once per distinct text.
    private func tags(_ json: String) -> [(key: String, value: String)] {
        guard !json.isEmpty, json != "{}" else { return [] }
        if let known = parsedTags[json] { return known }
        let tags = TagMap.parse(json).map { (key: CURColumns.tagKey(fromColumn: $0.key), value: $0.value) }
        parsedTags[json] = tags
        return tags
    }

    /// A usage type classified once per distinct value.
    private func classify(_ usageType: String) -> RegionTable.Classification {
        if let known = classifications[usageType] { return known }
        let classification = ingester.regions.classify(usageType)
        classifications[usageType] = classification
        return classification
    }

    /// The function entry of an account, region and resource ID, made once per distinct combination that names a
    /// function (a resource that is not a Lambda function is counted per row, as the CUR reader does).
    private func functionEntry(account: String, region: String, resourceID: String, rows: Int) -> CURIngester.FunctionEntry {
        let key = account + "\u{1F}" + region + "\u{1F}" + resourceID
        if let known = functions[key] { return known }
        let entry = ingester.functionEntry(account: account, region: region, resourceID: resourceID, rows: rows)
        if entry.id >= 0 { functions[key] = entry }
        return entry
    }
}
