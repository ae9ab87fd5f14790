import Foundation

/// `publish git`: writes one month's `wiki/report.md` into a git-backed wiki (GitHub and GitLab wikis are git
/// repositories) as a dated page (``WikiMonthPage``) and rebuilds the index page of every month
/// (``WikiIndexPage``), commits the two files with a message naming the month, and pushes when the repository
/// has a remote. Unchanged pages make no commit. A push rejected because the remote moved on is retried once
/// after rebasing onto it (the generated pages are written again over a conflict in them).
public struct GitWikiPublisher: Sendable {
    public struct Options: Sendable {
        /// The month's report folder, such as `output/2026-10`.
        public var reportFolder: String
        /// A working clone's path, a bare repository or a URL (cloned into a temporary folder).
        public var repository: String
        /// The branch to publish to; default the repository's current (a clone's default) branch.
        public var branch: String?
        /// Say what would be written and committed, and write, commit and push nothing.
        public var dryRun = false
        /// The environment git runs with (PATH, identity, `GIT_SSH_COMMAND`, …).
        public var environment: [String: String] = ProcessInfo.processInfo.environment

        public init(reportFolder: String, repository: String, branch: String? = nil) {
            self.reportFolder = reportFolder
            self.repository = repository
            self.branch = branch
        }
    }

    /// What a publish did (or would do).
    public struct Outcome: Sendable {
        public var month: BillingMonth
        /// The short hash of the commit made; `nil` when none was (unchanged, or a dry run).
        public var commit: String?
        /// Where it was pushed (`origin main`); `nil` when nothing was.
        public var pushedTo: String?
        /// Whether the push was retried after rebasing onto newer commits of the remote.
        public var rebased = false
        /// The lines for stdout.
        public var lines: [String] = []
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// The temporary clones still present are removed (a stop signal ends the run); says what was removed.
    public static func abandonTemporaryClones() -> [String] { TemporaryClone.removeAll() }

    public func publish() throws(PublishError) -> Outcome {
        let report = try ReportFolder(path: options.reportFolder)
        let git = try GitRunner(environment: options.environment)
        var repository = try WikiRepository(location: options.repository, branch: options.branch, git: git)
        defer { repository.clone?.remove() }
        return try publish(report, in: &repository)
    }

    private func publish(_ report: ReportFolder, in repository: inout WikiRepository) throws(PublishError) -> Outcome {
        let pageName = WikiMonthPage.fileName(report.month)
        let names = [pageName, WikiIndexPage.fileName]
        let pages = try Self.pages(report, in: repository)
        var outcome = Outcome(month: report.month)
        let states = names.map { name -> String in
            guard let existing = repository.read(name) else { return "\(name) (new)" }
            return existing == pages[name] ? "\(name) (unchanged)" : "\(name) (changed)"
        }
        let message = "Lambda cost report \(report.month)"
        let place = "\(repository.display) (branch \(repository.branch))"
        if options.dryRun {
            if states.allSatisfy({ $0.hasSuffix("(unchanged)") }) {
                outcome.lines = ["dry run: \(report.month) unchanged in \(place): \(names.joined(separator: " and ")) already hold this report; nothing to commit"]
            } else {
                let push = repository.pushTarget.map { "push to \($0)" } ?? "not push (no remote)"
                outcome.lines = [
                    "dry run: would write \(states.joined(separator: ", ")) in \(place), commit \"\(message)\" and \(push); nothing was written"
                ]
            }
            return outcome
        }
        for name in names { try repository.write(name, pages[name]!) }
        let git = repository.git
        let folder = repository.workTree
        try git.check(["add", "--"] + names, in: folder, "stage \(names.joined(separator: " and ")) in \(repository.display)")
        guard try !git.run(["diff", "--cached", "--quiet", "--"] + names, in: folder).succeeded else {
            var line = "\(report.month) unchanged in \(place): \(names.joined(separator: " and ")) already hold this report; no commit"
            // A working clone may hold the commit of an earlier run whose push failed: it is pushed now.
            if let target = repository.pushTarget, let unpushed = try Self.unpushedCommits(to: target, in: repository), unpushed > 0 {
                outcome.rebased = try push(report, to: target, in: repository)
                outcome.pushedTo = target.description
                line += "; pushed \(unpushed) earlier commit\(unpushed == 1 ? "" : "s") to \(target)"
                    + (outcome.rebased ? " (after rebasing onto newer commits of the remote)" : "")
            }
            outcome.lines = [line]
            return outcome
        }
        try git.check(["commit", "-q", "-m", message, "--"] + names, in: folder, "commit in \(repository.display)")
        var summary = "published \(report.month) to \(place): \(states.joined(separator: ", "))"
        if let target = repository.pushTarget {
            outcome.rebased = try push(report, to: target, in: repository)
            outcome.pushedTo = target.description
        }
        outcome.commit = try git.check(["rev-parse", "--short", "HEAD"], in: folder, "read the commit made").trimmingCharacters(in: .newlines)
        summary += "; commit \(outcome.commit!) \"\(message)\""
        if let pushedTo = outcome.pushedTo {
            summary += ", pushed to \(pushedTo)" + (outcome.rebased ? " (after rebasing onto newer commits of the remote)" : "")
        } else {
            summary += ", not pushed (the repository has no remote)"
        }
        outcome.lines = [summary]
        return outcome
    }

    /// The month's page and the index, as they are to be written: the index lists the months of the dated pages
    /// in the work tree and this one.
    private static func pages(_ report: ReportFolder, in repository: WikiRepository) throws(PublishError) -> [String: String] {
        let page = WikiMonthPage.text(markdown: report.markdown, figures: report.figures)
        var months: [BillingMonth: WikiMonthFigures?] = [:]
        for name in try repository.fileNames() {
            guard let month = WikiMonthPage.month(ofFileName: name) else { continue }
            months[month] = repository.read(name).flatMap(WikiMonthPage.figures(in:))
        }
        months[report.month] = report.figures
        return [WikiMonthPage.fileName(report.month): page, WikiIndexPage.fileName: WikiIndexPage.text(months)]
    }

    /// Pushes HEAD to `target`; a rejection because the remote has newer commits is retried once after fetching
    /// and rebasing onto them. Returns whether it rebased.
    private func push(_ report: ReportFolder, to target: WikiRepository.PushTarget, in repository: WikiRepository) throws(PublishError) -> Bool {
        let git = repository.git
        let folder = repository.workTree
        let arguments = ["push", "--quiet", target.remote, "HEAD:refs/heads/\(target.branch)"]
        let first = try git.run(arguments, in: folder)
        if first.succeeded { return false }
        guard Self.isRejectedAsBehind(first.errors) else { throw GitRunner.failure("push to \(target)", first) }
        try git.check(["fetch", "--quiet", "--no-tags", target.remote, "refs/heads/\(target.branch)"], in: folder,
            "fetch \(target) after the push was rejected")
        try rebaseOntoFetched(report, target: target, in: repository)
        let second = try git.run(arguments, in: folder)
        guard second.succeeded else {
            throw GitRunner.failure("push to \(target) (rejected again after rebasing onto the remote's newer commits)", second)
        }
        return true
    }

    /// How many commits of HEAD the remote-tracking branch of `target` lacks (all of them when there is no such
    /// branch); `nil` when HEAD has no commit.
    private static func unpushedCommits(to target: WikiRepository.PushTarget, in repository: WikiRepository) throws(PublishError) -> Int? {
        let git = repository.git
        guard try git.run(["rev-parse", "-q", "--verify", "HEAD"], in: repository.workTree).succeeded else { return nil }
        let tracking = "refs/remotes/\(target.remote)/\(target.branch)"
        let known = try git.run(["rev-parse", "-q", "--verify", tracking], in: repository.workTree).succeeded
        let range = known ? ["\(tracking)..HEAD"] : ["HEAD"]
        let count = try git.check(["rev-list", "--count"] + range, in: repository.workTree, "count the commits not pushed")
        return Int(count.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A push refused because the remote branch moved on (`! [rejected] … (fetch first)` or `(non-fast-forward)`),
    /// not by a hook or for rights.
    static func isRejectedAsBehind(_ errors: String) -> Bool {
        errors.contains("[rejected]") && (errors.contains("fetch first") || errors.contains("non-fast-forward"))
    }

    /// Rebases the branch onto FETCH_HEAD. A conflict in the month's page or the index is settled by writing both
    /// again (the index from the pages now in the work tree); any other conflict aborts the rebase, an error. The
    /// pages are then written again over the rebased tree and the commit amended when they changed (a month page
    /// the remote gained without an index change).
    private func rebaseOntoFetched(_ report: ReportFolder, target: WikiRepository.PushTarget, in repository: WikiRepository) throws(PublishError) {
        let git = repository.git
        let folder = repository.workTree
        let names = [WikiMonthPage.fileName(report.month), WikiIndexPage.fileName]
        var step = try git.run(["rebase", "--quiet", "--autostash", "FETCH_HEAD"], in: folder)
        var rounds = 0
        while !step.succeeded {
            let conflicted = try git.check(["diff", "--name-only", "--diff-filter=U"], in: folder, "list the conflicts of the rebase")
                .split(separator: "\n").map(String.init)
            guard !conflicted.isEmpty, conflicted.allSatisfy(names.contains), rounds < 20 else {
                _ = try? git.run(["rebase", "--abort"], in: folder)
                let detail = conflicted.isEmpty ? GitRunner.failure("rebase", step).message : "conflicts in \(conflicted.joined(separator: ", "))"
                throw PublishError(CredentialRedaction.redact(
                    "the push to \(target) was rejected (the remote has newer commits) and rebasing onto them failed: \(detail); nothing was pushed"))
            }
            rounds += 1
            for (name, text) in try Self.pages(report, in: repository) { try repository.write(name, text) }
            try git.check(["add", "--"] + names, in: folder, "stage the rewritten pages during the rebase")
            step = try git.run(["rebase", "--continue"], in: folder)
        }
        for (name, text) in try Self.pages(report, in: repository) { try repository.write(name, text) }
        try git.check(["add", "--"] + names, in: folder, "stage the rewritten pages after the rebase")
        guard try !git.run(["diff", "--cached", "--quiet", "--"] + names, in: folder).succeeded else { return }
        // Amends the month's commit when it is HEAD (the rebase may have dropped it as already upstream, or HEAD
        // may be another commit of a working clone); else the change is a commit of its own.
        let message = "Lambda cost report \(report.month)"
        let head = try git.check(["rev-parse", "HEAD"], in: folder, "read HEAD")
        let fetched = try git.check(["rev-parse", "FETCH_HEAD"], in: folder, "read FETCH_HEAD")
        let subject = try git.check(["log", "-1", "--format=%s"], in: folder, "read HEAD's message").trimmingCharacters(in: .newlines)
        let amend = head != fetched && subject == message ? ["--amend", "--no-edit"] : ["-m", message]
        try git.check(["commit", "-q"] + amend + ["--"] + names, in: folder, "commit the rewritten pages after the rebase")
    }
}
