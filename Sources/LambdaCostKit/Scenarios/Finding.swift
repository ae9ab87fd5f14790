/// Something a reviewer should look at that is not (only) a saving: a timeout risk, an anomaly, a
/// function paying for waiting. Money at risk is exact; `nil` when it cannot be priced.
public struct Finding: Sendable, Equatable {
    /// A stable identifier (`timeout-api-gateway`, `anomaly`, …) as used in `findings.csv`.
    public var kind: String
    public var function: FunctionIdentity
    public var moneyAtRisk: FixedDecimal?
    public var summary: String
    /// The day of the report's month the finding is about (1 = the 1st), for an anomaly: highlighted in the
    /// daily cost charts.
    public var day: Int?
    /// The section of the function's page that shows the finding's figures, when one does.
    public var section: FunctionPageSection?

    public init(kind: String, function: FunctionIdentity, moneyAtRisk: FixedDecimal?, summary: String, day: Int? = nil,
                section: FunctionPageSection? = nil) {
        self.kind = kind
        self.function = function
        self.moneyAtRisk = moneyAtRisk
        self.summary = summary
        self.day = day
        self.section = section
    }
}
