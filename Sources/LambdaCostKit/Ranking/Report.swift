/// Everything a renderer needs about the month, already ranked.
public struct Report: Sendable {
    public var ingest: IngestResult
    public var catalogVersion: String
    public var catalogPricesAsOf: String
    public var functions: [FunctionCost]
    public var unattributed: [String: UnattributedCost]
    /// Where the bill and the catalog disagree, largest first.
    public var pricingGaps: [PricingGap]
    public var opportunities: [Opportunity]
    /// Timeouts, idle-wait, anomalies: largest money at risk first.
    public var findings: [Finding]
    /// The catalog's request, duration and streaming prices, for the function pages' cost at p99 (``DurationBudget``).
    public var listPrices = ListPrices()
    /// The month's other services: tied to its functions (each function's share is on it), to functions not billed
    /// this month, or to none (docs/attribution.md).
    public var otherServices = OtherServicesBreakdown()
    public var skipped: [ScenarioSkip]

    public var month: BillingMonth { ingest.month }

    /// The month's Lambda cost as billed (unblended): the reconciliation's Lambda total, not what the report
    /// calls "Lambda cost" (that is ``lambdaEffectiveCost``).
    public var lambdaBilledCost: FixedDecimal { ingest.totals.lambda }

    /// The month's Lambda cost amortized (Savings Plans at their effective rate): "Lambda cost" in every table,
    /// chart, CSV, sheet and wiki page. Summed once by the ranking stage (``CostBridge/effective``).
    public var lambdaEffectiveCost: FixedDecimal { costBridge.effective }

    /// Billed → effective and list → catalog, exactly.
    public var costBridge: CostBridge

    /// The charges of no function, billed and effective, summed over every charge.
    public var unattributedTotal: UnattributedCost {
        UnattributedCost(unblendedCost: FixedDecimal.sum(unattributed.values.map(\.unblendedCost)),
                         effectiveCost: FixedDecimal.sum(unattributed.values.map(\.effectiveCost)))
    }

    /// Every proposed change applied together (``CombinedPlan``).
    public var plan: CombinedPlan

    /// Compute Savings Plans owned and recommended; `nil` when not evaluated.
    public var savingsPlans: SavingsPlanAnalysis?
    /// Provisioned concurrency reviews and plans, by function.
    public var provisionedConcurrency: [ProvisionedConcurrencyAnalysis] = []
    /// The alternatives to the functions that wait, priced (docs/alternatives.md), by function.
    public var alternatives: [WaitingAlternatives] = []
    /// Against the month before, when the input or `--previous` gives it.
    public var monthOverMonth: MonthOverMonth?
    /// The Lambda cost shown back by each tag of `[showback] tag_keys`, in their order.
    public var showback: [TagShowback] = []
    /// Configured team budgets against the month's Lambda cost (effective).
    public var budgets: [BudgetStatus] = []
    /// What became of the earlier report's opportunities, when there is one (`--previous`, or the month before's
    /// folder in the output directory).
    public var followUp: OpportunityFollowUp?

    /// The month's potential savings: what the combined plan saves, effective cost before − after. The plan
    /// savings (``PlannedSaving/cash``) of ``opportunities`` add up to it.
    public var potentialSavings: FixedDecimal { plan.savings }

    /// What a set of opportunities adds to the plan (a function's, a team's, a tag value's): the sum of their plan savings.
    static func planSavings<S: Sequence>(_ opportunities: S) -> FixedDecimal where S.Element == Opportunity {
        FixedDecimal.sum(opportunities.map { $0.plan?.cash ?? .zero })
    }
}
