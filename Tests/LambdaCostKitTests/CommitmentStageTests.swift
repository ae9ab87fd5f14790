import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The Savings Plans / provisioned concurrency stage on small hand-made ledgers, and the plans owned in the
/// sample month reconciled with its Savings Plans line items.
@Suite struct CommitmentStageTests {
    static let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)
    static let october = BillingMonth(year: 2026, month: 10)!

    static func identity(_ name: String, region: String = "us-east-1") -> FunctionIdentity {
        FunctionIdentity(accountID: "004519876321", region: region, name: name)
    }

    static func hour(_ day: Int, _ hour: Int) -> UsageHour { UsageHour(year: 2026, month: 10, day: day, hour: hour) }

    static func usage(_ quantity: String, cost: String) -> UsageLedger.Amounts {
        let cost = dec(cost)
        return UsageLedger.Amounts(quantity: dec(quantity), unblendedCost: cost, onDemandCost: cost, effectiveCost: cost, rows: 1)
    }

    static func cost(_ function: FunctionIdentity, memoryMB: Int?) -> FunctionCost {
        var metrics: FunctionMetrics?
        if let memoryMB {
            metrics = FunctionMetrics(function: function)
            metrics?.memoryMB = memoryMB
        }
        return FunctionCost(
            function: function, architectures: [.x86_64], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero, onDemandCost: .zero,
            freeTierValue: .zero, tags: [:], qualifiers: [], metrics: metrics, powerTuning: nil, computeOptimizer: nil,
            usage: [:], catalog: nil)
    }

    @Test func theDiscountIsWeightedBySpendAndMarkedAsAnEstimateWhenAPercentageStandsIn() throws {
        // $100 of x86 duration in eu-west-1, where the catalog has the offer-file rate for 1 year all upfront
        // (0.0000138 against 0.0000166667 on demand), and $100 in us-east-1, where only the published 17 %
        // discount is known. 0.0000138 ÷ 0.0000166667 = 0.827998344003311993376013|2… (24 places), so
        // d(eu) = 0.172001655996688006623987; (100 × d(eu) + 100 × 0.17) ÷ 200 = 0.171000827998344003311993|5,
        // rounded half away from zero to 24 places: 0.171000827998344003311994.
        var ledger = UsageLedger(month: Self.october)
        let eu = Self.identity("eu-fn", region: "eu-west-1"), us = Self.identity("us-fn")
        try ledger.add(Self.usage("6000000", cost: "100"), at: .init(function: eu, architecture: .x86_64, kind: .duration, charge: .usage, hour: Self.hour(1, 1)))
        try ledger.add(Self.usage("6000000", cost: "100"), at: .init(function: us, architecture: .x86_64, kind: .duration, charge: .usage, hour: Self.hour(1, 2)))
        // Requests are never eligible.
        try ledger.add(Self.usage("1000000", cost: "0.2"), at: .init(function: us, architecture: .x86_64, kind: .requests, charge: .usage, hour: Self.hour(1, 2)))
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Self.cost(eu, memoryMB: nil), Self.cost(us, memoryMB: nil)], catalog: Self.catalog,
            options: SavingsPlanOptions(terms: [.oneYear], paymentOptions: [.allUpfront])))
        let discount = try #require(output.savingsPlans.discounts.first)
        #expect(discount.offer.discount == dec("0.171000827998344003311994"))
        #expect(discount.confidence == "estimate")
        #expect(output.savingsPlans.hourly.total == dec("200"))
        #expect(output.savingsPlans.hourly.count == 744)
        #expect(output.savingsPlans.hourly.values[1] == dec("100") && output.savingsPlans.hourly.values[2] == dec("100"))
        #expect(!output.savingsPlans.hourly.isSpreadFromDaily)
        // Two busy hours out of 744: no commitment pays, so nothing is proposed and nothing is owned.
        #expect(output.savingsPlans.options.map(\.hourlyCommitment) == [.zero])
        #expect(output.opportunities.isEmpty && output.findings.isEmpty)
        #expect(output.savingsPlans.existing == nil)
    }

    @Test func steadySpendGetsTheCommitmentThatCoversEveryHour() throws {
        // $1 of eu-west-1 x86 duration every hour, 3 years no upfront (offer-file rate 0.0000147, exact):
        // 0.0000147 ÷ 0.0000166667 = 0.881998236003527992944014 (24 places), d = 0.118001763996472007055986.
        // A flat series is best covered in full: C = 1 × (1 − d) = 0.881998…, between the $0.001 steps 0.881
        // and 0.882. At 0.881 an hour costs 0.881 + (1 − 0.881 ÷ (1 − d)) = 1.012131789…, a saving of 87.694 over
        // 744 hours; at 0.882 the hour is fully covered (0.882 ÷ (1 − d) = 1.000002 ≥ 1) and costs 0.882, a saving
        // of (1 − 0.882) × 744 = 87.792 exactly: the step above wins.
        var ledger = UsageLedger(month: Self.october)
        let function = Self.identity("steady", region: "eu-west-1")
        for hour in 0..<744 {
            try ledger.add(Self.usage("60000", cost: "1"), at: .init(
                function: function, architecture: .x86_64, kind: .duration, charge: .usage,
                hour: UsageHour(hoursSinceEpoch: Self.october.firstHour.hoursSinceEpoch + Int32(hour))))
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Self.cost(function, memoryMB: nil)], catalog: Self.catalog,
            options: SavingsPlanOptions(terms: [.threeYears], paymentOptions: [.noUpfront])))
        let discount = try #require(output.savingsPlans.discounts.first)
        #expect(discount.confidence == "exact")
        #expect(discount.offer.discount == dec("0.118001763996472007055986"))
        let option = try #require(output.savingsPlans.options.first)
        #expect(option.hourlyCommitment == dec("0.882"))
        #expect(option.monthlySavings == dec("87.792"))
        #expect(option.utilization! < FixedDecimal(1) && option.coverage == FixedDecimal(1))
        let opportunity = try #require(output.opportunities.first)
        #expect(opportunity.scenario == "savings_plan" && opportunity.monthlySavings == option.monthlySavings)
    }

    @Test func aDailyReportIsSpreadOverTheHoursWithLowerConfidence() throws {
        // $24 of duration on each day of October, every row at midnight (a daily-granularity CUR): each hour
        // gets exactly $1, the series says it was spread, and the Savings Plan proposal is only a heuristic.
        var ledger = UsageLedger(month: Self.october)
        let function = Self.identity("daily", region: "eu-west-1")
        for day in 1...31 {
            try ledger.add(Self.usage("1440000", cost: "24"), at: .init(function: function, architecture: .x86_64, kind: .duration, charge: .usage, hour: Self.hour(day, 0)))
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Self.cost(function, memoryMB: nil)], catalog: Self.catalog,
            options: SavingsPlanOptions(terms: [.threeYears], paymentOptions: [.noUpfront])))
        #expect(output.savingsPlans.hourly.isSpreadFromDaily)
        #expect(output.savingsPlans.hourly.values == Array(repeating: FixedDecimal(1), count: 744))
        #expect(output.savingsPlans.notes.contains { $0.hasPrefix("The input has daily rows only") })
        // The same flat $1 an hour as above: 0.882 per hour, 87.792 saved, but heuristic.
        #expect(output.savingsPlans.options.first?.monthlySavings == dec("87.792"))
        #expect(output.opportunities.first?.confidence == .heuristic)
    }

    @Test func provisionedConcurrencyNeedsTheMemorySize() throws {
        var ledger = UsageLedger(month: Self.october)
        let known = Self.identity("with-memory"), unknown = Self.identity("without-memory")
        for function in [known, unknown] {
            for hour in 0..<744 {
                let at = UsageHour(hoursSinceEpoch: Self.october.firstHour.hoursSinceEpoch + Int32(hour))
                // 1 GB × 3,600 s allocated each hour (one instance of 1,024 MB), a quarter of it used.
                try ledger.add(Self.usage("3600", cost: "0.01500012"), at: .init(function: function, architecture: .x86_64, kind: .provisionedConcurrency, charge: .usage, hour: at))
                try ledger.add(Self.usage("900", cost: "0.00874998"), at: .init(function: function, architecture: .x86_64, kind: .provisionedDuration, charge: .usage, hour: at))
            }
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Self.cost(known, memoryMB: 1024), Self.cost(unknown, memoryMB: nil)], catalog: Self.catalog))
        #expect(output.skipped.map(\.function) == [unknown])
        #expect(output.skipped.first?.reason.contains("memory_mb") == true)
        let analysis = try #require(output.provisionedConcurrency.first)
        #expect(analysis.function == known)
        let review = try #require(analysis.review)
        #expect(review.utilization == dec("0.25"))  // 900 ÷ 3,600
        // Break-even in us-east-1 x86: 0.0000041667 ÷ (0.0000166667 − 0.0000097222) = 0.6 exactly.
        #expect(analysis.plan.breakEvenUtilization == dec("0.6"))
        // 25 % < 60 %: running on demand is cheaper. Today: 744 × (3,600 × 0.0000041667 + 900 × 0.0000097222);
        // on demand: 744 × 900 × 0.0000166667; the saving is the difference.
        let today = FixedDecimal(744) * (dec("3600") * dec("0.0000041667") + dec("900") * dec("0.0000097222"))
        let onDemand = FixedDecimal(744) * dec("900") * dec("0.0000166667")
        #expect(review.currentCost == today)
        #expect(analysis.proposal.levels.allSatisfy { $0 == 0 })
        #expect(analysis.monthlySavings == today - onDemand)
        #expect(output.opportunities.contains { $0.scenario == "provisioned_concurrency" && $0.function == known })
    }

    /// The ledger is analyzed in batches split over the cores; the result is the same for any batch size, down
    /// to one function at a time.
    @Test func batchesAndPartsGiveTheSameResultAsOneFunctionAtATime() throws {
        let ingest = try IngestStage().run(.init(curFiles: [RepositoryPaths.sample + "/cur-2026-10.csv.gz"], regions: Self.catalog.regionTable))
        let costs = try FunctionCostStage().run(ingest)
        let metrics = costs.functions.map { cost in
            var cost = cost
            if cost.metrics == nil { cost = Self.cost(cost.function, memoryMB: 1024) }
            return cost
        }
        func run(_ stage: CommitmentStage) throws -> CommitmentStage.Output {
            try stage.run(.init(ledger: ingest.ledger, functions: metrics, catalog: Self.catalog, savingsPlanFees: ingest.savingsPlanFees))
        }
        func summary(_ output: CommitmentStage.Output) -> [String] {
            output.opportunities.map { "\($0.id) \($0.monthlySavings) \($0.plan.map { "\($0)" } ?? "-")" }
                + output.provisionedConcurrency.map { "\($0.function) \($0.monthlySavings) \($0.plan.averageConcurrency.count)" }
                + output.savingsPlans.options.map { "\($0.offer) \($0.hourlyCommitment) \($0.monthlySavings)" }
                + output.savingsPlans.hourly.values.map { "\($0)" }
                + output.skipped.map { "\($0.function) \($0.reason)" }
        }
        let serial = try run(CommitmentStage(batchCells: 1, batchFunctions: 1))
        #expect(serial.provisionedConcurrency.count >= 2)
        #expect(serial.opportunities.count >= 2)
        for stage in [CommitmentStage(), CommitmentStage(batchCells: 100, batchFunctions: 3), CommitmentStage(batchCells: 1_000_000, batchFunctions: 2)] {
            let output = try run(stage)
            #expect(summary(output) == summary(serial))
            #expect(output.plan == serial.plan)
            #expect(output.findings == serial.findings)
        }
    }

    /// Acceptance: the plans owned in the sample reconcile with its Savings Plans line items.
    @Test func theSampleMonthsPlansReconcileWithTheirLineItems() throws {
        let ingest = try IngestStage().run(.init(curFiles: [RepositoryPaths.sample + "/cur-2026-10.csv.gz"], regions: Self.catalog.regionTable))
        let costs = try FunctionCostStage().run(ingest)
        let output = try CommitmentStage().run(.init(
            ledger: ingest.ledger, functions: costs.functions, catalog: Self.catalog, savingsPlanFees: ingest.savingsPlanFees))
        let existing = try #require(output.savingsPlans.existing)
        // Sums taken straight from the ledger's Savings Plans cells and the fee rows.
        var covered = FixedDecimal.zero, coveredEffective = FixedDecimal.zero, negation = FixedDecimal.zero
        ingest.ledger.forEachCell { key, amounts in
            if key.charge == .savingsPlanCoveredUsage {
                covered += amounts.unblendedCost
                coveredEffective += amounts.effectiveCost
            }
            if key.charge == .savingsPlanNegation { negation += amounts.unblendedCost }
        }
        #expect(existing.coveredOnDemandCost == covered && covered > .zero)
        #expect(existing.coveredEffectiveCost == coveredEffective)
        #expect(existing.negationGap == .zero)  // every covered dollar is negated
        #expect(covered + negation == .zero)
        #expect(ingest.savingsPlanFees.rows == 744)  // one recurring fee row per hour
        #expect(existing.totalCommitment == ingest.savingsPlanFees.totalCommitment)
        #expect(existing.commitmentGap == .zero)  // recurring fees = total commitment (No Upfront)
        // The plan covers only Lambda in the sample, so the commitment it used is the covered usage at plan rates.
        #expect(existing.usedCommitment == coveredEffective)
        #expect(existing.unusedCommitment == existing.totalCommitment - coveredEffective)
    }
}

/// Which fee rows are the commitment that can cover Lambda, and daily rows for provisioned concurrency.
@Suite struct CommitmentInputTests {
    static let header = "identity/LineItemId,identity/TimeInterval,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/UnblendedCost,savingsPlan/OfferingType,savingsPlan/TotalCommitmentToDate,savingsPlan/UsedCommitment\n"

    static func fee(_ id: Int, product: String, offering: String, total: String, used: String) -> String {
        "f\(id),2026-10-01T0\(id):00:00Z/2026-10-01T0\(id + 1):00:00Z,004519876321,2026-10-01T00:00:00Z,004519876321,SavingsPlanRecurringFee,2026-10-01T0\(id):00:00Z,\(product),ComputeSP:1yrNoUpfront,arn:aws:savingsplans::004519876321:savingsplan/x,1,\(total),\(offering),\(total),\(used)\n"
    }

    @Test func onlyComputePlansAreTheLambdaCommitment() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        let text = Self.header
            + Self.fee(1, product: "ComputeSavingsPlans", offering: "ComputeSavingsPlans", total: "2", used: "1.5")
            + Self.fee(2, product: "ComputeSavingsPlans", offering: "EC2InstanceSavingsPlans", total: "5", used: "5")  // not Lambda's
            + Self.fee(3, product: "AmazonSageMaker", offering: "SageMakerSavingsPlans", total: "7", used: "7")  // not Lambda's
            + Self.fee(4, product: "ComputeSavingsPlans", offering: "ComputeSavingsPlans", total: "3", used: "")  // used unknown
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try IngestStage().run(.init(curFiles: [path]))
        // Compute plans only: 2 + 3 of commitment, 1.5 known used; the fourth row lacks the used part.
        #expect(result.savingsPlanFees.rows == 2)
        #expect(result.savingsPlanFees.totalCommitment == dec("5"))
        #expect(result.savingsPlanFees.usedCommitment == dec("1.5"))
        #expect(!result.savingsPlanFees.hasCommitmentColumns)
        // Every fee row is still another service's cost in the reconciliation: 2 + 5 + 7 + 3.
        #expect(result.totals.otherServices == dec("17") && result.totals.reconciles)
    }

    @Test func dailyRowsAreSpreadBeforeProvisionedConcurrencyIsPlanned() throws {
        // 24 × 3,600 GB-s a day of a 1,024 MB function at midnight rows: one instance busy all day. Spread, every
        // hour holds 3,600 GB-s (average concurrency 1); unspread, midnight would hold 24 and the rest 0.
        var ledger = UsageLedger(month: CommitmentStageTests.october)
        let function = CommitmentStageTests.identity("daily-busy")
        for day in 1...31 {
            try ledger.add(CommitmentStageTests.usage("86400", cost: "1.4400028"), at: .init(
                function: function, architecture: .x86_64, kind: .duration, charge: .usage, hour: CommitmentStageTests.hour(day, 0)))
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [CommitmentStageTests.cost(function, memoryMB: 1024)], catalog: CommitmentStageTests.catalog))
        let analysis = try #require(output.provisionedConcurrency.first)
        #expect(analysis.plan.isSpreadFromDaily)
        #expect(analysis.plan.averageConcurrency.allSatisfy { $0 == FixedDecimal(1) })
        #expect(analysis.proposal.levels.allSatisfy { $0 == 1 })  // fully used: above the 60 % break-even every hour
        #expect(output.opportunities.first { $0.scenario == "provisioned_concurrency" }?.confidence == .heuristic)
    }

    /// Only the ten analyses with the largest savings keep their hourly average concurrency (the report charts
    /// those); the others keep their plan and proposal without the month of hourly values. The series are dropped
    /// as the analyses are made, whichever order the ledger holds the functions in.
    @Test(arguments: [false, true]) func onlyTheChartedAnalysesKeepTheirHourlySeries(largestFirst: Bool) throws {
        var ledger = UsageLedger(month: CommitmentStageTests.october)
        // Twelve functions busy all day at 1 to 12 instances: the larger, the larger the saving.
        let functions = (1...12).map { CommitmentStageTests.identity("busy-\($0)") }
        let inLedgerOrder = Array(functions.enumerated())
        for (index, function) in largestFirst ? inLedgerOrder.reversed() : inLedgerOrder {
            let gbSeconds = 86_400 * (index + 1)
            for day in 1...31 {
                try ledger.add(CommitmentStageTests.usage("\(gbSeconds)", cost: "\(FixedDecimal(gbSeconds) * FixedDecimal(parsing: "0.0000166667")!)"),
                               at: .init(function: function, architecture: .x86_64, kind: .duration, charge: .usage,
                                         hour: CommitmentStageTests.hour(day, 0)))
            }
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: functions.map { CommitmentStageTests.cost($0, memoryMB: 1024) }, catalog: CommitmentStageTests.catalog))
        #expect(output.provisionedConcurrency.count == 12)
        let kept = output.provisionedConcurrency.filter { !$0.plan.averageConcurrency.isEmpty }
        #expect(kept.count == CommitmentStage.chartedConcurrencyCount)
        #expect(Set(kept.map(\.function)) == CommitmentStage.chartedConcurrency(output.provisionedConcurrency))
        #expect(Set(kept.map(\.function)) == Set(functions.suffix(10)))
        #expect(kept.allSatisfy { $0.plan.averageConcurrency.count == 31 * 24 })
        // The others keep what the tables show.
        #expect(output.provisionedConcurrency.allSatisfy { $0.plan.peakAverageConcurrency > .zero && !$0.proposal.levels.isEmpty })
    }
}
