import Testing
@testable import LambdaCostKit

/// Month over month and budgets with hand-checked amounts.
@Suite struct MonthOverMonthTests {
    static func identity(_ name: String) -> FunctionIdentity { FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: name) }

    static func cost(_ name: String, _ amount: String, team: String?) -> FunctionCost {
        FunctionCost(
            function: identity(name), architectures: [.x86_64], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: dec(amount), effectiveCost: dec(amount), onDemandCost: dec(amount),
            freeTierValue: .zero, tags: team.map { ["squad": $0] } ?? [:], qualifiers: [], metrics: nil, powerTuning: nil,
            computeOptimizer: nil, usage: [:], catalog: nil)
    }

    @Test func changesPerFunctionTeamAndScenario() {
        // Before: a 10 (payments), b 5 (payments), c 2 (search). Now: a 12, b 5, d 3 (search), e 1 (no tag).
        let previous = PreviousMonthCosts(
            month: BillingMonth(year: 2026, month: 9)!, source: "output/2026-09",
            functionCosts: [Self.identity("a"): dec("10"), Self.identity("b"): dec("5"), Self.identity("c"): dec("2")],
            tags: [Self.identity("a"): ["squad": "payments"], Self.identity("b"): ["squad": "payments"], Self.identity("c"): ["squad": "search"]],
            savingsByScenario: ["graviton": dec("4"), "memory": dec("1.5")])
        let current = [Self.cost("a", "12", team: "payments"), Self.cost("b", "5", team: "payments"),
                       Self.cost("d", "3", team: "search"), Self.cost("e", "1", team: nil)]
        let saving = Opportunity(scenario: "graviton", function: Self.identity("a"), monthlySavings: dec("2.5"), currentMonthlyCost: dec("12"),
                                 confidence: .modeled, summary: "", effort: "", risk: "", inputs: [])
        let comparison = MonthOverMonth(previous: previous, functions: current, opportunities: [saving], teams: TeamBudgets(tagKey: "squad"))
        // Largest absolute change first: d +3, then a +2 and c −2 (tie: by function), e +1, b 0.
        #expect(comparison.functions.map(\.label) == ["d", "a", "c", "e", "b"])
        #expect(comparison.functions.map(\.change) == [dec("3"), dec("2"), dec("-2"), dec("1"), dec("0")])
        #expect(comparison.functions[1].changeShare == dec("0.2"))  // 2 ÷ 10
        #expect(comparison.functions[0].changeShare == nil)  // new
        #expect(comparison.newFunctions.map(\.name) == ["d", "e"])
        #expect(comparison.vanishedFunctions.map(\.name) == ["c"])
        #expect(comparison.total.previous == dec("17") && comparison.total.current == dec("21"))
        // payments 15 → 17 (+2), search 2 → 3 (+1), (untagged) 0 → 1 (+1): ties by label.
        #expect(comparison.teams.map(\.label) == ["payments", "(untagged)", "search"])
        #expect(comparison.teams.map(\.change) == [dec("2"), dec("1"), dec("1")])
        // graviton 4 → 2.5 (−1.5), memory 1.5 → none (−1.5): ties by label.
        #expect(comparison.scenarios?.map(\.label) == ["graviton", "memory"])
        #expect(comparison.scenarios?.map(\.change) == [dec("-1.5"), dec("-1.5")])
    }

    @Test func budgetsReachTheirAlertLevelsExactly() {
        let teams = TeamBudgets(tagKey: "squad", budgets: [
            TeamBudget(team: "payments", monthlyUSD: dec("20")),  // 17 of 20 = 85 % exactly: 60 and 85 reached
            TeamBudget(team: "search", monthlyUSD: dec("5.01")),  // 3 of 5.01 = 59.88 %: under 60
            TeamBudget(team: "ml", monthlyUSD: dec("1"), alertLevels: [dec("50"), dec("100")]),  // no function: 0
        ])
        let functions = [Self.cost("a", "12", team: "payments"), Self.cost("b", "5", team: "payments"), Self.cost("d", "3", team: "search")]
        let statuses = BudgetStatus.evaluate(teams, functions: functions)
        #expect(statuses.map(\.team) == ["ml", "payments", "search"])
        #expect(statuses.map(\.spent) == [dec("0"), dec("17"), dec("3")])
        #expect(statuses[1].reachedLevels == [dec("60"), dec("85")])
        #expect(statuses[1].alert == dec("85"))
        #expect(statuses[1].share == dec("0.85"))
        #expect(statuses[2].reachedLevels.isEmpty && statuses[2].alert == nil)
        #expect(statuses[0].alert == nil)
    }

    /// Budgets and the comparison are on the Lambda cost (effective, amortized), not the billed cost: a function
    /// billed 20 whose usage a Savings Plan covers for an effective 15 spends 15.
    @Test func budgetsAndChangesAreOnTheEffectiveCost() {
        var covered = Self.cost("a", "20", team: "payments")
        covered.effectiveCost = dec("15")
        let teams = TeamBudgets(tagKey: "squad", budgets: [TeamBudget(team: "payments", monthlyUSD: dec("16"))])
        let status = BudgetStatus.evaluate(teams, functions: [covered])
        #expect(status.map(\.spent) == [dec("15")])
        #expect(status.first?.reachedLevels == [dec("60"), dec("85")])  // 93.75 %: under 100 % on the effective cost
        let previous = PreviousMonthCosts(month: BillingMonth(year: 2026, month: 9)!, source: "input",
                                          functionCosts: [Self.identity("a"): dec("14")], tags: [:])
        let comparison = MonthOverMonth(previous: previous, functions: [covered], opportunities: [], teams: teams)
        #expect(comparison.total.current == dec("15") && comparison.total.change == dec("1"))
    }
}
