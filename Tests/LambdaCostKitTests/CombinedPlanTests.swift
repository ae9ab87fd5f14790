import Testing
@testable import LambdaCostKit

/// The combined plan rebuilt by hand (docs/money-model.md walks through the same month).
@Suite struct CombinedPlanTests {
    typealias Fixture = CommitmentStageTests

    static func change(_ scenario: String, _ function: FunctionIdentity, saves: String, on kinds: Set<UsageKind>) -> Opportunity {
        Opportunity(scenario: scenario, function: function, monthlySavings: dec(saves), currentMonthlyCost: .zero, confidence: .modeled,
                    summary: "", effort: "", risk: "", inputs: [], actsOn: kinds)
    }

    /// Two functions, one owned plan, three hours of October:
    ///
    /// | hour  | A (duration)                         | B (duration, requests) |
    /// |-------|--------------------------------------|------------------------|
    /// | 01:00 | 10 on demand                         |                        |
    /// | 02:00 | 10 covered by the plan owned (8 paid) |                        |
    /// | 03:00 |                                      | 10, requests 2         |
    ///
    /// Effective cost before: 10 + 8 + 10 + 2 = 30. Changes: A memory saves 5 alone, A Graviton 4, B Graviton 2,
    /// B batching 1 (of its requests).
    ///
    /// - A, in order of saving alone: memory 5 (a quarter of its 20 of paid duration), then Graviton a fifth of the
    ///   15 left: 3. A's duration falls by 8, half in each of its hours: 01:00 10 → 6, 02:00 10 → 6.
    /// - B: Graviton 2 (a fifth of 10): 03:00 10 → 8; batching 1 of the requests (2 → 1).
    /// - The plan owned covered 10 at 02:00 and still costs 8 there; after the changes it has only 6 to cover, so
    ///   4 of A's savings free commitment instead of cash.
    /// - Modeled before: 8 (commitment) + 10 + 10 (on demand) + 2 (requests) = 30;
    ///   after: 8 + 6 + 8 + 1 = 23. Potential savings 7 = 5 + 3 + 2 + 1 − 4.
    /// - The 4 absorbed go to A's changes in proportion to the covered usage they remove (half of A's duration is
    ///   covered): memory 2.5 of 5, Graviton 1.5 of 3. Plan savings: 2.5, 1.5, 2, 1: they add up to 7.
    @Test func aSmallMonthRebuiltByHand() throws {
        let a = Fixture.identity("a"), b = Fixture.identity("b")
        var ledger = UsageLedger(month: Fixture.october)
        try ledger.add(Fixture.usage("600000", cost: "10"), at: .init(function: a, architecture: .x86_64, kind: .duration, charge: .usage, hour: Fixture.hour(1, 1)))
        try ledger.add(
            UsageLedger.Amounts(quantity: dec("600000"), unblendedCost: dec("10"), onDemandCost: dec("10"), effectiveCost: dec("8"), rows: 1),
            at: .init(function: a, architecture: .x86_64, kind: .duration, charge: .savingsPlanCoveredUsage, hour: Fixture.hour(1, 2)))
        try ledger.add(Fixture.usage("600000", cost: "10"), at: .init(function: b, architecture: .x86_64, kind: .duration, charge: .usage, hour: Fixture.hour(1, 3)))
        try ledger.add(Fixture.usage("10000000", cost: "2"), at: .init(function: b, architecture: .x86_64, kind: .requests, charge: .usage, hour: Fixture.hour(1, 3)))
        ledger.finishWriting()
        var fees = SavingsPlanFeeTotals()
        fees.rows = 744
        fees.recurringFee = dec("8")
        fees.totalCommitment = dec("8")
        fees.usedCommitment = dec("8")
        fees.earliestEndDate = "2027-03-31"
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Fixture.cost(a, memoryMB: nil), Fixture.cost(b, memoryMB: nil)], catalog: Fixture.catalog,
            savingsPlanFees: fees, options: SavingsPlanOptions(terms: [.oneYear], paymentOptions: [.noUpfront]),
            opportunities: [
                Self.change("graviton", a, saves: "4", on: [.duration]), Self.change("memory", a, saves: "5", on: [.duration]),
                Self.change("batching", b, saves: "1", on: [.requests]), Self.change("graviton", b, saves: "2", on: [.duration]),
            ]))
        let plan = output.plan
        #expect(plan.effectiveCostBefore == dec("30"))
        #expect(plan.modeledCostBefore == dec("30"))
        #expect(plan.modeledCostAfter == dec("23"))
        #expect(plan.savings == dec("7"))
        #expect(plan.effectiveCostAfter == dec("23"))
        #expect(plan.functionChangesSaving == dec("11"))
        #expect(plan.absorbedByOwnedCommitment == dec("4"))
        #expect(plan.hoursWithUnusedCommitment == 1)
        #expect(plan.ownedCommitmentEnds == "2027-03-31")
        #expect(plan.savingsPlanPurchaseSaving == .zero)

        let steps = output.opportunities.map { ($0.function.name, $0.scenario, $0.plan) }
        #expect(steps.map { "\($0.0) \($0.1)" } == ["a memory", "a graviton", "b graviton", "b batching"])
        #expect(steps.map { $0.2?.order } == [1, 2, 3, 4])
        #expect(steps.map { $0.2?.marginal } == [dec("5"), dec("3"), dec("2"), dec("1")])
        #expect(steps.map { $0.2?.absorbedByOwnedCommitment } == [dec("2.5"), dec("1.5"), .zero, .zero])
        #expect(steps.map { $0.2?.cash } == [dec("2.5"), dec("1.5"), dec("2"), dec("1")])
        #expect(Report.planSavings(output.opportunities) == plan.savings)

        // The Savings Plan is sized on what the changes leave: 6 + 6 + 8 of eligible spend, not 30.
        #expect(output.savingsPlans.hourly.total == dec("20"))
        // The plan owned is above what that could use: the finding says so, and what the changes would free.
        let finding = try #require(output.findings.first { $0.kind == "savings-plan-overcommitted" })
        #expect(finding.summary.contains("after the proposed changes"))
        #expect(finding.summary.contains("$4.00 more of the usage it covers"))
    }

    /// A steady $1 an hour of eu-west-1 duration for the whole month and a change that saves a fifth of it: the
    /// Savings Plan is sized on the $0.80 an hour left (CommitmentStageTests.steadySpendGetsTheCommitmentThatCoversEveryHour
    /// prices the same offer at $1: d = 0.118001763996472007055986). At $0.80 the full cover costs
    /// 0.8 × (1 − d) = 0.7055985888… an hour, between the $0.001 steps. The step above, 0.706, covers every hour
    /// and saves (0.8 − 0.706) × 744 = 69.936. The step below, 0.705, covers 0.705 ÷ (1 − d) = 0.7993213265… and
    /// leaves 0.0006786734… on demand: the hour costs 0.7056786734…, less than 0.706, so 0.705 wins and saves
    /// 744 × (0.705 ÷ (1 − d) − 0.705) = 70.17506693877… (at $1 the same comparison picks the step above).
    /// The headline adds the change (148.8 = 0.2 × 744) and the purchase, exactly before − after.
    @Test func thePurchaseIsSizedOnWhatTheOtherChangesLeave() throws {
        var ledger = UsageLedger(month: Fixture.october)
        let function = Fixture.identity("steady", region: "eu-west-1")
        for hour in 0..<744 {
            try ledger.add(Fixture.usage("60000", cost: "1"), at: .init(
                function: function, architecture: .x86_64, kind: .duration, charge: .usage,
                hour: UsageHour(hoursSinceEpoch: Fixture.october.firstHour.hoursSinceEpoch + Int32(hour))))
        }
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Fixture.cost(function, memoryMB: nil)], catalog: Fixture.catalog,
            options: SavingsPlanOptions(terms: [.threeYears], paymentOptions: [.noUpfront]),
            opportunities: [Self.change("graviton", function, saves: "148.8", on: [.duration])]))
        #expect(output.savingsPlans.hourly.total == dec("595.2"))
        let purchase = try #require(output.opportunities.first { $0.scenario == CommitmentStage.savingsPlanScenario })
        #expect(output.savingsPlans.best?.hourlyCommitment == dec("0.705"))
        #expect(purchase.monthlySavings.rounded(places: 11) == dec("70.17506693878"))
        #expect(purchase.plan == PlannedSaving(order: 2, marginal: purchase.monthlySavings, absorbedByOwnedCommitment: .zero))
        #expect(output.plan.savingsPlanPurchaseSaving == purchase.monthlySavings)
        #expect(output.plan.savings == dec("148.8") + purchase.monthlySavings)
        #expect(output.plan.modeledCostBefore == dec("744"))
        #expect(output.plan.modeledCostAfter == dec("744") - dec("148.8") - purchase.monthlySavings)
        #expect(Report.planSavings(output.opportunities) == output.plan.savings)
    }

    /// Freed commitment covers other usage, highest discount first. One hour: function X's $10 of us-east-1 x86
    /// duration is covered at $8 (rate 0.8), function Y's $10 of arm64 duration is on demand; Y's usage in another hour
    /// is covered at $9 for $10 (rate 0.9), so X's slice is covered first. Before: the $8 covers all of X; the hour
    /// costs 8 + 10 = 18 (and Y's covered hour 9): 27, the bill's effective cost.
    /// X's memory change halves its duration: X's $5 need $4 of commitment, the $4 left cover 4 ÷ 0.9 = 4.4…4 of Y.
    /// The hour costs 8 + (10 − 4.4…4) = 13.5…6: the change saves 4.4…4 in cash; 5 − 4.4…4 = 0.5…6 is absorbed
    /// (the freed dollars buy less on-demand spend on Y's lower discount).
    @Test func freedCommitmentCoversOtherUsageHighestDiscountFirst() throws {
        let x = Fixture.identity("x"), y = Fixture.identity("y")
        var ledger = UsageLedger(month: Fixture.october)
        func covered(_ cost: String, _ effective: String) -> UsageLedger.Amounts {
            UsageLedger.Amounts(quantity: dec("600000"), unblendedCost: dec(cost), onDemandCost: dec(cost), effectiveCost: dec(effective), rows: 1)
        }
        try ledger.add(covered("10", "8"), at: .init(function: x, architecture: .x86_64, kind: .duration, charge: .savingsPlanCoveredUsage, hour: Fixture.hour(1, 1)))
        try ledger.add(Fixture.usage("750000", cost: "10"), at: .init(function: y, architecture: .arm64, kind: .duration, charge: .usage, hour: Fixture.hour(1, 1)))
        try ledger.add(covered("10", "9"), at: .init(function: y, architecture: .arm64, kind: .duration, charge: .savingsPlanCoveredUsage, hour: Fixture.hour(1, 2)))
        ledger.finishWriting()
        let output = try CommitmentStage().run(.init(
            ledger: ledger, functions: [Fixture.cost(x, memoryMB: nil), Fixture.cost(y, memoryMB: nil)], catalog: Fixture.catalog,
            options: SavingsPlanOptions(terms: [.oneYear], paymentOptions: [.noUpfront]),
            opportunities: [Self.change("memory", x, saves: "5", on: [.duration])]))
        let plan = output.plan
        let freedCover = dec("4").divided(by: dec("0.9"))  // 4.444444444444444444444444
        #expect(plan.effectiveCostBefore == dec("27"))
        #expect(plan.modeledCostBefore == dec("27"))
        #expect(plan.modeledCostAfter == dec("8") + (dec("10") - freedCover) + dec("9"))
        #expect(plan.absorbedByOwnedCommitment == dec("10") - (dec("5") + freedCover))
        #expect(plan.savings == freedCover)
        #expect(Report.planSavings(output.opportunities) == plan.savings)
    }
}
