/// The keys of `site/index.html` (the site of all months, `<output>/index.html`): the months newest first with
/// their KPIs formatted as the month's pages show them, the goals, and the KPI history as line charts (oldest
/// month on the left). See `templates/README.md`.
enum SiteViewModel {
    static func make(_ months: [SiteMonth], goals: KPIGoals, generatedAt: String?) -> [String: Any] {
        let history = months.compactMap(\.readKPIs).sorted { $0.month < $1.month }
        var model: [String: Any] = [
            "tool_version": ToolVersion.current,
            "generated_at": generatedAt ?? "",
            "has_generated_at": generatedAt != nil,
            "months": months.map(entry),
            "has_months": !months.isEmpty,
            "month_count": months.count,
            "has_kpi_history": !history.isEmpty,
            "graviton_coverage_goal": percentGoal(goals.gravitonCoverage),
            "has_savings_plans_coverage_goal": goals.savingsPlansCoverage != nil,
            "savings_plans_coverage_goal": goals.savingsPlansCoverage.map(percentGoal) ?? "",
            "has_savings_plans_utilization_goal": goals.savingsPlansUtilization != nil,
            "savings_plans_utilization_goal": goals.savingsPlansUtilization.map(percentGoal) ?? "",
            "has_savings_plans_history": history.contains { $0.savingsPlansOwned },
        ]
        if let origin = history.first?.month {
            for (key, chart) in charts(history, origin: origin, goals: goals) { model[key] = TrustedMarkup(markup: chart.svg()) }
        }
        return model
    }

    /// One row of the months table.
    static func entry(_ month: SiteMonth) -> [String: Any] {
        var entry: [String: Any] = [
            "month": month.month.description,
            "page": "\(month.month)/index.html",
            "has_page": month.hasPage,
            "has_kpis": month.readKPIs != nil,
            "kpis_missing": month.kpis == .missing,
            "kpis_unreadable": month.kpis == .unreadable,
        ]
        guard let kpis = month.readKPIs else { return entry }
        let notApplicable = "n/a"
        entry.merge([
            "data": kpis.monthComplete ? "complete" : "incomplete",
            "month_complete": kpis.monthComplete,
            "lambda_cost": Format.usd(kpis.lambdaEffectiveCostUSD),
            "billed_cost": Format.usd(kpis.lambdaBilledCostUSD),
            "potential_savings": Format.usd(kpis.potentialSavingsUSD),
            "realized_savings": kpis.realizedSavingsUSD.map(Format.usd) ?? kpis.realizedSavingsStatus,
            "graviton_coverage": kpis.gravitonGBSecondsShare.map { Format.percent($0) } ?? notApplicable,
            "graviton_cost_coverage": kpis.gravitonDurationCostShare.map { Format.percent($0) } ?? notApplicable,
            "savings_plans_coverage": kpis.savingsPlansCoverageShare.map { Format.percent($0) } ?? notApplicable,
            "savings_plans_utilization": kpis.savingsPlansUtilizationShare.map { Format.percent($0) } ?? notApplicable,
            "requests": Format.quantity(kpis.requests, places: 0),
            "gb_seconds": Format.quantity(kpis.gbSeconds, places: 0),
            "cost_per_million_requests": kpis.costPerMillionRequestsUSD.map(Format.usd) ?? notApplicable,
            "cost_per_gb_second": kpis.costPerGBSecondUSD.map { Format.rate($0, per: "GB-s") } ?? notApplicable,
            "function_count": kpis.functionCount,
        ]) { _, new in new }
        return entry
    }

    /// `20 %` for the goal 20 (percent), with the decimals it has.
    static func percentGoal(_ percent: FixedDecimal) -> String { "\(percent.description) %" }

    /// The goal as a share (20 % → 0.2).
    static func share(_ percent: FixedDecimal) -> FixedDecimal { percent.divided(by: 100) }

    /// The KPI history's charts, by template key. Months are whole steps after the oldest month with KPIs.
    static func charts(_ history: [MonthKPIs], origin: BillingMonth, goals: KPIGoals) -> [(String, LineChart)] {
        func x(_ month: BillingMonth) -> FixedDecimal {
            FixedDecimal((month.year - origin.year) * 12 + (month.month - origin.month))
        }
        func series(_ name: String, _ value: (MonthKPIs) -> FixedDecimal?) -> LineChart.Series {
            LineChart.Series(name: name, points: history.compactMap { kpis in value(kpis).map { LineChart.Point(x: x(kpis.month), y: $0) } })
        }
        func goal(_ percent: FixedDecimal, months: [MonthKPIs]) -> LineChart.Series {
            LineChart.Series(name: "Goal (\(percentGoal(percent)))",
                             points: months.map { LineChart.Point(x: x($0.month), y: share(percent)) })
        }
        let monthAxis = ChartAxis(label: "Month", format: .month(from: origin))
        let shareAxis = ChartAxis(label: "Share (%)", format: .percent(places: 0), includesZero: true)
        func chart(_ id: String, _ title: String, _ series: [LineChart.Series], _ axis: ChartAxis) -> LineChart {
            LineChart(id: id, title: title, series: series, xAxis: monthAxis, yAxis: axis)
        }
        let withPlan = history.filter(\.savingsPlansOwned)
        var savingsPlans = [
            series("Savings Plans coverage") { $0.savingsPlansCoverageShare },
            series("Savings Plans utilization") { $0.savingsPlansUtilizationShare },
        ]
        if let target = goals.savingsPlansCoverage { savingsPlans.append(goal(target, months: withPlan).named("Coverage goal (\(percentGoal(target)))")) }
        if let target = goals.savingsPlansUtilization { savingsPlans.append(goal(target, months: withPlan).named("Utilization goal (\(percentGoal(target)))")) }
        return [
            ("chart_lambda_cost", chart("kpi-lambda-cost", "Lambda cost per month (effective, amortized)",
                [series("Lambda cost (effective)") { $0.lambdaEffectiveCostUSD }],
                ChartAxis(label: "Lambda cost (effective, USD)", format: .usd, includesZero: true))),
            ("chart_savings", chart("kpi-savings", "Potential and realized savings per month",
                [series("Potential savings (every change together)") { $0.potentialSavingsUSD },
                 series(history.contains { $0.realizedSavingsUSD != nil }
                        ? "Realized savings" : "Realized savings (\(MonthKPIs.realizedSavingsNotMeasured) yet)") { $0.realizedSavingsUSD }],
                ChartAxis(label: "Savings per month (USD)", format: .usd, includesZero: true))),
            ("chart_graviton_coverage", chart("kpi-graviton-coverage", "Graviton coverage: arm64's share of the functions' duration",
                [series("Graviton coverage (GB-s)") { $0.gravitonGBSecondsShare },
                 series("Graviton coverage (duration cost)") { $0.gravitonDurationCostShare },
                 goal(goals.gravitonCoverage, months: history)],
                shareAxis)),
            ("chart_savings_plans", chart("kpi-savings-plans", "Savings Plans owned: coverage and utilization", savingsPlans, shareAxis)),
            ("chart_cost_per_million_requests", chart("kpi-cost-per-million-requests", "Lambda cost per 1 million invocations",
                [series("Lambda cost per 1 M invocations") { $0.costPerMillionRequestsUSD }],
                ChartAxis(label: "Lambda cost per 1 M invocations (USD)", format: .usd, includesZero: true))),
            ("chart_cost_per_gb_second", chart("kpi-cost-per-gb-second", "Lambda cost per GB-second of duration",
                [series("Lambda cost per GB-s") { $0.costPerGBSecondUSD }],
                ChartAxis(label: "Lambda cost per GB-s (USD)", format: .usdPer("GB-s"), includesZero: true))),
        ]
    }
}

extension LineChart.Series {
    /// The series under another name.
    fileprivate func named(_ name: String) -> LineChart.Series {
        var copy = self
        copy.name = name
        return copy
    }
}
