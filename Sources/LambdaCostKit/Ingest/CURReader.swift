/// Decodes CUR CSV files (legacy, Athena and CUR 2.0 spellings) row by row, field by field where they lie, and hands
/// what ``BillingRules`` decides about each row to the ``MonthAccumulator``. Non-Lambda rows only have their cost and
/// month read; Lambda rows are classified (byte caches) and resolved to their function.
///
/// A reader runs on one thread; the state it touches per row skips the runtime's exclusivity checks
/// (`@exclusivity(unchecked)`), as no access to it overlaps another.
final class CURReader {
    let regions: RegionTable
    /// Where the rules' decisions go.
    let accumulator: MonthAccumulator
    /// How a large plain CSV file or Parquet file of several row groups is split to be read on several threads.
    var split = ParseSplit()
    /// The digest of the last file parsed in parts, which may still be computing.
    var lastSplitDigest: InputDigest?
    @exclusivity(unchecked) var currentDelivery = DeliveryFingerprint(path: "")
    /// How the last Parquet file was read: per part, its row groups and whether it was merged (else read again in
    /// turn); empty when it was read in one pass.
    var parquetParts: [(rowGroups: Range<Int>, merged: Bool)] = []

    /// How other services' rows are tied to functions (docs/attribution.md), and the tag keys its rules read, sorted.
    let attribution: AttributionRules
    let attributionTagKeys: [String]
    let attributionTagKeySet: Set<String>

    init(regions: RegionTable, attribution: AttributionRules = AttributionRules(), into accumulator: MonthAccumulator) {
        self.regions = regions
        self.attribution = attribution
        attributionTagKeys = attribution.tagKeys.sorted()
        attributionTagKeySet = attribution.tagKeys
        self.accumulator = accumulator
    }

    /// Reads one CUR or FOCUS file to the end: CSV (plain, gzip or ZIP) or Parquet.
    func ingest(path: String) throws {
        if path != "-" && path != "/dev/stdin" && FileSignature(path: path) == .parquet {
            try ingestParquet(path: path)
            return
        }
        if split.parts > 1 || split.offsets != nil, let file = SplitFile(path: path, minimumBytes: split.minimumBytes), !file.isCompressed {
            try ingestSplit(file)
            return
        }
        let source = try ByteSource(path: path, fingerprint: true)
        let reader = CSVReader(source: source)
        let columns = try Self.readHeader(reader, path: path, expecting: "a Cost and Usage Report header", curColumns(header:))
        var rowsInFile = 0
        var fileDiagnostics = 0
        currentDelivery = DeliveryFingerprint(path: path)
        let focus = columns.focus.map { FOCUSRecord(base: reader, columns: $0) }
        try readRecords(reader, columns, focus: focus, path: path, rows: &rowsInFile, rejects: &fileDiagnostics)
        if let focus { noteRowsWithoutListCost(focus.rowsWithoutListCost, path: path) }
        accumulator.finishFile(IngestResult.InputFile(
            path: path, digest: InputDigest(try source.finishDigest()), bytes: source.bytesOnDisk, rows: rowsInFile,
            spelling: columns.spelling, hasPublicOnDemandCost: columns.publicOnDemandCost != nil),
            delivery: currentDelivery, rejects: fileDiagnostics)
    }

    /// The columns of a CUR or FOCUS header, with the columns of the tags other services are tied by found once.
    func curColumns(header: [String]) throws(CURColumns.HeaderError) -> CURColumns {
        var columns = try CURColumns(header: header)
        if columns.tagMap == nil { columns.attributionTagColumns = attributionTagKeys.map { columns.tagColumn($0) } }
        return columns
    }

    /// Reads the records of `reader` to its end (or its stop offset), each through the rules, counting them in `rows`
    /// and the file's rejects in `rejects`.
    func readRecords(_ reader: CSVReader, _ columns: CURColumns, focus: FOCUSRecord<CSVReader>?, path: String,
                     rows: inout Int, rejects: inout Int) throws {
        while try reader.nextRecord() {
            rows += 1
            if let focus {
                try ingestFOCUSRow(focus, columns, path: path, diagnosticsSoFar: &rejects)
            } else {
                if reader.structuralProblem(expectedFields: columns.fieldCount) == nil { currentDelivery.record(reader, columns) }
                try ingestRow(reader, columns, path: path, diagnosticsSoFar: &rejects)
            }
        }
    }

    /// Reads one Parquet CUR or FOCUS file: only the columns the rules read, a batch of rows at a time; a large file
    /// of several row groups in parts on several threads (``ingestParquetParts(_:needed:_:starts:counts:)``).
    private func ingestParquet(path: String) throws {
        let parquet = try ParquetCURFile(path: path)
        let digest = parquet.startDigest()
        let columns: CURColumns
        do {
            columns = try curColumns(header: parquet.names)
        } catch {
            _ = try? digest()
            throw InputError(path: path, message: "the Parquet schema: \(error.message)")
        }
        let needed = columns.readColumns.filter { $0 < parquet.names.count }
        var counts = ParquetCounts()
        currentDelivery = DeliveryFingerprint(path: path)
        parquetParts = []
        do {
            try parquet.checkReadable(needed, columns: columns)
            let rowGroups = parquet.file.metadata.rowGroups
            let starts = split.rowGroupStarts(rows: rowGroups.map { Int($0.numberOfRows) })
            if starts.isEmpty {
                try readParquetRows(parquet, needed: needed, columns, rowGroups: 0..<rowGroups.count, counts: &counts)
            } else {
                try ingestParquetParts(parquet, needed: needed, columns, starts: starts, counts: &counts)
            }
        } catch {
            _ = try? digest()
            throw error
        }
        noteRowsWithoutListCost(counts.rowsWithoutListCost, path: path)
        accumulator.finishFile(IngestResult.InputFile(
            path: path, digest: InputDigest(try digest()), bytes: Int(parquet.file.size), rows: counts.rows,
            spelling: columns.spelling, hasPublicOnDemandCost: columns.publicOnDemandCost != nil),
            delivery: currentDelivery, rejects: counts.rejects)
    }

    /// Reads the rows of the row groups `rowGroups` of a Parquet file through the rules, counting them, the file's
    /// rejects and the FOCUS rows without a list cost in `counts`.
    func readParquetRows(_ parquet: ParquetCURFile, needed: [Int], _ columns: CURColumns, rowGroups: Range<Int>,
                         counts: inout ParquetCounts) throws {
        let path = parquet.path
        try parquet.forEachBatch(needed: needed, rowGroups: rowGroups) { record in
            counts.rows += record.rowCount
            let focus = columns.focus.map { FOCUSRecord(base: record, columns: $0) }
            defer { counts.rowsWithoutListCost += focus?.rowsWithoutListCost ?? 0 }
            for row in 0..<record.rowCount {
                record.row = row
                if let focus {
                    try ingestFOCUSRow(focus, columns, path: path, diagnosticsSoFar: &counts.rejects)
                } else {
                    currentDelivery.record(record, columns)
                    try ingestRow(record, columns, path: path, diagnosticsSoFar: &counts.rejects)
                }
            }
        }
    }

    /// A warning when a FOCUS file's covered usage had no `ListCost`: its on-demand cost (what savings are measured
    /// from) was taken from `ContractedCost`, else `EffectiveCost`, and may be understated.
    func noteRowsWithoutListCost(_ count: Int, path: String) {
        guard count > 0 else { return }
        accumulator.diagnostics.append(Diagnostic(.warning, at: nil,
            "\(path): \(count) rows of usage a commitment covers have no ListCost: their on-demand cost is taken from ContractedCost, else EffectiveCost, and may be understated"))
    }

    /// One FOCUS row: the CUR line items it stands for, each through the rules; once one is rejected, the row's
    /// others are not read.
    private func ingestFOCUSRow<Base>(_ focus: FOCUSRecord<Base>, _ columns: CURColumns, path: String, diagnosticsSoFar: inout Int) throws {
        if focus.base.structuralProblem(expectedFields: focus.columns.fileFieldCount) != nil {
            focus.clear()  // a malformed record stands for itself: one row, rejected
            try ingestRow(focus, columns, path: path, diagnosticsSoFar: &diagnosticsSoFar)
            return
        }
        focus.load()
        currentDelivery.record(focus, columns)
        for index in focus.lineItems.indices {
            focus.select(index)
            guard try ingestRow(focus, columns, path: path, diagnosticsSoFar: &diagnosticsSoFar) else { return }
        }
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

    // MARK: - One row

    /// Decodes one CUR row field by field, each only where the rules need it (so that a bad value elsewhere is no
    /// reject), and lets ``BillingRules`` decide what it is.
    @discardableResult
    private func ingestRow<Record: CURRecord>(_ reader: Record, _ columns: CURColumns, path: String, diagnosticsSoFar: inout Int) throws -> Bool {
        func reject(_ reason: RejectReason, field: Int?, month: BillingMonth?, cost: FixedDecimal?) {
            var cost = cost
            // A record that cannot be decoded field by field (`cost` is nil then) has no column to count money from.
            if let column = reader.rejectedCostColumn, cost != nil {
                cost = nil
                if reader.rowWeight > 0, case .success(let billed) = reader.withField(column, { FixedDecimal.parse($0) }) {
                    cost = billed.value
                } else if reader.rowWeight == 0 {
                    cost = .zero
                }
            }
            accumulator.recordReject(
                RejectedRow(location: reader.rejectLocation(field: field, path: path), cause: reason, raw: reader.rawRecord, unblendedCost: cost),
                month: month, rows: reader.rowWeight, diagnosticsSoFar: &diagnosticsSoFar)
        }

        if let problem = reader.structuralProblem(expectedFields: columns.fieldCount) {
            reject(problem, field: nil, month: nil, cost: nil)
            return false
        }
        func decimal(_ column: Int) throws -> FixedDecimal? {
            switch reader.amount(column, into: accumulator) {
            case .value(let amount): return amount
            case .notANumber: return nil
            case .beyondLimit: throw reader.magnitudeError(column, named: reader.fieldName(columns, column), path: path)
            }
        }
        func expectedNumber(_ column: Int) -> RejectReason {
            .expectedNumber(column: reader.fieldName(columns, column), found: reader.lossyString(column))
        }
        func text(_ column: Int?) -> String? {
            guard let column, !reader.isEmpty(column) else { return nil }
            return reader.lossyString(column)
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
            return false
        }
        let hourResult = reader.withField(columns.usageStart) { usageStarts.parse($0) }
        guard case .success(let hour) = hourResult else {
            reject(.expectedUsageStart(column: reader.fieldName(columns, columns.usageStart), found: reader.lossyString(columns.usageStart)),
                field: columns.usageStart, month: readableMonth(), cost: cost)
            return false
        }
        /// The start of the row's last hour with usage, from its usage end when the file has one. An end on the same
        /// date as the start (an hourly row, the common case) adds no day to the month's coverage and is not parsed.
        // The two columns it reads, captured as numbers: a local function that captures `columns` itself copies the
        // whole struct (and retains its arrays) on every row.
        let (usageEnd, usageStart) = (columns.usageEnd, columns.usageStart)
        func lastUsageHour() -> UsageHour? {
            guard let column = usageEnd, !reader.isEmpty(column) else { return nil }
            // The first ten bytes (YYYY-MM-DD) of each field, read one field at a time (the reader's scratch buffer
            // serves one field at a time).
            func date(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt16, Int)? {
                guard bytes.count >= 10, let base = bytes.baseAddress else { return nil }
                let raw = UnsafeRawPointer(base)
                return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self), bytes.count)
            }
            let endDate = reader.withField(column, date)
            let startDate = reader.withField(usageStart, date)
            let sameDate = endDate != nil && startDate != nil && endDate! == startDate!
            guard !sameDate else { return nil }
            return reader.withField(column) { MonthCoverage.lastHour(ofUsageEnd: $0) }
        }
        var month = accumulator.month(of: hour)
        if let periodColumn = columns.billingPeriodStart, !reader.isEmpty(periodColumn) {
            guard case .success(let periodStart) = reader.withField(periodColumn, { periodStarts.parse($0) }) else {
                reject(.expectedPeriodStart(column: reader.fieldName(columns, periodColumn), found: reader.lossyString(periodColumn)),
                    field: periodColumn, month: month, cost: cost)
                return false
            }
            month = accumulator.month(of: periodStart)
        }
        if let currencyColumn = columns.currency, !reader.isEmpty(currencyColumn), !reader.field(currencyColumn, equals: "USD") {
            reject(.currency(column: reader.fieldName(columns, currencyColumn), found: reader.lossyString(currencyColumn)),
                field: currencyColumn, month: month, cost: cost)
            return false
        }
        guard reader.field(columns.productCode, equals: "AWSLambda") else {
            let fee = reader.field(columns.lineItemType, equals: "SavingsPlanRecurringFee") || reader.field(columns.lineItemType, equals: "SavingsPlanUpfrontFee")
                ? BillingRules.computeSavingsPlanFee(
                    lineItemType: reader.lossyString(columns.lineItemType),
                    offeringType: text(columns.savingsPlanOfferingType), productCode: reader.lossyString(columns.productCode))
                : nil
            if let fee {
                var commitments: [FixedDecimal?] = []
                for column in [columns.totalCommitmentToDate, columns.usedCommitment, columns.amortizedUpfrontCommitment] {
                    guard fee == .recurring, let column, !reader.isEmpty(column) else {
                        commitments.append(nil)
                        continue
                    }
                    guard let value = try decimal(column) else {
                        reject(expectedNumber(column), field: column, month: month, cost: cost)
                        return false
                    }
                    commitments.append(value)
                }
                accumulator.addSavingsPlanFee(month: month, isRecurring: fee == .recurring, cost: cost, rows: reader.rowWeight, totalCommitment: commitments[0],
                    usedCommitment: commitments[1], amortizedUpfront: commitments[2],
                    endDate: fee == .recurring ? BillingRules.savingsPlanEndDate(text(columns.savingsPlanEndTime)) : nil)
            }
            let (productSlot, attribution) = otherService(reader, columns)
            accumulator.addOtherServices(month: month, hour: hour, lastHour: lastUsageHour(), cost: cost, rows: reader.rowWeight,
                                         productSlot: productSlot, attribution: attribution)
            return true
        }

        // A Lambda row: every field it needs must be valid. Repeated values are parsed once (byte caches).
        func invalidUTF8(_ column: Int) -> RejectReason { .expectedUTF8(column: reader.fieldName(columns, column)) }
        guard let charge = lineItemType(reader, columns) else {
            reject(invalidUTF8(columns.lineItemType), field: columns.lineItemType, month: month, cost: cost)
            return false
        }
        guard let classification = classify(reader, columns) else {
            reject(invalidUTF8(columns.usageType), field: columns.usageType, month: month, cost: cost)
            return false
        }
        let function: MonthAccumulator.FunctionEntry
        switch resolveFunction(reader, columns, classification) {
        case .success(let entry): function = entry
        case .failure(let problem):
            reject(problem.reason, field: problem.column, month: month, cost: cost)
            return false
        }
        var finalCharge = charge
        if charge == .usage && cost.isZero {
            func evidence(_ column: Int?, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
                guard let column, !reader.isEmpty(column) else { return nil }
                return reader.withField(column, test)
            }
            let freeTier = BillingRules.FreeTierEvidence(
                rateCodeIsFreeTier: evidence(columns.rateCode, BillingRules.isFreeTierRateCode),
                descriptionIsFreeTier: evidence(columns.lineItemDescription, BillingRules.isFreeTierDescription),
                termIsEmpty: columns.pricingTerm.map { reader.isEmpty($0) },
                usageTypeIsGlobal: reader.withField(columns.usageType) { $0.starts(with: "Global-".utf8) })
            finalCharge = BillingRules.charge(charge, isFreeTier: BillingRules.isFreeTier(charge, cost: cost, evidence: freeTier))
        }

        // The amounts the rules below need, each read only where it counts (so that a bad value elsewhere is no reject).
        var quantity: FixedDecimal?
        var publicOnDemandCost: FixedDecimal?
        var savingsPlanEffectiveCost: FixedDecimal?
        var commitment: (total: FixedDecimal, used: FixedDecimal)?
        if finalCharge.isUsage {
            guard let value = try decimal(columns.usageAmount) else {
                reject(expectedNumber(columns.usageAmount), field: columns.usageAmount, month: month, cost: cost)
                return false
            }
            if let problem = BillingRules.quantityProblem(value, column: reader.fieldName(columns, columns.usageAmount),
                                                          text: reader.lossyString(columns.usageAmount)) {
                reject(problem, field: columns.usageAmount, month: month, cost: cost)
                return false
            }
            quantity = value
            if finalCharge != .savingsPlanCoveredUsage, let column = columns.publicOnDemandCost, !reader.isEmpty(column) {
                guard let value = try decimal(column) else {
                    reject(expectedNumber(column), field: column, month: month, cost: cost)
                    return false
                }
                publicOnDemandCost = value
            }
        }
        if finalCharge == .savingsPlanCoveredUsage {
            if let column = columns.savingsPlanEffectiveCost, !reader.isEmpty(column) {
                guard let value = try decimal(column) else {
                    reject(expectedNumber(column), field: column, month: month, cost: cost)
                    return false
                }
                savingsPlanEffectiveCost = value
            } else {
                accumulator.missingEffectiveCost += 1
            }
        }
        if finalCharge == .savingsPlanRecurringFee, let total = columns.totalCommitmentToDate, let used = columns.usedCommitment,
            let totalValue = try decimal(total), let usedValue = try decimal(used)
        {
            commitment = (totalValue, usedValue)
        }
        let amounts = BillingRules.lambdaAmounts(
            charge: finalCharge, unblendedCost: cost, rows: reader.rowWeight, quantity: quantity, publicOnDemandCost: publicOnDemandCost,
            savingsPlanEffectiveCost: savingsPlanEffectiveCost, commitment: commitment)

        try accumulator.addLambda(month: month, hour: hour, lastHour: lastUsageHour(), amounts: amounts, function: function, classification: classification,
            charge: finalCharge, location: { reader.rejectLocation(field: columns.payerAccountID, path: path) }) { ledger, number in
            for (column, tagKey) in columns.tagColumns where !reader.isEmpty(column) {
                reader.withField(column) {
                    ledger.recordTag(tagKey, value: $0, function: number, at: hour, location: { reader.partLocation(field: column, path: path) })
                }
            }
            if let mapColumn = columns.tagMap, !reader.isEmpty(mapColumn) {
                let tags = reader.mapEntries(mapColumn)
                for (key, (_, value)) in zip(CURColumns.distinctTagKeys(tags.map(\.key)), tags) {
                    ledger.recordTag(key, value: value, function: number, at: hour, location: { reader.partLocation(field: mapColumn, path: path) })
                }
            }
        }
        return true
    }

    // MARK: - Parsed once per distinct value

    struct FieldProblem: Error {
        var reason: RejectReason
        var column: Int
    }

    @exclusivity(unchecked) private var chargeCache = BytesCache<ChargeType>()
    @exclusivity(unchecked) private var usageTypeCache = BytesCache<RegionTable.Classification>()
    @exclusivity(unchecked) private var functionCache = BytesCache<MonthAccumulator.FunctionEntry>()
    @exclusivity(unchecked) var productCache = BytesCache<OtherServiceProduct>()
    @exclusivity(unchecked) var otherServiceTargetCache = BytesCache<OtherServiceTarget?>()
    @exclusivity(unchecked) private var usageStarts = UsageHourCache()
    @exclusivity(unchecked) private var periodStarts = UsageHourCache()
    nonisolated(unsafe) private static let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// The row's charge type; `nil` when the field is not UTF-8.
    private func lineItemType<Record: CURRecord>(_ reader: Record, _ columns: CURColumns) -> ChargeType? {
        reader.withField(columns.lineItemType) { bytes in
            let hash = BytesCache<ChargeType>.hash(bytes)
            if let cached = chargeCache.value(hash: hash, where: { BytesCache<ChargeType>.matches($0, bytes) }) { return cached }
            guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
            let charge = ChargeType(lineItemType: name) ?? .unrecognized
            if charge == .unrecognized { accumulator.unknownLineItemTypes[name, default: 0] += 1 }
            if charge != .unrecognized { chargeCache.insert(charge, hash: hash, key: BytesCache<ChargeType>.key(bytes)) }
            return charge
        }
    }

    /// The row's usage type, classified; `nil` when the field is not UTF-8.
    private func classify<Record: CURRecord>(_ reader: Record, _ columns: CURColumns) -> RegionTable.Classification? {
        reader.withField(columns.usageType) { bytes in
            let hash = BytesCache<RegionTable.Classification>.hash(bytes)
            if let cached = usageTypeCache.value(hash: hash, where: { BytesCache<RegionTable.Classification>.matches($0, bytes) }) {
                if cached.kind == .unclassified, let name = String(validating: bytes, as: UTF8.self) { accumulator.unknownUsageTypes[name, default: 0] += 1 }
                return cached
            }
            guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
            let classification = regions.classify(name)
            if classification.kind == .unclassified { accumulator.unknownUsageTypes[name, default: 0] += 1 }
            usageTypeCache.insert(classification, hash: hash, key: BytesCache<RegionTable.Classification>.key(bytes))
            return classification
        }
    }

    /// The function of the row from account, region and resource ID. A known combination is found by
    /// hashing and comparing the fields where they lie, without copying them.
    private func resolveFunction<Record: CURRecord>(_ reader: Record, _ columns: CURColumns, _ classification: RegionTable.Classification) -> Result<MonthAccumulator.FunctionEntry, FieldProblem> {
        typealias Cache = BytesCache<MonthAccumulator.FunctionEntry>
        // The payer is part of the key: an account billed to a second payer gets entries of its own, which the
        // ledger sees as new and records the pairing of.
        let keyColumns = (columns.usageAccountID, columns.regionCode, columns.region, columns.resourceID, columns.payerAccountID)
        var fallback = classification.region ?? ""
        func field<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let column else { return body(Self.empty) }
            return reader.withField(column, body)
        }
        var hash = Cache.seed
        // Column by column (an array of the five would be allocated on every row).
        hash = field(keyColumns.0) { Cache.hash(hash, appending: $0) }
        hash = field(keyColumns.1) { Cache.hash(hash, appending: $0) }
        hash = field(keyColumns.2) { Cache.hash(hash, appending: $0) }
        hash = field(keyColumns.3) { Cache.hash(hash, appending: $0) }
        hash = field(keyColumns.4) { Cache.hash(hash, appending: $0) }
        hash = fallback.withUTF8 { Cache.hash(hash, appending: $0) }
        let cached = functionCache.value(hash: hash) { key in
            var offset = 0
            return field(keyColumns.0) { Cache.matches(key, at: &offset, $0) } && field(keyColumns.1) { Cache.matches(key, at: &offset, $0) }
                && field(keyColumns.2) { Cache.matches(key, at: &offset, $0) } && field(keyColumns.3) { Cache.matches(key, at: &offset, $0) }
                && field(keyColumns.4) { Cache.matches(key, at: &offset, $0) }
                && fallback.withUTF8 { Cache.matches(key, at: &offset, $0) } && offset == key.count
        }
        if let cached { return .success(cached) }

        // A new combination: copy the fields (the reader hands out one scratch buffer for fields with doubled quotes).
        let account = field(keyColumns.0) { Array($0) }
        let regionCode = field(keyColumns.1) { Array($0) }
        let region = field(keyColumns.2) { Array($0) }
        let resource = field(keyColumns.3) { Array($0) }
        let payer = field(keyColumns.4) { Array($0) }
        guard let accountText = String(validating: account, as: UTF8.self) else {
            return .failure(FieldProblem(reason: .expectedUTF8(column: columns.name(of: columns.usageAccountID)), column: columns.usageAccountID))
        }
        guard !accountText.isEmpty else {
            return .failure(FieldProblem(reason: .expectedAccountID(column: columns.name(of: columns.usageAccountID)), column: columns.usageAccountID))
        }
        guard let resourceText = String(validating: resource, as: UTF8.self) else {
            return .failure(FieldProblem(reason: .expectedUTF8(column: columns.name(of: columns.resourceID!)), column: columns.resourceID!))
        }
        var regionText = String(validating: regionCode, as: UTF8.self) ?? ""
        if regionText.isEmpty { regionText = String(validating: region, as: UTF8.self) ?? "" }
        if regionText.isEmpty { regionText = fallback }
        // A payer that is not UTF-8 is read lossily: it only groups accounts, and a reject would drop real cost.
        let entry = accumulator.functionEntry(account: accountText, region: regionText, resourceID: resourceText,
                                              payer: String(decoding: payer, as: UTF8.self), rows: reader.rowWeight)
        guard entry.id >= 0 else { return .success(entry) }  // not cached: each such row is counted
        let key = account.withUnsafeBufferPointer { account in
            regionCode.withUnsafeBufferPointer { regionCode in
                region.withUnsafeBufferPointer { region in
                    resource.withUnsafeBufferPointer { resource in
                        payer.withUnsafeBufferPointer { payer in
                            fallback.withUTF8 { Cache.key(account, regionCode, region, resource, payer, $0) }
                        }
                    }
                }
            }
        }
        functionCache.insert(entry, hash: hash, key: key)
        return .success(entry)
    }

}

/// An input problem that stops reading a file, with the place it was found.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): error: \(message)" }
}
