/// What the chat digests (`notify/slack.json`, `notify/teams.json`) tell about the month, every figure formatted
/// as the index formats it: the month (and whether it is complete), the Lambda cost (effective) and its change
/// against the month before, the billed cost, the headline potential savings (``Report/plan``), the top five
/// opportunities, the team budgets at an alert level and the cost-anomaly days, and where the full report is.
/// ``SlackDigest`` and ``TeamsDigest`` only arrange and escape these texts.
///
/// Values that come from the bill (function, region, account, team names) are made single-line and cut to
/// ``maximumValueLength`` characters; the builders keep them inert (no link, mention or formatting).
struct ChatDigest: Sendable, Equatable {
    /// A labelled figure of the digest's headline.
    struct Figure: Sendable, Equatable {
        var label: String
        var value: String
    }

    struct Opportunity: Sendable, Equatable {
        var rank: Int
        var function: String
        /// `us-east-1 · 004519876321`, empty for the fleet-wide Savings Plans purchase.
        var location: String
        /// The scenario's label (``ReportCharts/scenarioLabels``).
        var action: String
        /// The saving alone and within the plan of every change, per month.
        var saving: String
        var planSaving: String
    }

    struct BudgetAlert: Sendable, Equatable {
        var team: String
        /// `104.2 %` of the budget spent.
        var share: String
        var spent: String
        var budget: String
        /// The alert levels reached, lowest first: `60 %`, `85 %`, `100 %`.
        var levels: [String]
    }

    struct Anomaly: Sendable, Equatable {
        /// `2026-10-17`.
        var date: String
        var function: String
        var location: String
        /// The day's cost above the function's baseline, or empty when not priced.
        var extra: String
    }

    var month: String
    /// The incomplete-month banner line, `nil` for a complete month.
    var incompleteMonth: String?
    var lambdaCost: String
    var billedCost: String
    /// `+$1.23 (+4.5 %)`, against ``previousMonth``; `nil` without a month before.
    var change: String?
    var previousMonth: String?
    var potentialSavings: String
    /// `16.2 %` of the Lambda cost.
    var potentialSavingsShare: String
    /// `$93.65 (2 of 273 acted on)`: what the month before's opportunities acted on saved this month, and its
    /// label (`Realized by 2026-09's opportunities`); `nil` when no earlier report was followed up.
    var realized: Figure?
    /// How many opportunities the report has in all.
    var opportunityCount: Int
    var topOpportunities: [Opportunity]
    /// Whether any team budget is configured.
    var hasBudgets: Bool
    /// Teams at an alert level: highest level first, then largest share, then by name.
    var budgetAlerts: [BudgetAlert]
    /// By day, then largest extra cost, then function.
    var anomalies: [Anomaly]
    /// `<html_base_url>/<month>/index.html` when `[report] html_base_url` is set.
    var reportURL: String?

    /// How many opportunities the digests list.
    static let topCount = 5
    /// A value from the bill longer than this is cut (with `…`): no name can fill a message.
    static let maximumValueLength = 120

    init(report: Report, htmlBaseURL: String?) {
        month = report.month.description
        if report.ingest.monthComplete {
            incompleteMonth = nil
        } else if let hour = report.ingest.coverage.lastUsageHour {
            incompleteMonth = "Incomplete month: the data of \(month) reaches only \(ReportViewModel.lastUsageHourText(hour)) (its last hour with usage), before the month's last day: every figure covers part of the month."
        } else {
            incompleteMonth = "Incomplete month: the data of \(month) holds no usage: every figure covers part of the month."
        }
        lambdaCost = Format.usd(report.lambdaEffectiveCost)
        billedCost = Format.usd(report.lambdaBilledCost)
        if let comparison = report.monthOverMonth {
            // As the index shows it (ComparisonViewModel): the functions' Lambda cost against the month before.
            let total = comparison.total
            let share = total.changeShare.map { "\($0 > .zero ? "+" : "")\(($0 * 100).formatted(places: 1)) %" } ?? "new"
            change = (total.change > .zero ? "+" : "") + Format.usd(total.change) + " (\(share))"
            previousMonth = comparison.previousMonth.description
        }
        potentialSavings = Format.usd(report.potentialSavings)
        potentialSavingsShare = Format.percent(report.plan.savingsShare)
        realized = report.followUp.map { followUp in
            Figure(label: "Realized by \(followUp.previousMonth)'s opportunities",
                   value: "\(Format.usd(followUp.realizedSavings)) (\(followUp.total(.actedOn).count) of \(followUp.outcomes.count) acted on)")
        }
        opportunityCount = report.opportunities.count
        topOpportunities = report.opportunities.prefix(Self.topCount).enumerated().map { index, opportunity in
            Opportunity(rank: index + 1, function: Self.value(opportunity.function.name), location: Self.location(opportunity.function),
                        action: ReportCharts.scenarioLabel(opportunity.scenario), saving: Format.usd(opportunity.monthlySavings),
                        planSaving: opportunity.plan.map { Format.usd($0.cash) } ?? "–")
        }
        hasBudgets = !report.budgets.isEmpty
        budgetAlerts = report.budgets.filter { $0.alert != nil }
            .sorted { ($0.alert!, $0.share, $1.team) > ($1.alert!, $1.share, $0.team) }
            .map { status in
                BudgetAlert(team: Self.value(status.team), share: Format.percent(status.share), spent: Format.usd(status.spent),
                            budget: Format.usd(status.budget), levels: status.reachedLevels.map { "\($0.formatted(places: 0)) %" })
            }
        anomalies = report.findings.filter { $0.kind == AnomalyScenario.identifier && $0.day != nil }
            .sorted { lhs, rhs in
                if lhs.day! != rhs.day! { return lhs.day! < rhs.day! }
                let (left, right) = (lhs.moneyAtRisk ?? .zero, rhs.moneyAtRisk ?? .zero)
                if left != right { return left > right }
                return lhs.function < rhs.function
            }
            .map { finding in
                let day = finding.day!
                return Anomaly(date: "\(report.month)-\(day < 10 ? "0" : "")\(day)", function: Self.value(finding.function.name),
                               location: Self.location(finding.function), extra: finding.moneyAtRisk.map(Format.usd) ?? "")
            }
        reportURL = htmlBaseURL.map { HTMLReportLinks.url(base: $0, month: report.month.description, page: "index.html") }
    }

    /// The digest files of a report, as the render stage writes them (``SlackDigest/path``, ``TeamsDigest/path``).
    static func files(_ report: Report, htmlBaseURL: String?) -> [RenderedFile] {
        let digest = ChatDigest(report: report, htmlBaseURL: htmlBaseURL)
        return [RenderedFile(path: SlackDigest.path, contents: SlackDigest.bytes(digest)),
                RenderedFile(path: TeamsDigest.path, contents: TeamsDigest.bytes(digest))]
    }

    /// Where the full report is when it has no address.
    var reportPlace: String {
        "The full HTML report (index.html, findings.html, changes.html) lies in the report's output folder for \(month); it is not published at a known address ([report] html_base_url in the configuration links it here)."
    }

    /// `us-east-1 · 004519876321` (the parts that are there).
    static func location(_ function: FunctionIdentity) -> String {
        [function.region, function.accountID].filter { !$0.isEmpty }.map(value).joined(separator: " · ")
    }

    /// A value from the bill on one line (control and line-breaking characters become spaces), cut to
    /// ``maximumValueLength`` characters with `…`.
    static func value(_ text: String) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let code = scalar.value
            let breaks = code < 0x20 || (0x7F...0x9F).contains(code) || code == 0x2028 || code == 0x2029
            line.append(breaks ? " " : scalar)
        }
        let single = String(line)
        return single.count > maximumValueLength ? String(single.prefix(maximumValueLength - 1)) + "…" : single
    }
}
