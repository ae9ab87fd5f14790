/// A team's Lambda cost of the month (effective, amortized: the basis of "Lambda cost" everywhere) against its
/// configured budget (`[teams.budgets]`).
public struct BudgetStatus: Sendable, Equatable {
    public var team: String
    public var budget: FixedDecimal
    public var spent: FixedDecimal
    /// The alert levels (percent of the budget) the spend reached, lowest first.
    public var reachedLevels: [FixedDecimal]

    /// Spent ÷ budget.
    public var share: FixedDecimal { spent.divided(by: budget) }
    /// The highest level reached, or `nil` when under every level.
    public var alert: FixedDecimal? { reachedLevels.last }

    /// Every configured budget, in team order, with the effective cost of the functions whose team tag names it.
    public static func evaluate(_ teams: TeamBudgets, functions: [FunctionCost]) -> [BudgetStatus] {
        var spent: [String: FixedDecimal] = [:]
        for function in functions {
            if let team = teams.team(of: function.tags) { spent[team, default: .zero] += function.effectiveCost }
        }
        return teams.budgets.sorted { $0.team < $1.team }.map { budget in
            let amount = spent[budget.team] ?? .zero
            return BudgetStatus(team: budget.team, budget: budget.monthlyUSD, spent: amount, reachedLevels: budget.reachedAlertLevels(spent: amount))
        }
    }
}
