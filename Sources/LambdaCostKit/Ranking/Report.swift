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

    /// Compute Savings Plans owned and recommended; `nil` when not evaluated.
    public var savingsPlans: SavingsPlanAnalysis?
    /// Provisioned concurrency reviews and plans, by function.
    public var provisionedConcurrency: [ProvisionedConcurrencyAnalysis] = []
    /// Against the month before, when the input or `--previous` gives it.
    public var monthOverMonth: MonthOverMonth?
    /// Configured team budgets against the month's Lambda cost (effective).
    public var budgets: [BudgetStatus] = []

    /// The month's potential savings. Several scenarios for one function do not add up (less memory shrinks
    /// what Graviton saves on), so per function they combine as fractions of its on-demand cost:
    /// cost × (1 − Π (1 − saving / cost)), each fraction capped at 1.
    public var potentialSavings: FixedDecimal {
        Self.combinedSavings(opportunities, costs: Dictionary(functions.map { ($0.function, $0.onDemandCost) }, uniquingKeysWith: { first, _ in first }))
    }

    static func combinedSavings(_ opportunities: [Opportunity], costs: [FunctionIdentity: FixedDecimal]) -> FixedDecimal {
        var byFunction: [FunctionIdentity: [FixedDecimal]] = [:]
        for opportunity in opportunities { byFunction[opportunity.function, default: []].append(opportunity.monthlySavings) }
        var total = FixedDecimal.zero
        for (function, savings) in byFunction {
            guard savings.count > 1, let cost = costs[function], cost > .zero else {
                total += FixedDecimal.sum(savings)
                continue
            }
            var remaining = FixedDecimal(1)
            for saving in savings { remaining = remaining * (FixedDecimal(1) - min(saving.divided(by: cost), FixedDecimal(1))) }
            total += cost * (FixedDecimal(1) - remaining)
        }
        return total
    }
}
