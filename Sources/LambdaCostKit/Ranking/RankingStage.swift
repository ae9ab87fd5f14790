/// Stage 4: orders opportunities by monthly savings (largest first; ties by scenario, then function) and
/// assembles the report model every renderer reads.
public struct RankingStage: PipelineStage {
    public struct Input: Sendable {
        public var ingest: IngestResult
        public var catalog: PriceCatalog
        public var functions: [FunctionCost]
        public var unattributed: [String: UnattributedCost]
        public var pricingGaps: [PricingGap]
        public var scenarios: ScenarioStage.Output
        /// Savings Plans, provisioned concurrency and the combined plan, with every opportunity placed in it.
        public var commitments: CommitmentStage.Output
        /// Every Lambda charge summed in the first pass over the ledger, for the cost bridge.
        public var ledgerTotals: LedgerTotals
        /// The team tag and budgets of the configuration.
        public var teams = TeamBudgets()
        /// The tags to show cost back by (`[showback]`; without it, the team tag and the usual allocation tags the
        /// month's functions carry).
        public var showback = ShowbackTags()
        /// The earlier report whose opportunities this month follows up.
        public var previousReport: PreviousReport?
        /// The month's other services: tied to its functions, to functions not billed, or to none.
        public var otherServices = OtherServicesBreakdown()

        public init(ingest: IngestResult, catalog: PriceCatalog, functions: [FunctionCost], unattributed: [String: UnattributedCost],
                    pricingGaps: [PricingGap], scenarios: ScenarioStage.Output, commitments: CommitmentStage.Output,
                    ledgerTotals: LedgerTotals) {
            self.ingest = ingest
            self.catalog = catalog
            self.functions = functions
            self.unattributed = unattributed
            self.pricingGaps = pricingGaps
            self.scenarios = scenarios
            self.commitments = commitments
            self.ledgerTotals = ledgerTotals
        }
    }

    public let name = "ranking"

    public init() {}

    public func run(_ input: Input) throws -> Report {
        let opportunities = input.commitments.opportunities
        let ranked = opportunities.sorted { lhs, rhs in
            if lhs.monthlySavings != rhs.monthlySavings { return lhs.monthlySavings > rhs.monthlySavings }
            if lhs.scenario != rhs.scenario { return lhs.scenario < rhs.scenario }
            return lhs.function < rhs.function
        }
        // The month before's costs end in the comparison: the report does not carry them twice (a fleet's are megabytes).
        var ingest = input.ingest
        ingest.previousMonth = nil
        var report = Report(
            ingest: ingest, catalogVersion: input.catalog.version, catalogPricesAsOf: input.catalog.pricesAsOf,
            functions: input.functions, unattributed: input.unattributed, pricingGaps: input.pricingGaps, opportunities: ranked,
            findings: (input.scenarios.findings + input.commitments.findings).sorted { lhs, rhs in
                let (left, right) = (lhs.moneyAtRisk ?? .zero, rhs.moneyAtRisk ?? .zero)
                if left != right { return left > right }
                return (lhs.kind, lhs.function, lhs.summary) < (rhs.kind, rhs.function, rhs.summary)
            },
            skipped: (input.scenarios.skipped + input.commitments.skipped).sorted {
                ($0.scenario, $0.function, $0.reason) < ($1.scenario, $1.function, $1.reason)
            },
            costBridge: CostBridge(totals: input.ledgerTotals, functions: input.functions), plan: input.commitments.plan,
            savingsPlans: input.commitments.savingsPlans, provisionedConcurrency: input.commitments.provisionedConcurrency,
            monthOverMonth: input.ingest.previousMonth.map {
                MonthOverMonth(previous: $0, functions: input.functions, opportunities: ranked, teams: input.teams)
            },
            budgets: BudgetStatus.evaluate(input.teams, functions: input.functions),
            followUp: input.previousReport.map {
                OpportunityFollowUp(previous: $0, current: .init(
                    month: input.ingest.month, functions: input.functions, opportunities: ranked,
                    savingsPlanCommitmentPerHour: input.commitments.savingsPlans.knownHourlyCommitment,
                    savingsPlanNetSavings: input.commitments.savingsPlans.existing?.netSavings ?? .zero))
            })
        report.listPrices = ListPrices(input.catalog)
        report.otherServices = input.otherServices
        report.alternatives = input.commitments.alternatives.sorted { $0.function < $1.function }
        let monthKeys = Set(input.functions.lazy.flatMap(\.tags.keys))
        report.showback = TagShowback.make(input.functions, opportunities: ranked,
                                           tagKeys: input.showback.keys(teamTagKey: input.teams.tagKey, monthKeys: monthKeys))
        return report
    }
}
