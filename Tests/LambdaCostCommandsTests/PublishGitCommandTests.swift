import ArgumentParser
import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// Whether git is on the PATH: the `publish git` tests run real git repositories. They skip without git, except
/// under CI (`CI` set), where they run and fail.
private enum GitTool {
    static let isAvailable = (try? ToolProcess.run(["git", "--version"]).status) == 0
    static let testsRun = isAvailable || ProcessInfo.processInfo.environment["CI"] != nil
}

/// `publish git` against real repositories on disk: a bare remote (`git init --bare`) and clones of it.
@Suite(.enabled(if: GitTool.testsRun, "git is not on the PATH (publish git tests need it; under CI they fail instead)"))
struct PublishGitCommandTests {
    /// Two real reports, made once: October 2026 of the end-to-end fixture, and a small generated September 2026.
    static let reports: (october: String, september: String) = {
        let output = TestPaths.temporaryFolder()
        let september = output + "/input-2026-09"
        try! FileManager.default.createDirectory(atPath: september, withIntermediateDirectories: true)
        try! SampleGenerator.write(
            configuration: .init(functions: 3, days: 30, seed: 7, month: BillingMonth("2026-09")!),
            curTo: september + "/cur-2026-09.csv", metricsTo: september + "/metrics-2026-09.csv")
        for input in [EndToEndTests.fixture, september] {
            var command = try! LambdaCostReportCommand.parseAsRoot([
                "report", "--input", input, "--output", output, "--templates", TestPaths.templates, "--pricing", TestPaths.pricing,
            ])
            try! OutputCapture.$current.withValue(OutputCapture()) { try command.run() }
        }
        return (output + "/2026-10", output + "/2026-09")
    }()

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `lambda-cost-report publish git` in-process.
    func publish(_ report: String, repo: String, _ extra: [String] = []) -> Run {
        let capture = OutputCapture()
        do {
            var command = try LambdaCostReportCommand.parseAsRoot(["publish", "git", "--report", report, "--repo", repo] + extra)
            try OutputCapture.$current.withValue(capture) { try command.run() }
            return Run(status: 0, output: capture.standardOutput, errors: capture.standardError)
        } catch {
            return Run(status: LambdaCostReportCommand.exitCode(for: error).rawValue, output: capture.standardOutput,
                       errors: capture.standardError + LambdaCostReportCommand.message(for: error))
        }
    }

    /// `git arguments` in `folder`, which must succeed; its output.
    @discardableResult
    func git(_ arguments: [String], in folder: String) throws -> String {
        let result = try ToolProcess.standardOutput(["git", "-C", folder, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments)
        try #require(result.status == 0, "git \(arguments.joined(separator: " ")) failed in \(folder)")
        return String(decoding: result.output, as: UTF8.self)
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// A new bare repository on branch main, as a wiki's remote.
    func bareRemote(in folder: String) throws -> String {
        let remote = folder + "/remote.git"
        try git(["init", "--quiet", "--bare", "--initial-branch=main", remote], in: folder)
        return remote
    }

    /// `path` relative to the current folder (`../../tmp/…`): a relative bare repository is cloned from elsewhere.
    func relative(_ path: String) -> String {
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        return String(repeating: "../", count: depth) + path.drop { $0 == "/" }
    }

    func text(_ path: String) throws -> String { String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self) }

    @Test func firstPublishWritesTwoPagesInOneCommitAndPushesThem() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        let run = publish(Self.reports.october, repo: remote)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix("published 2026-10 to \(remote) (branch main): Lambda-cost-2026-10.md (new), Lambda-cost-reports.md (new); commit "))
        #expect(run.output.contains("\"Lambda cost report 2026-10\", pushed to origin main\n"))
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote)) == ["Lambda cost report 2026-10"])
        #expect(lines(try git(["ls-tree", "--name-only", "main"], in: remote)) == ["Lambda-cost-2026-10.md", "Lambda-cost-reports.md"])
        let page = try git(["show", "main:Lambda-cost-2026-10.md"], in: remote)
        let markdown = try text(Self.reports.october + "/wiki/report.md")
        #expect(page.hasPrefix(markdown))
        // The figures the index is rebuilt from, in a comment after the report's page.
        let figures = try #require(WikiMonthPage.figures(in: page))
        #expect(figures == WikiMonthFigures(month: "2026-10", complete: false, lastUsageHour: "2026-10-02T06:00:00Z",
                                            lambdaCost: "$8.91", billed: "$8.03", potentialSavings: "$1.44"))
        let index = try git(["show", "main:Lambda-cost-reports.md"], in: remote)
        #expect(index.contains("| [2026-10](Lambda-cost-2026-10) | \\$8.91 | \\$8.03 | \\$1.44 | incomplete: up to 2026-10-02 06:00 UTC |\n"))
    }

    /// The index's figures come from kpis.json, so a page whose template words its summary table otherwise still
    /// gets them; a report from before kpis.json gets them from the table.
    @Test func theIndexFiguresComeFromKPIsElseFromThePageTable() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reworded = folder + "/reworded/2026-10"
        try FileManager.default.createDirectory(atPath: folder + "/reworded", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.reports.october, toPath: reworded)
        let page = try text(reworded + "/wiki/report.md")
            .replacingOccurrences(of: "| Lambda cost (effective", with: "| Spend (effective")
            .replacingOccurrences(of: "| Potential savings", with: "| Could save")
        try Data(page.utf8).write(to: URL(fileURLWithPath: reworded + "/wiki/report.md"))
        #expect(try ReportFolder(path: reworded).figures == WikiMonthFigures(
            month: "2026-10", complete: false, lastUsageHour: "2026-10-02T06:00:00Z", lambdaCost: "$8.91", billed: "$8.03",
            potentialSavings: "$1.44"))
        let older = folder + "/older/2026-10"
        try FileManager.default.createDirectory(atPath: folder + "/older", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.reports.october, toPath: older)
        try FileManager.default.removeItem(atPath: older + "/kpis.json")
        let fromTable = try ReportFolder(path: older).figures
        #expect(fromTable.lambdaCost == "$8.91" && fromTable.potentialSavings == "$1.44")
        try FileManager.default.removeItem(atPath: reworded + "/kpis.json")
        let withoutKPIs = try ReportFolder(path: reworded)
        #expect(withoutKPIs.figures.lambdaCost == nil && withoutKPIs.figures.potentialSavings == nil)
        #expect(withoutKPIs.figures.billed == "$8.03")
    }

    @Test func theSameReportAgainMakesNoCommit() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        #expect(publish(Self.reports.october, repo: remote).status == 0)
        let head = try git(["rev-parse", "main"], in: remote)
        let again = publish(Self.reports.october, repo: remote)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.output == "2026-10 unchanged in \(remote) (branch main): Lambda-cost-2026-10.md and Lambda-cost-reports.md already hold this report; no commit\n")
        #expect(try git(["rev-parse", "main"], in: remote) == head)
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote)).count == 1)
    }

    @Test func aSecondMonthAddsItsPageAndTheIndexListsTheNewestFirst() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        // October first, then September: the index is ordered by month, not by when a month was published.
        #expect(publish(Self.reports.october, repo: remote).status == 0)
        let run = publish(Self.reports.september, repo: remote)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("Lambda-cost-2026-09.md (new), Lambda-cost-reports.md (changed)"))
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote)) == ["Lambda cost report 2026-09", "Lambda cost report 2026-10"])
        #expect(lines(try git(["ls-tree", "--name-only", "main"], in: remote))
            == ["Lambda-cost-2026-09.md", "Lambda-cost-2026-10.md", "Lambda-cost-reports.md"])
        let rows = lines(try git(["show", "main:Lambda-cost-reports.md"], in: remote)).filter { $0.hasPrefix("| [") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("| [2026-10](Lambda-cost-2026-10) | \\$8.91 |") == true)
        #expect(rows.last?.hasPrefix("| [2026-09](Lambda-cost-2026-09) | ") == true)
        #expect(rows.last?.hasSuffix(" | complete |") == true)
        // September's figures are its own report's.
        let september = try text(Self.reports.september + "/wiki/report.md")
        let cost = try #require(WikiMonthFigures.tableValue(in: september, label: "Lambda cost (effective"))
        #expect(cost != "$8.91")
        #expect(rows.last?.contains(" | \\" + cost + " | ") == true)
    }

    @Test func aLocalRepositoryWithoutARemoteCommitsWithoutPushing() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let wiki = folder + "/wiki"
        try git(["init", "--quiet", "--initial-branch=main", wiki], in: folder)
        try Data("# Home\n".utf8).write(to: URL(fileURLWithPath: wiki + "/Home.md"))
        try git(["add", "Home.md"], in: wiki)
        try git(["commit", "--quiet", "-m", "Home"], in: wiki)
        try Data("# August, by hand\n".utf8).write(to: URL(fileURLWithPath: wiki + "/Lambda-cost-2026-08.md"))
        try git(["add", "Lambda-cost-2026-08.md"], in: wiki)
        try git(["commit", "--quiet", "-m", "August"], in: wiki)
        try Data("draft\n".utf8).write(to: URL(fileURLWithPath: wiki + "/Draft.md"))  // the operator's own work stays out
        let run = publish(Self.reports.october, repo: wiki)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasSuffix("\"Lambda cost report 2026-10\", not pushed (the repository has no remote)\n"))
        #expect(lines(try git(["log", "--format=%s"], in: wiki)) == ["Lambda cost report 2026-10", "August", "Home"])
        #expect(lines(try git(["show", "--name-only", "--format=", "HEAD"], in: wiki)) == ["Lambda-cost-2026-10.md", "Lambda-cost-reports.md"])
        #expect(lines(try git(["status", "--porcelain"], in: wiki)) == ["?? Draft.md"])
        // A month page written by hand keeps no figures: listed, with dashes.
        #expect(lines(try text(wiki + "/Lambda-cost-reports.md")).filter { $0.hasPrefix("| [") }.map { String($0.prefix(33)) }
            == ["| [2026-10](Lambda-cost-2026-10) ", "| [2026-08](Lambda-cost-2026-08) "])
        #expect(try text(wiki + "/Lambda-cost-reports.md").contains("| [2026-08](Lambda-cost-2026-08) | — | — | — | — |\n"))
    }

    @Test func aRejectedPushIsRebasedOntoTheRemoteAndRetried() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        #expect(publish(Self.reports.october, repo: remote).status == 0)
        let stale = folder + "/stale"
        let other = folder + "/other"
        try git(["clone", "--quiet", remote, stale], in: folder)
        try git(["clone", "--quiet", remote, other], in: folder)
        // Another machine publishes September first: the stale clone's push of a change to October is rejected,
        // and its index conflicts with the other machine's.
        #expect(publish(Self.reports.september, repo: other).status == 0)
        let changed = folder + "/2026-10"
        try FileManager.default.copyItem(atPath: Self.reports.october, toPath: changed)
        // A late credit changed October's Lambda cost: its page and its row of the index change.
        let markdown = try text(changed + "/wiki/report.md")
        let changedMarkdown = markdown.replacingOccurrences(of: "| Lambda cost (effective, amortized) | \\$8.91 |", with: "| Lambda cost (effective, amortized) | \\$8.61 |")
        #expect(changedMarkdown != markdown)
        try Data((changedMarkdown + "\nRe-run after a late credit.\n").utf8).write(to: URL(fileURLWithPath: changed + "/wiki/report.md"))
        // And its kpis.json, which the index takes its figures from.
        let kpis = try text(changed + "/kpis.json")
        let changedKPIs = kpis.replacingOccurrences(of: "\"lambda_effective_cost_usd\" : \"8.9065562\"", with: "\"lambda_effective_cost_usd\" : \"8.6065562\"")
        #expect(changedKPIs != kpis)
        try Data(changedKPIs.utf8).write(to: URL(fileURLWithPath: changed + "/kpis.json"))
        let run = publish(changed, repo: stale)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("pushed to origin main (after rebasing onto newer commits of the remote)"))
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote))
            == ["Lambda cost report 2026-10", "Lambda cost report 2026-09", "Lambda cost report 2026-10"])
        #expect(try git(["show", "main:Lambda-cost-2026-10.md"], in: remote).contains("Re-run after a late credit."))
        let rows = lines(try git(["show", "main:Lambda-cost-reports.md"], in: remote)).filter { $0.hasPrefix("| [") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("| [2026-10](Lambda-cost-2026-10) | \\$8.61 | ") == true)
        #expect(rows.last?.hasPrefix("| [2026-09](Lambda-cost-2026-09) | ") == true)
        #expect(lines(try git(["status", "--porcelain"], in: stale)).isEmpty)
        // The two indexes conflicted, and the rebase went on with the index written again.
        #expect(try git(["reflog"], in: stale).contains("rebase (continue): Lambda cost report 2026-10"))
    }

    @Test func aPushRejectedAgainIsAClearError() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        // A hook that refuses every update: not a push that is behind, so no retry, and exit 1.
        let hook = remote + "/hooks/pre-receive"
        try Data("#!/bin/sh\necho 'wiki is read-only' >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let run = publish(Self.reports.october, repo: remote)
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("lambda-cost-report: error: cannot push to origin main: "))
        #expect(run.errors.contains("wiki is read-only"))
        #expect(run.output.isEmpty)
    }

    @Test func aCommitWhosePushFailedIsPushedByTheNextRun() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        let wiki = folder + "/wiki"
        try git(["clone", "--quiet", remote, wiki], in: folder)
        let hook = remote + "/hooks/pre-receive"
        try Data("#!/bin/sh\necho 'down for maintenance' >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let failed = publish(Self.reports.october, repo: wiki)
        #expect(failed.status == 1)
        #expect(failed.errors.contains("down for maintenance"))
        #expect(lines(try git(["log", "--format=%s"], in: wiki)) == ["Lambda cost report 2026-10"])
        try FileManager.default.removeItem(atPath: hook)
        let run = publish(Self.reports.october, repo: wiki)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasSuffix("already hold this report; no commit; pushed 1 earlier commit to origin main\n"))
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote)) == ["Lambda cost report 2026-10"])
        #expect(publish(Self.reports.october, repo: wiki).output.hasSuffix("already hold this report; no commit\n"))
    }

    @Test func aMissingOrIncompleteReportFolderIsAClearError() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        let missing = publish(folder + "/output/2026-10", repo: remote)
        #expect(missing.status == 1)
        #expect(missing.errors == "lambda-cost-report: error: \(folder)/output/2026-10: no such report folder (expected the folder of one month's report, such as output/2026-10)\n")
        let incomplete = folder + "/2026-10"
        try FileManager.default.copyItem(atPath: Self.reports.october, toPath: incomplete)
        try FileManager.default.removeItem(atPath: incomplete + "/wiki/report.md")
        let noPage = publish(incomplete, repo: remote)
        #expect(noPage.status == 1)
        #expect(noPage.errors.hasPrefix("lambda-cost-report: error: \(incomplete)/wiki/report.md: not found: "))
        // The folder is the operator's: its files are read as the other publisher reads them, regular files only.
        try FileManager.default.removeItem(atPath: incomplete + "/manifest.json")
        try FileManager.default.createDirectory(atPath: incomplete + "/manifest.json", withIntermediateDirectories: false)
        #expect(publish(incomplete, repo: remote).errors
            == "lambda-cost-report: error: \(incomplete)/manifest.json: manifest.json is not a regular file\n")
        try FileManager.default.removeItem(atPath: incomplete + "/manifest.json")
        #expect(publish(incomplete, repo: remote).errors.hasPrefix("lambda-cost-report: error: \(incomplete)/manifest.json: not found"))
        #expect(try ToolProcess.standardOutput(["git", "-C", remote, "rev-parse", "--verify", "-q", "main"]).status != 0)  // nothing pushed
    }

    @Test func aDryRunWritesNothing() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        let run = publish(Self.reports.october, repo: relative(remote), ["--dry-run"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "dry run: would write Lambda-cost-2026-10.md (new), Lambda-cost-reports.md (new) in \(relative(remote)) (branch main), commit \"Lambda cost report 2026-10\" and push to origin main; nothing was written\n")
        #expect(try ToolProcess.standardOutput(["git", "-C", remote, "rev-parse", "--verify", "-q", "main"]).status != 0)
        #expect(publish(Self.reports.october, repo: remote).status == 0)
        #expect(publish(Self.reports.october, repo: remote, ["--dry-run"]).output.hasPrefix("dry run: 2026-10 unchanged in "))
    }

    @Test func aBranchIsMadeWhenTheRemoteHasNone() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let remote = try bareRemote(in: folder)
        #expect(publish(Self.reports.september, repo: remote).status == 0)
        let run = publish(Self.reports.october, repo: "file://" + remote, ["--branch", "reports"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("pushed to origin reports"))
        #expect(lines(try git(["log", "--format=%s", "main"], in: remote)) == ["Lambda cost report 2026-09"])
        #expect(lines(try git(["log", "--format=%s", "reports"], in: remote)) == ["Lambda cost report 2026-10", "Lambda cost report 2026-09"])
    }

    @Test func withoutAConfiguredIdentityTheToolCommitsAsItself() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let wiki = folder + "/wiki"
        try git(["init", "--quiet", "--initial-branch=main", wiki], in: folder)
        var options = GitWikiPublisher.Options(reportFolder: Self.reports.october, repository: wiki)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") && $0.key != "EMAIL" }
        environment["HOME"] = folder
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        options.environment = environment
        let outcome = try GitWikiPublisher(options: options).publish()
        #expect(outcome.commit != nil && outcome.pushedTo == nil)
        let ident = try ToolProcess.standardOutput(["git", "-C", wiki, "log", "-1", "--format=%an <%ae> / %cn <%ce>"])
        #expect(String(decoding: ident.output, as: UTF8.self)
            == "lambda-cost-report <lambda-cost-report@localhost> / lambda-cost-report <lambda-cost-report@localhost>\n")
    }

    @Test func credentialsInTheURLAreNeverPrinted() {
        let run = publish(Self.reports.october, repo: "https://wiki-bot:s3cret-token@127.0.0.1:9/team/wiki.git")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("lambda-cost-report: error: cannot clone https://***@127.0.0.1:9/team/wiki.git: "))
        #expect(!run.errors.contains("s3cret"))
        #expect(CredentialRedaction.redact("fatal: https://u:p@h/x and http://tok@h:1/y") == "fatal: https://***@h/x and http://***@h:1/y")
        #expect(CredentialRedaction.redact("ssh://git@example.com/w.git git@example.com:o/w.wiki.git")
            == "ssh://git@example.com/w.git git@example.com:o/w.wiki.git")
        #expect(CredentialRedaction.redact("ssh://git:pw@example.com/w.git") == "ssh://***@example.com/w.git")
    }

    @Test func usageErrorsExit64() {
        #expect(publish(Self.reports.october, repo: "x", ["--branch", "-f"]).status == 64)
        #expect(publish(Self.reports.october, repo: Self.reports.october + "/wiki").status == 64)
        #expect(publish("", repo: "x").status == 64)
    }
}
