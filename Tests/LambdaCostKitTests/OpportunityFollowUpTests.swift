import Testing
@testable import LambdaCostKit

/// The follow-up of an earlier report's opportunities, with hand-checked statuses and realized savings.
@Suite struct OpportunityFollowUpTests {
    static let september = BillingMonth(year: 2026, month: 9)!
    static let october = BillingMonth(year: 2026, month: 10)!

    static func identity(_ name: String, region: String = "us-east-1") -> FunctionIdentity {
        FunctionIdentity(accountID: "004519876321", region: region, name: name)
    }

    /// A function of this month: its invocations, duration GB-s on each architecture, provisioned GB-s, cost at
    /// on-demand rates and configured memory.
    static func function(_ name: String, region: String = "us-east-1", requests: String, x86: String = "0", arm64: String = "0",
                         provisioned: String = "0", onDemand: String, memoryMB: Int? = nil) -> FunctionCost {
        var usage: [UsageSlice.Key: UsageSlice] = [:]
        for (architecture, quantity) in [(Architecture.x86_64, x86), (.arm64, arm64)] where dec(quantity) != .zero {
            usage[UsageSlice.Key(architecture, .duration)] = UsageSlice(quantity: dec(quantity))
        }
        if dec(provisioned) != .zero { usage[UsageSlice.Key(.x86_64, .provisionedConcurrency)] = UsageSlice(quantity: dec(provisioned)) }
        var metrics: FunctionMetrics?
        if let memoryMB {
            metrics = FunctionMetrics(function: identity(name, region: region))
            metrics?.memoryMB = memoryMB
        }
        return FunctionCost(
            function: identity(name, region: region), architectures: dec(arm64) != .zero ? [.arm64] : [.x86_64], requests: dec(requests),
            gbSeconds: dec(x86) + dec(arm64), provisionedGBSeconds: dec(provisioned), provisionedDurationGBSeconds: .zero,
            unblendedCost: dec(onDemand), effectiveCost: dec(onDemand), onDemandCost: dec(onDemand), freeTierValue: .zero,
            tags: [:], qualifiers: [], metrics: metrics, usage: usage)
    }

    static func earlier(_ scenario: String, _ name: String, saving: String, _ measure: TrackedChange.Measure?, _ now: String = "",
                        _ target: String = "", openSince: BillingMonth = september) -> PreviousReport.Opportunity {
        let function = name == "fleet" ? CommitmentStage.fleet : identity(name)
        return PreviousReport.Opportunity(
            scenario: scenario, function: function, monthlySavings: dec(saving),
            tracked: measure.map { TrackedChange(measure: $0, now: now, target: target) }, openSince: openSince)
    }

    static func previous(_ opportunities: [PreviousReport.Opportunity], functions: [String: (requests: String, gbSeconds: String, onDemand: String)],
                         savingsPlanNetSavings: FixedDecimal? = .zero) -> PreviousReport {
        PreviousReport(
            month: september, folder: "output/2026-09",
            costs: PreviousMonthCosts(month: september, source: "output/2026-09", functionCosts: [:], tags: [:]),
            functions: Dictionary(uniqueKeysWithValues: functions.map {
                (identity($0.key), PreviousReport.Function(requests: dec($0.value.requests), gbSeconds: dec($0.value.gbSeconds), onDemandCost: dec($0.value.onDemand)))
            }),
            opportunities: opportunities, hasFollowUpColumns: true, savingsPlanNetSavings: savingsPlanNetSavings)
    }

    @Test func eachEarlierOpportunityIsMeasuredAgainAndItsSavingRealized() {
        let previous = Self.previous([
            Self.earlier("graviton", "a", saving: "3", .arm64Share, "0", "1"),
            Self.earlier("memory", "a", saving: "1", .memoryMB, "1024", "512"),
            Self.earlier("graviton", "b", saving: "0.4", .arm64Share, "0", "1", openSince: BillingMonth(year: 2026, month: 7)!),
            Self.earlier("memory", "b", saving: "0.2", .memoryMB, "2048", "1024"),
            Self.earlier("graviton", "c", saving: "0.1", .arm64Share, "0", "1"),
            Self.earlier("provisioned_concurrency", "d", saving: "5", .provisionedGBSecondsPerHour, "100", "40"),
            Self.earlier("savings_plan", "fleet", saving: "4", .savingsPlanCommitmentPerHour, "0", "0.5"),
            Self.earlier("batching", "e", saving: "0.18", .gbSecondsPerRequest, "0.1", "1"),
        ], functions: [
            "a": ("1000000", "100000", "10"), "b": ("1000000", "50000", "2"), "c": ("100", "10", "1"),
            "d": ("1000", "500", "10"), "e": ("1000000", "100000", "1.86667"),
        ])
        let current = [
            // a: all on arm64 at 512 MB, 1.2 M invocations for $4: 10 × 1.2 − 4 = 8 realized, shared 3 : 1.
            Self.function("a", requests: "1200000", arm64: "60000", onDemand: "4", memoryMB: 512),
            // b: 40 % on arm64 (under half: open), no memory in the metrics (not checked).
            Self.function("b", requests: "1000000", x86: "30000", arm64: "20000", onDemand: "1.9"),
            // d: 29,760 GB-s over October's 744 hours = 40 GB-s an hour (the target): 10 × 1000 ÷ 1000 − 6 = 4.
            Self.function("d", requests: "1000", x86: "500", provisioned: "29760", onDemand: "6"),
            // e: batches of 10: 100,000 GB-s in 100,000 invocations, 1 GB-s each; per GB-s: 1.86667 × 1 − 1.68667 = 0.18.
            Self.function("e", requests: "100000", x86: "100000", onDemand: "1.68667"),
        ]
        let stillProposed = Opportunity(scenario: "graviton", function: Self.identity("b"), monthlySavings: dec("0.2"),
                                        currentMonthlyCost: dec("1"), confidence: .modeled, summary: "", effort: "", risk: "", inputs: [])
        let newOne = Opportunity(scenario: "memory", function: Self.identity("e"), monthlySavings: dec("0.1"),
                                 currentMonthlyCost: dec("1"), confidence: .modeled, summary: "", effort: "", risk: "", inputs: [])
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: current, opportunities: [stillProposed, newOne],
            savingsPlanCommitmentPerHour: dec("0.5"), savingsPlanNetSavings: dec("3")))

        #expect(followUp.outcomes.map(\.status) == [.actedOn, .actedOn, .open, .notChecked, .gone, .actedOn, .actedOn, .actedOn])
        #expect(followUp.outcomes.map(\.realizedSaving) == [dec("6"), dec("2"), nil, nil, nil, dec("4"), dec("3"), dec("0.18")])
        #expect(followUp.realizedSavings == dec("15.18"))
        #expect(followUp.outcomes[2].now == "0.4")
        #expect(followUp.outcomes[3].note == "this month's metrics give no memory_mb for the function")
        #expect(followUp.outcomes[5].now == "40")
        #expect(followUp.outcomes[2].proposedAgain && !followUp.outcomes[0].proposedAgain)
        // Still open: it keeps the month it was first proposed in; a new one starts this month.
        #expect(followUp.openSince[stillProposed.id] == BillingMonth(year: 2026, month: 7))
        #expect(followUp.openSince[newOne.id] == nil)
        #expect(stillProposed.id == "graviton/004519876321/us-east-1/b")
    }

    @Test func halfwayToTheTargetInItsDirection() {
        func reached(_ measure: TrackedChange.Measure, _ before: String, _ target: String, _ now: String) -> Bool {
            OpportunityFollowUp.reached(TrackedChange(measure: measure, now: before, target: target), now: dec(now))
        }
        #expect(reached(.arm64Share, "0", "1", "0.5") && !reached(.arm64Share, "0", "1", "0.49"))
        #expect(reached(.memoryMB, "1024", "512", "768") && !reached(.memoryMB, "1024", "512", "769"))
        #expect(reached(.memoryMB, "1024", "512", "256"))  // past the target
        #expect(!reached(.memoryMB, "1024", "512", "2048"))  // the other way
        #expect(reached(.memoryMB, "512", "1024", "768") && !reached(.memoryMB, "512", "1024", "767"))
        #expect(reached(.provisionedGBSecondsPerHour, "100", "40", "0"))  // removed altogether
        #expect(reached(.provisionedGBSecondsPerHour, "0", "40", "20") && !reached(.provisionedGBSecondsPerHour, "0", "40", "19.9"))
        #expect(reached(.savingsPlanCommitmentPerHour, "1", "2", "1.5") && !reached(.savingsPlanCommitmentPerHour, "1", "2", "1.4"))
        // Batching 10: halfway in saving terms is 2 × 10 ÷ 11 = 1.8181… events an invocation.
        #expect(!reached(.gbSecondsPerRequest, "0.1", "1", "0.18") && reached(.gbSecondsPerRequest, "0.1", "1", "0.19"))
        #expect(!reached(.arm64Share, "1", "1", "1"))  // nothing to move
    }

    @Test func aRegionMoveIsMeasuredWhereTheFunctionRunsNow() {
        let previous = Self.previous([
            Self.earlier("region", "mover", saving: "2", .region, "us-east-1", "us-east-2"),
            Self.earlier("region", "stayer", saving: "1", .region, "us-east-1", "us-east-2"),
            Self.earlier("region", "leaver", saving: "1", .region, "us-east-1", "us-east-2"),
        ], functions: ["mover": ("1000", "10", "10"), "stayer": ("1000", "10", "5"), "leaver": ("10", "1", "1")])
        let current = [
            Self.function("mover", region: "us-east-2", requests: "2000", x86: "20", onDemand: "18"),
            Self.function("stayer", requests: "1000", x86: "10", onDemand: "5"),
        ]
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: current, opportunities: [], savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes.map(\.status) == [.actedOn, .open, .gone])
        #expect(followUp.outcomes[0].now == "us-east-2")
        // 10 per 1,000 invocations then, 2,000 now for 18: 20 − 18 = 2.
        #expect(followUp.outcomes[0].realizedSaving == dec("2"))
    }

    @Test func anOlderReportWithoutMeasuresIsNotChecked() {
        var previous = Self.previous([Self.earlier("graviton", "a", saving: "3", nil)], functions: [:], savingsPlanNetSavings: nil)
        previous.hasFollowUpColumns = false
        previous.functions = nil
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: [Self.function("a", requests: "1", arm64: "1", onDemand: "1")], opportunities: [],
            savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes.map(\.status) == [.notChecked])
        #expect(followUp.outcomes[0].note == "the earlier report was made before opportunities carried a measure to follow up")
        #expect(followUp.realizedSavings == .zero)
    }

    @Test func aTinyVolumeThenFallsBackToThePlainDifferenceInsteadOfOverflowing() {
        // 100,000 then for a millionth of an invocation, scaled to a billion invocations, would pass any bound.
        let previous = Self.previous([Self.earlier("graviton", "a", saving: "1", .arm64Share, "0", "1")],
                                     functions: ["a": ("0.000001", "1", "100000")])
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: [Self.function("a", requests: "1000000000", arm64: "10", onDemand: "40")], opportunities: [],
            savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes[0].status == .actedOn)
        #expect(followUp.outcomes[0].realizedSaving == dec("99960"))
        #expect(followUp.outcomes[0].note.hasSuffix("(the invocations then too few to scale by)"))
    }

    @Test func threeChangesShareAFunctionsSavingExactly() {
        // 10 realized, shared 1 : 1 : 1: 3.33…3 (24 places) twice, and the remainder 3.33…4.
        let previous = Self.previous([
            Self.earlier("graviton", "a", saving: "1", .arm64Share, "0", "1"),
            Self.earlier("memory", "a", saving: "1", .memoryMB, "1024", "512"),
            Self.earlier("provisioned_concurrency", "a", saving: "1", .provisionedGBSecondsPerHour, "10", "0"),
        ], functions: ["a": ("1000", "100", "30")])
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: [Self.function("a", requests: "1000", arm64: "50", onDemand: "20", memoryMB: 512)],
            opportunities: [], savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes.map(\.status) == [.actedOn, .actedOn, .actedOn])
        let third = dec("3.333333333333333333333333")
        #expect(followUp.outcomes.map(\.realizedSaving) == [third, third, dec("10") - third - third])
        #expect(followUp.realizedSavings == dec("10"))
    }

    @Test func aMoveIntoARegionTheFunctionAlreadyRanInCountsOnlyWhatMoved() {
        // The function ran in us-east-2 already (1,000 invocations); now 1,500 there and 1,000 left in us-east-1:
        // 500 moved, less than what stayed.
        let previous = Self.previous([Self.earlier("region", "both", saving: "1", .region, "us-east-1", "us-east-2")],
                                     functions: ["both": ("1000", "10", "10")])
        var withTarget = previous
        withTarget.functions?[Self.identity("both", region: "us-east-2")] = PreviousReport.Function(requests: dec("1000"), gbSeconds: dec("10"), onDemandCost: dec("9"))
        let current = [Self.function("both", requests: "1000", x86: "10", onDemand: "10"),
                       Self.function("both", region: "us-east-2", requests: "1500", x86: "15", onDemand: "13.5")]
        let followUp = OpportunityFollowUp(previous: withTarget, current: .init(
            month: Self.october, functions: current, opportunities: [], savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes[0].status == .open && followUp.outcomes[0].note == "most invocations still in us-east-1")
        #expect(followUp.outcomes[0].now == "us-east-1+us-east-2")
    }

    @Test func aMovedFunctionsOtherChangesAreFollowedUpWhereItRunsNow() {
        // Moved to us-east-2 and to arm64 there: both acted on, measured over both regions and shared 2 : 1.
        // Then 19 for 1,000 invocations (both regions); now 12 for 1,000: 7 realized.
        let previous = Self.previous([
            Self.earlier("region", "mover", saving: "2", .region, "us-east-1", "us-east-2"),
            Self.earlier("graviton", "mover", saving: "1", .arm64Share, "0", "1"),
        ], functions: ["mover": ("1000", "10", "19")])
        let followUp = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: [Self.function("mover", region: "us-east-2", requests: "1000", arm64: "10", onDemand: "12")],
            opportunities: [], savingsPlanCommitmentPerHour: .zero, savingsPlanNetSavings: .zero))
        #expect(followUp.outcomes.map(\.status) == [.actedOn, .actedOn])
        #expect(followUp.outcomes[1].note.contains("(in us-east-2, where the function moved)"))
        let twoThirds = dec("7").multiplied(by: dec("2"), dividedBy: dec("3"))
        #expect(followUp.outcomes.map(\.realizedSaving) == [twoThirds, dec("7") - twoThirds])
    }

    @Test func commitmentsAndMeasuresThatCannotBeToldAreNotChecked() {
        let previous = Self.previous([
            Self.earlier("savings_plan", "fleet", saving: "4", .savingsPlanCommitmentPerHour, "0", "0.5"),
            Self.earlier("provisioned_concurrency", "d", saving: "1", .provisionedGBSecondsPerHour, "40", "40"),
        ], functions: ["d": ("1000", "500", "10")], savingsPlanNetSavings: nil)
        let current = [Self.function("d", requests: "1000", x86: "500", provisioned: "29760", onDemand: "9")]
        // The commitment owned is unknown this month (plans in use, no fee rows).
        let unknown = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: current, opportunities: [], savingsPlanCommitmentPerHour: nil, savingsPlanNetSavings: .zero))
        #expect(unknown.outcomes.map(\.status) == [.notChecked, .notChecked])
        #expect(unknown.outcomes[1].note.hasPrefix("the change keeps its measure where it was"))
        // Known and bought, but the earlier kpis.json lacks the net savings: acted on, its saving not measured.
        let bought = OpportunityFollowUp(previous: previous, current: .init(
            month: Self.october, functions: current, opportunities: [], savingsPlanCommitmentPerHour: dec("0.5"), savingsPlanNetSavings: dec("3")))
        #expect(bought.outcomes[0].status == .actedOn && bought.outcomes[0].realizedSaving == nil)
        #expect(bought.outcomes[0].note.hasSuffix("realized saving not measured: the earlier report's kpis.json lacks the plans' net savings"))
    }
}
