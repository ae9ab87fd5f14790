/// The finance workbook (`report.xlsx`): Summary, Functions, Opportunities, Findings, Teams, Savings Plans and
/// Provisioned Concurrency sheets with
/// numeric cells in currency formats, account IDs as text, frozen headers and set column widths.
enum ReportWorkbook {
    static let fileName = "report.xlsx"

    static func make(_ report: Report, context: RenderContext? = nil) -> XLSXWorkbook {
        let context = context ?? RenderContext(report: report)
        let ingest = report.ingest
        let summary = XLSXSheet(
            name: "Summary",
            columns: [.init("Item", width: 44, format: .text), .init("Value", width: 22)],
            rows: [
                [.text("Month"), .text(report.month.description)],
                [.text("Month complete"), .text(Self.completeness(ingest))],
                [.text("Lambda cost, billed (unblended)"), .currency(report.lambdaCost)],
                [.text("Lambda cost, effective (amortized)"), .currency(report.lambdaEffectiveCost)],
                [.text("Potential savings per month (every change together)"), .currency(report.potentialSavings)],
                [.text("Lambda cost with the plan in place (effective)"), .currency(report.plan.effectiveCostAfter)],
                [.text("Of the changes' savings, frees commitment already owned"), .currency(report.plan.absorbedByOwnedCommitment)],
                [.text("Functions"), .integer(report.functions.count)],
                [.text("Input, unblended"), .currency(ingest.totals.input)],
                [.text("Other services, unblended"), .currency(ingest.totals.otherServices)],
                [.text("Rejected rows, unblended"), .currency(ingest.totals.rejected)],
                [.text("Other months, unblended"), .currency(ingest.totals.outsideMonth)],
                [.text("Rows read"), .integer(ingest.rows.read)],
                [.text("Rows rejected"), .integer(ingest.rows.rejected)],
                [.text("Price catalog"), .text("\(report.catalogVersion) (prices as of \(report.catalogPricesAsOf))")],
                [.text("Tool version"), .text(ToolVersion.current)],
            ])
        let functions = XLSXSheet(
            name: "Functions",
            columns: [
                .init("Account", width: 14, format: .text), .init("Region", width: 16, format: .text),
                .init("Function", width: 30, format: .text), .init("Architecture", width: 14, format: .text),
                .init("Requests", width: 16, format: .integer), .init("GB-seconds", width: 18, format: .number),
                .init("Provisioned GB-seconds", width: 18, format: .number), .init("Billed (unblended)", width: 16, format: .currency),
                .init("Effective", width: 16, format: .currency), .init("On-demand value", width: 16, format: .currency),
                .init("Catalog cost", width: 16, format: .currency), .init("Team", width: 16, format: .text),
            ],
            rows: report.functions.map { function in
                [
                    .text(function.function.accountID), .text(function.function.region), .text(function.function.name),
                    .text(function.architectureLabel), .number(function.requests), .number(function.gbSeconds),
                    .number(function.provisionedGBSeconds), .currency(function.unblendedCost), .currency(function.effectiveCost),
                    .currency(function.onDemandCost), function.catalog.map { .currency($0.netCost) } ?? .empty,
                    .text(context.team(of: function) ?? ""),
                ]
            })
        let opportunities = XLSXSheet(
            name: "Opportunities",
            columns: [
                .init("Rank", width: 6, format: .integer), .init("Scenario", width: 12, format: .text),
                .init("Account", width: 14, format: .text), .init("Region", width: 16, format: .text),
                .init("Function", width: 30, format: .text), .init("Saving alone / month", width: 16, format: .currency),
                .init("Plan order", width: 10, format: .integer), .init("Marginal saving in the plan", width: 18, format: .currency),
                .init("Frees owned commitment", width: 18, format: .currency), .init("Saving in the plan", width: 16, format: .currency),
                .init("Cost it acts on / month", width: 18, format: .currency), .init("Confidence", width: 12, format: .text),
                .init("Summary", width: 80, format: .text),
            ],
            rows: report.opportunities.enumerated().map { index, opportunity in
                [
                    .integer(index + 1), .text(opportunity.scenario), .text(opportunity.function.accountID),
                    .text(opportunity.function.region), .text(opportunity.function.name), .currency(opportunity.monthlySavings),
                    opportunity.plan.map { .integer($0.order) } ?? .empty, opportunity.plan.map { .currency($0.marginal) } ?? .empty,
                    opportunity.plan.map { .currency($0.absorbedByOwnedCommitment) } ?? .empty, opportunity.plan.map { .currency($0.cash) } ?? .empty,
                    .currency(opportunity.currentMonthlyCost), .text(opportunity.confidence.rawValue), .text(opportunity.summary),
                ]
            })
        let findings = XLSXSheet(
            name: "Findings",
            columns: [
                .init("Finding", width: 22, format: .text), .init("Account", width: 14, format: .text),
                .init("Region", width: 16, format: .text), .init("Function", width: 30, format: .text),
                .init("Money at risk", width: 16, format: .currency), .init("Summary", width: 90, format: .text),
            ],
            rows: report.findings.map { finding in
                [
                    .text(finding.kind), .text(finding.function.accountID), .text(finding.function.region), .text(finding.function.name),
                    finding.moneyAtRisk.map { .currency($0) } ?? .empty, .text(finding.summary),
                ]
            })
        return XLSXWorkbook(sheets: [summary, functions, opportunities, findings, teams(context), savingsPlans(report), provisionedConcurrency(report)])
    }

    /// Cost and potential savings by team (the value of the team tag; "(untagged)" for functions without one),
    /// by name with the untagged group last; the same numbers as `teams.csv`.
    static func teams(_ context: RenderContext) -> XLSXSheet {
        XLSXSheet(
            name: "Teams",
            columns: [
                .init("Team", width: 24, format: .text), .init("Functions", width: 10, format: .integer),
                .init("Billed (unblended)", width: 18, format: .currency), .init("Effective", width: 18, format: .currency),
                .init("On-demand value", width: 18, format: .currency), .init("Potential savings / month", width: 24, format: .currency),
            ],
            rows: context.teams.map { team in
                [.text(team.label), .integer(team.functions.count), .currency(team.unblendedCost), .currency(team.effectiveCost),
                 .currency(team.onDemandCost), .currency(team.potentialSavings)]
            })
    }
}

extension ReportWorkbook {
    /// `yes`, or `no: data up to 2026-10-15 07:00 UTC` for a month whose data does not reach its last day.
    static func completeness(_ ingest: IngestResult) -> String {
        if ingest.monthComplete { return "yes" }
        guard let hour = ingest.coverage.lastUsageHour else { return "no: no usage in the month" }
        return "no: data up to \(ReportViewModel.lastUsageHourText(hour))"
    }
}
