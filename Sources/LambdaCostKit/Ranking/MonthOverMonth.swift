/// The reported month against the one before: Lambda cost (effective, amortized, as everywhere) per function and per team, savings per
/// scenario (when the earlier report is given), and the functions that appeared or vanished.
public struct MonthOverMonth: Sendable {
    /// One row of the comparison; `nil` on a side where the item did not exist.
    public struct Change: Sendable, Equatable {
        public var label: String
        public var function: FunctionIdentity?
        public var previous: FixedDecimal?
        public var current: FixedDecimal?

        /// Current − previous, a missing side counting as zero.
        public var change: FixedDecimal { (current ?? .zero) - (previous ?? .zero) }
        /// The change as a fraction of the previous amount; `nil` without a previous amount.
        public var changeShare: FixedDecimal? {
            guard let previous, previous != .zero else { return nil }
            return change.divided(by: previous)
        }
    }

    public var previousMonth: BillingMonth
    public var source: String
    public var total: Change
    /// Every function of either month, largest absolute change first (ties by function).
    public var functions: [Change]
    public var teams: [Change]
    /// `nil` when the previous month's savings by scenario are not known (compared from the input).
    public var scenarios: [Change]?
    public var newFunctions: [FunctionIdentity] { functions.filter { $0.previous == nil }.compactMap(\.function) }
    public var vanishedFunctions: [FunctionIdentity] { functions.filter { $0.current == nil }.compactMap(\.function) }

    public init(previous: PreviousMonthCosts, functions current: [FunctionCost], opportunities: [Opportunity], teams: TeamBudgets) {
        previousMonth = previous.month
        source = previous.source
        let currentCosts = Dictionary(current.map { ($0.function, $0.effectiveCost) }, uniquingKeysWith: +)
        let currentTags = Dictionary(current.map { ($0.function, $0.tags) }, uniquingKeysWith: { first, _ in first })
        let everyFunction = Set(currentCosts.keys).union(previous.functionCosts.keys)
        self.functions = Self.ranked(everyFunction.map { function in
            Change(label: function.name, function: function, previous: previous.functionCosts[function], current: currentCosts[function])
        })
        total = Change(label: "Lambda (functions)", function: nil, previous: FixedDecimal.sum(previous.functionCosts.values),
                       current: FixedDecimal.sum(currentCosts.values))
        func byTeam(_ costs: [FunctionIdentity: FixedDecimal], _ team: (FunctionIdentity) -> String?) -> [String: FixedDecimal] {
            var result: [String: FixedDecimal] = [:]
            for (function, cost) in costs { result[team(function) ?? "(untagged)", default: .zero] += cost }
            return result
        }
        let previousTeams = byTeam(previous.functionCosts) { function in
            previous.teamNames.map { $0[function] } ?? teams.team(of: previous.tags[function] ?? [:])
        }
        let currentTeams = byTeam(currentCosts) { teams.team(of: currentTags[$0] ?? [:]) }
        self.teams = Self.ranked(Set(previousTeams.keys).union(currentTeams.keys).map {
            Change(label: $0, function: nil, previous: previousTeams[$0], current: currentTeams[$0])
        })
        if let previousSavings = previous.savingsByScenario {
            var currentSavings: [String: FixedDecimal] = [:]
            for opportunity in opportunities { currentSavings[opportunity.scenario, default: .zero] += opportunity.monthlySavings }
            scenarios = Self.ranked(Set(previousSavings.keys).union(currentSavings.keys).map {
                Change(label: $0, function: nil, previous: previousSavings[$0], current: currentSavings[$0])
            })
        } else {
            scenarios = nil
        }
    }

    static func ranked(_ changes: [Change]) -> [Change] {
        func magnitude(_ value: FixedDecimal) -> FixedDecimal { value < .zero ? .zero - value : value }
        return changes.sorted { lhs, rhs in
            let (left, right) = (magnitude(lhs.change), magnitude(rhs.change))
            if left != right { return left > right }
            if let left = lhs.function, let right = rhs.function, left != right { return left < right }
            return lhs.label < rhs.label
        }
    }
}
