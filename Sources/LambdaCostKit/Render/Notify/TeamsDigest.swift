/// `notify/teams.json`: the month's digest as a Microsoft Teams incoming-webhook message (also what a Teams
/// Workflows webhook takes): one Adaptive Card attachment, card version ``cardVersion`` (Teams renders up to 1.5;
/// 1.4 is what every Teams client shows). Headings are fixed `TextBlock`s; every other text is a `TextRun` of a
/// `RichTextBlock` or a fact, which Teams shows as it is (a `TextRun` takes no Markdown, so no value can make a
/// link or a mention). Lists are cut, saying how many they leave out, so the message stays under
/// ``maximumBytes`` (Teams refuses messages over about 28 KB).
enum TeamsDigest {
    static let path = "notify/teams.json"
    static let contentType = "application/vnd.microsoft.card.adaptive"
    static let cardVersion = "1.4"
    static let maximumBytes = 27_000
    /// How many teams at an alert level and anomaly days the card lists before it is cut further for size.
    static let maximumListed = 25

    static func bytes(_ digest: ChatDigest) -> [UInt8] {
        var listed = maximumListed
        while true {
            let bytes = payload(digest, listed: listed).bytes()
            if bytes.count <= maximumBytes || listed == 0 { return bytes }
            listed = listed > 5 ? listed - 5 : 0
        }
    }

    static func payload(_ digest: ChatDigest, listed: Int = maximumListed) -> DigestJSON {
        var content: [(String, DigestJSON)] = [
            ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")),
            ("type", .string("AdaptiveCard")),
            ("version", .string(cardVersion)),
            ("msteams", .object([("width", .string("Full"))])),
            ("body", .array(body(digest, listed: listed))),
        ]
        if let url = digest.reportURL {
            content.append(("actions", .array([.object([
                ("type", .string("Action.OpenUrl")), ("title", .string("Open the full report for \(digest.month)")), ("url", .string(url)),
            ])])))
        }
        return .object([
            ("type", .string("message")),
            ("attachments", .array([.object([
                ("contentType", .string(contentType)), ("contentUrl", .null), ("content", .object(content)),
            ])])),
        ])
    }

    static func body(_ digest: ChatDigest, listed: Int) -> [DigestJSON] {
        var body: [DigestJSON] = [
            .object([("type", .string("TextBlock")), ("text", .string("Lambda cost report — \(digest.month)")), ("size", .string("Large")),
                     ("weight", .string("Bolder")), ("wrap", .bool(true))]),
        ]
        if let banner = digest.incompleteMonth {
            body.append(.object([("type", .string("Container")), ("style", .string("warning")),
                                 ("items", .array([rich([run(banner, bold: true)])]))]))
        }
        var facts: [(String, String)] = [
            ("Lambda cost (effective, amortized)", digest.lambdaCost),
            ("Billed Lambda cost (unblended)", digest.billedCost),
            ("Potential savings per month", "\(digest.potentialSavings) (\(digest.potentialSavingsShare) of the Lambda cost)"),
        ]
        if let change = digest.change, let previous = digest.previousMonth {
            facts.append(("Against \(previous) (the functions' Lambda cost)", change))
        }
        if let realized = digest.realized { facts.append((realized.label, realized.value)) }
        body.append(.object([("type", .string("FactSet")), ("facts", .array(facts.map { title, value in
            .object([("title", .string(title)), ("value", .string(value))])
        }))]))

        let shown = digest.topOpportunities.count
        body.append(heading(digest.opportunityCount > shown ? "Top \(shown) of \(digest.opportunityCount) opportunities" : "Opportunities"))
        if digest.topOpportunities.isEmpty {
            body.append(rich([run("No scenario found a saving this month.")]))
        } else {
            body.append(rich([run("Saving per month alone, and within the plan of every change.", subtle: true)]))
        }
        for opportunity in digest.topOpportunities {
            var runs = [run("\(opportunity.rank). ", bold: true), run(opportunity.function, monospace: true)]
            if !opportunity.location.isEmpty { runs.append(run("  " + opportunity.location, subtle: true)) }
            body.append(rich(runs))
            body.append(rich([run("\(opportunity.action): "), run(opportunity.saving, bold: true),
                              run(" a month alone, \(opportunity.planSaving) in the plan")], tight: true))
        }

        if digest.hasBudgets {
            body.append(heading("Team budgets at an alert level"))
            body += list(digest.budgetAlerts, listed: listed, empty: "No team has reached an alert level of its budget.",
                         more: { "…and \($0) more teams: changes.html has every budget." }) { alert in
                [run("• "), run(alert.team, monospace: true), run(": "), run(alert.share, bold: true),
                 run(" of \(alert.budget) spent (\(alert.spent)), reached \(alert.levels.joined(separator: ", "))")]
            }
        }
        body.append(heading("Cost anomaly days"))
        body += list(digest.anomalies, listed: listed, empty: "No cost anomaly this month.",
                     more: { "…and \($0) more: findings.html and findings.csv list every one." }) { anomaly in
            var runs = [run("• "), run(anomaly.date, bold: true), run(" "), run(anomaly.function, monospace: true)]
            if !anomaly.location.isEmpty { runs.append(run("  " + anomaly.location, subtle: true)) }
            if !anomaly.extra.isEmpty { runs.append(run(": \(anomaly.extra) above its baseline")) }
            return runs
        }
        if digest.reportURL == nil {
            body.append(rich([run(digest.reportPlace, subtle: true)], separator: true))
        }
        return body
    }

    /// The first `listed` items, a line each, then how many are left out; or `empty`.
    static func list<T>(_ items: [T], listed: Int, empty: String, more: (Int) -> String, line: (T) -> [DigestJSON]) -> [DigestJSON] {
        guard !items.isEmpty else { return [rich([run(empty)])] }
        var blocks = items.prefix(listed).map { rich(line($0)) }
        if items.count > listed { blocks.append(rich([run(more(items.count - listed), subtle: true)])) }
        return blocks
    }

    static func heading(_ text: String) -> DigestJSON {
        .object([("type", .string("TextBlock")), ("text", .string(text)), ("weight", .string("Bolder")), ("wrap", .bool(true)),
                 ("separator", .bool(true))])
    }

    /// `tight`: no space above (the second line of an item).
    static func rich(_ inlines: [DigestJSON], separator: Bool = false, tight: Bool = false) -> DigestJSON {
        var members: [(String, DigestJSON)] = [("type", .string("RichTextBlock")), ("inlines", .array(inlines))]
        if separator { members.append(("separator", .bool(true))) }
        if tight { members.append(("spacing", .string("None"))) }
        return .object(members)
    }

    static func run(_ text: String, bold: Bool = false, monospace: Bool = false, subtle: Bool = false) -> DigestJSON {
        var members: [(String, DigestJSON)] = [("type", .string("TextRun")), ("text", .string(text))]
        if bold { members.append(("weight", .string("Bolder"))) }
        if monospace { members.append(("fontType", .string("Monospace"))) }
        if subtle { members.append(("isSubtle", .bool(true))) }
        return .object(members)
    }
}
