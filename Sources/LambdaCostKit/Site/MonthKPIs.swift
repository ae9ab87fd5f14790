import Foundation

/// `kpis.json`: a month's key figures, machine-readable, written into every month's folder by the output stage
/// and read back by the site of all months (``SiteIndex``) without reading the bill again. Every figure is one the
/// report already shows, from the same values: amounts are exact decimal strings (USD), shares are exact
/// fractions (0.25 is 25 %), and a figure that does not apply to the month is `null`, never 0.
///
/// - Lambda cost is the effective (amortized) cost, billed the unblended cost (``Report/lambdaBilledCost``);
///   potential savings are the index's headline (``Report/plan``); realized savings what the month before's
///   opportunities acted on saved this month (``OpportunityFollowUp``), `null` when no earlier report was followed up.
/// - Graviton coverage is arm64's share of the functions' duration GB-seconds (on demand, free tier and Savings
///   Plan covered: the `gb_seconds` of `functions.csv`), and of their duration cost (effective).
/// - Savings Plans coverage and utilization are those of the plans owned (``ExistingSavingsPlanUsage``): covered
///   on-demand cost ÷ eligible on-demand cost, used commitment ÷ commitment; `null` when the month has no plan.
/// - The unit costs divide the Lambda cost (every Lambda charge, effective) by the functions' requests (× 10⁶) and
///   by their duration GB-seconds; `null` without requests or GB-seconds.
public struct MonthKPIs: Codable, Equatable, Sendable {
    /// Changes only when a key is renamed or removed.
    public static let currentSchemaVersion = 1
    /// The file's name in the month's folder.
    public static let fileName = "kpis.json"
    /// What `realized_savings_status` says when no earlier report was followed up.
    public static let realizedSavingsNotMeasured = "not measured"
    /// What `realized_savings_status` says when an earlier report was followed up.
    public static let realizedSavingsMeasured = "measured"

    public var schemaVersion: Int
    public var month: BillingMonth
    public var monthComplete: Bool
    public var functionCount: Int
    public var lambdaEffectiveCostUSD: FixedDecimal
    public var lambdaBilledCostUSD: FixedDecimal
    public var potentialSavingsUSD: FixedDecimal
    public var realizedSavingsUSD: FixedDecimal?
    public var realizedSavingsStatus: String
    public var requests: FixedDecimal
    public var gbSeconds: FixedDecimal
    public var arm64GBSeconds: FixedDecimal
    public var durationCostUSD: FixedDecimal
    public var arm64DurationCostUSD: FixedDecimal
    public var gravitonGBSecondsShare: FixedDecimal?
    public var gravitonDurationCostShare: FixedDecimal?
    public var savingsPlansOwned: Bool
    public var savingsPlansCoverageShare: FixedDecimal?
    public var savingsPlansUtilizationShare: FixedDecimal?
    /// What the plans owned saved net of unused commitment (``ExistingSavingsPlanUsage/netSavings``); `null` without a
    /// plan. The next month's realized saving of a Savings Plans purchase is measured against it.
    public var savingsPlansNetSavingsUSD: FixedDecimal?
    public var costPerMillionRequestsUSD: FixedDecimal?
    public var costPerGBSecondUSD: FixedDecimal?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schemaVersion = "schema_version"
        case month
        case monthComplete = "month_complete"
        case functionCount = "function_count"
        case lambdaEffectiveCostUSD = "lambda_effective_cost_usd"
        case lambdaBilledCostUSD = "lambda_billed_cost_usd"
        case potentialSavingsUSD = "potential_savings_usd"
        case realizedSavingsUSD = "realized_savings_usd"
        case realizedSavingsStatus = "realized_savings_status"
        case requests
        case gbSeconds = "gb_seconds"
        case arm64GBSeconds = "arm64_gb_seconds"
        case durationCostUSD = "duration_cost_usd"
        case arm64DurationCostUSD = "arm64_duration_cost_usd"
        case gravitonGBSecondsShare = "graviton_coverage_gb_seconds_share"
        case gravitonDurationCostShare = "graviton_coverage_duration_cost_share"
        case savingsPlansOwned = "savings_plans_owned"
        case savingsPlansCoverageShare = "savings_plans_coverage_share"
        case savingsPlansUtilizationShare = "savings_plans_utilization_share"
        case savingsPlansNetSavingsUSD = "savings_plans_net_savings_usd"
        case costPerMillionRequestsUSD = "cost_per_million_requests_usd"
        case costPerGBSecondUSD = "cost_per_gb_second_usd"
    }

    /// The month's KPIs from its report.
    public init(report: Report) {
        schemaVersion = Self.currentSchemaVersion
        month = report.month
        monthComplete = report.ingest.monthComplete
        functionCount = report.functions.count
        lambdaEffectiveCostUSD = report.lambdaEffectiveCost
        lambdaBilledCostUSD = report.lambdaBilledCost
        potentialSavingsUSD = report.plan.savings
        realizedSavingsUSD = report.followUp?.realizedSavings
        realizedSavingsStatus = report.followUp == nil ? Self.realizedSavingsNotMeasured : Self.realizedSavingsMeasured
        requests = FixedDecimal.sum(report.functions.map(\.requests))
        gbSeconds = FixedDecimal.sum(report.functions.map(\.gbSeconds))
        var arm64 = FixedDecimal.zero
        var durationCost = FixedDecimal.zero
        var arm64Cost = FixedDecimal.zero
        for function in report.functions {
            for (key, slice) in function.usage where key.kind == .duration {
                durationCost += slice.effectiveCost
                if key.architecture == .arm64 {
                    arm64 += slice.quantity
                    arm64Cost += slice.effectiveCost
                }
            }
        }
        arm64GBSeconds = arm64
        durationCostUSD = durationCost
        arm64DurationCostUSD = arm64Cost
        gravitonGBSecondsShare = gbSeconds.isZero ? nil : arm64.divided(by: gbSeconds)
        gravitonDurationCostShare = durationCost.isZero ? nil : arm64Cost.divided(by: durationCost)
        let owned = report.savingsPlans?.existing
        savingsPlansOwned = owned != nil
        savingsPlansCoverageShare = owned?.coverage
        savingsPlansUtilizationShare = owned?.utilization
        savingsPlansNetSavingsUSD = owned?.netSavings
        costPerMillionRequestsUSD = requests.isZero
            ? nil : report.lambdaEffectiveCost.multiplied(by: FixedDecimal(1_000_000), dividedBy: requests)
        costPerGBSecondUSD = gbSeconds.isZero ? nil : report.lambdaEffectiveCost.divided(by: gbSeconds)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .schemaVersion, in: container, debugDescription: "expected a schema version of 1 or more")
        }
        month = try container.decode(BillingMonth.self, forKey: .month)
        monthComplete = try container.decode(Bool.self, forKey: .monthComplete)
        functionCount = try container.decode(Int.self, forKey: .functionCount)
        lambdaEffectiveCostUSD = try container.decode(FixedDecimal.self, forKey: .lambdaEffectiveCostUSD)
        lambdaBilledCostUSD = try container.decode(FixedDecimal.self, forKey: .lambdaBilledCostUSD)
        potentialSavingsUSD = try container.decode(FixedDecimal.self, forKey: .potentialSavingsUSD)
        realizedSavingsUSD = try container.decodeIfPresent(FixedDecimal.self, forKey: .realizedSavingsUSD)
        realizedSavingsStatus = try container.decodeIfPresent(String.self, forKey: .realizedSavingsStatus) ?? Self.realizedSavingsNotMeasured
        requests = try container.decode(FixedDecimal.self, forKey: .requests)
        gbSeconds = try container.decode(FixedDecimal.self, forKey: .gbSeconds)
        arm64GBSeconds = try container.decode(FixedDecimal.self, forKey: .arm64GBSeconds)
        durationCostUSD = try container.decode(FixedDecimal.self, forKey: .durationCostUSD)
        arm64DurationCostUSD = try container.decode(FixedDecimal.self, forKey: .arm64DurationCostUSD)
        gravitonGBSecondsShare = try container.decodeIfPresent(FixedDecimal.self, forKey: .gravitonGBSecondsShare)
        gravitonDurationCostShare = try container.decodeIfPresent(FixedDecimal.self, forKey: .gravitonDurationCostShare)
        savingsPlansOwned = try container.decode(Bool.self, forKey: .savingsPlansOwned)
        savingsPlansCoverageShare = try container.decodeIfPresent(FixedDecimal.self, forKey: .savingsPlansCoverageShare)
        savingsPlansUtilizationShare = try container.decodeIfPresent(FixedDecimal.self, forKey: .savingsPlansUtilizationShare)
        savingsPlansNetSavingsUSD = try container.decodeIfPresent(FixedDecimal.self, forKey: .savingsPlansNetSavingsUSD)
        costPerMillionRequestsUSD = try container.decodeIfPresent(FixedDecimal.self, forKey: .costPerMillionRequestsUSD)
        costPerGBSecondUSD = try container.decodeIfPresent(FixedDecimal.self, forKey: .costPerGBSecondUSD)
    }

    /// Every key is written, a figure that does not apply as `null` (a synthesized encoder would leave it out).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(month, forKey: .month)
        try container.encode(monthComplete, forKey: .monthComplete)
        try container.encode(functionCount, forKey: .functionCount)
        try container.encode(lambdaEffectiveCostUSD, forKey: .lambdaEffectiveCostUSD)
        try container.encode(lambdaBilledCostUSD, forKey: .lambdaBilledCostUSD)
        try container.encode(potentialSavingsUSD, forKey: .potentialSavingsUSD)
        try container.encode(realizedSavingsUSD, forKey: .realizedSavingsUSD)
        try container.encode(realizedSavingsStatus, forKey: .realizedSavingsStatus)
        try container.encode(requests, forKey: .requests)
        try container.encode(gbSeconds, forKey: .gbSeconds)
        try container.encode(arm64GBSeconds, forKey: .arm64GBSeconds)
        try container.encode(durationCostUSD, forKey: .durationCostUSD)
        try container.encode(arm64DurationCostUSD, forKey: .arm64DurationCostUSD)
        try container.encode(gravitonGBSecondsShare, forKey: .gravitonGBSecondsShare)
        try container.encode(gravitonDurationCostShare, forKey: .gravitonDurationCostShare)
        try container.encode(savingsPlansOwned, forKey: .savingsPlansOwned)
        try container.encode(savingsPlansCoverageShare, forKey: .savingsPlansCoverageShare)
        try container.encode(savingsPlansUtilizationShare, forKey: .savingsPlansUtilizationShare)
        try container.encode(savingsPlansNetSavingsUSD, forKey: .savingsPlansNetSavingsUSD)
        try container.encode(costPerMillionRequestsUSD, forKey: .costPerMillionRequestsUSD)
        try container.encode(costPerGBSecondUSD, forKey: .costPerGBSecondUSD)
    }

    /// Pretty JSON with sorted keys and a final newline: the same bytes for the same report.
    public func encoded() throws -> [UInt8] {
        try CanonicalJSON.bytes(self)
    }

    /// Every amount, quantity and share of the file, for the bound every figure read must stay within.
    var figures: [FixedDecimal] {
        [lambdaEffectiveCostUSD, lambdaBilledCostUSD, potentialSavingsUSD, requests, gbSeconds, arm64GBSeconds, durationCostUSD,
         arm64DurationCostUSD]
            + [realizedSavingsUSD, gravitonGBSecondsShare, gravitonDurationCostShare, savingsPlansCoverageShare,
               savingsPlansUtilizationShare, savingsPlansNetSavingsUSD, costPerMillionRequestsUSD, costPerGBSecondUSD].compactMap { $0 }
    }
}
