/// `[kpi]`: the goals the site of all months (`output/index.html`) draws the KPI history against, in percent.
/// Graviton coverage has a goal by default (20 %, as the AWS Cloud Intelligence Dashboards' KPI dashboard sets
/// it); the Savings Plans goals are drawn only when given.
public struct KPIGoals: Hashable, Sendable {
    /// The default of `graviton_coverage_goal`, percent.
    public static let defaultGravitonCoverage = FixedDecimal(20)

    /// `graviton_coverage_goal`: arm64's share of the functions' duration GB-seconds, percent (0 to 100).
    public var gravitonCoverage: FixedDecimal
    /// `savings_plans_coverage_goal`: covered share of the Savings-Plans-eligible on-demand spend, percent.
    public var savingsPlansCoverage: FixedDecimal?
    /// `savings_plans_utilization_goal`: used share of the commitment, percent.
    public var savingsPlansUtilization: FixedDecimal?

    public init(gravitonCoverage: FixedDecimal = defaultGravitonCoverage, savingsPlansCoverage: FixedDecimal? = nil,
                savingsPlansUtilization: FixedDecimal? = nil) {
        self.gravitonCoverage = gravitonCoverage
        self.savingsPlansCoverage = savingsPlansCoverage
        self.savingsPlansUtilization = savingsPlansUtilization
    }
}
