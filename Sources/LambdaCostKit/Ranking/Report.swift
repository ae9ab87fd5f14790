/// Everything a renderer needs about the month, already ranked.
public struct Report: Sendable {
    public var ingest: IngestResult
    public var catalogVersion: String
    public var catalogPricesAsOf: String
    public var functions: [FunctionCost]
    public var unattributed: [String: FixedDecimal]
    /// Where the bill and the catalog disagree, largest first.
    public var pricingGaps: [PricingGap]
    public var opportunities: [Opportunity]
    public var skipped: [ScenarioSkip]

    public var month: BillingMonth { ingest.month }

    /// The month's Lambda cost as billed (unblended).
    public var lambdaCost: FixedDecimal { ingest.totals.lambda }

    /// The month's Lambda cost amortized (Savings Plans at their effective rate).
    public var lambdaEffectiveCost: FixedDecimal {
        var total = FixedDecimal.zero
        ingest.ledger.forEachCell { total += $1.effectiveCost }
        return total
    }

    /// The sum of the ranked opportunities' monthly savings.
    public var potentialSavings: FixedDecimal { FixedDecimal.sum(opportunities.map(\.monthlySavings)) }
}
