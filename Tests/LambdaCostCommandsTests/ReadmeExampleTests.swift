import ArgumentParser
import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands

/// The README's examples come from a run (issue 15, item 7): each example of output — the summary line, the
/// `--summary-json`, the `validate` output, the month note, the progress line, the `error` of a `--strict` run,
/// the CSV column lists, the synopsis, the command that re-makes the sample — is compared with what the tool
/// prints or writes, read from the README each time, so that an example cannot drift from the tool again (the
/// summary once showed 315.42 where a run gave 368.69).
@Suite struct ReadmeExampleTests {
    static func readme() throws -> String { try String(contentsOfFile: RepositoryPaths.root + "/README.md", encoding: .utf8) }

    /// The first fenced block opened by `fence` (```` ```json ````) after `marker`, its lines without the
    /// indentation of the fence (for blocks inside list items).
    static func block(after marker: String, fence: String = "```text") throws -> String {
        let readme = try readme()
        let start = try #require(readme.range(of: marker), "the README has no \(marker)")
        let lines = readme[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        let open = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == fence }, "no \(fence) after \(marker)")
        let indent = lines[open].prefix { $0 == " " }.count
        let close = try #require(lines[(open + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "```" })
        return lines[(open + 1)..<close].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n")
    }

    /// The text of the first inline code span that starts with `prefix`, its line breaks and indentation read as
    /// one space (as Markdown renders a span that wraps).
    static func codeSpan(startingWith prefix: String) throws -> String {
        let readme = try readme()
        let start = try #require(readme.range(of: "`" + prefix), "the README has no `\(prefix)…`")
        let end = try #require(readme.range(of: "`", range: readme.index(after: start.lowerBound)..<readme.endIndex))
        return readme[readme.index(after: start.lowerBound)..<end.lowerBound]
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// A JSON value as sorted, compact text (so that numbers, booleans and nested objects compare as JSON).
    static func canonical(_ value: [Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// One run of the sample month, as the README's examples show it (`--output output`), read once.
    struct SampleRun: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var folder: String
        /// The summary JSON's text.
        var summary: Data
        /// The header of every CSV file of the month folder, by file name.
        var csvHeaders: [String: [String]]
    }

    static let sample: SampleRun = {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CommandRun.run(["report", "--input", RepositoryPaths.sample, "--output", folder + "/output", "--templates", TestPaths.templates,
                                  "--pricing", TestPaths.pricing, "--summary-json", folder + "/last-run.json"])
        let month = folder + "/output/2026-10"
        var headers: [String: [String]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: month)) ?? [] where name.hasSuffix(".csv") {
            let text = (try? String(contentsOfFile: month + "/" + name, encoding: .utf8)) ?? ""
            headers[name] = (text.split(whereSeparator: \.isNewline).first ?? "").split(separator: ",").map(String.init)
        }
        return SampleRun(status: run.status, standardOutput: run.standardOutput, standardError: run.standardError, folder: folder,
                         summary: FileManager.default.contents(atPath: folder + "/last-run.json") ?? Data(), csvHeaders: headers)
    }()

    // MARK: The sample month's report

    @Test func theSummaryLineIsTheSampleMonthsLine() throws {
        let run = Self.sample
        try #require(run.status == 0, "\(run.standardError)")
        let shown = try Self.block(after: "and prints one line (none\nwith `--quiet`)")
        #expect(shown + "\n" == run.standardOutput.replacingOccurrences(of: run.folder + "/output/", with: "output/"))
    }

    @Test func theSummaryJSONExampleIsTheSampleMonthsSummary() throws {
        let run = Self.sample
        try #require(run.status == 0, "\(run.standardError)")
        let written = try #require(try JSONSerialization.jsonObject(with: run.summary) as? [String: Any])
        let shownText = try Self.block(after: "### `--summary-json`", fence: "```json")
        let example = try #require(try JSONSerialization.jsonObject(with: Data(shownText.utf8)) as? [String: Any])
        #expect(Set(example.keys) == Set(written.keys), "the README's example has other keys than a run writes")
        for (key, value) in written {
            guard let shown = example[key] else { continue }
            switch key {
            case "output_folder":
                // The example ran with --output output.
                #expect(shown as? String == "output/2026-10" && (value as? String)?.hasSuffix("/output/2026-10") == true)
            case "top_opportunities":
                // The example shows the first of them.
                let shownList = shown as? [Any] ?? [], writtenList = value as? [Any] ?? []
                #expect(!shownList.isEmpty && shownList.count <= writtenList.count)
                #expect(try Self.canonical(shownList) == Self.canonical(Array(writtenList.prefix(shownList.count))), "top_opportunities")
            default:
                #expect(try Self.canonical([shown]) == Self.canonical([value]), "\(key): the README shows \(shown), a run writes \(value)")
            }
        }
    }

    /// The README's column lists, from the first code span after `marker` and the spans that follow it separated
    /// only by commas and white space (parenthesized notes dropped), against the header a run writes.
    @Test(arguments: [
        ("functions.csv", "`functions.csv` columns"), ("rejects.csv", "`rejects.csv` columns"),
        ("opportunities.csv", "`opportunities.csv` columns"), ("findings.csv", "`findings.csv`:"),
        ("savings-plans.csv", "`savings-plans.csv` columns"), ("provisioned-concurrency.csv", "`provisioned-concurrency.csv` columns"),
        ("teams.csv", "| `teams.csv` |"), ("skipped.csv", "| `skipped.csv` |"), ("showback.csv", "| `showback.csv` |"),
    ])
    func theCSVColumnListsAreTheHeadersARunWrites(file: String, marker: String) throws {
        let run = Self.sample
        try #require(run.status == 0, "\(run.standardError)")
        let written = try #require(run.csvHeaders[file], "the run wrote no \(file)")
        let shown = try Self.columnList(after: marker)
        #expect(shown == written, "\(file): the README lists \(shown.joined(separator: ", ")); a run writes \(written.joined(separator: ", "))")
    }

    static func columnList(after marker: String) throws -> [String] {
        let readme = try readme()
        let start = try #require(readme.range(of: marker), "the README has no \(marker)")
        var text = String(readme[start.upperBound...])
        // Drop parenthesized notes, innermost first, so that their code spans are not taken for columns.
        while let note = text.range(of: #"\([^()]*\)"#, options: .regularExpression) { text.removeSubrange(note) }
        var spans: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            let between = rest[..<open]
            if !spans.isEmpty, !between.allSatisfy({ $0 == "," || $0.isWhitespace }) { break }
            let body = rest[rest.index(after: open)...]
            guard let close = body.firstIndex(of: "`") else { break }
            spans.append(String(body[..<close]))
            rest = body[body.index(after: close)...]
        }
        return spans.joined(separator: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    // MARK: Other runs

    @Test func theValidateExampleIsTheSampleMonthsOutput() throws {
        let run = CommandRun.run(["validate", "--input", RepositoryPaths.sample, "--pricing", TestPaths.pricing])
        try #require(run.status == 0, "\(run.standardError)")
        #expect(try Self.block(after: "- `validate`: reads and reconciles") + "\n" == run.standardOutput)
    }

    @Test func theMonthNoteExampleIsWhatARunPrints() throws {
        // The input the README describes: nine days of October at $1 each (the last at 23:00 on the 31st), two
        // days of November, one S3 row of January 2027 at $0.02.
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = try MonthChoiceTests.write(MonthChoiceTests.october + [
            MonthChoiceTests.lambda("n1", "2026-11", "2026-11-01T10", "2026-11-01T11", "1"),
            MonthChoiceTests.lambda("n2", "2026-11", "2026-11-02T10", "2026-11-02T11", "1"),
            MonthChoiceTests.s3("stray", "2027-01", "2027-01-31T00", "2027-02-01T00", "0.02"),
        ], in: folder)
        let run = MonthChoiceTests.validate(input)
        try #require(run.status == 0, "\(run.standardError)")
        let note = try #require(run.standardError.split(separator: "\n").first { $0.hasPrefix("lambda-cost-report: note: reporting") })
        #expect("lambda-cost-report: note: " + (try Self.codeSpan(startingWith: "reporting 2026-10, the latest complete month")) == String(note))
    }

    @Test func theProgressExampleIsTheSampleFilesLine() throws {
        let shown = try Self.codeSpan(startingWith: "reading data/sample/")
        let capture = OutputCapture()
        OutputCapture.$current.withValue(capture) {
            RunConsole.showProgress(RepositoryPaths.sample + "/cur-2026-10.csv.gz", 1, 1)
        }
        #expect(shown + "\n" == capture.standardError.replacingOccurrences(of: RepositoryPaths.root + "/", with: ""))
    }

    @Test func theStrictErrorExampleIsWhatTheSummaryHolds() throws {
        // The end-to-end fixture has one rejected row.
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = CronTests.report(folder + "/out", ["--quiet", "--strict", "--summary-json", folder + "/summary.json"])
        #expect(run.status == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        let error = try #require(summary["error"] as? String)
        #expect(try Self.codeSpan(startingWith: error) == error)
    }

    // MARK: Commands

    /// The synopsis lists, for every command, exactly the options its `--help` lists.
    @Test func theSynopsisNamesEveryOptionOfEveryCommand() throws {
        let synopsis = try Self.block(after: "## Command-line reference", fence: "```")
        var entries: [String: String] = [:]
        var current = ""
        for line in synopsis.split(separator: "\n") {
            if line.hasPrefix("lambda-cost-report ") {
                let words = line.split(separator: " ")
                current = words.dropFirst().prefix { !$0.hasPrefix("[") && !$0.hasPrefix("-") && !$0.hasPrefix("<") }.joined(separator: " ")
            }
            entries[current, default: ""] += " " + line
        }
        let commands: [(String, ParsableCommand.Type)] = [
            ("", ReportCommand.self), ("validate", ValidateCommand.self), ("generate", GenerateCommand.self),
            ("price", PriceCommand.self), ("pricing show", PricingShowCommand.self), ("pricing import", PricingImportCommand.self),
            ("publish confluence", PublishConfluenceCommand.self), ("publish git", PublishGitCommand.self),
        ]
        #expect(Set(entries.keys) == Set(commands.map(\.0)))
        for (name, command) in commands {
            let entry = try #require(entries[name], "no synopsis of lambda-cost-report \(name)")
            // The options are the help's lines indented by two spaces that start with a dash.
            let help = LambdaCostReportCommand.helpMessage(for: command, columns: 100)
            let helpFlags = Set(help.split(separator: "\n").filter { $0.hasPrefix("  -") }.compactMap { line -> String? in
                line.split(separator: " ").first { $0.hasPrefix("--") }.map { String($0.prefix { $0 != "," && $0 != "=" }) }
            }).subtracting(["--help", "--version"])
            #expect(Self.flags(entry) == helpFlags, "lambda-cost-report \(name)")
        }
    }

    static func flags(_ text: String) -> Set<String> {
        var flags: Set<String> = []
        for word in text.split(whereSeparator: { " []|".contains($0) }) where word.hasPrefix("--") { flags.insert(String(word)) }
        return flags
    }

    /// The command that re-makes the sample month does so byte for byte.
    @Test func theSampleIsRemadeByTheREADMEsCommand() throws {
        let command = try Self.block(after: "It is re-made, byte for byte, by:", fence: "```sh")
            .replacingOccurrences(of: "\\\n", with: " ")
        var arguments = command.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(Array(arguments.prefix(3)) == ["swift", "run", "lambda-cost-report"])
        arguments.removeFirst(3)
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = arguments.map { $0.hasPrefix("data/sample/") ? folder + "/" + $0.dropFirst("data/sample/".count) : $0 }
        #expect(written != arguments, "the command writes into data/sample/")
        let run = CommandRun.run(written)
        try #require(run.status == 0, "\(run.standardError)")
        for name in ["cur-2026-10.csv.gz", "metrics-2026-10.csv"] {
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == FileManager.default.contents(atPath: RepositoryPaths.sample + "/" + name), "\(name)")
        }
    }
}
