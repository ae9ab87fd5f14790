/// The one accumulator of the ingest: every reader hands it what ``BillingRules`` decided about a record, and it
/// alone owns the month buckets (ledger, totals, row counts, Savings Plan fees), the rejects, the diagnostics and the
/// inputs read, so that `input = Lambda + other services + rejected + other months` holds by construction.
///
/// An accumulator is fed by one thread (a part of a split file has its own); the properties touched per row skip
/// the runtime's exclusivity checks (`@exclusivity(unchecked)`), as no access to them overlaps another.
final class MonthAccumulator {
    /// What one billing month has accumulated.
    struct MonthBucket {
        var ledger: UsageLedger
        var savingsPlanFees = SavingsPlanFeeTotals()
        var rows = IngestResult.RowCounts()
        var totals = IngestResult.CostTotals()
        /// The money, days and last usage hour of the month's accepted rows (Lambda and other services), for
        /// choosing the month and telling a complete month from one still being billed.
        var coverage: MonthCoverage
        /// The other services' rows by product, and the part tied to a function.
        var otherServices = OtherServiceCosts()

        init(ledger: UsageLedger) {
            self.ledger = ledger
            coverage = MonthCoverage(month: ledger.month)
        }
    }

    /// Buckets in the order their months were first seen, found through `bucketIndex`.
    @exclusivity(unchecked) private(set) var bucketList: [MonthBucket] = []
    private(set) var bucketIndex: [BillingMonth: Int] = [:]
    /// The last month looked up and its bucket, and the hours it spans: rows come in runs of one month.
    @exclusivity(unchecked) private var lastMonth: (month: BillingMonth, bucket: Int, hours: Range<Int32>)?
    /// Rejected rows whose month could not be read (malformed records, neither a billing period nor a usage start
    /// readable); reported with whichever month is selected.
    private(set) var unplacedRejects = MonthBucket(ledger: UsageLedger(month: BillingMonth(year: 1970, month: 1)!))
    /// A failure to spill a month's ledger when a new month lowered its share (the ingest throws it).
    private(set) var spillFailure: InputError?
    /// Every rejected row, on disk as it is found.
    let rejects = RejectLog()
    var diagnostics: [Diagnostic] = []
    var inputs: [IngestResult.InputFile] = []
    /// Per input file: the line items it bills, for telling parts of one delivery from two deliveries.
    var deliveries: [DeliveryFingerprint] = []
    @exclusivity(unchecked) var roundedAmounts = 0
    var unknownUsageTypes: [String: Int] = [:]
    var unknownLineItemTypes: [String: Int] = [:]
    var foreignResourceIDs = 0
    /// The magnitudes of every amount and the rows read by any reader, bounded.
    @exclusivity(unchecked) var magnitude = MagnitudeGuard()
    @exclusivity(unchecked) var missingEffectiveCost = 0
    /// Other services' products and tied functions, numbered as first seen: a row adds to its month's sums by
    /// number (``OtherServiceCosts/settle(products:functions:)`` names them when the month is taken or merged).
    private var otherServiceProducts = NumberedTable<String>()
    private var otherServiceFunctions = NumberedTable<FunctionIdentity>()

    func productSlot(_ code: String) -> Int { otherServiceProducts.number(of: code) }
    func functionSlot(_ function: FunctionIdentity) -> Int { otherServiceFunctions.number(of: function) }

    /// The month's other services named (see ``productSlot(_:)``), for a bucket taken out of the accumulator.
    func settledOtherServices(of bucket: MonthBucket) -> OtherServiceCosts {
        var costs = bucket.otherServices
        costs.settle(products: otherServiceProducts.values, functions: otherServiceFunctions.values)
        return costs
    }

    /// Diagnostics printed per file before the rest are only counted.
    let diagnosticLimit = 50

    /// Ledger cells held in memory before spilling (see ``UsageLedger``), shared by the months of the input.
    let memoryCellLimit: Int

    init(memoryCellLimit: Int = UsageLedger.defaultMemoryCellLimit) {
        self.memoryCellLimit = memoryCellLimit
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

    // MARK: - Accumulation

    /// Closes the reading of one file: its fingerprint, the note on rejects past the diagnostic limit, the input.
    func finishFile(_ input: IngestResult.InputFile, delivery: DeliveryFingerprint, rejects fileRejects: Int) {
        deliveries.append(delivery)
        if fileRejects > diagnosticLimit {
            diagnostics.append(Diagnostic(.note, at: nil,
                "\(input.path): \(fileRejects - diagnosticLimit) more rejected rows are listed only in rejects.csv"))
        }
        inputs.append(input)
    }

    /// Counts rejected rows: into the month's rejected total, or apart when the month is unknown.
    func recordReject(_ row: RejectedRow, month: BillingMonth?, rows: Int = 1, diagnosticsSoFar: inout Int) {
        rejects.append(row, month: month, rows: rows)
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
    /// `product` is the row's product code; `attribution` the function a rule ties it to (docs/attribution.md),
    /// with its charge and usage quantity.
    func addOtherServices(month: BillingMonth, hour: UsageHour, lastHour: UsageHour? = nil, cost: FixedDecimal, rows: Int,
                          product: String, attribution: (function: FunctionIdentity, charge: OtherServiceCharge, quantity: FixedDecimal)? = nil) {
        addOtherServices(month: month, hour: hour, lastHour: lastHour, cost: cost, rows: rows, productSlot: productSlot(product),
                         attribution: attribution.map {
                             OtherServiceAttribution(functionSlot: functionSlot($0.function), charge: $0.charge, quantity: $0.quantity)
                         })
    }

    /// The same, with the product and function by number (the CUR reader caches them).
    func addOtherServices(month: BillingMonth, hour: UsageHour, lastHour: UsageHour? = nil, cost: FixedDecimal, rows: Int,
                          productSlot: Int, attribution: OtherServiceAttribution?) {
        update(month) { bucket in
            bucket.rows.read += rows
            bucket.rows.otherServices += rows
            bucket.totals.input += cost
            bucket.totals.otherServices += cost
            bucket.coverage.add(start: hour, last: lastHour ?? hour, cost: cost, rows: rows)
            guard let attribution else {
                bucket.otherServices.addNotAttributed(productSlot: productSlot, OtherServiceCosts.Amount(cost: cost, rows: rows))
                return
            }
            var window: OtherServiceCosts.StorageWindow?
            if attribution.charge == .logStorage {
                let days = month.hourCount / 24
                let day = Int(hour.hoursSinceEpoch - month.firstHour.hoursSinceEpoch) / 24
                if day >= 0 && day < OtherServiceCosts.storageWindowDays {
                    window = .firstDays
                } else if day >= days - OtherServiceCosts.storageWindowDays && day < days {
                    window = .lastDays
                }
            }
            bucket.otherServices.add(OtherServiceCosts.Amount(cost: cost, quantity: attribution.quantity, rows: rows),
                                     charge: attribution.charge, functionSlot: attribution.functionSlot, storageWindow: window)
        }
    }

    /// Adds Savings Plan fee rows (counted as other services too) to the month's fee totals.
    func addSavingsPlanFee(month: BillingMonth, isRecurring: Bool, cost: FixedDecimal, rows: Int,
                           totalCommitment: FixedDecimal?, usedCommitment: FixedDecimal?, amortizedUpfront: FixedDecimal?,
                           endDate: String? = nil) {
        update(month) { bucket in
            bucket.savingsPlanFees.rows += rows
            if let endDate, bucket.savingsPlanFees.earliestEndDate.map({ endDate < $0 }) ?? true {
                bucket.savingsPlanFees.earliestEndDate = endDate
            }
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
    /// `location` says where the row is, for the warning when its account is billed to a second payer in the month.
    func addLambda(month: BillingMonth, hour: UsageHour, lastHour: UsageHour? = nil, amounts: UsageLedger.Amounts, function: FunctionEntry,
                   classification: RegionTable.Classification, charge: ChargeType, location: () -> SourceLocation,
                   tags: (inout UsageLedger, UInt32) -> Void) throws {
        var payerConflict: (payer: String, earlier: String)?
        let identity = function.identity
        try update(month) { bucket in
            bucket.rows.read += amounts.rows
            bucket.rows.lambda += amounts.rows
            bucket.totals.input += amounts.unblendedCost
            bucket.totals.lambda += amounts.unblendedCost
            bucket.coverage.add(start: hour, last: lastHour ?? hour, cost: amounts.unblendedCost, rows: amounts.rows)
            let number = function.id >= 0
                ? bucket.ledger.number(ofEntry: function.id, identity: identity, qualifier: function.qualifier, payer: function.payer) {
                    payerConflict = $0
                }
                : bucket.ledger.number(of: identity)
            try bucket.ledger.add(
                amounts, function: number, architecture: classification.architecture, kind: classification.kind,
                charge: charge, hour: hour)
            if !identity.name.isEmpty { tags(&bucket.ledger, number) }
        }
        if let payerConflict {
            diagnostics.append(Diagnostic(.warning, at: location(),
                "account \(identity.accountID) is billed to payer \(payerConflict.payer) here but to payer \(payerConflict.earlier) on earlier rows of \(month): its duration tiers and free tier are pooled under the lowest of its payer IDs"))
        }
    }

    /// The function of an account, region and resource ID (a function ARN, possibly qualified, or a bare name);
    /// a resource that is not a Lambda function gives the account's and region's charges of no function, and is
    /// counted for a warning (per row: such an entry is not cached). `payer` is the row's payer account, when the
    /// input names one: readers make one entry per function and payer, so that the ledger records each pairing.
    func functionEntry(account: String, region: String, resourceID: String, payer: String? = nil, rows: Int) -> FunctionEntry {
        let payer = payer.flatMap { $0.isEmpty ? nil : $0 }
        guard let parsed = FunctionIdentity.nameAndQualifier(fromResourceID: resourceID) else {
            foreignResourceIDs += rows
            return FunctionEntry(identity: FunctionIdentity(accountID: account, region: region, name: ""), qualifier: nil, payer: payer)
        }
        defer { functionEntries += 1 }
        return FunctionEntry(identity: FunctionIdentity(accountID: account, region: region, name: parsed.name), qualifier: parsed.qualifier,
                             payer: payer, id: functionEntries)
    }

    /// A resource ID resolved to its function. A class: the readers hand a cached entry to ``addLambda`` on every row
    /// of its function, which costs one reference count, not one per string it holds.
    final class FunctionEntry {
        let identity: FunctionIdentity
        let qualifier: String?
        /// The payer account of the entry's rows; `nil` when the input has no payer column or leaves it empty.
        let payer: String?
        /// Number of the cached entry (the ledgers map it to their function numbers), -1 when not cached.
        let id: Int

        init(identity: FunctionIdentity, qualifier: String?, payer: String?, id: Int = -1) {
            self.identity = identity
            self.qualifier = qualifier
            self.payer = payer
            self.id = id
        }
    }

    private var functionEntries = 0

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
    func month(of hour: UsageHour) -> BillingMonth {
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
                // The run's cell budget is shared by the months of the input (a synced prefix holds many).
                let share = max(1, memoryCellLimit / (bucketList.count + 1))
                for other in bucketList.indices {
                    do {
                        try bucketList[other].ledger.lowerMemoryCellLimit(to: share)
                    } catch {
                        spillFailure = spillFailure ?? (error as? InputError ?? InputError(path: "temporary file", message: "\(error)"))
                    }
                }
                bucketList.append(MonthBucket(ledger: UsageLedger(month: month, memoryCellLimit: share)))
            }
            lastMonth = (month, index, month.firstHour.hoursSinceEpoch..<month.next.firstHour.hoursSinceEpoch)
        }
        try body(&bucketList[index])
    }
}
