import Foundation

/// `--summary-json FILE`: what one run did, for the machine that runs it monthly (cron, systemd, a CI job).
/// Keys are sorted; amounts are exact decimal strings (USD; `totals` are billed (unblended), as the reconciliation
/// counts them; `lambda_effective_usd`, `cost_bridge.effective_usd` and the budgets' `spent_usd` are the Lambda
/// cost, effective). Every key is
/// always present: what a failed run never learned (the month, the totals, …) is `null`. The schema is in the
/// README; `schema_version` changes only when a key is renamed or removed.
public struct RunSummary: Encodable, Equatable, Sendable {
    public static let schemaVersion = 1

    public struct Totals: Encodable, Equatable, Sendable {
        public var inputUSD: FixedDecimal
        public var lambdaUSD: FixedDecimal
        public var otherServicesUSD: FixedDecimal
        public var rejectedUSD: FixedDecimal
        public var outsideMonthUSD: FixedDecimal

        enum CodingKeys: String, CodingKey {
            case inputUSD = "input_usd"
            case lambdaUSD = "lambda_usd"
            case otherServicesUSD = "other_services_usd"
            case rejectedUSD = "rejected_usd"
            case outsideMonthUSD = "outside_month_usd"
        }
    }

    /// The month's bridges (``CostBridge``): billed + amortization − negations = effective; list − tier
    /// discounts − free tier = catalog. The same figures as the index and the workbook's Summary sheet.
    public struct Bridge: Encodable, Equatable, Sendable {
        public var billedUSD: FixedDecimal
        public var savingsPlanAmortizationUSD: FixedDecimal
        public var savingsPlanNegationsUSD: FixedDecimal
        public var effectiveUSD: FixedDecimal
        public var listUSD: FixedDecimal
        public var tierDiscountUSD: FixedDecimal
        public var freeTierUSD: FixedDecimal
        public var catalogUSD: FixedDecimal
        public var listIsPartial: Bool

        init(_ bridge: CostBridge) {
            billedUSD = bridge.billed
            savingsPlanAmortizationUSD = bridge.savingsPlanAmortization
            savingsPlanNegationsUSD = bridge.savingsPlanNegations
            effectiveUSD = bridge.effective
            listUSD = bridge.list
            tierDiscountUSD = bridge.tierDiscount
            freeTierUSD = bridge.freeTierDiscount
            catalogUSD = bridge.catalog
            listIsPartial = bridge.listIsPartial
        }

        enum CodingKeys: String, CodingKey {
            case billedUSD = "billed_usd"
            case savingsPlanAmortizationUSD = "savings_plan_amortization_usd"
            case savingsPlanNegationsUSD = "savings_plan_negations_usd"
            case effectiveUSD = "effective_usd"
            case listUSD = "list_usd"
            case tierDiscountUSD = "tier_discount_usd"
            case freeTierUSD = "free_tier_usd"
            case catalogUSD = "catalog_usd"
            case listIsPartial = "list_is_partial"
        }
    }

    /// The combined plan (``CombinedPlan``): Lambda cost before − the functions' changes + what frees owned
    /// commitment − the Savings Plans purchase = Lambda cost after; before − after = `potential_savings_usd`.
    public struct Plan: Encodable, Equatable, Sendable {
        public var effectiveBeforeUSD: FixedDecimal
        public var functionChangesUSD: FixedDecimal
        public var absorbedByOwnedCommitmentUSD: FixedDecimal
        public var savingsPlanPurchaseUSD: FixedDecimal
        public var effectiveAfterUSD: FixedDecimal
        public var savingsShare: FixedDecimal?
        public var ownedCommitmentEnds: String?

        init(_ plan: CombinedPlan) {
            effectiveBeforeUSD = plan.effectiveCostBefore
            functionChangesUSD = plan.functionChangesSaving
            absorbedByOwnedCommitmentUSD = plan.absorbedByOwnedCommitment
            savingsPlanPurchaseUSD = plan.savingsPlanPurchaseSaving
            effectiveAfterUSD = plan.effectiveCostAfter
            savingsShare = plan.savingsShare
            ownedCommitmentEnds = plan.ownedCommitmentEnds
        }

        enum CodingKeys: String, CodingKey {
            case effectiveBeforeUSD = "effective_before_usd"
            case functionChangesUSD = "function_changes_usd"
            case absorbedByOwnedCommitmentUSD = "absorbed_by_owned_commitment_usd"
            case savingsPlanPurchaseUSD = "savings_plan_purchase_usd"
            case effectiveAfterUSD = "effective_after_usd"
            case savingsShare = "savings_share"
            case ownedCommitmentEnds = "owned_commitment_ends"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(effectiveBeforeUSD, forKey: .effectiveBeforeUSD)
            try container.encode(functionChangesUSD, forKey: .functionChangesUSD)
            try container.encode(absorbedByOwnedCommitmentUSD, forKey: .absorbedByOwnedCommitmentUSD)
            try container.encode(savingsPlanPurchaseUSD, forKey: .savingsPlanPurchaseUSD)
            try container.encode(effectiveAfterUSD, forKey: .effectiveAfterUSD)
            try container.encode(savingsShare, forKey: .savingsShare)
            try container.encode(ownedCommitmentEnds, forKey: .ownedCommitmentEnds)
        }
    }

    /// A team budget and how much of it the month used (Lambda cost: effective, amortized).
    public struct Budget: Encodable, Equatable, Sendable {
        public var team: String
        public var budgetUSD: FixedDecimal
        public var spentUSD: FixedDecimal
        /// The highest alert level reached (percent of the budget), `null` under every level.
        public var alertLevel: FixedDecimal?

        enum CodingKeys: String, CodingKey {
            case team
            case budgetUSD = "budget_usd"
            case spentUSD = "spent_usd"
            case alertLevel = "alert_level_percent"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(team, forKey: .team)
            try container.encode(budgetUSD, forKey: .budgetUSD)
            try container.encode(spentUSD, forKey: .spentUSD)
            try container.encode(alertLevel, forKey: .alertLevel)
        }
    }

    /// The follow-up of the earlier report's opportunities (``OpportunityFollowUp``): how many of them were acted
    /// on, are still open, went with their function or could not be checked, with their expected savings, and what
    /// those acted on saved this month.
    public struct FollowUp: Encodable, Equatable, Sendable {
        public struct Count: Encodable, Equatable, Sendable {
            public var count: Int
            public var expectedMonthlySavingsUSD: FixedDecimal

            enum CodingKeys: String, CodingKey {
                case count
                case expectedMonthlySavingsUSD = "expected_monthly_savings_usd"
            }
        }

        public var previousMonth: BillingMonth
        public var source: String
        public var realizedSavingsUSD: FixedDecimal
        public var actedOn: Count
        public var open: Count
        public var gone: Count
        public var notChecked: Count

        init(_ followUp: OpportunityFollowUp) {
            func count(_ status: OpportunityFollowUp.Status) -> Count {
                let (count, expected) = followUp.total(status)
                return Count(count: count, expectedMonthlySavingsUSD: expected)
            }
            previousMonth = followUp.previousMonth
            source = followUp.source
            realizedSavingsUSD = followUp.realizedSavings
            actedOn = count(.actedOn)
            open = count(.open)
            gone = count(.gone)
            notChecked = count(.notChecked)
        }

        enum CodingKeys: String, CodingKey {
            case source, open, gone
            case previousMonth = "previous_month"
            case realizedSavingsUSD = "realized_savings_usd"
            case actedOn = "acted_on"
            case notChecked = "not_checked"
        }
    }

    public struct TopOpportunity: Encodable, Equatable, Sendable {
        public var rank: Int
        /// ``Opportunity/id``, the same from month to month.
        public var opportunityID: String
        public var scenario: String
        public var accountID: String
        public var region: String
        public var functionName: String
        public var monthlySavingsUSD: FixedDecimal
        /// What it saves in cash within the combined plan (``PlannedSaving/cash``).
        public var planSavingUSD: FixedDecimal?

        enum CodingKeys: String, CodingKey {
            case rank, scenario, region
            case opportunityID = "opportunity_id"
            case accountID = "account_id"
            case functionName = "function_name"
            case monthlySavingsUSD = "monthly_savings_usd"
            case planSavingUSD = "plan_saving_usd"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(opportunityID, forKey: .opportunityID)
            try container.encode(scenario, forKey: .scenario)
            try container.encode(accountID, forKey: .accountID)
            try container.encode(region, forKey: .region)
            try container.encode(functionName, forKey: .functionName)
            try container.encode(monthlySavingsUSD, forKey: .monthlySavingsUSD)
            try container.encode(planSavingUSD, forKey: .planSavingUSD)
        }
    }

    /// Diagnostics the run reported, by severity (counted also under `--quiet`, which only hides them).
    public struct DiagnosticCounts: Encodable, Equatable, Sendable {
        public var error = 0
        public var warning = 0
        public var note = 0

        public init() {}

        public mutating func count(_ severity: Diagnostic.Severity) {
            switch severity {
            case .error: error += 1
            case .warning: warning += 1
            case .note: note += 1
            }
        }
    }

    public var toolVersion = ToolVersion.current
    /// The process exit status: 0, 1 (failed run, or rejected rows under `--strict`) or 64 (configuration error).
    public var exitStatus: Int32
    /// The run-stopping error, when there was one.
    public var error: String?
    public var month: BillingMonth?
    /// `explicit`, `latest_complete` or `latest_present`.
    public var monthSelection: IngestResult.MonthSelection?
    /// Whether the month's data reaches its last day (UTC); `false` for a partial month.
    public var monthComplete: Bool?
    /// The start of the month's last hour with usage, ISO 8601 (`2026-10-31T23:00:00Z`).
    public var lastUsageHour: String?
    /// `<output>/<YYYY-MM>`, when the report was written.
    public var outputFolder: String?
    /// The same counts and keys as `manifest.json`'s `rows`.
    public var rows: Manifest.Rows?
    public var totals: Totals?
    public var functions: Int?
    /// "Lambda cost": the month's effective (amortized) Lambda cost.
    public var lambdaEffectiveUSD: FixedDecimal?
    /// Billed → effective and list → catalog.
    public var costBridge: Bridge?
    public var potentialSavingsUSD: FixedDecimal?
    /// How the headline comes about (docs/money-model.md).
    public var plan: Plan?
    /// The five largest opportunities, ranked as in `opportunities.csv` (empty when there are none or the run failed).
    public var topOpportunities: [TopOpportunity] = []
    /// Configured team budgets with the month's spend and alert level (empty without budgets).
    public var budgets: [Budget] = []
    /// The earlier report's opportunities followed up; `null` when no earlier report was.
    public var followUp: FollowUp?
    public var diagnostics: DiagnosticCounts

    enum CodingKeys: String, CodingKey {
        case error, month, rows, totals, functions, diagnostics, budgets
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case exitStatus = "exit_status"
        case monthSelection = "month_selection"
        case monthComplete = "month_complete"
        case lastUsageHour = "last_usage_hour"
        case outputFolder = "output_folder"
        case lambdaEffectiveUSD = "lambda_effective_usd"
        case costBridge = "cost_bridge"
        case potentialSavingsUSD = "potential_savings_usd"
        case plan = "combined_plan"
        case topOpportunities = "top_opportunities"
        case followUp = "follow_up"
    }

    /// A run that stopped before it had a report.
    public init(exitStatus: Int32, error: String?, diagnostics: DiagnosticCounts) {
        self.exitStatus = exitStatus
        self.error = error
        self.diagnostics = diagnostics
    }

    /// A run that wrote its report (`exitStatus` 1 when `--strict` failed it afterwards).
    public init(outcome: ReportPipeline.Outcome, exitStatus: Int32, error: String?, diagnostics: DiagnosticCounts) {
        self.init(exitStatus: exitStatus, error: error, diagnostics: diagnostics)
        let report = outcome.report
        let ingest = report.ingest
        month = report.month
        monthSelection = ingest.monthSelection
        monthComplete = ingest.monthComplete
        lastUsageHour = ingest.coverage.lastUsageHour?.description
        outputFolder = outcome.folder
        rows = Manifest.Rows(ingest)
        totals = Totals(
            inputUSD: ingest.totals.input, lambdaUSD: ingest.totals.lambda, otherServicesUSD: ingest.totals.otherServices,
            rejectedUSD: ingest.totals.rejected, outsideMonthUSD: ingest.totals.outsideMonth)
        functions = report.functions.count
        lambdaEffectiveUSD = report.lambdaEffectiveCost
        costBridge = Bridge(report.costBridge)
        potentialSavingsUSD = report.potentialSavings
        plan = Plan(report.plan)
        topOpportunities = report.opportunities.prefix(5).enumerated().map { offset, opportunity in
            TopOpportunity(
                rank: offset + 1, opportunityID: opportunity.id, scenario: opportunity.scenario, accountID: opportunity.function.accountID,
                region: opportunity.function.region, functionName: opportunity.function.name,
                monthlySavingsUSD: opportunity.monthlySavings, planSavingUSD: opportunity.plan?.cash)
        }
        budgets = report.budgets.map { Budget(team: $0.team, budgetUSD: $0.budget, spentUSD: $0.spent, alertLevel: $0.alert) }
        followUp = report.followUp.map(FollowUp.init)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(exitStatus, forKey: .exitStatus)
        try container.encode(error, forKey: .error)  // null when absent: every key is always there
        try container.encode(month, forKey: .month)
        try container.encode(monthSelection, forKey: .monthSelection)
        try container.encode(monthComplete, forKey: .monthComplete)
        try container.encode(lastUsageHour, forKey: .lastUsageHour)
        try container.encode(outputFolder, forKey: .outputFolder)
        try container.encode(rows, forKey: .rows)
        try container.encode(totals, forKey: .totals)
        try container.encode(functions, forKey: .functions)
        try container.encode(lambdaEffectiveUSD, forKey: .lambdaEffectiveUSD)
        try container.encode(costBridge, forKey: .costBridge)
        try container.encode(potentialSavingsUSD, forKey: .potentialSavingsUSD)
        try container.encode(plan, forKey: .plan)
        try container.encode(topOpportunities, forKey: .topOpportunities)
        try container.encode(budgets, forKey: .budgets)
        try container.encode(followUp, forKey: .followUp)
        try container.encode(diagnostics, forKey: .diagnostics)
    }

    /// Pretty JSON with sorted keys and a final newline.
    public func encoded() throws -> [UInt8] {
        try CanonicalJSON.bytes(self)
    }

    /// Writes the summary atomically: a temporary file in the same folder, renamed over `path`, so a reader
    /// sees the previous summary or this one, never a part.
    public func write(to path: String) throws {
        try Self.writeAtomically(try encoded(), to: path)
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = "\(folder)/.\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw InputError(path: path, message: "cannot write the summary (no such folder, or not writable)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw InputError(path: path, message: "cannot write the summary: \(reason)")
        }
    }
}
