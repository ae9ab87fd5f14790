/// An earlier report read back from its folder (`--previous output/2026-09`, or the month before's folder in the
/// output directory): its costs for the month-over-month comparison, and what the follow-up of its opportunities
/// needs (``OpportunityFollowUp``): each opportunity with the figure it meant to move, and each function's
/// invocations and cost at public on-demand rates.
public struct PreviousReport: Sendable {
    /// One function's month in the earlier report (`functions.csv`).
    public struct Function: Sendable, Equatable {
        public var requests: FixedDecimal
        /// Duration GB-seconds (`gb_seconds`).
        public var gbSeconds: FixedDecimal
        /// At public on-demand rates (`on_demand_cost_usd`): the cost the follow-up compares, which neither a
        /// Savings Plan nor the free tier moves.
        public var onDemandCost: FixedDecimal
    }

    /// One opportunity of the earlier report (`opportunities.csv`).
    public struct Opportunity: Sendable, Equatable {
        public var scenario: String
        public var function: FunctionIdentity
        public var monthlySavings: FixedDecimal
        /// `nil` for a report made before the follow-up columns, or a row whose change has no measure.
        public var tracked: TrackedChange?
        /// The first month of the run of months it has been proposed in (`open_since`); the report's month for a
        /// report made before that column.
        public var openSince: BillingMonth

        /// ``LambdaCostKit/Opportunity/id``: scenario and function identity, as the earlier report wrote it.
        public var id: String { LambdaCostKit.Opportunity.id(scenario: scenario, function: function) }
    }

    public var month: BillingMonth
    public var folder: String
    /// Its functions' costs and teams, its savings by scenario.
    public var costs: PreviousMonthCosts
    /// `nil` for a report made before `on_demand_cost_usd` (or without `requests` and `gb_seconds`).
    public var functions: [FunctionIdentity: Function]?
    /// In the earlier report's rank order.
    public var opportunities: [Opportunity]
    /// Whether `opportunities.csv` has the follow-up columns (`opportunity_id`, `measure`, …).
    public var hasFollowUpColumns: Bool
    /// What the Savings Plans owned saved net of unused commitment (`savings_plans_net_savings_usd` of `kpis.json`):
    /// zero when the month had none; `nil` when its `kpis.json` is missing or predates the figure.
    public var savingsPlanNetSavings: FixedDecimal?
}
