/// Cost anomalies: days whose cost (on-demand value of the function's usage, so free tier and Savings Plans
/// do not hide a spike) is far above the function's own median day — a recursive loop, a traffic spike.
/// Listed with the extra cost over the median and the costliest hour of the day.
public struct AnomalyScenario: Sendable {
    public static let identifier = "anomaly"

    public var settings: ScenarioSettings

    public init(settings: ScenarioSettings = ScenarioSettings()) { self.settings = settings }

    /// The anomalies of a whole ledger (one read of it); the report finds them in its first pass instead
    /// (``Detector``, fed by ``FunctionCostStage``).
    public func evaluate(_ ledger: UsageLedger) -> [Finding] {
        var detector = Detector(settings: settings, month: ledger.month)
        ledger.forEachFunction { detector.consume($0, $1) }
        return detector.findings
    }

    /// Finds the anomalies of each function handed to it: the memory needed is one function's month of days.
    struct Detector: LedgerConsumer {
        let settings: ScenarioSettings
        let month: BillingMonth
        private var found: [Finding] = []

        init(settings: ScenarioSettings, month: BillingMonth) {
            self.settings = settings
            self.month = month
        }

        /// By function, each function's days in date order.
        var findings: [Finding] { found.sorted { $0.function < $1.function } }  // stable: days stay in date order

        mutating func consume(_ function: FunctionIdentity, _ cells: UsageLedger.FunctionCells) {
            guard !function.isUnattributed else { return }
            var perDay: [Int: FixedDecimal] = [:]
            var hours: [Int32: FixedDecimal] = [:]
            for (key, amounts) in cells where key.charge.isUsage && month.contains(key.hour) {
                let day = Int(key.hour.hoursSinceEpoch) / 24
                perDay[day, default: .zero] += amounts.onDemandCost
                hours[key.hour.hoursSinceEpoch, default: .zero] += amounts.onDemandCost
            }
            guard perDay.count >= 7 else { return }  // a week at least, or there is no baseline
            let sorted = perDay.values.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]).divided(by: 2)
            for (day, cost) in perDay.sorted(by: { $0.key < $1.key }) {
                let extra = cost - median
                guard cost > median * settings.anomalyFactor, extra >= settings.anomalyMinimumExtra else { continue }
                let dayHours = hours.filter { Int($0.key) / 24 == day }
                let peak = dayHours.max { ($0.value, -$0.key) < ($1.value, -$1.key) }
                let date = String(UsageHour(hoursSinceEpoch: Int32(day * 24)).description.prefix(10))
                let peakText = peak.map { " (costliest hour \(String(UsageHour(hoursSinceEpoch: $0.key).description.dropFirst(11).prefix(5))) UTC, \(Format.usd($0.value)))" } ?? ""
                let ratio = median.isZero ? "against a median day of nothing" : "\(cost.divided(by: median).formatted(places: 1))× its median day of \(Format.usd(median))"
                found.append(Finding(
                    kind: AnomalyScenario.identifier, function: function, moneyAtRisk: extra,
                    summary: "\(function.name) cost \(Format.usd(cost)) on \(date), \(ratio)\(peakText): \(Format.usd(extra)) above its baseline. Look for a recursive invocation loop, a retry storm or a traffic spike.",
                    day: day - Int(month.firstHour.hoursSinceEpoch) / 24 + 1))
            }
        }
    }
}
