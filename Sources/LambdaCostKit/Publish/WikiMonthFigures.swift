/// A month's headline figures as the wiki index lists them, kept in the month's page (``WikiMonthPage``) so the
/// index can be rebuilt from the pages alone. Amounts are the text the report shows (`$742.90`); `nil` is a
/// figure the report did not give.
public struct WikiMonthFigures: Codable, Equatable, Sendable {
    public var month: String
    /// `month_complete` of the manifest: whether the month's data reaches its last day.
    public var complete: Bool?
    /// `last_usage_hour` of the manifest (ISO 8601), for an incomplete month.
    public var lastUsageHour: String?
    /// The Lambda cost (effective, amortized), from the page's summary table.
    public var lambdaCost: String?
    /// The billed Lambda cost (unblended), from the manifest's `totals.lambda_unblended_usd`.
    public var billed: String?
    /// The potential savings per month (every change together), from the page's summary table.
    public var potentialSavings: String?

    enum CodingKeys: String, CodingKey {
        case month, complete, billed
        case lastUsageHour = "last_usage_hour"
        case lambdaCost = "lambda_cost"
        case potentialSavings = "potential_savings"
    }

    public init(month: String, complete: Bool? = nil, lastUsageHour: String? = nil, lambdaCost: String? = nil,
                billed: String? = nil, potentialSavings: String? = nil) {
        self.month = month
        self.complete = complete
        self.lastUsageHour = lastUsageHour
        self.lambdaCost = lambdaCost
        self.billed = billed
        self.potentialSavings = potentialSavings
    }

    /// The value cell of the first row of a Markdown table whose label cell starts with `label`, unescaped
    /// (`| Lambda cost (effective, amortized) | \$8.91 |` gives `$8.91`); text from ` (` on is left out.
    static func tableValue(in markdown: String, label: String) -> String? {
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let cells = splitCells(line)
            guard cells.count >= 2, cells[0].hasPrefix(label) else { continue }
            var value = cells[1]
            if let note = value.range(of: " (") { value = String(value[..<note.lowerBound]) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The cells of a table row, trimmed and with Markdown's backslash escapes removed.
    private static func splitCells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line.dropFirst() {
            if escaped {
                cell.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingWhitespace())
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return cells
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
