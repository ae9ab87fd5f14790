import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// The chat digests every run writes (`notify/slack.json`, `notify/teams.json`), read back from real reports: the
/// shipped sample month with team budgets and an address for the HTML report, and the end-to-end fixture (an
/// incomplete month) compared with an earlier report; then hostile values and lists too long for one message.
@Suite struct ChatDigestTests {
    static let configuration = """
        [teams.budgets]
        payments = 1
        growth = { monthly_usd = 1000000, alert_levels = [50] }
        search = { monthly_usd = 1, alert_levels = [10, 20] }

        [report]
        html_base_url = "https://wiki.example.com/lambda&cost/"
        """

    /// The sample month's report with the configuration above, made once (read-only).
    static let sample: (folder: String, report: Report) = {
        let folder = TestPaths.temporaryFolder()
        let config = folder + "/lambda-cost-report.toml"
        try! configuration.write(toFile: config, atomically: true, encoding: .utf8)
        var options = ReportPipeline.Options(inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing,
                                             outputDirectory: folder + "/output", templatesDirectory: TestPaths.templates)
        options.configuration = .file(config)
        let outcome = try! ReportPipeline(options: options).run()
        return (outcome.folder, outcome.report)
    }()

    static func json(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every `text` of the blocks' mrkdwn objects (section texts and fields, context elements), in order.
    static func mrkdwnTexts(_ payload: [String: Any]) -> [String] {
        var texts: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["type"] as? String == "mrkdwn", let text = object["text"] as? String { texts.append(text) }
                for key in object.keys.sorted() { walk(object[key]!) }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(payload["blocks"] ?? [])
        return texts
    }

    /// The card's `TextRun` texts and `TextBlock` texts, in order.
    static func cardTexts(_ payload: [String: Any]) -> (runs: [String], blocks: [String]) {
        var runs: [String] = []
        var blocks: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if object["type"] as? String == "TextRun", let text = object["text"] as? String { runs.append(text) }
                if object["type"] as? String == "TextBlock", let text = object["text"] as? String { blocks.append(text) }
                for key in ["items", "inlines", "body", "facts"] { if let child = object[key] { walk(child) } }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(card(payload)["body"] ?? [])
        return (runs, blocks)
    }

    static func card(_ payload: [String: Any]) -> [String: Any] {
        (((payload["attachments"] as? [[String: Any]])?.first)?["content"] as? [String: Any]) ?? [:]
    }

    /// Slack's limits hold: at most 50 blocks, 3000 characters a section text, 2000 a field, 150 the header.
    static func checkSlackLimits(_ payload: [String: Any]) throws {
        let blocks = try #require(payload["blocks"] as? [[String: Any]])
        #expect(!blocks.isEmpty && blocks.count <= 50)
        #expect((payload["text"] as? String).map { !$0.isEmpty } == true)
        for block in blocks {
            if let text = (block["text"] as? [String: Any])?["text"] as? String {
                #expect(text.utf16.count <= (block["type"] as? String == "header" ? 150 : 3000))
            }
            for field in block["fields"] as? [[String: Any]] ?? [] { #expect(((field["text"] as? String) ?? "").utf16.count <= 2000) }
        }
    }

    @Test func theSampleDigestsTellTheMonth() throws {
        let (folder, report) = Self.sample
        // Listed in the manifest like any output, with their hashes.
        let manifest = try Self.json(folder + "/manifest.json")
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        for path in ["notify/slack.json", "notify/teams.json"] {
            let entry = try #require(outputs.first { $0["path"] as? String == path }, "\(path)")
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + path))
            #expect(entry["sha256"] as? String == LambdaCostKit.SHA256.hex(of: Array(bytes)))
        }
        let slack = try Self.json(folder + "/notify/slack.json")
        try Self.checkSlackLimits(slack)
        let texts = Self.mrkdwnTexts(slack)
        let all = texts.joined(separator: "\n")
        let lambdaCost = Format.usd(report.lambdaEffectiveCost)
        let savings = Format.usd(report.potentialSavings)
        #expect(slack["text"] as? String == "Lambda cost 2026-10: \(lambdaCost) (effective); potential savings \(savings) a month")
        #expect(all.contains("*Lambda cost (effective, amortized)*\n\(lambdaCost)"))
        #expect(all.contains("*Billed Lambda cost (unblended)*\n\(Format.usd(report.lambdaBilledCost))"))
        #expect(all.contains("*Potential savings per month*\n\(savings) (\(Format.percent(report.plan.savingsShare)) of the Lambda cost)"))
        #expect(!all.contains("Incomplete month"))  // the sample month is complete
        // The top five, in rank order, with the index's texts: label, saving alone and within the plan.
        #expect(report.opportunities.count > 5)
        let context = RenderContext(report: report)
        let list = try #require(texts.first { $0.hasPrefix("*Top 5 of \(report.opportunities.count) opportunities*") })
        var position = list.startIndex
        for (index, opportunity) in report.opportunities.prefix(5).enumerated() {
            let entry = ReportViewModel.opportunityEntry(opportunity, rank: index + 1, context: context)
            let function = opportunity.function
            let location = [function.region, function.accountID].filter { !$0.isEmpty }.joined(separator: " · ")
            let line = "*\(index + 1).* `\(function.name.isEmpty ? "–" : function.name)`\(location.isEmpty ? "" : " `\(location)`")\n"
                + "\(entry["scenario_label"] as! String): *\(entry["monthly_savings"] as! String)* a month alone, \(entry["plan_saving"] as! String) in the plan"
            let found = try #require(list.range(of: line, range: position..<list.endIndex), "rank \(index + 1): \(line)")
            position = found.upperBound
        }
        #expect(!list.contains("*6.*"))
        // Budgets: the teams at an alert level, highest first; growth is under its level and left out.
        let budgets = try #require(texts.first { $0.hasPrefix("*Team budgets at an alert level*") })
        let payments = try #require(report.budgets.first { $0.team == "payments" })
        #expect(payments.reachedLevels.map { $0.formatted(places: 0) } == ["60", "85", "100"])
        #expect(budgets.contains("• `payments`: *\(Format.percent(payments.share))* of $1.00 spent (\(Format.usd(payments.spent))), reached 60 %, 85 %, 100 %"))
        #expect(budgets.contains("• `search`: ") && budgets.contains("reached 10 %, 20 %"))
        #expect(budgets.range(of: "`payments`")!.lowerBound < budgets.range(of: "`search`")!.lowerBound)
        #expect(!budgets.contains("growth") && report.budgets.first { $0.team == "growth" }?.alert == nil)
        // Anomaly days: the sample's one, on the 17th.
        let anomalies = report.findings.filter { $0.kind == AnomalyScenario.identifier }
        #expect(!anomalies.isEmpty)
        let anomalyText = try #require(texts.first { $0.hasPrefix("*Cost anomaly days*") })
        for anomaly in anomalies {
            #expect(anomalyText.contains("• *2026-10-17* `\(anomaly.function.name)` `\(anomaly.function.region) · \(anomaly.function.accountID)`: \(Format.usd(anomaly.moneyAtRisk!)) above its baseline"))
        }
        // The link to the HTML report, its & escaped for mrkdwn.
        #expect(texts.last == "<https://wiki.example.com/lambda&amp;cost/2026-10/index.html|Open the full report for 2026-10>")

        // Teams: one Adaptive Card of version 1.4, within Teams' size, with the same figures.
        let teamsBytes = try #require(FileManager.default.contents(atPath: folder + "/notify/teams.json"))
        #expect(teamsBytes.count <= 28_000)
        let teams = try Self.json(folder + "/notify/teams.json")
        #expect(teams["type"] as? String == "message")
        let attachments = try #require(teams["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1 && attachments[0]["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = Self.card(teams)
        #expect(card["type"] as? String == "AdaptiveCard" && card["version"] as? String == "1.4")
        let facts = try #require((card["body"] as? [[String: Any]])?.first { $0["type"] as? String == "FactSet" }?["facts"] as? [[String: String]])
        #expect(facts.contains(["title": "Lambda cost (effective, amortized)", "value": lambdaCost]))
        #expect(facts.contains(["title": "Billed Lambda cost (unblended)", "value": Format.usd(report.lambdaBilledCost)]))
        let runs = Self.cardTexts(teams).runs
        let functions = runs.enumerated().filter { index, _ in index > 0 && runs[index - 1].hasSuffix(". ") && runs[index - 1].first!.isNumber }
        #expect(functions.map(\.element) == report.opportunities.prefix(5).map(\.function.name))
        #expect(runs.contains("payments") && runs.contains(where: { $0.contains("reached 60 %, 85 %, 100 %") }))
        #expect(runs.contains("2026-10-17"))
        let actions = try #require(card["actions"] as? [[String: Any]])
        #expect(actions.first?["url"] as? String == "https://wiki.example.com/lambda&cost/2026-10/index.html")
    }

    /// The fixture month is incomplete and, with an earlier report, has a change against the month before; without
    /// `html_base_url` the digests say where the report lies.
    @Test func anIncompleteMonthWithAMonthBefore() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = CommandRun.run(["report", "--input", EndToEndTests.fixture, "--output", folder + "/a", "--templates", TestPaths.templates,
                                    "--pricing", TestPaths.pricing, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        let earlier = folder + "/a/2026-10"
        try PreviousReportTests.relabelAsSeptember(earlier)
        // September cost a third more for orders-api: October's change is negative.
        let functions = try String(contentsOfFile: earlier + "/functions.csv", encoding: .utf8)
        #expect(functions.contains(",6.4800100000,"))
        try functions.replacingOccurrences(of: ",6.4800100000,", with: ",8.6400133333,").write(toFile: earlier + "/functions.csv", atomically: true, encoding: .utf8)
        let second = CommandRun.run(["report", "--input", EndToEndTests.fixture, "--output", folder + "/b", "--templates", TestPaths.templates,
                                     "--pricing", TestPaths.pricing, "--quiet", "--previous", earlier])
        #expect(second.status == 0, "\(second.standardError)")
        let slack = try Self.json(folder + "/b/2026-10/notify/slack.json")
        try Self.checkSlackLimits(slack)
        let texts = Self.mrkdwnTexts(slack)
        let banner = try #require(texts.first)
        #expect(banner.hasPrefix(":warning: *Incomplete month: the data of 2026-10 reaches only 2026-10-02 "))
        #expect(banner.hasSuffix(" UTC (its last hour with usage), before the month's last day: every figure covers part of the month.*"))
        let change = try #require(texts.first { $0.hasPrefix("*Against 2026-09 (the functions' Lambda cost)*\n") })
        // The functions' Lambda cost: orders-api 6.48001 against 8.6400133333, 2.1600033333 less; as the index shows it.
        let index = try String(contentsOfFile: folder + "/b/2026-10/index.html", encoding: .utf8)
        let value = String(change.dropFirst("*Against 2026-09 (the functions' Lambda cost)*\n".count))
        #expect(value.hasPrefix("-$2.16 (-") && value.hasSuffix(" %)"))
        #expect(index.contains("<div class=\"value\">\(value)</div>"))
        #expect((slack["text"] as? String)?.contains(", \(value) against 2026-09;") == true)
        #expect((slack["text"] as? String)?.hasSuffix(" (incomplete month)") == true)
        // No address: where the report lies instead, and no link.
        #expect(texts.last == "The full HTML report (index.html, findings.html, changes.html) lies in the report's output folder for 2026-10; it is not published at a known address ([report] html_base_url in the configuration links it here).")
        #expect(!texts.joined().contains("<"))
        let findings = try String(contentsOfFile: folder + "/b/2026-10/findings.csv", encoding: .utf8)
        if !findings.contains("\nanomaly,") { #expect(texts.contains("*Cost anomaly days*\nNo cost anomaly this month.")) }
        #expect(!texts.contains { $0.hasPrefix("*Team budgets") })  // none configured

        let teams = try Self.json(folder + "/b/2026-10/notify/teams.json")
        let card = Self.card(teams)
        #expect(card["actions"] == nil)
        let runs = Self.cardTexts(teams).runs
        #expect(runs.first?.hasPrefix("Incomplete month: the data of 2026-10 reaches only 2026-10-02 ") == true)
        #expect(runs.last?.hasPrefix("The full HTML report") == true)
        let facts = try #require((card["body"] as? [[String: Any]])?.first { $0["type"] as? String == "FactSet" }?["facts"] as? [[String: String]])
        #expect(facts.contains(["title": "Against 2026-09 (the functions' Lambda cost)", "value": value]))
    }

    static let hostile = "<!channel> *bold* _it_ ~strike~ `code` \"q\" \\ <http://evil.example|click> & <@U123> :boom:\u{0007}\nnext"

    /// A report whose function, region, account and team names are hostile: the payloads stay valid JSON, every
    /// mrkdwn text escapes `&`, `<`, `>` and keeps the values in code spans, and the card keeps them in text runs.
    @Test func hostileValuesStayInert() throws {
        var report = try ReportPagesTests.pipeline().run().report
        let hostileFunction = FunctionIdentity(accountID: Self.hostile, region: Self.hostile, name: Self.hostile)
        report.opportunities[0].function = hostileFunction
        report.findings.append(Finding(kind: AnomalyScenario.identifier, function: hostileFunction, moneyAtRisk: FixedDecimal(3), summary: Self.hostile, day: 2))
        report.budgets = [BudgetStatus(team: Self.hostile, budget: FixedDecimal(1), spent: FixedDecimal(2), reachedLevels: [60, 85, 100].map { FixedDecimal($0) })]
        let digest = ChatDigest(report: report, htmlBaseURL: nil)
        let shown = "<!channel> *bold* _it_ ~strike~ `code` \"q\" \\ <http://evil.example|click> & <@U123> :boom:  next"
        #expect(digest.topOpportunities[0].function == shown && digest.budgetAlerts[0].team == shown && digest.anomalies[0].function == shown)

        let slackBytes = SlackDigest.bytes(digest)
        let slack = try #require(try JSONSerialization.jsonObject(with: Data(slackBytes)) as? [String: Any])
        try Self.checkSlackLimits(slack)
        let texts = Self.mrkdwnTexts(slack)
        let inert = "`&lt;!channel&gt; *bold* _it_ ~strike~ \u{02CB}code\u{02CB} \"q\" \\ &lt;http://evil.example|click&gt; &amp; &lt;@U123&gt; :boom:  next`"
        let joined = texts.joined(separator: "\n")
        #expect(joined.contains("*1.* \(inert) \(String(inert.dropLast())) · \(String(inert.dropFirst()))\n"))
        #expect(joined.contains("• \(inert): *200.0 %* of $1.00 spent ($2.00), reached 60 %, 85 %, 100 %"))
        #expect(joined.contains("• *2026-10-02* \(inert)"))
        for text in texts {
            #expect(!text.contains("<"), "\(text)")  // no link, mention or channel can open
            #expect(!text.contains("&amp;lt;"))  // escaped once
            // Outside the code spans nothing of the values is left.
            let outside = text.replacingOccurrences(of: "`[^`]*`", with: "", options: .regularExpression)
            for part in ["bold", "strike", "evil", "channel", "U123", "boom"] { #expect(!outside.contains(part), "\(part) in \(outside)") }
        }
        #expect(!(slack["text"] as! String).contains("channel"))

        let teamsBytes = TeamsDigest.bytes(digest)
        let teams = try #require(try JSONSerialization.jsonObject(with: Data(teamsBytes)) as? [String: Any])
        let (runs, blocks) = Self.cardTexts(teams)
        #expect(runs.filter { $0 == shown }.count == 3)  // the opportunity, the budget, the anomaly: literal text runs
        for block in blocks { #expect(!block.contains("evil") && !block.contains("channel"), "\(block)") }  // TextBlocks take Markdown
        let facts: [[String: String]] = ((Self.card(teams)["body"] as? [[String: Any]]) ?? []).flatMap { $0["facts"] as? [[String: String]] ?? [] }
        #expect(!facts.isEmpty)
        for fact in facts { #expect(!fact.values.joined().contains("evil")) }
        // The JSON escapes: a quote, a backslash, the bell as \u0007 is gone (a space), a newline is a space.
        let raw = String(decoding: slackBytes, as: UTF8.self)
        #expect(raw.contains("\\\"q\\\" \\\\ ") && !raw.contains("\u{0007}"))
    }

    /// Lists too long for one message are cut with a note saying how many are left out; every limit holds.
    @Test func longListsAreCutWithANote() throws {
        var report = try ReportPagesTests.pipeline().run().report
        let long = String(repeating: "x", count: 500)
        report.findings = (0..<400).map { index in
            Finding(kind: AnomalyScenario.identifier, function: FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "fn-\(index)-\(long)"),
                    moneyAtRisk: FixedDecimal(index), summary: "", day: 1 + index % 31)
        }
        report.budgets = (0..<300).map { BudgetStatus(team: "team-\($0)-\(long)", budget: FixedDecimal(1), spent: FixedDecimal(2), reachedLevels: [FixedDecimal(100)]) }
        let digest = ChatDigest(report: report, htmlBaseURL: "https://example.com/r")
        #expect(digest.anomalies.count == 400 && digest.budgetAlerts.count == 300)
        #expect(digest.anomalies.allSatisfy { $0.function.count == ChatDigest.maximumValueLength && $0.function.hasSuffix("…") })
        // Anomalies by day, the largest first within a day.
        #expect(digest.anomalies.prefix(2).map(\.function).map { $0.prefix(7) } == ["fn-372-", "fn-341-"])

        let slack = try #require(try JSONSerialization.jsonObject(with: Data(SlackDigest.bytes(digest))) as? [String: Any])
        try Self.checkSlackLimits(slack)
        let texts = Self.mrkdwnTexts(slack)
        for (heading, note, total) in [("*Cost anomaly days*", "more: findings.html", 400), ("*Team budgets at an alert level*", "more teams: changes.html", 300)] {
            let text = try #require(texts.first { $0.hasPrefix(heading) })
            let lines = text.split(separator: "\n").dropFirst()
            let listed = lines.filter { $0.hasPrefix("• ") }.count
            #expect(listed > 5 && listed < total)
            let last = try #require(lines.last)
            #expect(last == "…and \(total - listed) \(note)\(heading.contains("anomaly") ? " and findings.csv list every one." : " has every budget.")")
        }
        let teamsBytes = TeamsDigest.bytes(digest)
        #expect(teamsBytes.count <= TeamsDigest.maximumBytes)
        let runs = Self.cardTexts(try #require(try JSONSerialization.jsonObject(with: Data(teamsBytes)) as? [String: Any])).runs
        let anomalyNote = try #require(runs.first { $0.hasPrefix("…and ") && $0.contains("findings.html") })
        let shownAnomalies = runs.filter { $0.hasPrefix("fn-") }.count
        #expect(anomalyNote == "…and \(400 - shownAnomalies) more: findings.html and findings.csv list every one.")
        #expect(runs.contains { $0.hasPrefix("…and ") && $0.contains("more teams: changes.html") })
    }
}
