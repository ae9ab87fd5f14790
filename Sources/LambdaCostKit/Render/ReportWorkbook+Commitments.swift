extension ReportWorkbook {
    /// The Savings Plans sheet: the plans owned, then the best commitment of every evaluated offer (and the
    /// configured commitment), with shares as percentages. A proposed hourly commitment shows three decimals
    /// (AWS sells commitments in $0.001 steps); the owned one, derived from the bill, shows all its decimals.
    static func savingsPlans(_ report: Report) -> XLSXSheet {
        var rows: [[XLSXCell]] = []
        if let analysis = report.savingsPlans {
            if let existing = analysis.existing {
                rows.append([
                    .text("Owned"), .empty, .empty, .empty, .rate(analysis.existingHourlyCommitment), .currency(existing.totalCommitment),
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
                        .text(confidence[option.offer] ?? "estimate"), .hourly(option.hourlyCommitment), .currency(option.monthlyCommitment),
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
                .init("Row", format: .text), .init("Plan", format: .text), .init("Discount", format: .percent),
                .init("Discount source", format: .text), .init("Commitment / hour", format: .hourly),
                .init("Commitment / month", format: .currency), .init("Eligible on-demand", format: .currency),
                .init("Savings / month", format: .currency), .init("Savings", format: .percent),
                .init("Utilization", format: .percent), .init("Coverage", format: .percent),
                .init("Unused commitment", format: .currency), .init("Upfront", format: .currency),
                .init("Break-even months", format: .number),
            ],
            rows: rows)
    }

    /// The Provisioned Concurrency sheet: one row per function reviewed or proposed.
    static func provisionedConcurrency(_ report: Report) -> XLSXSheet {
        XLSXSheet(
            name: "Provisioned Concurrency",
            columns: [
                .init("Account", format: .text), .init("Region", format: .text), .init("Function", format: .text, maximumWidth: 50),
                .init("Memory (MB)", format: .integer), .init("Today", format: .text),
                .init("Utilization", format: .percent), .init("Break-even", format: .percent),
                .init("Idle cost", format: .currency), .init("Cost now", format: .currency),
                .init("Proposal", format: .text), .init("Levels (UTC hour 0–23)", format: .text, maximumWidth: 50),
                .init("Proposed cost", format: .currency), .init("Savings / month", format: .currency),
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
