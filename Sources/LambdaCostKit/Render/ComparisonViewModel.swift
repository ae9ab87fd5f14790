/// Month over month and team budgets (`changes.html`, `month-over-month.csv`): formatted values for the page and
/// fixed-place decimals for CSV. The page shows the first `topRows` functions by change and of the new and vanished
/// functions; `functions` has every one (made as a template renders them) for the CSV.
enum ComparisonViewModel {
    static func make(_ report: Report, topRows: Int = ReportConfiguration.defaultTopRows) -> [String: Any] {
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
            let presence = change.previous == nil ? "new" : change.current == nil ? "vanished" : "both"
            return [
                "label": change.label, "account_id": change.function?.accountID ?? "", "region": change.function?.region ?? "",
                "previous": change.previous.map(Format.usd) ?? "–", "current": change.current.map(Format.usd) ?? "–",
                "previous_usd": change.previous.map(Format.csvMoney) ?? "", "current_usd": change.current.map(Format.csvMoney) ?? "",
                "change": (change.change > .zero ? "+" : "") + Format.usd(change.change), "change_usd": Format.csvMoney(change.change),
                "change_share": change.changeShare.map { "\($0 > .zero ? "+" : "")\(($0 * 100).formatted(places: 1)) %" } ?? "new",
                "status": presence == "both" ? "" : presence,
                "presence": presence,
            ]
        }
        func place(_ function: FunctionIdentity) -> [String: Any] {
            ["function_name": function.name, "region": function.region, "account_id": function.accountID]
        }
        let (new, vanished) = (comparison.newFunctions, comparison.vanishedFunctions)
        model["has_month_over_month"] = true
        model["month_over_month"] = [
            "previous_month": comparison.previousMonth.description,
            "source": comparison.source == "input" ? "the input files" : "the earlier report in \(comparison.source)",
            "total": row(comparison.total),
            "functions": ModelRows(comparison.functions, row: row),
            "shown_functions": ModelRows(comparison.functions.prefix(topRows), row: row),
            "more_functions_count": max(0, comparison.functions.count - topRows),
            "has_more_functions": comparison.functions.count > topRows,
            "teams": comparison.teams.map(row),
            "has_scenarios": comparison.scenarios != nil,
            // People's names of the scenarios on the page; `scenario` keeps the stable identifier.
            "scenarios": (comparison.scenarios ?? []).map { change in
                row(change).merging(["label": ReportCharts.scenarioLabel(change.label), "scenario": change.label]) { _, new in new }
            },
            "new_functions": new.prefix(topRows).map(place),
            "vanished_functions": vanished.prefix(topRows).map(place),
            "has_new": !new.isEmpty,
            "has_vanished": !vanished.isEmpty,
            "new_count": new.count, "more_new_count": max(0, new.count - topRows), "has_more_new": new.count > topRows,
            "vanished_count": vanished.count, "more_vanished_count": max(0, vanished.count - topRows),
            "has_more_vanished": vanished.count > topRows,
        ] as [String: Any]
        return model
    }
}
