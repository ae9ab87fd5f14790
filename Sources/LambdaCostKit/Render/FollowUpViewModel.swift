/// The follow-up of the earlier report's opportunities (`changes.html`, `follow-up.csv`, the digests): formatted
/// values for the page and fixed-place decimals for CSV.
enum FollowUpViewModel {
    static func make(_ report: Report) -> [String: Any] {
        guard let followUp = report.followUp else {
            return ["has_follow_up": false]
        }
        let rows = followUp.outcomes.map(row)
        func total(_ status: OpportunityFollowUp.Status) -> [String: Any] {
            let outcomes = followUp.outcomes(status)
            let expected = FixedDecimal.sum(outcomes.map(\.expectedSaving))
            return ["count": outcomes.count, "expected": Format.usd(expected), "expected_usd": Format.csvMoney(expected)]
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
                "outcomes": rows,
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

    /// A measure's value for people: a share as a percentage, memory in MB, a commitment in dollars an hour.
    static func display(_ value: String?, _ measure: TrackedChange.Measure?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        guard let measure, measure != .region, let number = FixedDecimal(parsing: value) else { return value }
        switch measure {
        case .arm64Share: return Format.percent(number)
        case .memoryMB: return "\(number.formatted(places: 0)) MB"
        case .gbSecondsPerRequest: return "\(number.formatted(places: 4)) GB-s"
        case .provisionedGBSecondsPerHour: return "\(number.formatted(places: 1)) GB-s/h"
        case .savingsPlanCommitmentPerHour: return "\(Format.usdFine(number))/h"
        case .region: return value
        }
    }
}
