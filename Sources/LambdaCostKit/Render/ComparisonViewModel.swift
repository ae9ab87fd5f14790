/// Month over month and team budgets (`changes.html`, `budgets.csv`): formatted values for the page and
/// fixed-place decimals for CSV.
enum ComparisonViewModel {
    static func make(_ report: Report) -> [String: Any] {
        var model: [String: Any] = [:]
        let budgets = report.budgets.map { status -> [String: Any] in
            [
                "team": status.team, "budget": Format.usd(status.budget), "budget_usd": Format.csvMoney(status.budget),
                "spent": Format.usd(status.spent), "spent_usd": Format.csvMoney(status.spent),
                "share": Format.percent(status.share), "share_fraction": Format.csvQuantity(status.share),
                "alert": status.alert.map { "\($0.formatted(places: 0)) % reached" } ?? "under every alert level",
                "alert_level_percent": status.alert.map { $0.formatted(places: 0) } ?? "",
                "over": status.spent >= status.budget,
            ]
        }
        model["has_budgets"] = !budgets.isEmpty
        let alerts = report.budgets.filter { $0.alert != nil }
        model["has_budget_alerts"] = !alerts.isEmpty
        model["budget_alerts"] = alerts.map { "\($0.team) \(($0.share * 100).formatted(places: 0)) %" }.joined(separator: ", ")
        model["budgets"] = budgets
        guard let comparison = report.monthOverMonth else {
            model["has_month_over_month"] = false
            return model
        }
        func row(_ change: MonthOverMonth.Change) -> [String: Any] {
            [
                "label": change.label, "account_id": change.function?.accountID ?? "", "region": change.function?.region ?? "",
                "previous": change.previous.map(Format.usd) ?? "–", "current": change.current.map(Format.usd) ?? "–",
                "previous_usd": change.previous.map(Format.csvMoney) ?? "", "current_usd": change.current.map(Format.csvMoney) ?? "",
                "change": (change.change > .zero ? "+" : "") + Format.usd(change.change), "change_usd": Format.csvMoney(change.change),
                "change_share": change.changeShare.map { "\($0 > .zero ? "+" : "")\(($0 * 100).formatted(places: 1)) %" } ?? "new",
                "status": change.previous == nil ? "new" : change.current == nil ? "vanished" : "",
            ]
        }
        let functions = comparison.functions.map(row)
        model["has_month_over_month"] = true
        model["month_over_month"] = [
            "previous_month": comparison.previousMonth.description,
            "source": comparison.source == "input" ? "the input files" : "the earlier report in \(comparison.source)",
            "total": row(comparison.total),
            "functions": functions,
            "teams": comparison.teams.map(row),
            "has_scenarios": comparison.scenarios != nil,
            // People's names of the scenarios on the page; `scenario` keeps the stable identifier.
            "scenarios": (comparison.scenarios ?? []).map { change in
                row(change).merging(["label": ReportCharts.scenarioLabel(change.label), "scenario": change.label]) { _, new in new }
            },
            "new_functions": comparison.newFunctions.map { ["function_name": $0.name, "region": $0.region, "account_id": $0.accountID] },
            "vanished_functions": comparison.vanishedFunctions.map { ["function_name": $0.name, "region": $0.region, "account_id": $0.accountID] },
            "has_new": !comparison.newFunctions.isEmpty,
            "has_vanished": !comparison.vanishedFunctions.isEmpty,
        ] as [String: Any]
        return model
    }
}
