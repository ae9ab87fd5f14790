extension ReportWorkbook {
    /// The Savings Plans sheet: the plans owned, then the best commitment of every evaluated offer (and the
    /// configured commitment), with shares as percentages.
    static func savingsPlans(_ report: Report) -> XLSXSheet {
        var rows: [[XLSXCell]] = []
        if let analysis = report.savingsPlans {
            if let existing = analysis.existing {
                rows.append([
                    .text("Owned"), .empty, .empty, .empty, .currency(analysis.existingHourlyCommitment), .currency(existing.totalCommitment),
                    .currency(existing.eligibleOnDemandCost), .currency(existing.netSavings), .empty,
                    existing.utilization.map { .percent($0) } ?? .empty, existing.coverage.map { .percent($0) } ?? .empty,
                    .currency(existing.unusedCommitment), .empty, .empty,
                ])
            }
            let confidence = Dictionary(analysis.discounts.map { ($0.offer, $0.confidence) }, uniquingKeysWith: { first, _ in first })
            for (kind, options) in [("Best", analysis.options), ("Configured", analysis.configured)] {
                for option in options {
                    rows.append([
                        .text(kind), .text(CommitmentViewModel.planName(option.offer)), .percent(option.offer.discount),
                        .text(confidence[option.offer] ?? "estimate"), .currency(option.hourlyCommitment), .currency(option.monthlyCommitment),
                        .currency(option.eligibleOnDemandSpend), .currency(option.monthlySavings),
                        option.savingsShare.map { .percent($0) } ?? .empty, option.utilization.map { .percent($0) } ?? .empty,
                        option.coverage.map { .percent($0) } ?? .empty, .currency(option.unusedCommitment), .currency(option.upfrontPayment),
                        option.breakEvenMonths.map { .number($0) } ?? .empty,
                    ])
                }
            }
        }
        return XLSXSheet(
            name: "Savings Plans",
            columns: [
                .init("Row", width: 11, format: .text), .init("Plan", width: 24, format: .text), .init("Discount", width: 10, format: .percent),
                .init("Discount source", width: 15, format: .text), .init("Commitment / hour", width: 18, format: .currency),
                .init("Commitment / month", width: 18, format: .currency), .init("Eligible on-demand", width: 18, format: .currency),
                .init("Savings / month", width: 16, format: .currency), .init("Savings", width: 10, format: .percent),
                .init("Utilization", width: 11, format: .percent), .init("Coverage", width: 10, format: .percent),
                .init("Unused commitment", width: 18, format: .currency), .init("Upfront", width: 14, format: .currency),
                .init("Break-even months", width: 16, format: .number),
            ],
            rows: rows)
    }

    /// The Provisioned Concurrency sheet: one row per function reviewed or proposed.
    static func provisionedConcurrency(_ report: Report) -> XLSXSheet {
        XLSXSheet(
            name: "Provisioned Concurrency",
            columns: [
                .init("Account", width: 14, format: .text), .init("Region", width: 16, format: .text), .init("Function", width: 30, format: .text),
                .init("Memory (MB)", width: 12, format: .integer), .init("Today", width: 12, format: .text),
                .init("Utilization", width: 11, format: .percent), .init("Break-even", width: 11, format: .percent),
                .init("Idle cost", width: 14, format: .currency), .init("Cost now", width: 14, format: .currency),
                .init("Proposal", width: 10, format: .text), .init("Levels (UTC hour 0–23)", width: 40, format: .text),
                .init("Proposed cost", width: 14, format: .currency), .init("Savings / month", width: 16, format: .currency),
            ],
            rows: report.provisionedConcurrency.map { analysis in
                [
                    .text(analysis.function.accountID), .text(analysis.function.region), .text(analysis.function.name),
                    .integer(analysis.memoryMB), .text(analysis.review == nil ? "on demand" : "provisioned"),
                    analysis.review?.utilization.map { .percent($0) } ?? .empty,
                    analysis.plan.breakEvenUtilization.map { .percent($0) } ?? .empty,
                    analysis.review.map { .currency($0.idleCost) } ?? .empty,
                    .currency(analysis.review?.currentCost ?? analysis.plan.allOnDemandCost),
                    .text(analysis.prefersSchedule ? "schedule" : "constant"),
                    .text(analysis.proposal.levels.map(String.init).joined(separator: " ")),
                    .currency(analysis.proposal.monthlyCost), .currency(analysis.monthlySavings),
                ]
            })
    }
}
