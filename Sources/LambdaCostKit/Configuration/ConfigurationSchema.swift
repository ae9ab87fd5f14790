/// The keys of `lambda-cost-report.toml`, table by table, in the order the documentation lists them. The reader
/// accepts exactly these; `docs/configuration.md` documents exactly these (a test checks both ways).
enum ConfigurationSchema {
    static let root = ["scenarios", "graviton", "regions", "savings_plans", "teams", "showback", "report", "kpi", "attribution", "alternatives"]
    static let scenarios = [
        "memory_headroom", "max_p99_slowdown", "strategy", "balanced_weight", "idle_cpu_share", "batch_factor",
        "request_cost_share", "anomaly_factor", "anomaly_minimum_extra_usd", "region_move_minimum_share",
    ]
    static let graviton = ["duration_factor", "override", "incompatible"]
    static let gravitonOverride = ["functions", "tag", "duration_factor"]
    static let gravitonIncompatible = ["functions", "tag", "reason"]
    static let regions = ["default_policy", "pairs", "allow"]
    static let regionsAllow = ["functions", "tag", "regions", "groups"]
    static let savingsPlans = ["terms", "payment_options", "commitment_usd_per_hour", "commitment_mode"]
    static let teams = ["tag_key", "alert_levels", "budgets"]
    /// The keys of one team's budget table (`[teams.budgets.<team>]`).
    static let teamBudget = ["monthly_usd", "alert_levels"]
    static let showback = ["tag_keys"]
    static let report = ["html_base_url", "top_rows"]
    static let kpi = ["graviton_coverage_goal", "savings_plans_coverage_goal", "savings_plans_utilization_goal"]
    static let attribution = ["function_tag", "map"]
    /// The keys of one `[[attribution.map]]` entry.
    static let attributionMap = ["product", "resource", "tag", "function"]
    static let alternatives = [
        "managed_instances_type", "managed_instances_purchase", "managed_instances_target_utilization", "managed_instances_minimum",
    ]

    /// Every key as a dotted path; `<team>` stands for any team name.
    static var allKeys: [String] {
        var keys = root
        keys += scenarios.map { "scenarios.\($0)" }
        keys += graviton.map { "graviton.\($0)" }
        keys += gravitonOverride.map { "graviton.override.\($0)" }
        keys += gravitonIncompatible.map { "graviton.incompatible.\($0)" }
        keys += regions.map { "regions.\($0)" }
        keys += regionsAllow.map { "regions.allow.\($0)" }
        keys += savingsPlans.map { "savings_plans.\($0)" }
        keys += teams.map { "teams.\($0)" }
        keys += ["teams.budgets.<team>"] + teamBudget.map { "teams.budgets.<team>.\($0)" }
        keys += showback.map { "showback.\($0)" }
        keys += report.map { "report.\($0)" }
        keys += kpi.map { "kpi.\($0)" }
        keys += attribution.map { "attribution.\($0)" }
        keys += attributionMap.map { "attribution.map.\($0)" }
        keys += alternatives.map { "alternatives.\($0)" }
        return keys
    }
}
