/// The index page of a git wiki, `Lambda-cost-reports.md`: every month with a dated page in the wiki, newest
/// first, linked, with its headline figures (``WikiMonthFigures``; a dash for a figure its page does not keep).
/// Rebuilt from the pages on every publish.
enum WikiIndexPage {
    static let fileName = "Lambda-cost-reports.md"

    static func text(_ months: [BillingMonth: WikiMonthFigures?]) -> String {
        var lines = [
            "# Lambda cost reports",
            "",
            "One page per month, newest first, written by `lambda-cost-report publish git`. The Lambda cost is the effective (amortized) cost, billed the unblended cost on the bill; the potential savings are every change of the month's plan together. This page is rebuilt on every publish: edit the month pages instead.",
            "",
            "| Month | Lambda cost (effective) | Billed | Potential savings per month | Data |",
            "|---|---:|---:|---:|---|",
        ]
        for month in months.keys.sorted(by: >) {
            let figures = months[month] ?? nil
            let cells = [
                "[\(month)](\(WikiMonthPage.pageName(month)))",
                escaped(figures?.lambdaCost), escaped(figures?.billed), escaped(figures?.potentialSavings),
                dataCell(figures),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `complete`, or `incomplete: up to 2026-10-02 06:00 UTC` for a month whose data does not reach its last day.
    private static func dataCell(_ figures: WikiMonthFigures?) -> String {
        switch figures?.complete {
        case true?: return "complete"
        case false?:
            guard let hour = figures?.lastUsageHour else { return "incomplete: no usage" }
            // 2026-10-02T06:00:00Z → 2026-10-02 06:00 UTC
            let text = hour.count >= 16 ? hour.prefix(10) + " " + hour.dropFirst(11).prefix(5) + " UTC" : hour
            return escaped("incomplete: up to " + text)
        case nil: return "—"
        }
    }

    /// A figure as literal text in a table cell (`$` would start math on GitHub, `|` end the cell).
    private static func escaped(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        var result = ""
        for character in text {
            if "\\`*_{}[]<>()#+!|$~".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
