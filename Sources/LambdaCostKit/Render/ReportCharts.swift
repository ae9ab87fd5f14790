/// Pre-built inline SVG for a template: rendered as it is by `{{{key}}}`, escaped like any text by `{{key}}`.
/// Only the chart builders make it (every text inside a chart is escaped by ``SVGWriter``), and it is not a
/// `String`, so nothing that rewrites the view model's texts can change it.
struct TrustedMarkup: CustomStringConvertible, Sendable {
    let markup: String

    var description: String { markup }
}

/// The charts of the report's pages, built from the report and the ledger series (``LedgerSeries``).
enum ReportCharts {
    /// People's names of the scenarios, the one table every page, table and chart takes them from (the stable
    /// identifiers stay in the CSV files and the workbook).
    static let scenarioLabels = [
        GravitonScenario.identifier: "Move to arm64 (Graviton)",
        MemoryScenario.identifier: "Right-size memory",
        RegionMoveScenario.identifier: "Move region",
        IdleWaitScenario.identifier: "Idle wait: less memory",
        BatchingScenario.identifier: "Batch queue messages",
        AnomalyScenario.identifier: "Cost anomaly",
        CommitmentStage.provisionedConcurrencyScenario: "Provisioned concurrency",
        CommitmentStage.savingsPlanScenario: "Buy a Compute Savings Plan",
    ]

    static func scenarioLabel(_ scenario: String) -> String { scenarioLabels[scenario] ?? scenario }

    static let costAxis = ChartAxis(label: "Lambda cost in the month (effective, USD)", format: .usd)

    /// Bars in descending value (ties by label).
    static func bars(_ values: [String: FixedDecimal]) -> [HorizontalBarChart.Bar] {
        values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { HorizontalBarChart.Bar(label: $0.key, value: $0.value) }
    }

    /// What each scenario saves within the combined plan (``PlannedSaving/cash``): the bars add up to the headline.
    static func savingsByScenario(_ report: Report) -> HorizontalBarChart {
        var totals: [String: FixedDecimal] = [:]
        for opportunity in report.opportunities { totals[scenarioLabel(opportunity.scenario), default: .zero] += opportunity.plan?.cash ?? .zero }
        return HorizontalBarChart(id: "savings-by-scenario", title: "Potential savings per month by scenario", bars: bars(totals),
                                  valueAxis: ChartAxis(label: "Savings per month (USD)", format: .usd))
    }

    static func costByRegion(_ report: Report) -> HorizontalBarChart {
        var totals: [String: FixedDecimal] = [:]
        for function in report.functions { totals[function.function.region, default: .zero] += function.effectiveCost }
        return HorizontalBarChart(id: "cost-by-region", title: "Functions' Lambda cost by region", bars: bars(totals), valueAxis: costAxis)
    }

    /// The functions' usage charges by the architecture they ran on (a function that moved counts on both).
    static func costByArchitecture(_ report: Report) -> HorizontalBarChart {
        var totals: [String: FixedDecimal] = [:]
        for function in report.functions {
            for (key, slice) in function.usage { totals[key.architecture.rawValue, default: .zero] += slice.effectiveCost }
        }
        return HorizontalBarChart(id: "cost-by-architecture", title: "Functions' usage by architecture (Lambda cost)", bars: bars(totals),
                                  valueAxis: costAxis)
    }

    static func costByTeam(_ teams: [TagValueCost], tagKey: String) -> HorizontalBarChart {
        HorizontalBarChart(id: "cost-by-team", title: "Functions' Lambda cost by team (tag \(tagKey))",
                           bars: bars(Dictionary(teams.map { ($0.label, $0.effectiveCost) }, uniquingKeysWith: +)), valueAxis: costAxis)
    }

    /// The costliest functions, labelled with their name and region.
    static func topFunctions(_ functions: [FunctionCost], count: Int = 10, id: String = "top-functions",
                             title: String = "The costliest functions") -> HorizontalBarChart {
        let top = functions.sorted { ($0.effectiveCost, $1.function) > ($1.effectiveCost, $0.function) }.prefix(count)
        return HorizontalBarChart(id: id, title: title,
                                  bars: top.map { .init(label: "\($0.function.name) (\($0.function.region))", value: $0.effectiveCost) },
                                  valueAxis: costAxis, maximumLabelCharacters: 40)
    }

    /// Lambda cost (effective) per day, the anomaly days called out.
    static func daily(id: String, title: String, month: BillingMonth, daily: [FixedDecimal], anomalyDays: Set<Int>) -> ColumnChart {
        ColumnChart.daily(id: id, title: title, month: month, dailyValues: daily,
                          highlights: Dictionary(uniqueKeysWithValues: anomalyDays.map { ($0, "Anomaly") }),
                          valueAxis: ChartAxis(label: "Lambda cost per day (effective, USD)", format: .usd))
    }

    /// One function's Lambda cost (effective) per hour of the month.
    static func hourly(_ function: FunctionIdentity, month: BillingMonth, hourly: [FixedDecimal]) -> HeatStrip {
        HeatStrip(id: "hourly-cost", title: "\(function.name): Lambda cost per hour, \(month)", month: month,
                  hourly: hourly.map { $0 }, value: ChartAxis(label: "Lambda cost per hour (effective, USD)", format: .usdFine),
                  cellTooltips: false)
    }

    /// The memory opportunity's cost and duration by memory size, today's and the proposed size marked.
    static func memoryCurve(_ opportunity: Opportunity, id: String) -> LineChart? {
        guard opportunity.curve.count > 1 else { return nil }
        let points = opportunity.curve.sorted { $0.memoryMB < $1.memoryMB }
        var markers: [LineChart.Marker] = []
        for point in points where point.isCurrent {
            markers.append(.init(label: "Now", point: .init(x: FixedDecimal(point.memoryMB), y: point.monthlyCost)))
        }
        for point in points where point.isProposed {
            markers.append(.init(label: "Proposed", point: .init(x: FixedDecimal(point.memoryMB), y: point.monthlyCost)))
        }
        return LineChart(
            id: id, title: "\(opportunity.function.name): duration cost and average duration by memory size",
            series: [
                .init(name: "Duration cost per month", points: points.map { .init(x: FixedDecimal($0.memoryMB), y: $0.monthlyCost) }),
                .init(name: "Average duration", points: points.map { .init(x: FixedDecimal($0.memoryMB), y: $0.durationMs) },
                      axis: .secondary),
            ],
            xAxis: ChartAxis(label: "Memory (MB)", format: .quantity(places: 0, unit: "MB")),
            yAxis: ChartAxis(label: "Duration cost per month (USD)", format: .usd, includesZero: true),
            secondaryYAxis: ChartAxis(label: "Average duration (ms)", format: .quantity(places: 1, unit: "ms"), includesZero: true),
            markers: markers)
    }
}
