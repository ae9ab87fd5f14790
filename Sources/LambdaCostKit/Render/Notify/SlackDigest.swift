/// `notify/slack.json`: the month's digest as a Slack incoming-webhook payload, Block Kit `blocks` with a plain
/// `text` fallback (for notifications and clients without blocks). Sections use `mrkdwn` with every value escaped
/// (``SlackText``); values from the bill are code spans. Within Slack's limits: at most ``maximumBlocks`` blocks,
/// ``maximumTextLength`` characters per section text and ``maximumFieldLength`` per field; a list that would go
/// over is cut and says how many it leaves out and where they all are.
enum SlackDigest {
    static let path = "notify/slack.json"
    static let maximumBlocks = 50
    static let maximumTextLength = 3000
    static let maximumFieldLength = 2000
    static let maximumHeaderLength = 150

    static func bytes(_ digest: ChatDigest) -> [UInt8] { payload(digest).bytes() }

    static func payload(_ digest: ChatDigest) -> DigestJSON {
        .object([("text", .string(fallback(digest))), ("blocks", .array(blocks(digest)))])
    }

    /// One line for notifications: the month and the headline figures (no value from the bill).
    static func fallback(_ digest: ChatDigest) -> String {
        var text = "Lambda cost \(digest.month): \(digest.lambdaCost) (effective)"
        if let change = digest.change, let previous = digest.previousMonth { text += ", \(change) against \(previous)" }
        text += "; potential savings \(digest.potentialSavings) a month"
        if digest.incompleteMonth != nil { text += " (incomplete month)" }
        return SlackText.escaped(text)
    }

    static func blocks(_ digest: ChatDigest) -> [DigestJSON] {
        var blocks: [DigestJSON] = [
            .object([("type", .string("header")), ("text", plain(String("Lambda cost report — \(digest.month)".prefix(maximumHeaderLength))))]),
        ]
        if let banner = digest.incompleteMonth {
            blocks.append(section(":warning: *" + SlackText.escaped(banner) + "*"))
        }
        var fields = [
            field("Lambda cost (effective, amortized)", digest.lambdaCost),
            field("Billed Lambda cost (unblended)", digest.billedCost),
            field("Potential savings per month", "\(digest.potentialSavings) (\(digest.potentialSavingsShare) of the Lambda cost)"),
        ]
        if let change = digest.change, let previous = digest.previousMonth {
            fields.append(field("Against \(previous) (the functions' Lambda cost)", change))
        }
        if let realized = digest.realized { fields.append(field(realized.label, realized.value)) }
        blocks.append(.object([("type", .string("section")), ("fields", .array(fields))]))
        blocks.append(.object([("type", .string("divider"))]))

        let shown = digest.topOpportunities.count
        let opportunityHeading = digest.opportunityCount > shown
            ? "*Top \(shown) of \(digest.opportunityCount) opportunities* (saving per month alone, and within the plan of every change)"
            : "*Opportunities* (saving per month alone, and within the plan of every change)"
        blocks.append(section(listText(
            heading: SlackText.escaped(opportunityHeading),
            lines: digest.topOpportunities.map(opportunityLine),
            empty: "No scenario found a saving this month.",
            more: { "…and \($0) more: index.html and opportunities.csv list every one." })))

        if digest.hasBudgets {
            blocks.append(section(listText(
                heading: "*Team budgets at an alert level*",
                lines: digest.budgetAlerts.map(budgetLine),
                empty: "No team has reached an alert level of its budget.",
                more: { "…and \($0) more teams: changes.html has every budget." })))
        }
        blocks.append(section(listText(
            heading: "*Cost anomaly days*",
            lines: digest.anomalies.map(anomalyLine),
            empty: "No cost anomaly this month.",
            more: { "…and \($0) more: findings.html and findings.csv list every one." })))

        let place = digest.reportURL.map { SlackText.link($0, label: "Open the full report for \(digest.month)") }
            ?? SlackText.escaped(digest.reportPlace)
        blocks.append(.object([("type", .string("context")), ("elements", .array([mrkdwn(place)]))]))
        if blocks.count > maximumBlocks {
            let left = blocks.count - (maximumBlocks - 1)
            blocks = Array(blocks.prefix(maximumBlocks - 1)) + [section("…\(left) more blocks left out (Slack shows at most \(maximumBlocks)).")]
        }
        return blocks
    }

    /// `*1.* `orders-api` `us-east-1 · 004519876321`` and the action with its savings on the next line.
    static func opportunityLine(_ opportunity: ChatDigest.Opportunity) -> String {
        var line = "*\(opportunity.rank).* " + SlackText.literal(opportunity.function)
        if !opportunity.location.isEmpty { line += " " + SlackText.literal(opportunity.location) }
        return line + "\n" + SlackText.escaped(opportunity.action) + ": *\(SlackText.escaped(opportunity.saving))* a month alone, "
            + "\(SlackText.escaped(opportunity.planSaving)) in the plan"
    }

    static func budgetLine(_ alert: ChatDigest.BudgetAlert) -> String {
        "• " + SlackText.literal(alert.team) + ": *\(SlackText.escaped(alert.share))* of \(SlackText.escaped(alert.budget)) spent ("
            + SlackText.escaped(alert.spent) + "), reached " + SlackText.escaped(alert.levels.joined(separator: ", "))
    }

    static func anomalyLine(_ anomaly: ChatDigest.Anomaly) -> String {
        var line = "• *\(SlackText.escaped(anomaly.date))* " + SlackText.literal(anomaly.function)
        if !anomaly.location.isEmpty { line += " " + SlackText.literal(anomaly.location) }
        if !anomaly.extra.isEmpty { line += ": " + SlackText.escaped(anomaly.extra) + " above its baseline" }
        return line
    }

    /// The heading and as many lines as fit in ``maximumTextLength``, then `more(left out)` when some do not.
    static func listText(heading: String, lines: [String], empty: String, more: (Int) -> String) -> String {
        guard !lines.isEmpty else { return heading + "\n" + SlackText.escaped(empty) }
        let whole = ([heading] + lines).joined(separator: "\n")
        if SlackText.length(whole) <= maximumTextLength { return whole }
        var kept = lines
        while !kept.isEmpty {
            kept.removeLast()
            let text = ([heading] + kept + [SlackText.escaped(more(lines.count - kept.count))]).joined(separator: "\n")
            if SlackText.length(text) <= maximumTextLength { return text }
        }
        return String(([heading, SlackText.escaped(more(lines.count))].joined(separator: "\n")).prefix(maximumTextLength))
    }

    static func section(_ text: String) -> DigestJSON {
        .object([("type", .string("section")), ("text", mrkdwn(text))])
    }

    static func field(_ label: String, _ value: String) -> DigestJSON {
        mrkdwn(String(("*" + SlackText.escaped(label) + "*\n" + SlackText.escaped(value)).prefix(maximumFieldLength)))
    }

    static func mrkdwn(_ text: String) -> DigestJSON { .object([("type", .string("mrkdwn")), ("text", .string(text))]) }

    static func plain(_ text: String) -> DigestJSON {
        .object([("type", .string("plain_text")), ("text", .string(text)), ("emoji", .bool(false))])
    }
}
