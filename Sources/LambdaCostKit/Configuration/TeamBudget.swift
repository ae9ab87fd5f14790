/// One entry of `[teams.budgets]`: a team's monthly Lambda budget and the shares of it that raise an alert.
public struct TeamBudget: Hashable, Sendable {
    /// The value of the team tag.
    public var team: String
    /// USD per month (greater than 0, exact).
    public var monthlyUSD: FixedDecimal
    /// Percent of the budget, strictly increasing (e.g. 60, 85, 100).
    public var alertLevels: [FixedDecimal]

    public init(team: String, monthlyUSD: FixedDecimal, alertLevels: [FixedDecimal] = TeamBudgets.defaultAlertLevels) {
        self.team = team
        self.monthlyUSD = monthlyUSD
        self.alertLevels = alertLevels
    }

    /// The alert levels that spending `amount` USD reaches (amount ≥ level % of the budget), exactly.
    public func reachedAlertLevels(spent amount: FixedDecimal) -> [FixedDecimal] {
        alertLevels.filter { amount * 100 >= monthlyUSD * $0 }
    }
}
