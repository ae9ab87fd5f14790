/// Produces the rows of the sample CUR hour by hour: Lambda usage with the free tier and the Savings Plan
/// applied, negations, the plan's fee, data transfer, other services; then the credit and taxes. For a daily CUR
/// the same hourly rows are summed per day and template (``SampleDailyRows``) and written at the end of each day.
///
/// At most one hour of rows (one day of summed rows for a daily CUR) is held in memory; running totals are kept
/// for the month-end rows.
struct SampleCURProducer {
    private let generator: SampleGenerator
    private let encoder: SampleCUREncoder
    private var statistics = SampleStatistics()
    private var freeTier = SampleFreeTier()
    /// The current day's summed rows; `nil` for an hourly CUR.
    private var day: SampleDailyRows?
    /// Hourly Lambda and other rows made so far (before any daily summing): they set the other services' share.
    private var hourlyLambdaRows = 0
    private var hourlyOtherRows = 0

    /// Templates of one function's usage kind.
    private struct LambdaTemplates {
        var free: Int?
        var paid: Int
        var covered: Int?
        var rate: FixedDecimal
        var savingsPlanRate: FixedDecimal?
    }

    /// One usage of a function in the current hour, split into free, covered and on-demand parts.
    private struct Item {
        var position: Int
        var usage: SampleLambdaUsage
        var free: FixedDecimal
        var paid: FixedDecimal
        var covered = FixedDecimal.zero
    }

    /// What the hourly loop needs of the function at an output position (plain values only).
    private struct Position {
        var functionIndex: Int
        var traffic: SampleUsageModel.Traffic
        var account: Int
        var regionIndex: Int
        var architecture: Architecture
        var memoryMB: Int
        /// Ephemeral storage above the free 512 MB.
        var extraStorageMB: Int
        /// Hourly provisioned-concurrency GB-s, if any.
        var provisioned: FixedDecimal?
    }

    private let positions: [Position]

    /// `[output position][usage kind]`.
    private var lambdaTemplates: [[LambdaTemplates?]]
    /// Negation templates by ``negationKey(account:region:usage:architecture:)``.
    private var negationTemplates: [Int?]
    private var negationTotals: [FixedDecimal]
    private var feeTemplate = 0
    private var dataTransfer: (template: Int, account: Int)?
    private var otherTemplates: [Int] = []
    private var otherOffset = 0
    /// Unblended cost by account and product code (``productCodes``), for the tax rows.
    private var costs: [[FixedDecimal]]

    static let productCodes = ["AWSLambda", "ComputeSavingsPlans"] + SampleOtherServices.Service.allCases.map(\.productCode)
    static let productNames = ["AWS Lambda", "Savings Plans for AWS Compute usage"]
        + SampleOtherServices.Service.allCases.map(\.productName)

    /// Data-transfer price from eu-west-1 to us-east-1 per GB.
    static let dataTransferPrice = FixedDecimal(2, fractionDigits: 2)
    /// The credit covers this share of the payer's Lambda cost, up to ``creditLimit``.
    static let creditShare = FixedDecimal(25, fractionDigits: 2)
    static let creditLimit = FixedDecimal(500)
    static let salesTaxRate = FixedDecimal(8, fractionDigits: 2)

    init(generator: SampleGenerator, buffer: SampleOutputBuffer) {
        self.generator = generator
        let configuration = generator.configuration
        encoder = SampleCUREncoder(
            context: SampleCURContext(spelling: configuration.spelling, month: configuration.month, seed: configuration.seed),
            seed: configuration.seed, buffer: buffer)
        positions = generator.outputOrder.map { index in
            let function = generator.functions[index]
            return Position(
                functionIndex: index, traffic: SampleUsageModel.Traffic(function),
                account: Self.accountIndex(function.accountId), regionIndex: function.regionIndex,
                architecture: function.architecture, memoryMB: function.memoryMB,
                extraStorageMB: function.ephemeralStorageMB - 512,
                provisioned: function.provisionedConcurrency > 0 ? Self.provisionedAmount(function) : nil)
        }
        lambdaTemplates = Array(repeating: Array(repeating: nil, count: SampleLambdaUsage.allCases.count),
                                count: generator.functions.count)
        negationTemplates = Array(repeating: nil, count: Self.negationKeyCount)
        negationTotals = Array(repeating: .zero, count: Self.negationKeyCount)
        costs = Array(repeating: Array(repeating: .zero, count: Self.productCodes.count),
                      count: SampleFleet.accounts.count)
        day = configuration.granularity == .daily ? SampleDailyRows() : nil
    }

    // MARK: - Amounts

    /// GB-s of `milliseconds` at `megabytes`: ms × MB / 1,024,000, exact.
    static func gigabyteSeconds(_ milliseconds: Int64, _ megabytes: Int) -> FixedDecimal {
        // 10²⁴ / 1,024,000 = 976,562,500,000,000,000 exactly.
        FixedDecimal(units: Int128(milliseconds) * Int128(megabytes) * 976_562_500_000_000_000)
    }

    /// Hourly provisioned-concurrency GB-s: concurrency × GB × 3,600 s.
    static func provisionedAmount(_ function: SampleFunction) -> FixedDecimal {
        FixedDecimal(function.provisionedConcurrency * function.memoryMB * 3_600).divided(by: 1_024)
    }

    /// Cost as AWS prints it: amount × rate, rounded half away from zero to 10 decimals. Equal to
    /// `(amount * rate).rounded(places: 10)`, computed with one 128-bit product for 10-decimal rates.
    static func cost(_ amount: FixedDecimal, _ rate: FixedDecimal) -> FixedDecimal {
        let rateTenths = rate.units / tenDecimalStep
        let (product, overflow) = amount.units.multipliedReportingOverflow(by: rateTenths)
        guard !overflow, rateTenths * tenDecimalStep == rate.units else { return (amount * rate).rounded(places: 10) }
        // The product is in 10⁻³⁴; round to 24 decimals like `*`, then to 10 like `rounded(places:)`.
        let units = roundedQuotient(product, 10_000_000_000)
        return FixedDecimal(units: roundedQuotient(units, tenDecimalStep) * tenDecimalStep)
    }

    private static let tenDecimalStep: Int128 = 100_000_000_000_000

    /// `value / divisor` rounded half away from zero (divisor > 0).
    @inline(__always)
    private static func roundedQuotient(_ value: Int128, _ divisor: Int128) -> Int128 {
        let quotient = value / divisor
        let remainder = value - quotient * divisor
        if remainder.magnitude * 2 >= divisor.magnitude { return quotient + (value < 0 ? -1 : 1) }
        return quotient
    }

    // MARK: - Month

    mutating func run() throws -> SampleStatistics {
        try encoder.writeHeader()
        prepareTemplates()
        let configuration = generator.configuration
        statistics.savingsPlanHourlyCommitment = generator.savingsPlan.hourlyCommitment
        statistics.hours = generator.hours
        let firstHour = configuration.month.firstHour.hoursSinceEpoch
        var items: [Item] = []
        items.reserveCapacity(generator.functions.count * 3)
        for hour in 0..<generator.hours {
            encoder.setHour(UsageHour(hoursSinceEpoch: firstHour + Int32(hour)))
            collectLambdaUsage(hour: hour, into: &items)
            let used = applySavingsPlan(&items)
            try writeLambdaRows(items)
            try writeNegations()
            try writeFee(used: used)
            try writeDataTransfer(hour: hour)
            try writeOtherServices(hour: hour)
            if day != nil && hour % 24 == 23 { try writeDay(firstHour: firstHour + Int32(hour - 23)) }
        }
        try writeMonthEnd()
        return statistics
    }

    private mutating func collectLambdaUsage(hour: Int, into items: inout [Item]) {
        items.removeAll(keepingCapacity: true)
        let model = generator.model
        for position in positions.indices {
            let function = positions[position]
            let usage = model.usage(of: function.traffic, index: function.functionIndex, hour: hour)
            func add(_ kind: SampleLambdaUsage, _ amount: FixedDecimal) {
                let free = kind.isFreeTierEligible ? freeTier.take(kind, amount) : .zero
                items.append(Item(position: position, usage: kind, free: free, paid: amount - free))
            }
            if usage.invocations > 0 { add(.request, FixedDecimal(Int(usage.invocations))) }
            if usage.onDemandMilliseconds > 0 {
                add(.duration, Self.gigabyteSeconds(usage.onDemandMilliseconds, function.memoryMB))
            }
            if usage.provisionedMilliseconds > 0 {
                add(.provisionedDuration, Self.gigabyteSeconds(usage.provisionedMilliseconds, function.memoryMB))
            }
            if let provisioned = function.provisioned { add(.provisionedConcurrency, provisioned) }
            if function.extraStorageMB > 0 && usage.billedMilliseconds > 0 {
                add(.storage, Self.gigabyteSeconds(usage.billedMilliseconds, function.extraStorageMB))
            }
        }
    }

    /// Covers eligible paid usage with the plan; returns the used commitment (sum of SP effective costs).
    private mutating func applySavingsPlan(_ items: inout [Item]) -> FixedDecimal {
        var candidates: [SampleSavingsPlan.Candidate] = []
        var candidateItems: [Int] = []
        for (index, item) in items.enumerated() where item.paid > .zero && item.usage.isSavingsPlanEligible {
            let templates = lambdaTemplates[item.position][item.usage.rawValue]!
            candidates.append(.init(
                amount: item.paid, onDemandRate: templates.rate, savingsPlanRate: templates.savingsPlanRate!))
            candidateItems.append(index)
        }
        let covered = generator.savingsPlan.allocate(candidates)
        var used = FixedDecimal.zero
        for (candidate, amount) in covered.enumerated() where amount > .zero {
            items[candidateItems[candidate]].covered = amount
            used += Self.cost(amount, candidates[candidate].savingsPlanRate)
        }
        return used
    }

    private mutating func writeLambdaRows(_ items: [Item]) throws {
        for item in items {
            let templates = lambdaTemplates[item.position][item.usage.rawValue]!
            let account = positions[item.position].account
            if item.free > .zero {
                var row = SampleCURRow(template: templates.free!)
                row.amount = item.free
                row.rate = .zero
                row.cost = .zero
                row.publicRate = templates.rate
                row.publicCost = Self.cost(item.free, templates.rate)
                try write(row, account: account, product: 0, kind: .freeTier)
            }
            if item.covered > .zero {
                var row = SampleCURRow(template: templates.covered!)
                let cost = Self.cost(item.covered, templates.rate)
                row.amount = item.covered
                row.rate = templates.rate
                row.cost = cost
                row.publicRate = templates.rate
                row.publicCost = cost
                row.savingsPlanRate = templates.savingsPlanRate
                row.savingsPlanEffectiveCost = Self.cost(item.covered, templates.savingsPlanRate!)
                try write(row, account: account, product: 0, kind: .savingsPlanCovered)
                let key = Self.negationKey(
                    account: account, region: positions[item.position].regionIndex, usage: item.usage,
                    architecture: positions[item.position].architecture)
                if negationTemplates[key] == nil {
                    let function = generator.functions[positions[item.position].functionIndex]
                    negationTemplates[key] = addNegationTemplate(function, item.usage)
                }
                negationTotals[key] -= cost
            }
            let onDemand = item.paid - item.covered
            if onDemand > .zero {
                var row = SampleCURRow(template: templates.paid)
                let cost = Self.cost(onDemand, templates.rate)
                row.amount = onDemand
                row.rate = templates.rate
                row.cost = cost
                row.publicRate = templates.rate
                row.publicCost = cost
                try write(row, account: account, product: 0)
            }
        }
    }

    private mutating func writeNegations() throws {
        for key in negationTotals.indices where !negationTotals[key].isZero {
            var row = SampleCURRow(template: negationTemplates[key]!)
            row.amount = .zero
            row.cost = negationTotals[key]
            try write(row, account: key / Self.negationKeysPerAccount, product: 0)
            negationTotals[key] = .zero
        }
    }

    private mutating func writeFee(used: FixedDecimal) throws {
        let commitment = generator.savingsPlan.hourlyCommitment
        var row = SampleCURRow(template: feeTemplate)
        row.amount = FixedDecimal(1)
        row.rate = commitment
        row.cost = commitment
        row.totalCommitment = commitment
        row.usedCommitment = used
        row.recurringCommitment = commitment * generator.configuration.month.hourCount
        try write(row, account: 0, product: 1)
        statistics.usedCommitment += used
        if (commitment - used) * 100 > commitment { statistics.hoursWithUnusedCommitment += 1 }
    }

    /// A few inter-region transfers a day from the first eu-west-1 function's account.
    private mutating func writeDataTransfer(hour: Int) throws {
        guard let dataTransfer else { return }
        var daily = SampleRandom(seed: generator.configuration.seed, 0xD7_0A7A, UInt64(hour / 24))
        let transfers = daily.int(in: 2...4)
        var hours: [Int] = []
        while hours.count < transfers {
            let candidate = daily.next(below: 24)
            if !hours.contains(candidate) { hours.append(candidate) }
        }
        guard hours.contains(hour % 24) else { return }
        var random = SampleRandom(seed: generator.configuration.seed, 0xD7_B7E5, UInt64(hour))
        let bytes = random.int(in: 5_000_000...2_000_000_000)
        let amount = FixedDecimal(bytes).divided(by: 1_073_741_824).rounded(places: 10)
        var row = SampleCURRow(template: dataTransfer.template)
        row.amount = amount
        row.rate = Self.dataTransferPrice
        row.cost = Self.cost(amount, Self.dataTransferPrice)
        row.publicRate = Self.dataTransferPrice
        row.publicCost = row.cost
        try write(row, account: dataTransfer.account, product: 0)
    }

    /// Enough other-service rows to keep the non-Lambda share at the configured percentage.
    private mutating func writeOtherServices(hour: Int) throws {
        let percent = generator.configuration.otherServicesRowPercent
        let target = hourlyLambdaRows * percent / (100 - percent)
        let slots = generator.otherServices.slots
        let count = min(max(0, target - hourlyOtherRows), slots.count)
        guard count > 0 else { return }
        let hoursInMonth = generator.configuration.month.hourCount
        let seed = generator.configuration.seed
        let start = otherOffset
        otherOffset = (otherOffset + count) % slots.count
        // The window [start, start + count) wraps around; write it in catalog order.
        let firstPart = min(count, slots.count - start)
        let ranges = [0..<(count - firstPart), start..<(start + firstPart)]
        for range in ranges {
            for index in range {
                let amount = generator.otherServices.amount(of: index, hour: hour, hoursInMonth: hoursInMonth, seed: seed)
                let rate = slots[index].rate
                var row = SampleCURRow(template: otherTemplates[index])
                row.amount = amount
                row.rate = rate
                row.cost = Self.cost(amount, rate)
                row.publicRate = rate
                row.publicCost = row.cost
                try write(row, account: slots[index].accountIndex, product: 2 + slots[index].service.rawValue)
            }
        }
    }

    private mutating func writeMonthEnd() throws {
        // The credit: part of the payer's Lambda cost.
        let payerLambda = costs[0][0]
        if payerLambda > .zero {
            let credit = min((payerLambda * Self.creditShare).rounded(places: 2), Self.creditLimit)
            var values = SampleCURStaticValues()
            values.usageAccountId = SampleFleet.payerAccount
            values.lineItemType = "Credit"
            values.productCode = "AWSLambda"
            values.description = "AWS Activate Credits"
            values.productName = "AWS Lambda"
            values.serviceCode = "AWSLambda"
            var row = SampleCURRow(template: encoder.addTemplate(values))
            row.spansMonth = true
            row.amount = .zero
            row.cost = -credit
            try write(row, account: 0, product: 0)
        }
        // Taxes per account and product code, ordered by account and code.
        let snapshot = costs
        for account in SampleFleet.accounts.indices {
            let codes = Self.productCodes.indices.sorted { Self.productCodes[$0] < Self.productCodes[$1] }
            for product in codes where !snapshot[account][product].isZero {
                let tax = (snapshot[account][product] * Self.salesTaxRate).rounded(places: 2)
                guard !tax.isZero else { continue }
                var values = SampleCURStaticValues()
                values.usageAccountId = SampleFleet.accounts[account]
                values.lineItemType = "Tax"
                values.productCode = Self.productCodes[product]
                values.description = "Tax for product code \(Self.productCodes[product])"
                values.taxType = "Sales Tax"
                values.productName = Self.productNames[product]
                values.serviceCode = Self.productCodes[product]
                var row = SampleCURRow(template: encoder.addTemplate(values))
                row.spansMonth = true
                row.amount = .zero
                row.cost = tax
                try write(row, account: account, product: product)
            }
        }
    }

    /// Writes an hourly (or month-level) row; for a daily CUR an hourly row is added to the day's rows instead.
    @inline(__always)
    private mutating func write(
        _ row: SampleCURRow, account: Int, product: Int, kind: SampleDailyRows.Kind = .usage
    ) throws {
        if product == 0 { hourlyLambdaRows += 1 } else { hourlyOtherRows += 1 }
        costs[account][product] += row.cost ?? .zero
        if day != nil && !row.spansMonth {
            day!.add(row, product: product, kind: kind)
        } else {
            try emit(row, product: product, kind: kind)
        }
    }

    /// Encodes a row of the file and counts it.
    @inline(__always)
    private mutating func emit(_ row: SampleCURRow, product: Int, kind: SampleDailyRows.Kind) throws {
        try encoder.write(row)
        statistics.rows += 1
        let cost = row.cost ?? .zero
        statistics.totalUnblendedCost += cost
        if product == 0 {
            statistics.lambdaRows += 1
            statistics.lambdaUnblendedCost += cost
        } else {
            statistics.otherRows += 1
        }
        switch kind {
        case .usage: break
        case .freeTier: statistics.freeTierRows += 1
        case .savingsPlanCovered: statistics.savingsPlanCoveredRows += 1
        }
    }

    /// Writes the day's summed rows, spanning 24 hours from `firstHour` (00:00 UTC).
    private mutating func writeDay(firstHour: Int32) throws {
        guard var rows = day else { return }
        day = nil  // no copy of the day's rows while draining
        encoder.setSpan(UsageHour(hoursSinceEpoch: firstHour), hours: 24)
        try rows.drain { entry in try emit(entry.row, product: entry.product, kind: entry.kind) }
        day = rows
    }

    // MARK: - Templates

    private static func accountIndex(_ accountId: String) -> Int {
        accountId == SampleFleet.payerAccount ? 0 : 1
    }

    private static let negationKeysPerAccount = SampleRegion.all.count * SampleLambdaUsage.allCases.count * 2
    private static let negationKeyCount = SampleFleet.accounts.count * negationKeysPerAccount

    /// Negations are ordered by account, region, usage kind and architecture.
    private static func negationKey(
        account: Int, region: Int, usage: SampleLambdaUsage, architecture: Architecture
    ) -> Int {
        ((account * SampleRegion.all.count + region) * SampleLambdaUsage.allCases.count + usage.rawValue) * 2
            + (architecture == .arm64 ? 1 : 0)
    }

    private mutating func prepareTemplates() {
        for (position, index) in generator.outputOrder.enumerated() {
            let function = generator.functions[index]
            var kinds: [SampleLambdaUsage] = [.request, .duration]
            if function.provisionedConcurrency > 0 { kinds += [.provisionedDuration, .provisionedConcurrency] }
            if function.ephemeralStorageMB > 512 { kinds.append(.storage) }
            for kind in kinds {
                lambdaTemplates[position][kind.rawValue] = makeLambdaTemplates(function, kind)
            }
        }
        feeTemplate = encoder.addTemplate(Self.feeValues())
        if let position = generator.outputOrder.firstIndex(where: { generator.functions[$0].regionCode == "eu-west-1" }) {
            let function = generator.functions[generator.outputOrder[position]]
            dataTransfer = (encoder.addTemplate(Self.dataTransferValues(function.accountId)),
                            Self.accountIndex(function.accountId))
        }
        otherTemplates = generator.otherServices.slots.map { encoder.addTemplate($0.values) }
    }

    private static func lambdaValues(_ function: SampleFunction, _ usage: SampleLambdaUsage) -> SampleCURStaticValues {
        let region = function.region
        var values = SampleCURStaticValues()
        values.usageAccountId = function.accountId
        values.lineItemType = "Usage"
        values.productCode = "AWSLambda"
        values.usageType = usage.usageType(in: region, function.architecture)
        values.operation = "Invoke"
        let provisioned = usage == .provisionedConcurrency || usage == .provisionedDuration
        values.resourceId = provisioned ? (function.provisionedARN ?? function.arn) : function.arn
        values.description = usage.description(in: region, function.architecture)
        values.productName = "AWS Lambda"
        values.group = usage.group(function.architecture)
        values.location = region.location
        values.productFamily = "Serverless"
        values.region = region.code
        values.serviceCode = "AWSLambda"
        values.sku = SampleSKU.sku(region.code, values.usageType)
        values.rateCode = "\(values.sku).JRTCKXETXF.6YS6EN2CT7"
        values.rateId = SampleSKU.rateId(values.rateCode)
        values.term = "OnDemand"
        values.unit = usage.unit
        values.team = function.team
        values.env = function.env
        values.project = function.project
        values.modelTier = function.modelTier
        return values
    }

    private static func withSavingsPlan(_ values: inout SampleCURStaticValues) {
        values.savingsPlanARN = SampleSavingsPlan.arn
        values.offeringType = SampleSavingsPlan.offeringType
        values.paymentOption = SampleSavingsPlan.paymentOption
        values.purchaseTerm = SampleSavingsPlan.purchaseTerm
    }

    private mutating func makeLambdaTemplates(_ function: SampleFunction, _ usage: SampleLambdaUsage) -> LambdaTemplates {
        guard let rate = function.region.lambdaPrice(usage, function.architecture) else {
            preconditionFailure("no list price for \(usage) \(function.architecture) in \(function.regionCode)")
        }
        let paid = Self.lambdaValues(function, usage)
        var templates = LambdaTemplates(free: nil, paid: encoder.addTemplate(paid), covered: nil, rate: rate)
        if usage.isFreeTierEligible {
            var free = paid
            free.description = usage.freeTierDescription(in: function.region)
            free.rateCode = "\(paid.sku).A429C66SYZ.6YS6EN2CT7"
            free.rateId = SampleSKU.rateId(free.rateCode)
            free.term = ""
            templates.free = encoder.addTemplate(free)
        }
        if usage.isSavingsPlanEligible {
            var covered = paid
            covered.lineItemType = "SavingsPlanCoveredUsage"
            Self.withSavingsPlan(&covered)
            templates.covered = encoder.addTemplate(covered)
            templates.savingsPlanRate = SampleSavingsPlan.rate(onDemand: rate)
        }
        return templates
    }

    private mutating func addNegationTemplate(_ function: SampleFunction, _ usage: SampleLambdaUsage) -> Int {
        var values = Self.lambdaValues(function, usage)
        values.lineItemType = "SavingsPlanNegation"
        values.resourceId = ""
        values.description = "SavingsPlanNegation used by AccountId : \(function.accountId) and UsageType : \(values.usageType)"
        values.team = ""
        values.env = ""
        values.project = ""
        values.modelTier = ""
        Self.withSavingsPlan(&values)
        return encoder.addTemplate(values)
    }

    private static func feeValues() -> SampleCURStaticValues {
        var values = SampleCURStaticValues()
        values.usageAccountId = SampleFleet.payerAccount
        values.lineItemType = "SavingsPlanRecurringFee"
        values.productCode = "ComputeSavingsPlans"
        values.usageType = SampleSavingsPlan.usageType
        values.resourceId = SampleSavingsPlan.arn
        values.description = SampleSavingsPlan.description
        values.productName = productNames[1]
        values.location = "Any"
        values.serviceCode = "ComputeSavingsPlans"
        values.sku = SampleSKU.sku("any", SampleSavingsPlan.usageType)
        values.unit = "Hrs"
        withSavingsPlan(&values)
        return values
    }

    private static func dataTransferValues(_ accountId: String) -> SampleCURStaticValues {
        let from = SampleRegion.euWest1, to = SampleRegion.usEast1
        var values = SampleCURStaticValues()
        values.usageAccountId = accountId
        values.lineItemType = "Usage"
        values.productCode = "AWSLambda"
        values.usageType = "\(from.billingCode)-\(to.billingCode)-AWS-Out-Bytes"
        values.operation = "Invoke"
        values.description = "$0.02 per GB - \(from.descriptionName) data transfer to \(to.descriptionName)"
        values.productName = "AWS Lambda"
        values.productFamily = "Data Transfer"
        values.region = from.code
        values.serviceCode = "AWSDataTransfer"
        values.sku = SampleSKU.sku(from.code, values.usageType)
        values.rateCode = "\(values.sku).JRTCKXETXF.6YS6EN2CT7"
        values.rateId = SampleSKU.rateId(values.rateCode)
        values.term = "OnDemand"
        values.unit = "GB"
        return values
    }
}
