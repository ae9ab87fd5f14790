/// The finance workbook (`report.xlsx`): a "How to read" sheet first, then Summary, Functions, Opportunities,
/// Findings, Teams, Showback, Savings Plans and Provisioned Concurrency sheets with numeric cells in their formats (money
/// in dollars and cents, counts as whole numbers, hourly commitments to $0.001), account IDs as text, frozen
/// headers, columns as wide as their content and a print setup (landscape, fit to width, header repeated). "Lambda cost" is
/// the effective (amortized) cost; the Functions and Teams sheets end with the charges of no function and a
/// total row of SUM formulas, so their columns add up to the Summary's bridge.
enum ReportWorkbook {
    static let fileName = "report.xlsx"

    /// The label of the rows of charges that belong to no function, in every table of money per function.
    static let noFunctionLabel = "Charges of no function"

    /// The workbook's sheets in order, each with its name and a function that makes it: written one at a time
    /// (``XLSXWorkbook/data(sheetCount:sheet:)``), a fleet's sheets are never all in memory at once.
    static func sheetMakers(_ report: Report, context: RenderContext) -> [(name: String, make: () -> XLSXSheet)] {
        let sheets: [(name: String, make: () -> XLSXSheet)] = [
            ("Summary", { summary(report) }),
            ("Functions", { withTotal(functions(report, context), columns: [7, 8, 9, 10, 12, 13]) }),
            ("Opportunities", { opportunities(report) }),
            ("Findings", { findings(report) }),
            ("Teams", { teams(report, context) }),
            (showbackName, { showback(report, context) }),
            ("Savings Plans", { savingsPlans(report) }),
            ("Provisioned Concurrency", { provisionedConcurrency(report) }),
            (otherServicesName, { let (sheet, columns) = otherServices(report); return withTotal(sheet, columns: columns) }),
        ] + (report.followUp == nil ? [] : [(followUpName, { withTotal(followUp(report), columns: [6, 12]) })])
        let names = sheets.map(\.name)
        return [(guideName, { guide(report, sheetNames: names) })] + sheets
    }

    static func functions(_ report: Report, _ context: RenderContext) -> XLSXSheet {
        var functions = XLSXSheet(
            name: "Functions",
            columns: [
                .init("Account", format: .text), .init("Region", format: .text),
                .init("Function", format: .text, maximumWidth: 50), .init("Architecture", format: .text),
                .init("Requests", format: .integer), .init("GB-seconds", format: .number),
                .init("Provisioned GB-seconds", format: .number), .init("Billed (unblended)", format: .currency),
                .init("Lambda cost (effective)", format: .currency), .init("On-demand value", format: .currency),
                .init("Catalog cost (list less discounts)", format: .currency), .init("Team", format: .text, maximumWidth: 30),
                .init("Other services tied to it (billed)", format: .currency), .init("Full cost", format: .currency),
            ],
            // One row per function, made as the writer reads it (a fleet's cells are never all in memory).
            rows: XLSXRows(count: report.functions.count) { index in
                let function = report.functions[index]
                return [
                    .text(function.function.accountID), .text(function.function.region), .text(function.function.name),
                    .text(function.architectureLabel), .count(function.requests), .number(function.gbSeconds),
                    .number(function.provisionedGBSeconds), .currency(function.unblendedCost), .currency(function.effectiveCost),
                    .currency(function.onDemandCost), function.catalog.map { .currency($0.netCost) } ?? .empty,
                    .text(context.team(of: function) ?? ""), .currency(function.otherServicesCost), .currency(function.fullCost),
                ]
            })
        for row in noFunctionRows(report, label: 2, billed: 7, effective: 8, width: 14) { functions.rows.append(row) }
        for (index, function) in report.functions.enumerated() {
            if context.team(of: function) != nil, let location = function.tagLocations[context.teamTagKey] { functions.sources[index] = [11: location] }
        }
        return functions
    }

    static let otherServicesName = "Other services"

    /// The month's other services (docs/attribution.md): one row per function with other services tied to it (a
    /// column per charge the month has, then their total), then the functions without Lambda cost this month that
    /// rows are tied to, then the products tied to no function; the total row is the month's other services (the
    /// Summary's reconciliation).
    static func otherServices(_ report: Report) -> (sheet: XLSXSheet, sumColumns: [Int]) {
        let tied = report.functions.indices.filter { report.functions[$0].otherServices != nil }
        let charges = Set(tied.flatMap { report.functions[$0].otherServices!.charges.keys }).sorted()
        let breakdown = report.otherServices
        let width = 3 + charges.count + 2
        let total = 3 + charges.count
        func row(_ account: String, _ region: String, _ function: String, cost: FixedDecimal, note: String) -> [XLSXCell] {
            var row = [XLSXCell](repeating: .empty, count: width)
            (row[0], row[1], row[2], row[total], row[total + 1]) = (.text(account), .text(region), .text(function), .currency(cost), .text(note))
            return row
        }
        let rest = breakdown.unbilledFunctions.map { unbilled in
            row(unbilled.function.accountID, unbilled.function.region, unbilled.function.name, cost: unbilled.cost,
                note: "No Lambda cost this month")
        } + breakdown.notAttributed.map { product in
            row("", "", "(not tied to a function)", cost: product.cost, note: "\(product.product), \(product.rows) row\(product.rows == 1 ? "" : "s")")
        }
        let sheet = XLSXSheet(
            name: otherServicesName,
            columns: [.init("Account", format: .text), .init("Region", format: .text), .init("Function", format: .text, maximumWidth: 50)]
                + charges.map { .init($0.label, format: .currency) }
                + [.init("Other services (billed)", format: .currency), .init("Note", format: .text, maximumWidth: 40)],
            // The functions' rows are made as the writer reads them (a fleet's are never all in memory).
            rows: XLSXRows(count: tied.count + rest.count) { index in
                guard index < tied.count else { return rest[index - tied.count] }
                let function = report.functions[tied[index]]
                var cells = row(function.function.accountID, function.function.region, function.function.name,
                                cost: function.otherServicesCost, note: "")
                for (offset, charge) in charges.enumerated() {
                    if let amount = function.otherServices?.charges[charge] { cells[3 + offset] = .currency(amount.cost) }
                }
                return cells
            })
        return (sheet, Array(3...total))
    }

    static func opportunities(_ report: Report) -> XLSXSheet {
        XLSXSheet(
            name: "Opportunities",
            columns: [
                .init("Rank", format: .integer), .init("Scenario", format: .text),
                .init("Account", format: .text), .init("Region", format: .text),
                .init("Function", format: .text, maximumWidth: 50), .init("Saving alone / month", format: .currency),
                .init("Plan order", format: .integer), .init("Marginal saving in the plan", format: .currency),
                .init("Frees owned commitment", format: .currency), .init("Saving in the plan", format: .currency),
                .init("Cost it acts on / month", format: .currency), .init("Confidence", format: .text),
                .init("Summary", format: .text, maximumWidth: 70),
            ],
            rows: XLSXRows(count: report.opportunities.count) { index in
                let opportunity = report.opportunities[index]
                return [
                    .integer(index + 1), .text(opportunity.scenario), .text(opportunity.function.accountID),
                    .text(opportunity.function.region), .text(opportunity.function.name), .currency(opportunity.monthlySavings),
                    opportunity.plan.map { .integer($0.order) } ?? .empty, opportunity.plan.map { .currency($0.marginal) } ?? .empty,
                    opportunity.plan.map { .currency($0.absorbedByOwnedCommitment) } ?? .empty, opportunity.plan.map { .currency($0.cash) } ?? .empty,
                    .currency(opportunity.currentMonthlyCost), .text(opportunity.confidence.rawValue), .text(opportunity.summary),
                ]
            })
    }

    static let followUpName = "Follow-up"

    /// The earlier report's opportunities followed up (the same rows as `follow-up.csv`), with totals of the expected
    /// and the realized savings.
    static func followUp(_ report: Report) -> XLSXSheet {
        let outcomes = report.followUp?.outcomes ?? []
        return XLSXSheet(
            name: followUpName,
            columns: [
                .init("Opportunity ID", format: .text, maximumWidth: 60), .init("Scenario", format: .text),
                .init("Account", format: .text), .init("Region", format: .text),
                .init("Function", format: .text, maximumWidth: 50), .init("Open since", format: .text),
                .init("Expected saving / month", format: .currency), .init("Measure", format: .text),
                .init("Then", format: .text), .init("Target", format: .text), .init("Now", format: .text),
                .init("Status", format: .text), .init("Realized saving", format: .currency),
                .init("Proposed again", format: .text), .init("How it was measured", format: .text, maximumWidth: 80),
            ],
            // One row per opportunity, made as the writer reads it.
            rows: XLSXRows(count: outcomes.count) { index in
                let outcome = outcomes[index]
                return [
                    .text(outcome.id), .text(outcome.scenario), .text(outcome.function.accountID), .text(outcome.function.region),
                    .text(outcome.function.name), .text(outcome.openSince.description), .currency(outcome.expectedSaving),
                    .text(outcome.measure?.rawValue ?? ""), .text(FollowUpViewModel.display(outcome.before, outcome.measure)),
                    .text(FollowUpViewModel.display(outcome.target, outcome.measure)), .text(FollowUpViewModel.display(outcome.now, outcome.measure)),
                    .text(outcome.status.rawValue), outcome.realizedSaving.map { .currency($0) } ?? .empty,
                    .text(outcome.proposedAgain ? "yes" : "no"), .text(outcome.note),
                ]
            })
    }

    static func findings(_ report: Report) -> XLSXSheet {
        XLSXSheet(
            name: "Findings",
            columns: [
                .init("Finding", format: .text), .init("Account", format: .text),
                .init("Region", format: .text), .init("Function", format: .text, maximumWidth: 50),
                .init("Money at risk", format: .currency), .init("Summary", format: .text, maximumWidth: 70),
            ],
            rows: XLSXRows(count: report.findings.count) { index in
                let finding = report.findings[index]
                return [
                    .text(finding.kind), .text(finding.function.accountID), .text(finding.function.region), .text(finding.function.name),
                    finding.moneyAtRisk.map { .currency($0) } ?? .empty, .text(finding.summary),
                ]
            })
    }

    /// Cost and potential savings by team (the value of the team tag; "(untagged)" for functions without one),
    /// by name with the untagged group last (the same numbers as `teams.csv`), then the charges of no function and
    /// a total row, so the columns sum to the Summary.
    static let showbackName = "Showback"

    /// The showback by each tag of `[showback] tag_keys` (the same numbers as `showback.csv`): per tag key, a row per
    /// value (costliest first), the untagged functions, the charges of no function and a total row of SUM formulas
    /// over the key's rows, which is the Summary's billed and effective Lambda cost. No auto-filter: sorting would
    /// mix the keys' rows.
    static func showback(_ report: Report, _ context: RenderContext) -> XLSXSheet {
        var rows: [[XLSXCell]] = []
        var sources: [Int: [Int: SourceLocation]] = [:]
        let width = 9
        let sumColumns = [3, 4, 6, 7, 8]
        for showback in context.showback {
            let first = rows.count + 2  // the sheet row of the key's first row (row 1 is the header)
            for group in showback.groups {
                if group.value != nil,
                    let location = group.functions.compactMap({ $0.tagLocations[showback.tagKey] }).min(by: { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) })
                {
                    sources[rows.count] = [1: location]
                }
                rows.append([
                    .text(showback.tagKey), .text(group.label), .integer(group.functions.count), .currency(group.unblendedCost),
                    .currency(group.effectiveCost), showback.share(group).map { .percent($0) } ?? .empty, .currency(group.otherServicesCost),
                    .currency(group.fullCost), .currency(group.potentialSavings),
                ])
            }
            for row in noFunctionRows(report, label: 1, billed: 3, effective: 4, width: width) {
                var row = row
                row[0] = .text(showback.tagKey)
                if case .currency(let effective) = row[4] { row[7] = .currency(effective) }
                rows.append(row)
            }
            let last = rows.count + 1
            var total = [XLSXCell](repeating: .empty, count: width)
            total[0] = .text(showback.tagKey)
            total[1] = .text("Total")
            total[2] = .integer(showback.functionCount)
            let block = rows[(first - 2)...]
            for column in sumColumns {
                let letter = XLSXCellReference.column(column)
                let sum = FixedDecimal.sum(block.compactMap { row -> FixedDecimal? in
                    if case .currency(let value) = row[column] { return value }
                    return nil
                })
                total[column] = .currencyFormula("SUM(\(letter)\(first):\(letter)\(last))", cached: sum)
            }
            rows.append(total)
        }
        var sheet = XLSXSheet(
            name: showbackName,
            columns: [
                .init("Tag key", format: .text, maximumWidth: 30), .init("Tag value", format: .text, maximumWidth: 40),
                .init("Functions", format: .integer), .init("Billed (unblended)", format: .currency),
                .init("Lambda cost (effective)", format: .currency), .init("Share of the functions' Lambda cost", format: .percent),
                .init("Other services tied (billed)", format: .currency), .init("Full cost", format: .currency),
                .init("Potential savings / month", format: .currency),
            ],
            rows: XLSXRows(rows))
        sheet.hasAutoFilter = false
        sheet.sources = sources
        return sheet
    }

    static func teams(_ report: Report, _ context: RenderContext) -> XLSXSheet {
        var sheet = withTotal(XLSXSheet(
            name: "Teams",
            columns: [
                .init("Team", format: .text, maximumWidth: 30), .init("Functions", format: .integer),
                .init("Billed (unblended)", format: .currency), .init("Lambda cost (effective)", format: .currency),
                .init("On-demand value", format: .currency), .init("Potential savings / month", format: .currency),
            ],
            rows: context.teams.map { team in
                [.text(team.label), .integer(team.functions.count), .currency(team.unblendedCost), .currency(team.effectiveCost),
                 .currency(team.onDemandCost), .currency(team.potentialSavings)]
            } + noFunctionRows(report, label: 0, billed: 2, effective: 3, width: 6)), columns: [2, 3, 4, 5])
        // A team's name is its tag value: the first place in the input it was read for one of its functions.
        for (index, team) in context.teams.enumerated() where team.value != nil {
            let locations = team.functions.compactMap { $0.tagLocations[context.teamTagKey] }
            if let first = locations.min(by: { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }) { sheet.sources[index] = [0: first] }
        }
        return sheet
    }
}

extension ReportWorkbook {
    /// The Summary sheet: the bridges billed → effective and list → catalog (the results as formulas over the
    /// rows above them, with cached values), the headline and the reconciliation of the input.
    static func summary(_ report: Report) -> XLSXSheet {
        let ingest = report.ingest
        let bridge = report.costBridge
        var rows: [[XLSXCell]] = [
            [.text("Month"), .text(report.month.description)],
            [.text("Month complete"), .text(Self.completeness(ingest))],
        ]
        // The sheet row of the `offset`-th row still to add (row 1 is the header).
        func reference(_ offset: Int) -> String { XLSXCellReference.cell(column: 1, row: rows.count + 2 + offset) }
        let billed = reference(0), amortization = reference(1), negations = reference(2)
        rows += [
            [.text("Billed Lambda cost (unblended)"), .currency(bridge.billed)],
            [.text("+ Savings Plans amortization"), .currency(bridge.savingsPlanAmortization)],
            [.text("− Savings Plans negations (their billed amount)"), .currency(bridge.savingsPlanNegations)],
            [.text("= Lambda cost (effective, amortized)"), .currencyFormula("\(billed)+\(amortization)-\(negations)", cached: bridge.effective)],
        ]
        let list = reference(0), tier = reference(1), freeTier = reference(2)
        rows += [
            [.text(bridge.listIsPartial ? "List cost at catalog prices (some prices missing)" : "List cost at catalog prices"), .currency(bridge.list)],
            [.text("− Duration tier discounts"), .currency(bridge.tierDiscount)],
            [.text("− Free tier"), .currency(bridge.freeTierDiscount)],
            [.text("= Catalog cost"), .currencyFormula("\(list)-\(tier)-\(freeTier)", cached: bridge.catalog)],
            [.text("Potential savings per month (every change together)"), .currency(report.potentialSavings)],
            [.text("Lambda cost with the plan in place (effective)"), .currency(report.plan.effectiveCostAfter)],
            [.text("Of the changes' savings, frees commitment already owned"), .currency(report.plan.absorbedByOwnedCommitment)],
            report.followUp.map { followUp in
                [.text("Realized this month by \(followUp.previousMonth)'s opportunities acted on (\(followUp.total(.actedOn).count) of \(followUp.outcomes.count); sheet \(followUpName))"),
                 .currency(followUp.realizedSavings)]
            } ?? [.text("Realized savings"), .text("not measured: no earlier report was followed up")],
            [.text("Functions"), .integer(report.functions.count)],
            [.text("Input, billed (unblended)"), .currency(ingest.totals.input)],
            [.text("Lambda, billed (unblended)"), .currency(ingest.totals.lambda)],
            [.text("Other services, billed (unblended)"), .currency(ingest.totals.otherServices)],
            [.text("Rejected rows, billed (unblended)"), .currency(ingest.totals.rejected)],
            [.text("Other months, billed (unblended)"), .currency(ingest.totals.outsideMonth)],
            [.text("Rows read"), .integer(ingest.rows.read)],
            [.text("Rows rejected"), .integer(ingest.rows.rejected)],
            [.text("Price catalog"), .text("\(report.catalogVersion) (prices as of \(report.catalogPricesAsOf))")],
            [.text("Tool version"), .text(ToolVersion.current)],
        ]
        return XLSXSheet(name: "Summary", columns: [.init("Item", format: .text, maximumWidth: 60), .init("Value")], rows: rows)
    }

    /// One row per charge of no function (billed and effective in the given columns, the label in `label`).
    static func noFunctionRows(_ report: Report, label: Int, billed: Int, effective: Int, width: Int) -> [[XLSXCell]] {
        report.unattributed.sorted { $0.key < $1.key }.map { charge, cost in
            var row = [XLSXCell](repeating: .empty, count: width)
            row[label] = .text("\(noFunctionLabel): \(charge)")
            row[billed] = .currency(cost.unblendedCost)
            row[effective] = .currency(cost.effectiveCost)
            return row
        }
    }

    /// The sheet with a last row "Total": in each of `columns`, the SUM of the rows above with its value cached.
    /// The total stays out of the auto-filter, so sorting the rows leaves it last.
    static func withTotal(_ sheet: XLSXSheet, columns: [Int]) -> XLSXSheet {
        var sheet = sheet
        var total = [XLSXCell](repeating: .empty, count: sheet.columns.count)
        total[0] = .text("Total")
        // Every column's sum in one pass over the rows (a fleet's are made as they are read).
        var sums = [FixedDecimal](repeating: .zero, count: columns.count)
        for row in sheet.rows {
            for (place, column) in columns.enumerated() {
                if column < row.count, case .currency(let value) = row[column] { sums[place] += value }
            }
        }
        for (place, column) in columns.enumerated() {
            let letter = XLSXCellReference.column(column)
            total[column] = sheet.rows.isEmpty ? .currency(.zero) : .currencyFormula("SUM(\(letter)2:\(letter)\(sheet.rows.count + 1))", cached: sums[place])
        }
        sheet.rows.append(total)
        sheet.footerRows = 1
        return sheet
    }

    /// `yes`, or `no: data up to 2026-10-15 07:00 UTC` for a month whose data does not reach its last day.
    static func completeness(_ ingest: IngestResult) -> String {
        if ingest.monthComplete { return "yes" }
        guard let hour = ingest.coverage.lastUsageHour else { return "no: no usage in the month" }
        return "no: data up to \(ReportViewModel.lastUsageHourText(hour))"
    }
}
