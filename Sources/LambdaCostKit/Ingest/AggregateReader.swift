/// Reads the hourly per-function aggregate of a CUR (`docs/scale-out.md`, `format_version` 1), made where the
/// CUR lives by the queries in `sql/`, into the same ``MonthAccumulator`` as ``CURReader``: one aggregate record
/// stands for `rows` CUR rows that took the same branch of the CUR reader's rules, so the ledger cells, totals,
/// row counts, tags and Savings Plan fees come out as from the CUR itself. The rules (free tier, Savings Plan
/// amounts, the function of a resource ID, usage type classification, the function another service's row is tied
/// to) are the CUR reader's own.
///
/// Records the query rejected (`record_type` `rejected`) are rejects here too, with the query's reason; a record
/// this reader cannot use is rejected with its file, line and column like a CUR row.
final class AggregateReader {
    /// The columns of format version 1, by name (lower case); any order, other columns ignored.
    static let requiredColumns = [
        "format_version", "record_type", "billing_period", "usage_account_id", "line_item_type", "usage_type",
        "resource_id", "usage_hour", "usage_amount", "unblended_cost", "rows",
    ]
    static let optionalColumns = [
        "payer_account_id", "product_code", "region", "free_tier", "public_on_demand_cost", "savings_plan_effective_cost",
        "total_commitment", "used_commitment", "amortized_upfront_commitment", "tags", "reason",
        "savings_plan_offering_type",
    ]

    /// Whether a header is the aggregate's: it names `format_version` and `record_type`.
    static func isAggregateHeader(_ names: [String]) -> Bool {
        let lowered = Set(names.map { $0.lowercased() })
        return lowered.contains("format_version") && lowered.contains("record_type")
    }

    private let regions: RegionTable
    /// How other services' records are tied to functions (docs/attribution.md), as the CUR reader ties their rows.
    private let attribution: AttributionRules
    /// Where the rules' decisions go.
    private let accumulator: MonthAccumulator
    private var classifications: [String: RegionTable.Classification] = [:]
    /// Function entries by account, region and resource ID (only those that name a function, as in the CUR reader).
    private var functions: [String: MonthAccumulator.FunctionEntry] = [:]
    /// Tags by their JSON text, normalized (records of one function repeat the same text).
    private var parsedTags: [String: [(key: String, value: String)]] = [:]
    /// The tag keys the attribution rules read (``AttributionRules/tagKeys``).
    private let ruleTagKeys: Set<String>
    /// The function and charge of other services' records by product, resource, account, region, usage type and tags.
    private var otherServiceTargets: [String: (function: FunctionIdentity, charge: OtherServiceCharge)?] = [:]

    /// A reader that adds what it reads to `accumulator`.
    init(regions: RegionTable, attribution: AttributionRules = AttributionRules(), into accumulator: MonthAccumulator) {
        self.regions = regions
        self.attribution = attribution
        ruleTagKeys = attribution.tagKeys
        self.accumulator = accumulator
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
            let missing = AggregateReader.requiredColumns.filter { index[$0] == nil }
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
        let columns = try CURReader.readHeader(reader, path: path, expecting: "an aggregate header", Columns.init(header:))
        var records = 0
        var fileDiagnostics = 0
        var delivery = DeliveryFingerprint(path: path)
        delivery.isAggregate = true
        while try reader.nextRecord() {
            records += 1
            if reader.fieldCount == columns.fieldCount && reader.malformation == nil { delivery.recordContent(reader) }
            try ingestRecord(reader, columns, path: path, delivery: &delivery, diagnosticsSoFar: &fileDiagnostics)
        }
        accumulator.finishFile(IngestResult.InputFile(
            path: path, digest: InputDigest(try source.finishDigest()), bytes: source.bytesOnDisk, rows: records, spelling: .aggregate,
            hasPublicOnDemandCost: columns["public_on_demand_cost"] != nil), delivery: delivery, rejects: fileDiagnostics)
    }

    // MARK: - One record

    private func ingestRecord(_ reader: CSVReader, _ columns: Columns, path: String, delivery: inout DeliveryFingerprint,
                              diagnosticsSoFar: inout Int) throws {
        var rows = 1
        func reject(_ reason: RejectReason, field: Int?, month: BillingMonth?, cost: FixedDecimal?) {
            accumulator.recordReject(
                RejectedRow(location: reader.rejectLocation(field: field, path: path), cause: reason, raw: reader.rawRecord, unblendedCost: cost),
                month: month, rows: rows, diagnosticsSoFar: &diagnosticsSoFar)
        }
        if let problem = reader.structuralProblem(expectedFields: columns.fieldCount) {
            reject(problem, field: nil, month: nil, cost: nil)
            return
        }
        /// The field's text; empty for an absent column or text that is not UTF-8 (checked where it matters).
        func text(_ column: Int?) -> String {
            guard let column, !reader.isEmpty(column) else { return "" }
            return reader.string(column) ?? ""
        }
        /// An amount, through the magnitude guard that the CUR reader's amounts go through too.
        func decimal(_ column: Int) throws -> FixedDecimal? {
            switch reader.amount(column, into: accumulator) {
            case .value(let amount): return amount
            case .notANumber: return nil
            case .beyondLimit: throw reader.magnitudeError(column, named: columns.name(of: column), path: path)
            }
        }
        func expectedNumber(_ column: Int) -> RejectReason {
            .expectedNumber(column: columns.name(of: column), found: reader.lossyString(column))
        }
        /// An amount the rules read only when it is there: `.some(nil)` when empty, `nil` when not a number.
        func optionalDecimal(_ column: Int?) throws -> FixedDecimal?? {
            guard let column, !reader.isEmpty(column) else { return .some(nil) }
            return try decimal(column).map { .some($0) }
        }

        let versionColumn = columns.required("format_version")
        guard reader.field(versionColumn, equals: "1") else {
            reject(.expectedFormatVersion(column: columns.name(of: versionColumn), found: reader.lossyString(versionColumn)),
                field: versionColumn, month: nil, cost: nil)
            return
        }
        let rowsColumn = columns.required("rows")
        guard let count = Int(text(rowsColumn)), count > 0, count <= BillingRules.maximumRowsPerRecord else {
            reject(.expectedRowCount(column: columns.name(of: rowsColumn), found: reader.lossyString(rowsColumn)),
                field: rowsColumn, month: nil, cost: nil)
            return
        }
        guard accumulator.magnitude.admit(rows: count) else {
            throw IngestError(
                location: SourceLocation(file: path, line: reader.line(ofField: rowsColumn), column: reader.column(ofField: rowsColumn)),
                message: "the records read stand for more than 2^60 CUR rows with \"\(reader.lossyString(rowsColumn))\" in '\(columns.name(of: rowsColumn))': not a plausible aggregate")
        }
        rows = count
        let costColumn = columns.required("unblended_cost")
        let periodColumn = columns.required("billing_period")
        let recordTypeColumn = columns.required("record_type")
        let recordType = text(recordTypeColumn)
        let payer = text(columns["payer_account_id"])
        func expectedMonth(_ column: Int) -> RejectReason {
            .expectedMonth(column: columns.name(of: column), found: reader.lossyString(column))
        }

        if recordType == "rejected" {
            // A row the query could not use: its cost and month when it could read them, and its reason.
            var cost: FixedDecimal?
            if !reader.isEmpty(costColumn) {
                guard let value = try decimal(costColumn) else {
                    reject(expectedNumber(costColumn), field: costColumn, month: nil, cost: nil)
                    return
                }
                cost = value
            }
            var month: BillingMonth?
            if !reader.isEmpty(periodColumn) {
                guard let value = BillingMonth(text(periodColumn)) else {
                    reject(expectedMonth(periodColumn), field: periodColumn, month: nil, cost: cost)
                    return
                }
                month = value
                if !payer.isEmpty { delivery.record(payer: payer, period: value.description, line: reader.line) }
            }
            reject(.rejectedByQuery(text(columns["reason"])), field: columns["reason"], month: month, cost: cost)
            return
        }

        guard let cost = try decimal(costColumn) else {
            reject(expectedNumber(costColumn), field: costColumn, month: BillingMonth(text(periodColumn)), cost: nil)
            return
        }
        let hourColumn = columns.required("usage_hour")
        guard case .success(let hour) = reader.withField(hourColumn, { UsageHour.parse($0, truncating: true) }) else {
            reject(.expectedHour(column: columns.name(of: hourColumn), found: reader.lossyString(hourColumn)),
                field: hourColumn, month: BillingMonth(text(periodColumn)), cost: cost)
            return
        }
        guard let month = BillingMonth(text(periodColumn)) else {
            reject(expectedMonth(periodColumn), field: periodColumn, month: BillingMonth(containing: hour), cost: cost)
            return
        }
        if !payer.isEmpty { delivery.record(payer: payer, period: month.description, line: reader.line) }
        let lineItemTypeColumn = columns.required("line_item_type")

        switch recordType {
        case "other":
            let offeringColumn = columns["savings_plan_offering_type"]
            let productColumn = columns["product_code"]
            let product = productColumn.map(text).flatMap { $0.isEmpty ? nil : $0 } ?? "(not named in the aggregate)"
            // A record with a resource ID or tags (CloudWatch rows of a function's log group, rows with the function
            // tag: the only other records the queries keep them on) is tied as its CUR rows are; Savings Plans line
            // items never are, as from a CUR.
            var attributed: (function: FunctionIdentity, charge: OtherServiceCharge, quantity: FixedDecimal)?
            let resource = text(columns.required("resource_id"))
            let ruleTags = ruleTags(text(columns["tags"]))
            if !resource.isEmpty || !ruleTags.isEmpty,
                !AttributionRules.isCommitment(product: product, lineItemType: text(lineItemTypeColumn)),
                let target = otherServiceTarget(
                    product: product, resource: resource, account: text(columns.required("usage_account_id")), region: text(columns["region"]),
                    usageType: text(columns.required("usage_type")), tags: ruleTags)
            {
                // Only log storage's quantity is used (the growth check), as from a CUR.
                var quantity: FixedDecimal?
                if target.charge == .logStorage {
                    let quantityColumn = columns.required("usage_amount")
                    guard let value = try optionalDecimal(quantityColumn) else {
                        reject(expectedNumber(quantityColumn), field: quantityColumn, month: month, cost: cost)
                        return
                    }
                    quantity = value
                }
                attributed = (target.function, target.charge, quantity ?? .zero)
            }
            if let fee = BillingRules.computeSavingsPlanFee(
                lineItemType: text(lineItemTypeColumn), offeringType: offeringColumn.map(text), productCode: productColumn.map(text))
            {
                var commitments: [FixedDecimal?] = []
                for name in ["total_commitment", "used_commitment", "amortized_upfront_commitment"] {
                    let column = columns[name]
                    guard fee == .recurring else {
                        commitments.append(nil)
                        continue
                    }
                    guard let value = try optionalDecimal(column) else {
                        reject(expectedNumber(column!), field: column, month: month, cost: cost)
                        return
                    }
                    commitments.append(value)
                }
                accumulator.addSavingsPlanFee(month: month, isRecurring: fee == .recurring, cost: cost, rows: rows,
                    totalCommitment: commitments[0], usedCommitment: commitments[1], amortizedUpfront: commitments[2])
            }
            accumulator.addOtherServices(month: month, hour: hour, cost: cost, rows: rows, product: product, attribution: attributed)

        case "lambda":
            guard let lineItemType = reader.string(lineItemTypeColumn) else {
                reject(.expectedUTF8(column: columns.name(of: lineItemTypeColumn)), field: lineItemTypeColumn, month: month, cost: cost)
                return
            }
            var charge = ChargeType(lineItemType: lineItemType) ?? .unrecognized
            if charge == .unrecognized { accumulator.unknownLineItemTypes[lineItemType, default: 0] += rows }
            let usageTypeColumn = columns.required("usage_type")
            guard let usageType = reader.string(usageTypeColumn) else {
                reject(.expectedUTF8(column: columns.name(of: usageTypeColumn)), field: usageTypeColumn, month: month, cost: cost)
                return
            }
            let classification = classify(usageType)
            if classification.kind == .unclassified { accumulator.unknownUsageTypes[usageType, default: 0] += rows }
            let accountColumn = columns.required("usage_account_id")
            let account = text(accountColumn)
            guard !account.isEmpty, reader.string(accountColumn) != nil else {
                reject(.expectedAccountID(column: columns.name(of: accountColumn)), field: accountColumn, month: month, cost: cost)
                return
            }
            var region = text(columns["region"])
            if region.isEmpty { region = classification.region ?? "" }
            let resourceColumn = columns.required("resource_id")
            guard let resourceID = reader.string(resourceColumn) else {
                reject(.expectedUTF8(column: columns.name(of: resourceColumn)), field: resourceColumn, month: month, cost: cost)
                return
            }
            let function = functionEntry(account: account, region: region, resourceID: resourceID, payer: payer, rows: rows)
            var decided = false
            if let freeTierColumn = columns["free_tier"] {
                switch text(freeTierColumn) {
                case "true": decided = true
                case "false", "": decided = false
                default:
                    reject(.expectedBoolean(column: columns.name(of: freeTierColumn), found: reader.lossyString(freeTierColumn)),
                        field: freeTierColumn, month: month, cost: cost)
                    return
                }
            }
            charge = BillingRules.charge(charge, isFreeTier: BillingRules.isFreeTier(
                charge, cost: cost, evidence: BillingRules.FreeTierEvidence(decided: decided)))

            var quantity: FixedDecimal?
            var publicOnDemandCost: FixedDecimal?
            var savingsPlanEffectiveCost: FixedDecimal?
            var commitment: (total: FixedDecimal, used: FixedDecimal)?
            if charge.isUsage {
                let quantityColumn = columns.required("usage_amount")
                guard let value = try decimal(quantityColumn) else {
                    reject(expectedNumber(quantityColumn), field: quantityColumn, month: month, cost: cost)
                    return
                }
                if let problem = BillingRules.quantityProblem(value, column: columns.name(of: quantityColumn),
                                                              text: reader.lossyString(quantityColumn)) {
                    reject(problem, field: quantityColumn, month: month, cost: cost)
                    return
                }
                quantity = value
                if charge != .savingsPlanCoveredUsage {
                    let column = columns["public_on_demand_cost"]
                    guard let value = try optionalDecimal(column) else {
                        reject(expectedNumber(column!), field: column, month: month, cost: cost)
                        return
                    }
                    publicOnDemandCost = value
                }
            }
            if charge == .savingsPlanCoveredUsage {
                let column = columns["savings_plan_effective_cost"]
                guard let value = try optionalDecimal(column) else {
                    reject(expectedNumber(column!), field: column, month: month, cost: cost)
                    return
                }
                savingsPlanEffectiveCost = value
                if value == nil { accumulator.missingEffectiveCost += rows }
            }
            if charge == .savingsPlanRecurringFee, let total = columns["total_commitment"], let used = columns["used_commitment"],
                let totalValue = try decimal(total), let usedValue = try decimal(used)
            {
                commitment = (totalValue, usedValue)
            }
            let amounts = BillingRules.lambdaAmounts(
                charge: charge, unblendedCost: cost, rows: rows, quantity: quantity, publicOnDemandCost: publicOnDemandCost,
                savingsPlanEffectiveCost: savingsPlanEffectiveCost, commitment: commitment)
            let tags = tags(text(columns["tags"]))
            let payerColumn = columns["payer_account_id"]
            try accumulator.addLambda(month: month, hour: hour, amounts: amounts, function: function, classification: classification,
                charge: charge, location: { reader.rejectLocation(field: payerColumn, path: path) }) { ledger, number in
                let tagsColumn = columns["tags"]
                for (key, value) in tags {
                    ledger.recordTag(key, value: value, function: number, at: hour, location: { reader.rejectLocation(field: tagsColumn, path: path) })
                }
            }

        default:
            reject(.expectedRecordType(column: columns.name(of: recordTypeColumn), found: reader.lossyString(recordTypeColumn)),
                field: recordTypeColumn, month: month, cost: cost)
        }
    }

    /// The tags of a `tags` cell, keys normalized as the CUR reader does (`resourceTags/user:team` → `team`),
    /// parsed once per distinct text.
    private func tags(_ json: String) -> [(key: String, value: String)] {
        guard !json.isEmpty, json != "{}" else { return [] }
        if let known = parsedTags[json] { return known }
        let parsed = TagMap.parse(json)
        let tags = zip(CURColumns.distinctTagKeys(parsed.map(\.key)), parsed).map { (key: $0.0, value: $0.1.value) }
        parsedTags[json] = tags
        return tags
    }

    /// The values of the tags the attribution rules read (``AttributionRules/tagKeys``) in an other record's `tags`
    /// cell, empty values left out as the CUR reader leaves them out. Only the function tag `function` is kept by the
    /// queries, so a run whose `function_tag` is another key finds nothing here. A cell that is not a JSON object of
    /// strings holds no tags, as on Lambda records.
    private func ruleTags(_ json: String) -> [String: String] {
        guard !ruleTagKeys.isEmpty else { return [:] }
        return Dictionary(tags(json).filter { ruleTagKeys.contains($0.key) && !$0.value.isEmpty }.map { ($0.key, $0.value) },
                          uniquingKeysWith: { _, last in last })
    }

    /// The function another service's record is tied to and what it charges for, resolved once per distinct product,
    /// resource, account, region, usage type and rule tag values; `nil` when no rule ties it.
    private func otherServiceTarget(product: String, resource: String, account: String, region: String, usageType: String,
                                    tags: [String: String]) -> (function: FunctionIdentity, charge: OtherServiceCharge)?
    {
        let key = ([product, resource, account, region, usageType] + tags.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
            .joined(separator: "\u{1F}")
        if let known = otherServiceTargets[key] { return known }
        let target = attribution.function(product: product, resource: resource, account: account, region: region, tags: tags)
            .map { (function: $0, charge: OtherServiceCharge(productCode: product, usageType: usageType)) }
        otherServiceTargets[key] = target
        return target
    }

    /// A usage type classified once per distinct value.
    private func classify(_ usageType: String) -> RegionTable.Classification {
        if let known = classifications[usageType] { return known }
        let classification = regions.classify(usageType)
        classifications[usageType] = classification
        return classification
    }

    /// The function entry of an account, region, resource ID and payer, made once per distinct combination that
    /// names a function (a resource that is not a Lambda function is counted per row, as the CUR reader does).
    private func functionEntry(account: String, region: String, resourceID: String, payer: String, rows: Int) -> MonthAccumulator.FunctionEntry {
        let key = account + "\u{1F}" + region + "\u{1F}" + resourceID + "\u{1F}" + payer
        if let known = functions[key] { return known }
        let entry = accumulator.functionEntry(account: account, region: region, resourceID: resourceID, payer: payer, rows: rows)
        if entry.id >= 0 { functions[key] = entry }
        return entry
    }
}
