/// `[teams]`: the tag that says which team owns a function, and the teams' monthly budgets.
public struct TeamBudgets: Hashable, Sendable {
    /// 60 %, 85 % and 100 % of the budget.
    public static let defaultAlertLevels = [FixedDecimal(60), FixedDecimal(85), FixedDecimal(100)]

    /// The tag key that names the team, spelled as the report spells tag keys (`team`, `cost_center`).
    public var tagKey: String
    /// Alert levels (percent) of every budget that does not set its own.
    public var alertLevels: [FixedDecimal]
    /// By team name.
    public var budgets: [TeamBudget]

    public init(tagKey: String = "team", alertLevels: [FixedDecimal] = Self.defaultAlertLevels, budgets: [TeamBudget] = []) {
        self.tagKey = tagKey
        self.alertLevels = alertLevels
        self.budgets = budgets
    }

    /// The team a function belongs to: the value of its team tag.
    public func team(of tags: [String: String]) -> String? { tags[tagKey] }

    public func budget(for team: String) -> TeamBudget? { budgets.first { $0.team == team } }
}
