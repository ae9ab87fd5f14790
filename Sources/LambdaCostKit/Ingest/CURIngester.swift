/// Streams CUR files row by row into per-month ledgers and reconciled totals. Non-Lambda rows only have
/// their cost and month read; Lambda rows are classified and aggregated; unusable rows are rejected with
/// a diagnostic and their cost (when readable) kept in the rejected total.
final class CURIngester {
    /// What one billing month has accumulated.
    struct MonthBucket {
        var ledger: UsageLedger
        var savingsPlanFees = SavingsPlanFeeTotals()
        var rows = IngestResult.RowCounts()
        var totals = IngestResult.CostTotals()
        /// The money, days and last usage hour of the month's accepted rows (Lambda and other services), for
        /// choosing the month and telling a complete month from one still being billed.
        var coverage: MonthCoverage

        init(ledger: UsageLedger) {
            self.ledger = ledger
            coverage = MonthCoverage(month: ledger.month)
        }
    }

    let regions: RegionTable
    /// Buckets in the order their months were first seen, found through `bucketIndex`.
    private var bucketList: [MonthBucket] = []
    private var bucketIndex: [BillingMonth: Int] = [:]
    /// The last month looked up and its bucket, and the hours it spans: rows come in runs of one month.
    private var lastMonth: (month: BillingMonth, bucket: Int, hours: Range<Int32>)?
    /// Rejected rows whose month could not be read (malformed records, neither a billing period nor a usage start
    /// readable); reported with whichever month is selected.
    private(set) var unplacedRejects = MonthBucket(ledger: UsageLedger(month: BillingMonth(year: 1970, month: 1)!))
    // Set here and by ``AggregateIngester``, which reads the aggregate format into the same buckets.
    var rejects: [(month: BillingMonth?, row: RejectedRow)] = []
    var diagnostics: [Diagnostic] = []
    var inputs: [IngestResult.InputFile] = []
    /// Per input file: the line items it bills, for telling parts of one delivery from two deliveries.
    var deliveries: [DeliveryFingerprint] = []
    private var currentDelivery = DeliveryFingerprint(path: "")
    var roundedAmounts = 0
    var unknownUsageTypes: [String: Int] = [:]
    var unknownLineItemTypes: [String: Int] = [:]
    private var foreignResourceIDs = 0
    /// The sum of the magnitudes of every amount read (see `countMagnitude` in ``ingestRow``).
    private var magnitudeSum = FixedDecimal.zero
    static let magnitudeLimit = FixedDecimal(1_000_000_000_000)
    var missingEffectiveCost = 0
    /// Diagnostics printed per file before the rest are only counted.
    let diagnosticLimit = 50

    /// Ledger cells per month held in memory before spilling (see ``UsageLedger``).
    let memoryCellLimit: Int

    init(regions: RegionTable, memoryCellLimit: Int = UsageLedger.defaultMemoryCellLimit) {
        self.regions = regions
        self.memoryCellLimit = memoryCellLimit
    }

    /// Reads one CUR file to the end.
    func ingest(path: String) throws {
        let source = try ByteSource(path: path, fingerprint: true)
        let reader = CSVReader(source: source)
        let columns = try Self.readHeader(reader, path: path, expecting: "a Cost and Usage Report header", CURColumns.init(header:))
        var rowsInFile = 0
        var fileDiagnostics = 0
        currentDelivery = DeliveryFingerprint(path: path)
        while try reader.nextRecord() {
            rowsInFile += 1
            if reader.fieldCount == columns.fieldCount && reader.malformation == nil {
                currentDelivery.record(reader, columns)
            }
            try ingestRow(reader, columns, path: path, diagnosticsSoFar: &fileDiagnostics)
        }
        deliveries.append(currentDelivery)
        if fileDiagnostics > diagnosticLimit {
            diagnostics.append(Diagnostic(.note, at: nil,
                "\(path): \(fileDiagnostics - diagnosticLimit) more rejected rows are listed only in rejects.csv"))
        }
        inputs.append(IngestResult.InputFile(
            path: path, sha256: try source.finishDigest(), bytes: source.bytesOnDisk, rows: rowsInFile,
            spelling: columns.spelling, hasPublicOnDemandCost: columns.publicOnDemandCost != nil))
    }

    /// Reads the first record of a file as its header and makes its columns with `columns`; an empty file,
    /// a header that is not UTF-8 or a header `columns` refuses is an error at its line and column.
    static func readHeader<Columns>(_ reader: CSVReader, path: String, expecting what: String,
                                    _ columns: ([String]) throws(CURColumns.HeaderError) -> Columns) throws -> Columns {
        guard try reader.nextRecord() else {
            throw InputError(path: path, message: "the file is empty: expected \(what)")
        }
        var header: [String] = []
        for index in 0..<reader.fieldCount {
            guard let name = reader.string(index) else {
                throw InputError(path: path, message: "the header is not valid UTF-8 (column \(index + 1))")
            }
            header.append(name)
        }
        do {
            return try columns(header)
        } catch {
            let column = error.column < reader.fieldCount ? reader.column(ofField: error.column) : 1
            throw IngestError(location: SourceLocation(file: path, line: reader.line, column: column), message: error.message)
        }
    }

    /// Warnings about what was kept but not understood, once per run.
    func summaryDiagnostics() -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (usageType, count) in unknownUsageTypes.sorted(by: { $0.key < $1.key }) {
            result.append(Diagnostic(.warning, at: nil,
                "unknown Lambda usage type '\(usageType)' (\(count) row\(count == 1 ? "" : "s")): kept as 'unclassified' with its cost"))
        }
        for (type, count) in unknownLineItemTypes.sorted(by: { $0.key < $1.key }) {
            result.append(Diagnostic(.warning, at: nil,
                "unknown line item type '\(type)' on Lambda rows (\(count) row\(count == 1 ? "" : "s")): kept as 'Unrecognized' with its cost"))
        }
        if foreignResourceIDs > 0 {
            result.append(Diagnostic(.warning, at: nil,
                "\(foreignResourceIDs) Lambda row\(foreignResourceIDs == 1 ? " names" : "s name") a resource that is not a Lambda function; counted as not attributable to a function"))
        }
        if missingEffectiveCost > 0 {
            result.append(Diagnostic(.warning, at: nil,
                "\(missingEffectiveCost) Savings Plan covered row\(missingEffectiveCost == 1 ? " lacks" : "s lack") 'savingsPlan/SavingsPlanEffectiveCost': \(missingEffectiveCost == 1 ? "its" : "their") effective cost is taken as unblended"))
        }
        if roundedAmounts > 0 {
            result.append(Diagnostic(.note, at: nil,
                "\(roundedAmounts) amount\(roundedAmounts == 1 ? " has" : "s have") more than 24 decimal places and \(roundedAmounts == 1 ? "was" : "were") rounded to 10^-24"))
        }
        return result
    }

    // MARK: - One row

    private func ingestRow(_ reader: CSVReader, _ columns: CURColumns, path: String, diagnosticsSoFar: inout Int) throws {
        func reject(_ reason: String, field: Int?, month: BillingMonth?, cost: FixedDecimal?) {
            let location: SourceLocation
            if let field, field < reader.fieldCount {
                location = SourceLocation(file: path, line: reader.line(ofField: field), column: reader.column(ofField: field))
            } else if let malformation = reader.malformation {
                let (line, column) = reader.position(ofRecordOffset: malformation.offset)
                location = SourceLocation(file: path, line: line, column: column)
            } else {
                location = SourceLocation(file: path, line: reader.line, column: 1)
            }
            recordReject(RejectedRow(location: location, reason: reason, raw: reader.rawRecord, unblendedCost: cost),
                month: month, diagnosticsSoFar: &diagnosticsSoFar)
        }

        if let malformation = reader.malformation {
            reject(malformation.reason, field: nil, month: nil, cost: nil)
            return
        }
        guard reader.fieldCount == columns.fieldCount else {
            reject("expected \(columns.fieldCount) fields as in the header, found \(reader.fieldCount)", field: nil, month: nil, cost: nil)
            return
        }
        func decimal(_ column: Int) throws -> FixedDecimal? {
            let parsed = reader.withField(column) { FixedDecimal.parse($0) }
            guard case .success(let result) = parsed else { return nil }
            if result.wasRounded { roundedAmounts += 1 }
            try countMagnitude(result.value, column: column)
            return result.value
        }
        /// Every amount read adds its magnitude to a running sum that must stay at most 10¹²: any sum or
        /// product the later stages form from these amounts then stays far inside the exact range (±1.7 × 10¹⁴),
        /// where an overflow would stop the job. No real month's bill comes near it.
        func countMagnitude(_ value: FixedDecimal, column: Int) throws {
            let magnitude = value.isNegative ? -value : value
            guard magnitude <= Self.magnitudeLimit - magnitudeSum else {
                throw IngestError(
                    location: SourceLocation(file: path, line: reader.line(ofField: column), column: reader.column(ofField: column)),
                    message: "the amounts read add up to more than 10^12 in absolute value with \"\(reader.lossyString(column))\" in '\(columns.name(of: column))': not a plausible bill, and beyond what the report sums exactly")
            }
            magnitudeSum += magnitude
        }
        func expectedNumber(_ column: Int) -> String {
            "expected a decimal number in '\(columns.name(of: column))', found \"\(reader.lossyString(column))\""
        }
        /// The month of a row rejected before its month is known: its billing period when readable, else the month
        /// of its usage start when readable; `nil` (counted with whichever month is reported) otherwise.
        func readableMonth() -> BillingMonth? {
            if let column = columns.billingPeriodStart, !reader.isEmpty(column),
                case .success(let start) = reader.withField(column, { UsageHour.parse($0, truncating: true) })
            {
                return BillingMonth(containing: start)
            }
            guard case .success(let hour) = reader.withField(columns.usageStart, { UsageHour.parse($0, truncating: true) }) else { return nil }
            return BillingMonth(containing: hour)
        }
        let cost = try decimal(columns.unblendedCost)
        guard let cost else {
            reject(expectedNumber(columns.unblendedCost), field: columns.unblendedCost, month: readableMonth(), cost: nil)
            return
        }
        let hourResult = reader.withField(columns.usageStart) { UsageHour.parse($0, truncating: true) }
        guard case .success(let hour) = hourResult else {
            reject("expected a timestamp such as 2026-10-01T00:00:00Z in '\(columns.name(of: columns.usageStart))', found \"\(reader.lossyString(columns.usageStart))\"",
                field: columns.usageStart, month: readableMonth(), cost: cost)
            return
        }
        /// The start of the row's last hour with usage, from its usage end when the file has one.
        func lastUsageHour() -> UsageHour? {
            guard let column = columns.usageEnd, !reader.isEmpty(column) else { return nil }
            return reader.withField(column) { MonthCoverage.lastHour(ofUsageEnd: $0) }
        }
        var month = self.month(of: hour)
        if let periodColumn = columns.billingPeriodStart, !reader.isEmpty(periodColumn) {
            guard case .success(let periodStart) = reader.withField(periodColumn, { UsageHour.parse($0, truncating: true) }) else {
                reject("expected a timestamp in '\(columns.name(of: periodColumn))', found \"\(reader.lossyString(periodColumn))\"",
                    field: periodColumn, month: month, cost: cost)
                return
            }
            month = self.month(of: periodStart)
        }
        if let currencyColumn = columns.currency, !reader.isEmpty(currencyColumn), !reader.field(currencyColumn, equals: "USD") {
            reject("expected currency 'USD' in '\(columns.name(of: currencyColumn))', found \"\(reader.lossyString(currencyColumn))\" (the report is in USD)",
                field: currencyColumn, month: month, cost: cost)
            return
        }
        guard reader.field(columns.productCode, equals: "AWSLambda") else {
            let isRecurringFee = reader.field(columns.lineItemType, equals: "SavingsPlanRecurringFee")
            // Only Compute Savings Plans cover Lambda: EC2 Instance and SageMaker plans' fees are not its commitment.
            let isComputePlan = columns.savingsPlanOfferingType.flatMap { column in
                reader.isEmpty(column) ? nil : reader.lossyString(column).hasPrefix("ComputeSavingsPlan")
            } ?? reader.field(columns.productCode, equals: "ComputeSavingsPlans")
            if isComputePlan && (isRecurringFee || reader.field(columns.lineItemType, equals: "SavingsPlanUpfrontFee")) {
                var commitments: [FixedDecimal?] = []
                for column in [columns.totalCommitmentToDate, columns.usedCommitment, columns.amortizedUpfrontCommitment] {
                    guard isRecurringFee, let column, !reader.isEmpty(column) else {
                        commitments.append(nil)
                        continue
                    }
                    guard let value = try decimal(column) else {
                        reject(expectedNumber(column), field: column, month: month, cost: cost)
                        return
                    }
                    commitments.append(value)
                }
                addSavingsPlanFee(month: month, isRecurring: isRecurringFee, cost: cost, rows: 1, totalCommitment: commitments[0],
                    usedCommitment: commitments[1], amortizedUpfront: commitments[2])
            }
            addOtherServices(month: month, hour: hour, lastHour: lastUsageHour(), cost: cost, rows: 1)
            return
        }

        // A Lambda row: every field it needs must be valid. Repeated values are parsed once (byte caches).
        func invalidUTF8(_ column: Int) -> String { "expected UTF-8 text in '\(columns.name(of: column))'" }
        guard let charge = lineItemType(reader, columns) else {
            reject(invalidUTF8(columns.lineItemType), field: columns.lineItemType, month: month, cost: cost)
            return
        }
        guard let classification = classify(reader, columns) else {
            reject(invalidUTF8(columns.usageType), field: columns.usageType, month: month, cost: cost)
            return
        }
        let function: FunctionEntry
        switch resolveFunction(reader, columns, classification) {
        case .success(let entry): function = entry
        case .failure(let problem):
            reject(problem.message, field: problem.column, month: month, cost: cost)
            return
        }
        let isFreeTier = charge == .usage && cost.isZero
            && columns.rateCode.map { reader.withField($0) { Self.isFreeTierRateCode($0) } } ?? false
        let finalCharge = Self.charge(charge, isFreeTier: isFreeTier)

        // The amounts the rules below need, each read only where it counts (so that a bad value elsewhere is no reject).
        var quantity: FixedDecimal?
        var publicOnDemandCost: FixedDecimal?
        var savingsPlanEffectiveCost: FixedDecimal?
        var commitment: (total: FixedDecimal, used: FixedDecimal)?
        if finalCharge.isUsage {
            guard let value = try decimal(columns.usageAmount) else {
                reject(expectedNumber(columns.usageAmount), field: columns.usageAmount, month: month, cost: cost)
                return
            }
            // Usage is never negative (corrections come as Credit or Refund rows); a negative quantity would
            // make the usage-weighted shares of later stages meaningless.
            guard !value.isNegative else {
                reject("expected a usage amount of 0 or more in '\(columns.name(of: columns.usageAmount))', found \"\(reader.lossyString(columns.usageAmount))\"",
                    field: columns.usageAmount, month: month, cost: cost)
                return
            }
            quantity = value
            if finalCharge != .savingsPlanCoveredUsage, let column = columns.publicOnDemandCost, !reader.isEmpty(column) {
                guard let value = try decimal(column) else {
                    reject(expectedNumber(column), field: column, month: month, cost: cost)
                    return
                }
                publicOnDemandCost = value
            }
        }
        if finalCharge == .savingsPlanCoveredUsage {
            if let column = columns.savingsPlanEffectiveCost, !reader.isEmpty(column) {
                guard let value = try decimal(column) else {
                    reject(expectedNumber(column), field: column, month: month, cost: cost)
                    return
                }
                savingsPlanEffectiveCost = value
            } else {
                missingEffectiveCost += 1
            }
        }
        if finalCharge == .savingsPlanRecurringFee, let total = columns.totalCommitmentToDate, let used = columns.usedCommitment,
            let totalValue = try decimal(total), let usedValue = try decimal(used)
        {
            commitment = (totalValue, usedValue)
        }
        let amounts = Self.lambdaAmounts(
            charge: finalCharge, unblendedCost: cost, rows: 1, quantity: quantity, publicOnDemandCost: publicOnDemandCost,
            savingsPlanEffectiveCost: savingsPlanEffectiveCost, commitment: commitment)

        try addLambda(month: month, hour: hour, lastHour: lastUsageHour(), amounts: amounts, function: function, classification: classification,
            charge: finalCharge) { ledger, number in
            for (column, tagKey) in columns.tagColumns where !reader.isEmpty(column) {
                reader.withField(column) { ledger.recordTag(tagKey, value: $0, function: number, at: hour) }
            }
            if let mapColumn = columns.tagMap, !reader.isEmpty(mapColumn), let json = reader.string(mapColumn) {
                for (tagKey, value) in TagMap.parse(json) {
                    ledger.recordTag(CURColumns.userTagKey(tagKey), value: value, function: number, at: hour)
                }
            }
        }
    }

    // MARK: - Rules and accumulation shared with AggregateIngester

    /// A row's charge type: `Usage` under the free-tier offer term (at cost 0) is free-tier usage.
    static func charge(_ lineItemType: ChargeType, isFreeTier: Bool) -> ChargeType {
        lineItemType == .usage && isFreeTier ? .freeTierUsage : lineItemType
    }

    /// The ledger amounts of Lambda rows of one charge type (reference §2.1): usage rows carry their quantity and
    /// their on-demand cost (`pricing/publicOnDemandCost` when present, except on Savings Plan covered usage, whose
    /// unblended cost is the on-demand cost); the effective cost is the plan's rate on covered usage (the unblended
    /// cost when the CUR lacks it), zero on negations and upfront fees, the unused commitment on a recurring fee.
    static func lambdaAmounts(
        charge: ChargeType, unblendedCost cost: FixedDecimal, rows: Int, quantity: FixedDecimal?, publicOnDemandCost: FixedDecimal?,
        savingsPlanEffectiveCost: FixedDecimal?, commitment: (total: FixedDecimal, used: FixedDecimal)?
    ) -> UsageLedger.Amounts {
        var amounts = UsageLedger.Amounts(unblendedCost: cost, rows: rows)
        if charge.isUsage {
            amounts.quantity = quantity ?? .zero
            amounts.onDemandCost = charge == .savingsPlanCoveredUsage ? cost : publicOnDemandCost ?? cost
        }
        switch charge {
        case .savingsPlanCoveredUsage: amounts.effectiveCost = savingsPlanEffectiveCost ?? cost
        case .savingsPlanNegation, .savingsPlanUpfrontFee: amounts.effectiveCost = .zero
        case .savingsPlanRecurringFee: amounts.effectiveCost = commitment.map { $0.total - $0.used } ?? cost
        default: amounts.effectiveCost = cost
        }
        return amounts
    }

    /// Counts rejected rows: into the month's rejected total, or apart when the month is unknown.
    func recordReject(_ row: RejectedRow, month: BillingMonth?, rows: Int = 1, diagnosticsSoFar: inout Int) {
        rejects.append((month, row))
        diagnosticsSoFar += 1
        if diagnosticsSoFar <= diagnosticLimit { diagnostics.append(Diagnostic(.error, at: row.location, row.reason)) }
        update(month) { bucket in
            bucket.rows.read += rows
            bucket.rows.rejected += rows
            if let cost = row.unblendedCost {
                bucket.totals.input += cost
                bucket.totals.rejected += cost
            }
        }
    }

    /// Counts rows of other services; their usage runs from `hour` through `lastHour` (`nil`: `hour` only).
    func addOtherServices(month: BillingMonth, hour: UsageHour, lastHour: UsageHour? = nil, cost: FixedDecimal, rows: Int) {
        update(month) { bucket in
            bucket.rows.read += rows
            bucket.rows.otherServices += rows
            bucket.totals.input += cost
            bucket.totals.otherServices += cost
            bucket.coverage.add(start: hour, last: lastHour ?? hour, cost: cost, rows: rows)
        }
    }

    /// Adds Savings Plan fee rows (counted as other services too) to the month's fee totals.
    func addSavingsPlanFee(month: BillingMonth, isRecurring: Bool, cost: FixedDecimal, rows: Int,
                           totalCommitment: FixedDecimal?, usedCommitment: FixedDecimal?, amortizedUpfront: FixedDecimal?) {
        update(month) { bucket in
            bucket.savingsPlanFees.rows += rows
            if isRecurring {
                bucket.savingsPlanFees.recurringFee += cost
                // The commitment counts whenever it is given; the used part only says how much of it served.
                bucket.savingsPlanFees.totalCommitment += totalCommitment ?? .zero
                if let usedCommitment, totalCommitment != nil {
                    bucket.savingsPlanFees.usedCommitment += usedCommitment
                } else {
                    bucket.savingsPlanFees.hasCommitmentColumns = false
                }
                bucket.savingsPlanFees.amortizedUpfrontCommitment += amortizedUpfront ?? .zero
            } else {
                bucket.savingsPlanFees.upfrontFee += cost
            }
        }
    }

    /// Adds Lambda rows to the month's ledger; `tags` records the rows' tags of a function (not called for rows
    /// of no function). Their usage runs from `hour` through `lastHour` (`nil`: `hour` only).
    func addLambda(month: BillingMonth, hour: UsageHour, lastHour: UsageHour? = nil, amounts: UsageLedger.Amounts, function: FunctionEntry,
                   classification: RegionTable.Classification, charge: ChargeType,
                   tags: (inout UsageLedger, UInt32) -> Void) throws {
        let identity = function.identity
        try update(month) { bucket in
            bucket.rows.read += amounts.rows
            bucket.rows.lambda += amounts.rows
            bucket.totals.input += amounts.unblendedCost
            bucket.totals.lambda += amounts.unblendedCost
            bucket.coverage.add(start: hour, last: lastHour ?? hour, cost: amounts.unblendedCost, rows: amounts.rows)
            let number = function.id >= 0
                ? bucket.ledger.number(ofEntry: function.id, identity: identity, qualifier: function.qualifier)
                : bucket.ledger.number(of: identity)
            try bucket.ledger.add(
                amounts, function: number, architecture: classification.architecture, kind: classification.kind,
                charge: charge, hour: hour)
            if !identity.name.isEmpty { tags(&bucket.ledger, number) }
        }
    }

    /// The function of an account, region and resource ID (a function ARN, possibly qualified, or a bare name);
    /// a resource that is not a Lambda function gives the account's and region's charges of no function, and is
    /// counted for a warning (per row: such an entry is not cached).
    func functionEntry(account: String, region: String, resourceID: String, rows: Int) -> FunctionEntry {
        var entry = FunctionEntry(identity: FunctionIdentity(accountID: account, region: region, name: ""), qualifier: nil)
        guard let parsed = FunctionIdentity.nameAndQualifier(fromResourceID: resourceID) else {
            foreignResourceIDs += rows
            return entry
        }
        entry.identity.name = parsed.name
        entry.qualifier = parsed.qualifier
        entry.id = functionEntries
        functionEntries += 1
        return entry
    }

    // MARK: - Parsed once per distinct value

    /// A resource ID resolved to its function.
    struct FunctionEntry {
        var identity: FunctionIdentity
        var qualifier: String?
        /// Number of the cached entry (the ledgers map it to their function numbers), -1 when not cached.
        var id = -1
    }

    struct FieldProblem: Error {
        var message: String
        var column: Int
    }

    private var chargeCache = BytesCache<ChargeType>()
    private var usageTypeCache = BytesCache<RegionTable.Classification>()
    private var functionCache = BytesCache<FunctionEntry>()
    private var functionEntries = 0
    nonisolated(unsafe) private static let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// The row's charge type; `nil` when the field is not UTF-8.
    private func lineItemType(_ reader: CSVReader, _ columns: CURColumns) -> ChargeType? {
        reader.withField(columns.lineItemType) { bytes in
            let hash = BytesCache<ChargeType>.hash(bytes)
            if let cached = chargeCache.value(hash: hash, where: { BytesCache<ChargeType>.matches($0, bytes) }) { return cached }
            guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
            let charge = ChargeType(lineItemType: name) ?? .unrecognized
            if charge == .unrecognized { unknownLineItemTypes[name, default: 0] += 1 }
            if charge != .unrecognized { chargeCache.insert(charge, hash: hash, key: BytesCache<ChargeType>.key(bytes)) }
            return charge
        }
    }

    /// The row's usage type, classified; `nil` when the field is not UTF-8.
    private func classify(_ reader: CSVReader, _ columns: CURColumns) -> RegionTable.Classification? {
        reader.withField(columns.usageType) { bytes in
            let hash = BytesCache<RegionTable.Classification>.hash(bytes)
            if let cached = usageTypeCache.value(hash: hash, where: { BytesCache<RegionTable.Classification>.matches($0, bytes) }) {
                if cached.kind == .unclassified, let name = String(validating: bytes, as: UTF8.self) { unknownUsageTypes[name, default: 0] += 1 }
                return cached
            }
            guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
            let classification = regions.classify(name)
            if classification.kind == .unclassified { unknownUsageTypes[name, default: 0] += 1 }
            usageTypeCache.insert(classification, hash: hash, key: BytesCache<RegionTable.Classification>.key(bytes))
            return classification
        }
    }

    /// The function of the row from account, region and resource ID. A known combination is found by
    /// hashing and comparing the fields where they lie, without copying them.
    private func resolveFunction(_ reader: CSVReader, _ columns: CURColumns, _ classification: RegionTable.Classification) -> Result<FunctionEntry, FieldProblem> {
        typealias Cache = BytesCache<FunctionEntry>
        let keyColumns = (columns.usageAccountID, columns.regionCode, columns.region, columns.resourceID)
        var fallback = classification.region ?? ""
        func field<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let column else { return body(Self.empty) }
            return reader.withField(column, body)
        }
        var hash = Cache.seed
        for column in [keyColumns.0, keyColumns.1, keyColumns.2, keyColumns.3] { hash = field(column) { Cache.hash(hash, appending: $0) } }
        hash = fallback.withUTF8 { Cache.hash(hash, appending: $0) }
        let cached = functionCache.value(hash: hash) { key in
            var offset = 0
            return field(keyColumns.0) { Cache.matches(key, at: &offset, $0) } && field(keyColumns.1) { Cache.matches(key, at: &offset, $0) }
                && field(keyColumns.2) { Cache.matches(key, at: &offset, $0) } && field(keyColumns.3) { Cache.matches(key, at: &offset, $0) }
                && fallback.withUTF8 { Cache.matches(key, at: &offset, $0) } && offset == key.count
        }
        if let cached { return .success(cached) }

        // A new combination: copy the fields (the reader hands out one scratch buffer for fields with doubled quotes).
        let account = field(keyColumns.0) { Array($0) }
        let regionCode = field(keyColumns.1) { Array($0) }
        let region = field(keyColumns.2) { Array($0) }
        let resource = field(keyColumns.3) { Array($0) }
        guard let accountText = String(validating: account, as: UTF8.self) else {
            return .failure(FieldProblem(message: "expected UTF-8 text in '\(columns.name(of: columns.usageAccountID))'", column: columns.usageAccountID))
        }
        guard !accountText.isEmpty else {
            return .failure(FieldProblem(message: "expected an account ID in '\(columns.name(of: columns.usageAccountID))'", column: columns.usageAccountID))
        }
        guard let resourceText = String(validating: resource, as: UTF8.self) else {
            return .failure(FieldProblem(message: "expected UTF-8 text in '\(columns.name(of: columns.resourceID!))'", column: columns.resourceID!))
        }
        var regionText = String(validating: regionCode, as: UTF8.self) ?? ""
        if regionText.isEmpty { regionText = String(validating: region, as: UTF8.self) ?? "" }
        if regionText.isEmpty { regionText = fallback }
        let entry = functionEntry(account: accountText, region: regionText, resourceID: resourceText, rows: 1)
        guard entry.id >= 0 else { return .success(entry) }  // not cached: each such row is counted
        let key = account.withUnsafeBufferPointer { account in
            regionCode.withUnsafeBufferPointer { regionCode in
                region.withUnsafeBufferPointer { region in
                    resource.withUnsafeBufferPointer { resource in
                        fallback.withUTF8 { Cache.key(account, regionCode, region, resource, $0) }
                    }
                }
            }
        }
        functionCache.insert(entry, hash: hash, key: key)
        return .success(entry)
    }

    /// What each month accumulated.
    var buckets: [BillingMonth: MonthBucket] {
        Dictionary(uniqueKeysWithValues: bucketIndex.map { ($0.key, bucketList[$0.value]) })
    }

    /// Removes a month's bucket and returns it (so that the caller holds the only copy of its ledger).
    func takeBucket(_ month: BillingMonth) -> MonthBucket? {
        guard let index = bucketIndex.removeValue(forKey: month) else { return nil }
        lastMonth = nil
        var taken = MonthBucket(ledger: UsageLedger(month: month, memoryCellLimit: 1))
        swap(&taken, &bucketList[index])
        return taken
    }

    /// The billing month of an hour (a cache of the calendar arithmetic for runs of rows in one month).
    private func month(of hour: UsageHour) -> BillingMonth {
        if let lastMonth, lastMonth.hours.contains(hour.hoursSinceEpoch) { return lastMonth.month }
        return BillingMonth(containing: hour)
    }

    func update(_ month: BillingMonth?, _ body: (inout MonthBucket) throws -> Void) rethrows {
        guard let month else {
            try body(&unplacedRejects)
            return
        }
        let index: Int
        if let lastMonth, lastMonth.month == month {
            index = lastMonth.bucket
        } else {
            if let known = bucketIndex[month] {
                index = known
            } else {
                index = bucketList.count
                bucketIndex[month] = index
                bucketList.append(MonthBucket(ledger: UsageLedger(month: month, memoryCellLimit: memoryCellLimit)))
            }
            lastMonth = (month, index, month.firstHour.hoursSinceEpoch..<month.next.firstHour.hoursSinceEpoch)
        }
        try body(&bucketList[index])
    }

    /// `<SKU>.A429C66SYZ.<rate>`: the free-tier offer term.
    static func isFreeTierRateCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let needle = Array(".A429C66SYZ.".utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var match = true
            for offset in 0..<needle.count where bytes[start + offset] != needle[offset] {
                match = false
                break
            }
            if match { return true }
        }
        return false
    }
}

/// An input problem that stops reading a file, with the place it was found.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): error: \(message)" }
}
