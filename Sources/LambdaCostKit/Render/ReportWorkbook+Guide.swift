extension ReportWorkbook {
    static let guideName = "How to read"

    /// What each sheet of the workbook holds, by sheet name (the guide lists them in workbook order).
    static let sheetDescriptions: [String: String] = [
        "Summary": "The month in one column. Two bridges: billed (unblended) + Savings Plans amortization − Savings Plans "
            + "negations = Lambda cost (effective); list cost at catalog prices − duration tier discounts − free tier = "
            + "catalog cost. Their results are formulas over the rows above them. Then the potential savings (every change "
            + "together), the Lambda cost with the plan in place, and how the input reconciles: rows read and rejected, "
            + "other services and other months, the price catalog and the tool's version.",
        "Functions": "One row per function: requests, GB-seconds, its billed cost, Lambda cost (effective), on-demand value "
            + "and catalog cost, its team, other services tied to it and full cost. Then one row per charge that belongs to no function (Savings Plans "
            + "negations, credits, tax, data transfer) and a Total row: its billed and Lambda cost equal the Summary's.",
        "Opportunities": "Every proposed change, largest saving first. \"Saving alone\" is what the change saves by itself. "
            + "\"Saving in the plan\" is what it adds when every change is made together, in \"Plan order\": after the "
            + "changes before it and the Savings Plans commitment already owned. \"Frees owned commitment\" is the part of "
            + "its saving that removes usage an owned Savings Plan covered: it frees commitment, not cash, until the plan "
            + "ends. The \"Saving in the plan\" column adds up to the Summary's potential savings (the headline).",
        "Findings": "Anomalies and risks found in the month, with the money at risk where there is one.",
        "Other services": "Other services than Lambda (billed) by function: CloudWatch Logs by its log group, the rest by the "
            + "[attribution] rules; then functions without Lambda cost and products tied to none. Its Total is the Summary's.",
        "Teams": "Cost and potential savings by team (the value of the team tag; \"(untagged)\" for functions without one), "
            + "then the charges of no function and a Total row that equals the Summary. The teams' potential savings add "
            + "up to the headline less a new fleet-wide Savings Plans purchase, which belongs to no team.",
        "Showback": "Cost by the value of each tag of [showback] tag_keys (the team tag by default), one block per tag key: "
            + "its values, costliest first, \"(untagged)\" for functions without the tag, the charges of no function, and a "
            + "Total row whose billed and Lambda cost equal the Summary's. The share is of the functions' Lambda cost; the "
            + "full cost adds the other services tied to the functions. No sort or filter buttons: the blocks stay apart.",
        "Savings Plans": "The Savings Plans owned (their hourly commitment as the bill gives it, with all its decimals), then "
            + "for each term and payment option the commitment that saves most, sized on the eligible usage the other "
            + "changes leave, and the configured commitment if any. Proposed hourly commitments show three decimals: AWS "
            + "sells them in $0.001 steps.",
        "Provisioned Concurrency": "Each function with provisioned concurrency, or proposed for it: its utilization and "
            + "break-even, idle cost, cost now, the proposed level for each UTC hour and the saving.",
        "Follow-up": "The opportunities of the month before's report, each measured again on this month's bill and metrics: "
            + "acted on (the figure the change moves went at least halfway to its target), open, gone (no usage this month) "
            + "or not checked (the measure is missing). \"Realized saving\" is the function's cost at public on-demand rates "
            + "per invocation then × its invocations now − its cost now, shared by its changes acted on in proportion to their "
            + "expected savings; for a Savings Plan, the plans' net savings now − then. Its Total equals the Summary's realized savings.",
    ]

    /// The general notes after the sheets: the money basis, the totals, the formats and printing.
    static let guideNotes: [(String, String)] = [
        ("Lambda cost", "Always the effective (amortized) cost: usage a Savings Plan covers is charged at the plan's "
            + "effective rate, the rest at its billed amount. Every table and total uses it."),
        ("Billed (unblended)", "What the invoice lines say (lineItem/UnblendedCost). Shown beside the Lambda cost; the "
            + "Summary's bridge goes from one to the other."),
        ("List and catalog cost", "The usage re-priced from the tool's price catalog: the list cost less the duration tier "
            + "discounts and the free tier is the catalog cost. A check on the bill, not what was paid."),
        ("Totals", "The Total rows and the Summary's bridge results are formulas (SUM, or sums and differences of the cells "
            + "above) stored with their values; a spreadsheet recalculates them on opening. Sorting or filtering a sheet "
            + "leaves its Total row last."),
        ("Numbers", "Cells hold exact amounts and show them rounded: money to the cent, hourly commitments to $0.001, "
            + "rates with all their decimals, counts (requests, functions, rows) as whole numbers, shares as percentages. "
            + "Select a cell to see the stored value."),
        ("Printing", "Each sheet prints landscape, scaled to the page's width, with its header row repeated on every page."),
        ("More", "The project's docs/money-model.md explains how the figures relate, with a worked example."),
    ]

    /// The "How to read" sheet, first in the workbook: the month, what each of `sheets` holds, then the notes.
    static func guide(_ report: Report, sheetNames: [String]) -> XLSXSheet {
        var rows: [[XLSXCell]] = [
            [.text("This workbook"), .text("The Lambda costs of \(report.month.description), the same figures as the HTML "
                + "report and the CSV files: one sheet per table, described below.")],
        ]
        rows += sheetNames.map { [.text($0), .text(sheetDescriptions[$0] ?? "")] }
        rows += guideNotes.map { [.text($0.0), .text($0.1)] }
        var sheet = XLSXSheet(
            name: guideName,
            columns: [.init("Sheet or term", format: .text, maximumWidth: 24), .init("How to read it", format: .text, maximumWidth: 110)],
            rows: rows)
        sheet.hasAutoFilter = false
        return sheet
    }
}
