/// Stage 3b: the fleet decisions that need the hourly series — Compute Savings Plans and provisioned
/// concurrency. Reads the ledger one function at a time, so memory holds one function's month of hours
/// plus the fleet's hourly Savings-Plans-eligible spend.
public struct CommitmentStage: PipelineStage {
    public struct Input: Sendable {
        public var ledger: UsageLedger
        public var functions: [FunctionCost]
        public var catalog: PriceCatalog
        public var savingsPlanFees: SavingsPlanFeeTotals
        public var options: SavingsPlanOptions
        /// The per-function changes of the scenario stage, to combine into the plan.
        public var opportunities: [Opportunity]
        /// The functions that wait (the scenario stage's `idle-wait` findings), whose alternatives are priced with
        /// their duration per hour, and how Lambda Managed Instances are priced.
        public var waiting: Set<FunctionIdentity> = []
        public var alternatives = WaitingAlternativesSettings()

        public init(ledger: UsageLedger, functions: [FunctionCost], catalog: PriceCatalog,
                    savingsPlanFees: SavingsPlanFeeTotals = SavingsPlanFeeTotals(), options: SavingsPlanOptions = SavingsPlanOptions(),
                    opportunities: [Opportunity] = []) {
            self.ledger = ledger
            self.functions = functions
            self.catalog = catalog
            self.savingsPlanFees = savingsPlanFees
            self.options = options
            self.opportunities = opportunities
        }
    }

    public struct Output: Sendable {
        public var savingsPlans: SavingsPlanAnalysis
        /// Functions with provisioned concurrency, and on-demand functions for which some level would save.
        public var provisionedConcurrency: [ProvisionedConcurrencyAnalysis]
        /// Every opportunity of the plan, each with its place in it (``Opportunity/plan``): the per-function
        /// changes given, every provisioned concurrency change that saves, and the best Savings Plan purchase.
        public var opportunities: [Opportunity]
        /// All of them applied together, hour by hour.
        public var plan: CombinedPlan
        /// A commitment owned above what the month's usage could use.
        public var findings: [Finding]
        public var skipped: [ScenarioSkip]
        /// The alternatives of the functions that wait, in ledger order.
        public var alternatives: [WaitingAlternatives] = []
    }

    public static let savingsPlanScenario = "savings_plan"
    public static let provisionedConcurrencyScenario = "provisioned_concurrency"
    /// The identity fleet-wide opportunities are listed under.
    public static let fleet = FunctionIdentity(accountID: "", region: "", name: "(all functions)")

    /// An on-demand function is proposed provisioned concurrency only when it saves at least this share.
    static let minimumProvisionedConcurrencyShare = FixedDecimal(5, fractionDigits: 2)

    static let eligibleKinds: Set<UsageKind> = [.duration, .provisionedConcurrency, .provisionedDuration]
    /// Charges whose usage a plan could cover: paid usage and usage a plan already covered (free tier is free).
    static let coverableCharges: Set<ChargeType> = [.usage, .discountedUsage, .savingsPlanCoveredUsage]
    /// ``eligibleKinds`` and ``coverableCharges`` as tables by case number, for the walk over every ledger cell.
    private static let eligibleByOrdinal = UsageKind.allCases.map(eligibleKinds.contains)
    private static let coverableByOrdinal = ChargeType.allCases.map(coverableCharges.contains)
    private static func isEligible(_ kind: UsageKind) -> Bool { eligibleByOrdinal[kind.ordinal] }
    private static func isCoverable(_ charge: ChargeType) -> Bool { coverableByOrdinal[charge.ordinal] }

    /// A batch of the ledger walk: at most this many cells or functions are held and analyzed together (32 Ki cells
    /// and 256 functions by default: a few megabytes, and the analyses' hourly series of at most that many).
    let batchCells: Int
    let batchFunctions: Int

    /// What a run of functions adds to the stage: sums (exact, so the order of adding does not matter), the
    /// commitment replay's hourly spend, and lists kept in ledger order.
    struct Part {
        var replay: OwnedCommitmentReplay
        var covered = (onDemand: FixedDecimal.zero, effective: FixedDecimal.zero, negation: FixedDecimal.zero, uncovered: FixedDecimal.zero)
        var sawSubDailyHour = false
        var effectiveCost = FixedDecimal.zero
        var analyses: [ProvisionedConcurrencyAnalysis] = []
        var skipped: [ScenarioSkip] = []
        /// Each function's plan with its covered and eligible on-demand spend (the absorbed part follows covered usage).
        var functionPlans: [(function: FunctionIdentity, plan: FunctionPlan, covered: FixedDecimal, eligible: FixedDecimal)] = []
        var alternatives: [WaitingAlternatives] = []

        init(hours: Int) { replay = OwnedCommitmentReplay(hours: hours) }

        /// Adds a later part (its lists go after this one's; its analyses are handed on separately).
        mutating func add(_ later: Part) {
            replay.add(later.replay)
            covered.onDemand += later.covered.onDemand
            covered.effective += later.covered.effective
            covered.negation += later.covered.negation
            covered.uncovered += later.covered.uncovered
            sawSubDailyHour = sawSubDailyHour || later.sawSubDailyHour
            effectiveCost += later.effectiveCost
            skipped += later.skipped
            functionPlans += later.functionPlans
            alternatives += later.alternatives
        }
    }

    public let name = "scenarios"

    public init() {
        self.init(batchCells: 32_768, batchFunctions: 256)
    }

    /// A stage with other batch limits (tests: the result does not depend on them).
    init(batchCells: Int, batchFunctions: Int) {
        precondition(batchCells > 0 && batchFunctions > 0)
        self.batchCells = batchCells
        self.batchFunctions = batchFunctions
    }

    public func run(_ input: Input) throws -> Output {
        let month = input.ledger.month
        let hours = month.hourCount
        let firstHour = month.firstHour.hoursSinceEpoch
        // Each function's place in the list (a map of copies would hold the fleet twice).
        let places = Dictionary(input.functions.indices.map { (input.functions[$0].function, $0) }, uniquingKeysWith: { first, _ in first })
        func cost(of function: FunctionIdentity) -> FunctionCost? { places[function].map { input.functions[$0] } }
        let changes = Dictionary(grouping: input.opportunities, by: \.function)

        var provisioned = ChartedConcurrencySeries()
        // The stage's totals: each batch's part is added to them in ledger order (see ``Part``).
        var total = Part(hours: hours)

        /// One function's cells: what they add to the totals, its provisioned concurrency analysis and its plan.
        func analyze(_ function: FunctionIdentity, _ cells: UsageLedger.FunctionCells, weakestCharted: ProvisionedConcurrencyAnalysis?,
                     into part: inout Part) {
            var allocated = [FixedDecimal](repeating: .zero, count: hours)
            var usedProvisioned = allocated, onDemand = allocated
            var gbSecondsByArchitecture = [FixedDecimal?](repeating: nil, count: Architecture.allCases.count)
            var functionSawSubDailyHour = false
            // Paid on-demand cost per kind (by ordinal), and the eligible cells' hours, to spread the plan's
            // reductions over. The cells name their slice by its slot in the replay, looked up once per function.
            var paidByKind = [FixedDecimal?](repeating: nil, count: UsageKind.allCases.count)
            var eligibleCells = [[(hour: Int, slot: Int, onDemand: FixedDecimal)]](repeating: [], count: UsageKind.allCases.count)
            var slots = [Int](repeating: -1, count: Architecture.allCases.count * UsageKind.allCases.count)
            func slot(_ architecture: Architecture, _ kind: UsageKind) -> Int {
                let place = architecture.ordinal * UsageKind.allCases.count + kind.ordinal
                if slots[place] < 0 {
                    slots[place] = part.replay.slot(PriceCatalog.Key(region: function.region, architecture: architecture, charge: kind))
                }
                return slots[place]
            }
            var coverage = (covered: FixedDecimal.zero, eligible: FixedDecimal.zero)
            for (key, amounts) in cells {
                part.effectiveCost += amounts.effectiveCost
                if key.charge == .savingsPlanNegation { part.covered.negation += amounts.unblendedCost }
                guard key.charge.isUsage else { continue }
                let index = Int(key.hour.hoursSinceEpoch - firstHour)
                guard index >= 0 && index < hours else { continue }
                let coverable = Self.isCoverable(key.charge)
                if coverable {
                    paidByKind[key.kind.ordinal] = (paidByKind[key.kind.ordinal] ?? .zero) + max(amounts.onDemandCost, .zero)
                }
                guard Self.isEligible(key.kind) else { continue }
                if key.hour.hoursSinceEpoch % 24 != 0 {
                    part.sawSubDailyHour = true
                    functionSawSubDailyHour = true
                }
                if coverable {
                    let slot = slot(key.architecture, key.kind)
                    part.replay.addEligible(hour: index, slot: slot, onDemand: amounts.onDemandCost)
                    eligibleCells[key.kind.ordinal].append((index, slot, max(amounts.onDemandCost, .zero)))
                    coverage.eligible += max(amounts.onDemandCost, .zero)
                    if key.charge == .savingsPlanCoveredUsage {
                        coverage.covered += max(amounts.onDemandCost, .zero)
                        part.covered.onDemand += amounts.unblendedCost
                        part.covered.effective += amounts.effectiveCost
                        part.replay.cover(hour: index, slot: slot, onDemand: amounts.onDemandCost, effective: amounts.effectiveCost)
                    } else {
                        part.covered.uncovered += amounts.onDemandCost
                    }
                }
                switch key.kind {
                case .provisionedConcurrency: allocated[index] += amounts.quantity
                case .provisionedDuration: usedProvisioned[index] += amounts.quantity
                default: onDemand[index] += amounts.quantity
                }
                gbSecondsByArchitecture[key.architecture.ordinal] = (gbSecondsByArchitecture[key.architecture.ordinal] ?? .zero) + amounts.quantity
            }
            guard !function.isUnattributed else { return }
            let paid = Dictionary(uniqueKeysWithValues: UsageKind.allCases.compactMap { kind in paidByKind[kind.ordinal].map { (kind, $0) } })
            part.replay.addPaid(FixedDecimal.sum(paid.filter { !Self.eligibleKinds.contains($0.key) }.values))

            func provisionedConcurrency() -> ProvisionedConcurrencyAnalysis? {
                let used = Architecture.allCases.compactMap { architecture in gbSecondsByArchitecture[architecture.ordinal].map { (architecture, $0) } }
                guard let architecture = used.max(by: { ($0.1, $0.0) < ($1.1, $1.0) })?.0 else { return nil }
                let hasProvisioned = allocated.contains { $0 > .zero }
                guard let memoryMB = cost(of: function)?.metrics?.memoryMB, memoryMB > 0 else {
                    if hasProvisioned {
                        part.skipped.append(ScenarioSkip(scenario: Self.provisionedConcurrencyScenario, function: function,
                            reason: "needs memory_mb in the metrics to turn provisioned GB-seconds into a concurrency level"))
                    }
                    return nil
                }
                guard let rates = ProvisionedConcurrencyRates(catalog: input.catalog, region: function.region, architecture: architecture) else {
                    if hasProvisioned {
                        part.skipped.append(ScenarioSkip(scenario: Self.provisionedConcurrencyScenario, function: function,
                            reason: "the catalog has no provisioned concurrency price for \(function.region) \(architecture.rawValue)"))
                    }
                    return nil
                }
                let planner = ProvisionedConcurrencyPlanner(rates: rates, memoryMB: memoryMB)
                // A function billed only at midnight has daily rows: its day is spread over the hours (and the plan
                // says so) rather than planned as if all of it ran in the first hour.
                func series(_ values: [FixedDecimal]) -> HourlySeries {
                    functionSawSubDailyHour ? HourlySeries(hourly: values) : Self.spreadDaily(values)
                }
                if hasProvisioned {
                    let review = planner.review(
                        allocated: series(allocated), usedProvisioned: series(usedProvisioned), onDemand: series(onDemand))
                    return ProvisionedConcurrencyAnalysis(
                        function: function, architecture: architecture, memoryMB: memoryMB, rates: rates, review: review, plan: review.plan)
                }
                let analysis = ProvisionedConcurrencyAnalysis(
                    function: function, architecture: architecture, memoryMB: memoryMB, rates: rates, review: nil,
                    plan: planner.plan(usedGBSeconds: series(onDemand)))
                // Provisioned concurrency is one more thing to operate: propose it for an on-demand function
                // only when it saves a noticeable share of the function's duration cost.
                guard analysis.monthlySavings > .zero,
                    analysis.monthlySavings >= analysis.plan.allOnDemandCost * Self.minimumProvisionedConcurrencyShare
                else { return nil }
                return analysis
            }
            if input.waiting.contains(function), let cost = cost(of: function) {
                let hourly = zip(onDemand, usedProvisioned).map { $0 + $1 }
                let pricer = WaitingAlternativesPricer(catalog: input.catalog, settings: input.alternatives)
                if let priced = pricer.price(cost, gbSecondsPerHour: functionSawSubDailyHour ? hourly : Self.spreadDaily(hourly).values) {
                    part.alternatives.append(priced)
                }
            }
            var functionChanges = changes[function] ?? []
            if let analysis = provisionedConcurrency() {
                // A batch's analyses wait for their part to be added: the series of one that can no longer be
                // charted goes now (a batch of a fleet holds hundreds).
                part.analyses.append(ChartedConcurrencySeries.couldBeCharted(analysis, against: weakestCharted)
                    ? analysis : ChartedConcurrencySeries.withoutSeries(analysis))
                if analysis.monthlySavings > .zero { functionChanges.append(Self.opportunity(analysis, cost: cost(of: function))) }
            }
            guard !functionChanges.isEmpty else { return }
            let plan = FunctionPlan(functionChanges, costs: paid)
            part.functionPlans.append((function, plan, coverage.covered, coverage.eligible))
            for (kind, reduction) in plan.reductionByKind {
                guard Self.eligibleKinds.contains(kind) else {
                    part.replay.reducePaid(by: reduction)
                    continue
                }
                let cells = eligibleCells[kind.ordinal]
                for (cell, share) in zip(cells, reduction.allocated(proportionalTo: cells.map(\.onDemand))) {
                    part.replay.reduceEligible(hour: cell.hour, slot: cell.slot, by: share)
                }
            }
        }

        // The ledger is read one function at a time on this thread; each batch of functions is analyzed in parts on
        // every core, and the parts are added in ledger order, so the result is the same as one function after the
        // other. A batch holds a bounded number of cells and functions.
        var batch: [(function: FunctionIdentity, cells: UsageLedger.FunctionCells)] = []
        var batchCells = 0
        func analyzeBatch() throws {
            guard !batch.isEmpty else { return }
            let functions = batch
            let partCount = min(ParallelWork.width, functions.count)
            let parts = Locked([Part?](repeating: nil, count: partCount))
            let weakest = provisioned.weakestCharted
            try ParallelWork.forEach(partCount) { index in
                var part = Part(hours: hours)
                for position in stride(from: functions.count * index / partCount, to: functions.count * (index + 1) / partCount, by: 1) {
                    analyze(functions[position].function, functions[position].cells, weakestCharted: weakest, into: &part)
                }
                parts.withValue { $0[index] = part }
            }
            for part in parts.get() {
                guard let part else { continue }
                for analysis in part.analyses { provisioned.append(analysis) }
                total.add(part)
            }
            batch.removeAll(keepingCapacity: true)
            batchCells = 0
        }
        try input.ledger.forEachFunction { function, cells in
            // A copy of its own size: the walk's buffer keeps the capacity of the largest function so far, and every
            // function kept with it would too.
            batch.append((function, cells.withUnsafeBufferPointer { Array($0) }))
            batchCells += cells.count
            if batchCells >= self.batchCells || batch.count >= self.batchFunctions { try analyzeBatch() }
        }
        try analyzeBatch()
        let replay = total.replay
        let (covered, sawSubDailyHour, effectiveCost, skipped) = (total.covered, total.sawSubDailyHour, total.effectiveCost, total.skipped)
        var functionPlans = total.functionPlans
        let eligible = replay.eligibleTotal
        // Plan order: by function (the ledger's order of functions depends on how the input was read), then each
        // function's own order.
        functionPlans.sort { $0.function < $1.function }
        let steps = functionPlans.flatMap(\.plan.steps)
        let replayed = replay.outcome
        let absorbed = replayed.absorbed

        // A CUR at daily granularity has every row at midnight: spread each day evenly over its hours.
        // The Savings Plan is sized on the eligible spend the other changes leave.
        let after = replay.eligibleAfterTotal
        var series = HourlySeries(hourly: after)
        var notes: [String] = []
        if !sawSubDailyHour && eligible.contains(where: { $0 != .zero }) {
            series = Self.spreadDaily(after)
            notes.append("The input has daily rows only: each day's spend is spread evenly over its 24 hours, which hides peaks within the day, so the commitment and its utilization are less certain than with hourly data.")
        }
        if after != eligible {
            notes.append("The commitment is sized on the eligible spend left after the report's other proposed changes (Graviton, memory, region, provisioned concurrency: \(Format.usd(FixedDecimal.sum(eligible) - FixedDecimal.sum(after))) less than this month's \(Format.usd(FixedDecimal.sum(eligible)))), so that its saving adds to theirs.")
        }
        let optimizer = SavingsPlanOptimizer(series: series)
        var discounts: [SavingsPlanAnalysis.OfferDiscount] = []
        var options: [SavingsPlanCommitmentOption] = []
        var configured: [SavingsPlanCommitmentOption] = []
        for term in input.options.terms {
            for payment in input.options.paymentOptions {
                let discount = Self.discount(term: term, payment: payment, spend: replay.eligibleBySlice, catalog: input.catalog)
                discounts.append(discount)
                if input.options.commitmentMode == .inAddition || input.options.commitmentPerHour == nil {
                    options.append(optimizer.optimize(discount.offer))
                }
                if let commitment = input.options.commitmentPerHour {
                    configured.append(optimizer.evaluate(commitment: commitment, offer: discount.offer))
                }
                if discount.spendWithoutDiscount > .zero {
                    notes.append("\(Format.usd(discount.spendWithoutDiscount)) of eligible spend has no Savings Plan rate or discount in the catalog for \(term.rawValue) \(payment.rawValue): priced at no discount.")
                }
            }
        }
        let fees = input.savingsPlanFees
        var existing: ExistingSavingsPlanUsage?
        if covered.onDemand != .zero || fees.rows > 0 {
            existing = ExistingSavingsPlanUsage(
                coveredOnDemandCost: covered.onDemand, coveredEffectiveCost: covered.effective, negation: covered.negation,
                recurringFee: fees.recurringFee, amortizedUpfrontFee: fees.amortizedUpfrontCommitment, totalCommitment: fees.totalCommitment,
                uncoveredEligibleOnDemandCost: covered.uncovered,
                usedCommitment: fees.rows > 0 && fees.hasCommitmentColumns ? fees.usedCommitment : nil)
            notes.append("Plans already owned bill their commitment under the plan's own product (ComputeSavingsPlans); their utilization counts every service the plan covered, not only Lambda.")
        }
        let existingHourly = fees.totalCommitment.divided(by: FixedDecimal(hours))
        var analysis = SavingsPlanAnalysis(
            hourly: series, discounts: discounts, options: options, configured: configured, existing: existing, fees: fees,
            existingHourlyCommitment: existingHourly, ownedUnderBestOffer: nil, notes: notes)
        if existingHourly > .zero, let best = analysis.best {
            analysis.ownedUnderBestOffer = optimizer.evaluate(commitment: existingHourly, offer: best.offer)
        }

        var findings: [Finding] = []
        // The one optimum (the best offer's commitment on the spend left after the other changes) against the
        // commitment owned: a purchase saves what it adds to the owned commitment, both priced with the same
        // offer; without any owned, against paying on demand.
        let owned = existingHourly
        var purchase: Opportunity?
        if let best = analysis.best {
            let baseline = analysis.ownedUnderBestOffer ?? optimizer.evaluate(commitment: owned, offer: best.offer)
            let increment = best.monthlySavings - baseline.monthlySavings
            if best.hourlyCommitment > owned, increment > .zero {
                let confidence = discounts.first { $0.offer == best.offer }?.confidence ?? "estimate"
                purchase = Self.opportunity(best, baseline: owned > .zero ? baseline : nil, saving: increment, confidence: confidence,
                                            ownedKnown: analysis.knownHourlyCommitment != nil)
            }
        }
        if owned > .zero, purchase == nil, (analysis.best?.hourlyCommitment ?? .zero) < owned {
            let optimum = analysis.best?.hourlyCommitment ?? .zero
            // The money at risk is what the bill shows was lost; the model's figure when the bill lacks it.
            let lost = existing?.unusedCommitment ?? analysis.ownedUnderBestOffer?.unusedCommitment ?? .zero
            findings.append(Finding(
                kind: "savings-plan-overcommitted", function: Self.fleet, moneyAtRisk: lost,
                summary: "The commitment owned (\(Format.usdFine(existingHourly))/h) is above \(optimum > .zero ? "the \(Format.usdFine(optimum))/h that would save the most on" : "what") this month's Lambda usage\(optimum > .zero ? "" : " could use with a saving")\(after != eligible ? " after the proposed changes" : ""): \(Format.usd(lost)) of it went unused this month\(absorbed > .zero ? ", and the proposed changes would leave \(Format.usd(absorbed)) more of the usage it covers to nothing" : ""). Do not renew it at this level unless other compute services use the rest."))
        }

        // Each change's place in the plan. The commitment freed is shared in proportion to the covered usage each
        // change removes (its eligible reduction × its function's covered share); by eligible reduction alone when
        // the changes remove no covered usage.
        func eligibleReduction(_ step: FunctionPlan.Step) -> FixedDecimal {
            FixedDecimal.sum(step.reductionByKind.filter { Self.eligibleKinds.contains($0.key) }.values)
        }
        let eligibleParts = steps.map(eligibleReduction)
        let coveredParts = functionPlans.flatMap { entry in
            entry.plan.steps.map { step in
                entry.eligible > .zero ? eligibleReduction(step).multiplied(by: entry.covered, dividedBy: entry.eligible) : .zero
            }
        }
        let absorbedParts = absorbed.allocated(proportionalTo: coveredParts.contains { $0 > .zero } ? coveredParts : eligibleParts)
        var opportunities = steps.enumerated().map { index, step in
            var opportunity = step.opportunity
            opportunity.plan = PlannedSaving(order: index + 1, marginal: step.marginal, absorbedByOwnedCommitment: absorbedParts[index])
            return opportunity
        }
        let purchaseSaving = purchase?.monthlySavings ?? .zero
        if var purchase {
            purchase.plan = PlannedSaving(order: opportunities.count + 1, marginal: purchaseSaving, absorbedByOwnedCommitment: .zero)
            opportunities.append(purchase)
        }
        let plan = CombinedPlan(
            effectiveCostBefore: effectiveCost, modeledCostBefore: replayed.costBefore,
            modeledCostAfter: replayed.costAfter - purchaseSaving,
            functionChangesSaving: FixedDecimal.sum(steps.map(\.marginal)), absorbedByOwnedCommitment: absorbed,
            savingsPlanPurchaseSaving: purchaseSaving, ownedCommitmentEnds: fees.earliestEndDate,
            hoursWithUnusedCommitment: replayed.hoursWithUnusedCommitment)
        return Output(savingsPlans: analysis, provisionedConcurrency: provisioned.analyses.sorted { $0.function < $1.function },
                      opportunities: opportunities, plan: plan, findings: findings, skipped: skipped,
                      alternatives: total.alternatives)
    }

    /// How many provisioned-concurrency analyses the report charts hour by hour: those with the largest savings.
    public static let chartedConcurrencyCount = 10

    /// The functions of the analyses the report charts hour by hour (``chartedConcurrencyCount``, largest savings
    /// first, then by function).
    public static func chartedConcurrency(_ analyses: [ProvisionedConcurrencyAnalysis]) -> Set<FunctionIdentity> {
        Set(analyses.sorted(by: ChartedConcurrencySeries.chartedFirst).prefix(chartedConcurrencyCount).map(\.function))
    }

    /// Hourly values of a daily-granularity bill (each day's amount at its midnight) spread evenly over the
    /// day's hours, exactly; the series is marked as spread.
    static func spreadDaily(_ hourly: [FixedDecimal]) -> HourlySeries {
        HourlySeries(daily: stride(from: 0, to: hourly.count, by: 24).map { FixedDecimal.sum(hourly[$0..<min($0 + 24, hourly.count)]) })
    }

    /// The spend-weighted discount of one offer over the month's eligible spend by region, architecture and charge.
    static func discount(term: SavingsPlanRate.Term, payment: SavingsPlanRate.PaymentOption, spend: [PriceCatalog.Key: FixedDecimal],
                         catalog: PriceCatalog) -> SavingsPlanAnalysis.OfferDiscount {
        var weighted = FixedDecimal.zero
        var total = FixedDecimal.zero
        var exact = true
        var missing = FixedDecimal.zero
        for (key, amount) in spend.sorted(by: { $0.key < $1.key }) where amount > .zero {
            total += amount
            if let rate = catalog.savingsPlanRates.first(where: {
                $0.key.region == key.region && $0.key.architecture == key.architecture && $0.key.charge == key.charge
                    && $0.key.term == term && $0.key.paymentOption == payment
            })?.rate, let onDemand = catalog.listPrice(region: key.region, architecture: key.architecture, charge: key.charge), onDemand > .zero {
                weighted += amount * (FixedDecimal(1) - rate.divided(by: onDemand))
            } else if let percent = catalog.savingsPlanDiscounts.first(where: {
                ($0.key.region.isEmpty || $0.key.region == key.region) && ($0.key.architecture == nil || $0.key.architecture == key.architecture)
                    && $0.key.charge == key.charge && $0.key.term == term && $0.key.paymentOption == payment
            })?.discountPercent {
                weighted += amount * percent.divided(by: 100)
                exact = false
            } else {
                missing += amount
            }
        }
        let discount = total > .zero ? weighted.divided(by: total) : .zero
        return SavingsPlanAnalysis.OfferDiscount(
            offer: SavingsPlanOffer(term: term, paymentOption: payment, discount: discount),
            confidence: exact && missing == .zero ? "exact" : "estimate", spendWithoutDiscount: missing)
    }

    /// The opportunity of a plan: `saving` is against `baseline` (the commitment owned) when there is one.
    /// `ownedKnown`: whether the bill gives the commitment owned; without it the next month cannot tell a purchase.
    static func opportunity(_ option: SavingsPlanCommitmentOption, baseline: SavingsPlanCommitmentOption?, saving: FixedDecimal,
                            confidence: String, ownedKnown: Bool = true) -> Opportunity {
        let plan = "\(option.offer.term == .oneYear ? "1-year" : "3-year") \(option.offer.paymentOption.rawValue.replacingOccurrences(of: "_", with: " ")) Compute Savings Plan"
        let what: String
        if let baseline {
            what = "Raising the hourly commitment from the \(Format.usdFine(baseline.hourlyCommitment)) owned to \(Format.usdFine(option.hourlyCommitment)) (a \(plan) of \(Format.usdFine(option.hourlyCommitment - baseline.hourlyCommitment)) per hour more)"
        } else {
            what = "A \(plan) of \(Format.usdFine(option.hourlyCommitment)) per hour"
        }
        var inputs = [
            Opportunity.FormulaInput(name: "hourly commitment", value: "\(Format.usdFine(option.hourlyCommitment))/h"),
            Opportunity.FormulaInput(name: "discount (spend-weighted)", value: Format.percent(option.offer.discount)),
            Opportunity.FormulaInput(name: "eligible on-demand spend", value: Format.usd(option.eligibleOnDemandSpend)),
            Opportunity.FormulaInput(name: "utilization", value: Format.percent(option.utilization)),
            Opportunity.FormulaInput(name: "coverage", value: Format.percent(option.coverage)),
            Opportunity.FormulaInput(name: "hours", value: "\(option.hours)"),
        ]
        if option.upfrontPayment > .zero { inputs.append(.init(name: "upfront payment", value: Format.usd(option.upfrontPayment))) }
        if let months = option.breakEvenMonths { inputs.append(.init(name: "break-even", value: "\(months.formatted(places: 1)) months")) }
        let modeled: Opportunity.Confidence = option.isSpreadFromDaily || confidence != "exact" ? .heuristic : .modeled
        return Opportunity(
            scenario: savingsPlanScenario, function: fleet, monthlySavings: saving,
            currentMonthlyCost: baseline?.costWithPlan ?? option.eligibleOnDemandSpend, confidence: modeled,
            summary: "\(what) would have saved \(Format.usd(saving)) this month, at \(Format.percent(option.utilization)) utilization and \(Format.percent(option.coverage)) coverage of the \(Format.usd(option.eligibleOnDemandSpend)) eligible on-demand spend.",
            effort: "A purchase in the AWS console (Savings Plans); no code change.",
            risk: "A commitment for the whole term, used or not: if Lambda usage falls (Graviton, right-sizing, less traffic) the unused commitment is lost each hour. Sized on the usage the report's other changes leave: make them first.",
            inputs: inputs, actsOn: eligibleKinds,
            tracked: ownedKnown
                ? TrackedChange(measure: .savingsPlanCommitmentPerHour, now: baseline?.hourlyCommitment ?? .zero, target: option.hourlyCommitment)
                : nil)
    }

    static func opportunity(_ analysis: ProvisionedConcurrencyAnalysis, cost: FunctionCost?) -> Opportunity {
        let proposal = analysis.proposal
        let levelText = analysis.prefersSchedule
            ? "a schedule by UTC hour of day (levels \(proposal.levels.map(String.init).joined(separator: " ")))"
            : "a constant level of \(proposal.levels[0])"
        let summary: String
        if let review = analysis.review {
            summary = "\(analysis.function.name) uses \(Format.percent(review.utilization)) of its provisioned concurrency (break-even \(Format.percent(analysis.plan.breakEvenUtilization))); idle capacity cost \(Format.usd(review.idleCost)). \(proposal.levels.allSatisfy { $0 == 0 } ? "Running on demand" : "Changing to \(levelText)") would save \(Format.usd(analysis.monthlySavings)) a month."
        } else {
            summary = "\(analysis.function.name) has steady traffic (average concurrency up to \(analysis.plan.peakAverageConcurrency.formatted(places: 1)) in an hour): provisioned concurrency at \(levelText), with on-demand spill-over above it, would save \(Format.usd(analysis.monthlySavings)) a month and keep \(Format.percent(proposal.fullyCoveredShare)) of the busy hours free of cold starts."
        }
        return Opportunity(
            scenario: provisionedConcurrencyScenario, function: analysis.function, monthlySavings: analysis.monthlySavings,
            currentMonthlyCost: analysis.review?.currentCost ?? analysis.plan.allOnDemandCost,
            confidence: analysis.plan.isSpreadFromDaily ? .heuristic : .modeled, summary: summary,
            effort: analysis.prefersSchedule ? "Application Auto Scaling scheduled actions on an alias." : "Set provisioned concurrency on an alias.",
            risk: "Planned from hourly averages: bursts within an hour spill over to on-demand more than shown. Cold-start benefit is separate from the money.",
            inputs: [
                .init(name: "memory", value: "\(analysis.memoryMB) MB"),
                .init(name: "provisioned concurrency rate", value: Format.rate(analysis.rates.provisionedConcurrency, per: "GB-s")),
                .init(name: "provisioned duration rate", value: Format.rate(analysis.rates.provisionedDuration, per: "GB-s")),
                .init(name: "on-demand duration rate", value: Format.rate(analysis.rates.onDemandDuration, per: "GB-s")),
                .init(name: "break-even utilization", value: Format.percent(analysis.plan.breakEvenUtilization)),
                .init(name: "proposed monthly cost", value: Format.usd(proposal.monthlyCost)),
                .init(name: "function's billed cost", value: cost.map { Format.usd($0.unblendedCost) } ?? "–"),
            ], actsOn: eligibleKinds,
            tracked: TrackedChange(measure: .provisionedGBSecondsPerHour,
                now: (analysis.review?.allocatedGBSeconds ?? .zero).divided(by: FixedDecimal(max(analysis.plan.hours, 1))),
                target: proposal.provisionedGBSeconds.divided(by: FixedDecimal(max(analysis.plan.hours, 1)))))
    }
}
