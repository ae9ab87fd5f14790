/// The month's Lambda cost (effective, amortized) per day: the whole month, and per team and showback tag value. Filled by ``walk(_:_:)``,
/// which reads the ledger one function at a time (``UsageLedger/forEachFunction(_:)``), hands each function's
/// hourly series to a caller that renders its page at once, and keeps only daily totals: the memory needed is
/// one function's hours, whatever the size of the fleet.
struct LedgerSeries {
    /// One function's month, valid only during the call that receives it.
    struct FunctionSeries {
        /// Lambda cost (effective) per day (index 0 is the 1st).
        var daily: [FixedDecimal]
        /// Lambda cost (effective) per hour of the month (index 0 is 00:00 UTC on the 1st); hours without charges are zero.
        var hourly: [FixedDecimal]
        /// Whether every charge is at 00:00 UTC on several days: a CUR with daily granularity, with no hourly view.
        var looksDaily: Bool
    }

    /// Lambda cost (effective) per day of every Lambda charge of the month (functions and charges of no function), so the
    /// days add up to the month's Lambda cost.
    var daily: [FixedDecimal]
    /// Lambda cost (effective) per day of the functions of each value (`nil`: the untagged group) of each tag key
    /// with pages (``RenderContext/groupTagKeys``: the team tag and the showback's).
    var dailyByTag: [String: [String?: [FixedDecimal]]] = [:]

    /// A tag value's Lambda cost (effective) per day; empty when none of its functions was read.
    func daily(of group: TagValueCost) -> [FixedDecimal] { dailyByTag[group.tagKey]?[group.value] ?? [] }

    /// Reads the ledger once; `body` gets each function with a page (one in `report.functions`) and its series.
    static func walk(_ report: Report, _ context: RenderContext,
                     _ body: (FunctionCost, FunctionSeries) throws -> Void) rethrows -> LedgerSeries {
        let month = report.month
        let days = month.hourCount / 24
        let first = Int(month.firstHour.hoursSinceEpoch)
        var series = LedgerSeries(daily: Array(repeating: .zero, count: days))
        let places = Dictionary(report.functions.indices.map { (report.functions[$0].function, $0) }, uniquingKeysWith: { first, _ in first })
        var hourly = [FixedDecimal](repeating: .zero, count: month.hourCount)
        let tagKeys = context.groupTagKeys
        try report.ingest.ledger.forEachFunction { identity, cells in
            let function = identity.isUnattributed ? nil : places[identity].map { report.functions[$0] }
            var daily = [FixedDecimal](repeating: .zero, count: days)
            if function != nil { hourly.withUnsafeMutableBufferPointer { $0.update(repeating: .zero) } }
            var midnightOnly = true
            var daysSeen = Set<Int>()
            for (key, amounts) in cells where month.contains(key.hour) {
                let index = Int(key.hour.hoursSinceEpoch) - first
                daily[index / 24] += amounts.effectiveCost
                guard function != nil else { continue }
                hourly[index] += amounts.effectiveCost
                if index % 24 != 0 { midnightOnly = false }
                if midnightOnly { daysSeen.insert(index / 24) }
            }
            for day in 0..<days { series.daily[day] += daily[day] }
            guard let function else { return }
            for key in tagKeys {
                let value = TagValueCost.value(of: function.tags, tagKey: key)
                // In place: a copy of the value's days on every function would be quadratic in a fleet.
                series.dailyByTag[key, default: [:]][value, default: Array(repeating: .zero, count: days)].withUnsafeMutableBufferPointer { sums in
                    for day in 0..<days { sums[day] += daily[day] }
                }
            }
            try body(function, FunctionSeries(daily: daily, hourly: hourly, looksDaily: midnightOnly && daysSeen.count > 1))
        }
        return series
    }

    /// The days of the month (1 = the 1st) with an anomaly finding, for all functions or those in `functions`.
    static func anomalyDays(_ findings: [Finding], functions: Set<FunctionIdentity>? = nil) -> Set<Int> {
        Set(findings.filter { $0.kind == AnomalyScenario.identifier && (functions?.contains($0.function) ?? true) }.compactMap(\.day))
    }
}
