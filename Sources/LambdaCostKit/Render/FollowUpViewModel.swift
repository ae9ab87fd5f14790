/// The follow-up of the earlier report's opportunities (`changes.html`, `follow-up.csv`, the wiki pages): formatted
/// values for the page and fixed-place decimals for CSV. `outcomes` has every one (made as a template renders
/// them); the page shows `shown_outcomes`, the first `topRows` of them with those acted on first, then gone, not
/// checked and open, each in the earlier report's rank order.
enum FollowUpViewModel {
    static func make(_ report: Report, topRows: Int = ReportConfiguration.defaultTopRows) -> [String: Any] {
        guard let followUp = report.followUp else {
            return ["has_follow_up": false]
        }
        let order: [OpportunityFollowUp.Status] = [.actedOn, .gone, .notChecked, .open]
        var shown: [OpportunityFollowUp.Outcome] = []
        for status in order where shown.count < topRows {
            shown += followUp.outcomes.lazy.filter { $0.status == status }.prefix(topRows - shown.count)
        }
        func total(_ status: OpportunityFollowUp.Status) -> [String: Any] {
            let (count, expected) = followUp.total(status)
            return ["count": count, "any": count > 0, "expected": Format.usd(expected), "expected_usd": Format.csvMoney(expected)]
        }
        let realized = followUp.realizedSavings
        return [
            "has_follow_up": true,
            "follow_up": [
                "previous_month": followUp.previousMonth.description,
                "source": followUp.source,
                "count": followUp.outcomes.count,
                "has_outcomes": !followUp.outcomes.isEmpty,
                "realized": Format.usd(realized), "realized_usd": Format.csvMoney(realized),
                "acted_on": total(.actedOn), "open": total(.open), "gone": total(.gone), "not_checked": total(.notChecked),
                "outcomes": ModelRows(followUp.outcomes, row: row),
                "shown_outcomes": ModelRows(shown, row: row),
                "more_outcomes_count": followUp.outcomes.count - shown.count,
                "has_more_outcomes": followUp.outcomes.count > shown.count,
            ] as [String: Any],
        ]
    }

    static func row(_ outcome: OpportunityFollowUp.Outcome) -> [String: Any] {
        [
            "opportunity_id": outcome.id,
            "scenario": outcome.scenario,
            "scenario_label": ReportCharts.scenarioLabel(outcome.scenario),
            "account_id": outcome.function.accountID,
            "region": outcome.function.region,
            "function_name": outcome.function.name,
            "open_since": outcome.openSince.description,
            "expected": Format.usd(outcome.expectedSaving), "expected_usd": Format.csvMoney(outcome.expectedSaving),
            "measure": outcome.measure?.rawValue ?? "",
            "measure_before": outcome.before ?? "", "measure_target": outcome.target ?? "", "measure_now": outcome.now ?? "",
            "before": display(outcome.before, outcome.measure), "target": display(outcome.target, outcome.measure),
            "now": display(outcome.now, outcome.measure),
            "status": outcome.status.rawValue,
            "acted_on": outcome.status == .actedOn,
            "realized": outcome.realizedSaving.map(Format.usd) ?? "–",
            "realized_usd": outcome.realizedSaving.map(Format.csvMoney) ?? "",
            "proposed_again": outcome.proposedAgain ? "yes" : "no",
            "note": outcome.note,
        ]
    }

    /// A measure's value for people (``TrackedChange/Measure/displayed(_:)``); `–` when there is none.
    static func display(_ value: String?, _ measure: TrackedChange.Measure?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        return measure?.displayed(value) ?? value
    }
}
