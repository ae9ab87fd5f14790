/// The month before the reported one, as much as the comparison needs: each function's Lambda cost
/// (effective, amortized; billed only from an earlier report's `functions.csv` without an effective column) and tags, and, when it comes from an earlier report, its savings by scenario.
public struct PreviousMonthCosts: Sendable, Equatable {
    public var month: BillingMonth
    /// Where it came from: `input` (the CUR files hold that month too) or the earlier report's folder.
    public var source: String
    public var functionCosts: [FunctionIdentity: FixedDecimal]
    public var tags: [FunctionIdentity: [String: String]]
    /// The team of each function as an earlier report resolved it (its `team` column, which holds the value of
    /// the team tag the configuration names); `nil` when the team comes from `tags`.
    public var teamNames: [FunctionIdentity: String]?
    /// Monthly savings by scenario, from an earlier report's `opportunities.csv`; `nil` when not known.
    public var savingsByScenario: [String: FixedDecimal]?

    public init(month: BillingMonth, source: String, functionCosts: [FunctionIdentity: FixedDecimal],
                tags: [FunctionIdentity: [String: String]], teamNames: [FunctionIdentity: String]? = nil,
                savingsByScenario: [String: FixedDecimal]? = nil) {
        self.month = month
        self.source = source
        self.functionCosts = functionCosts
        self.tags = tags
        self.teamNames = teamNames
        self.savingsByScenario = savingsByScenario
    }
}
