import ArgumentParser
import Foundation
import LambdaCostKit

/// `lambda-cost-report publish git`: a month's Markdown page and the index of all months into a git-backed wiki.
public struct PublishGitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "git",
        abstract: "Publish a month's report to a wiki kept in git (GitHub and GitLab wikis are).",
        discussion: """
            Writes the report's wiki/report.md as the page Lambda-cost-<YYYY-MM>.md and rebuilds \
            Lambda-cost-reports.md, the index of every month page in the wiki (newest first, with its Lambda \
            cost, billed cost and potential savings), then commits the two files as "Lambda cost report \
            <YYYY-MM>" and pushes when the repository has a remote. The same report again makes no commit. A \
            push rejected because the remote has newer commits is retried once after rebasing onto them. git \
            runs from the PATH and never prompts: credentials come from a credential helper, an ssh agent or \
            the URL (never printed). The author is git config's user, else lambda-cost-report \
            <lambda-cost-report@localhost> (GIT_AUTHOR_NAME and the others override it).

            Exit codes: 0 published, or unchanged; 1 the report folder is missing or incomplete, or a git \
            command failed (clone, commit, push); 64 invalid command-line usage.
            """)

    @Option(name: .long, help: ArgumentHelp("The month's report folder, as report wrote it (for example output/2026-10).", valueName: "dir"))
    var report: String

    @Option(name: .long, help: ArgumentHelp(
        "The wiki's git repository: the path of a working clone (commits there, pushes when it has a remote), or a URL or bare repository (cloned into a temporary folder, pushed, removed).",
        valueName: "path-or-url"))
    var repo: String

    @Option(name: .long, help: ArgumentHelp(
        "The branch to commit to (checked out, or made when it does not exist). Default: the working clone's current branch, a URL's default branch.",
        valueName: "name"))
    var branch: String?

    @Flag(name: .customLong("dry-run"), help: "Say which pages would be written and what would be committed and pushed; write, commit and push nothing.")
    var dryRun = false

    public init() {}

    public func validate() throws {
        if report.isEmpty { throw ValidationError("--report needs the folder of a month's report, such as output/2026-10") }
        if repo.isEmpty { throw ValidationError("--repo needs the path or URL of the wiki's git repository") }
        if let branch, branch.isEmpty || branch.hasPrefix("-") || branch.contains(where: \.isWhitespace) {
            throw ValidationError("--branch expects a branch name, got '\(branch)'")
        }
        let standardized = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        if !repo.contains("://"), standardized(repo) == standardized(report) || standardized(repo).hasPrefix(standardized(report) + "/") {
            throw ValidationError("--repo must not be the report folder or inside it: give the wiki's own clone")
        }
    }

    public func run() throws {
        var options = GitWikiPublisher.Options(reportFolder: report, repository: repo, branch: branch)
        options.dryRun = dryRun
        if OutputCapture.current == nil {  // a real process: a stop signal removes the temporary clone
            StopSignals.install(cleanup: { GitWikiPublisher.abandonTemporaryClones() }) { _, _ in }
        }
        let outcome: GitWikiPublisher.Outcome
        do {
            outcome = try GitWikiPublisher(options: options).publish()
        } catch {
            StandardError.write(error.description)
            throw ExitCode.failure
        }
        for line in outcome.lines { StandardOutput.write(line) }
    }
}
