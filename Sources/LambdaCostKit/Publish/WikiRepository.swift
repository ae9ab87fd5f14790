import Foundation

/// The git repository of a wiki, ready to commit in: a working clone given by path, or a URL or bare repository
/// cloned into a ``TemporaryClone``; on the branch to publish to, with a commit identity, and where to push.
struct WikiRepository {
    /// Where commits are pushed: a remote and the branch on it.
    struct PushTarget: CustomStringConvertible {
        var remote: String
        var branch: String
        var description: String { "\(remote) \(branch)" }
    }

    private(set) var git: GitRunner
    /// `--repo` as it may be printed (credentials redacted).
    let display: String
    let workTree: String
    let clone: TemporaryClone?
    private(set) var branch = ""
    /// The branch has no commit yet (an empty repository).
    private(set) var isUnborn = false
    private(set) var pushTarget: PushTarget?

    /// Opens `location` (a working clone, a bare repository or a URL; the latter two are cloned) on `branch`
    /// (default: the current one). The caller removes ``clone``.
    init(location: String, branch wanted: String?, git: GitRunner) throws(PublishError) {
        self.git = git
        display = CredentialRedaction.redact(location)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: location, isDirectory: &isFolder)
        var cloneFrom: String?
        if exists {
            guard isFolder.boolValue else { throw PublishError("--repo \(display) is a file, not a git repository or URL") }
            let bare = try git.run(["rev-parse", "--is-bare-repository"], in: location)
            guard bare.succeeded else {
                throw PublishError("--repo \(display) is not a git repository (clone the wiki there first, or give its URL)")
            }
            if bare.firstLine == "true" {
                cloneFrom = URL(fileURLWithPath: location).standardizedFileURL.path  // git clones from another folder
            } else {
                let top = try git.check(["rev-parse", "--show-toplevel"], in: location, "read the repository \(display)")
                    .trimmingCharacters(in: .newlines)
                let real = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
                guard real(top) == real(location) else {
                    throw PublishError("--repo \(display) is a folder inside the git repository \(top), not a working clone of its own: give the top folder of the wiki's clone")
                }
            }
        } else if Self.looksLikeURL(location) {
            cloneFrom = location
        } else {
            throw PublishError("--repo \(display): no such folder, and not a repository URL (https://…, ssh://…, git@host:path)")
        }
        if let cloneFrom {
            let clone = try TemporaryClone()
            self.clone = clone
            workTree = clone.workTree
            do {
                try git.check(["clone", "--quiet", "--no-tags", "--", cloneFrom, clone.workTree], in: clone.folder, "clone \(display)")
            } catch {
                clone.remove()
                throw error
            }
        } else {
            clone = nil
            workTree = location
        }
        do {
            try useIdentity()
            try checkOut(wanted)
            try findPushTarget()
        } catch {
            clone?.remove()
            throw error
        }
    }

    /// `scheme://…`, or the scp-like `[user@]host:path` (no slash before the first colon).
    static func looksLikeURL(_ text: String) -> Bool {
        if text.contains("://") { return true }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        return !text[..<colon].contains("/")
    }

    /// Keeps the author and committer git config gives; when it gives none, `lambda-cost-report
    /// <lambda-cost-report@localhost>` through `GIT_AUTHOR_NAME` and the others (each unless already set).
    private mutating func useIdentity() throws(PublishError) {
        for (key, suffix, fallback) in [("user.name", "NAME", "lambda-cost-report"), ("user.email", "EMAIL", "lambda-cost-report@localhost")] {
            let configured = try git.run(["config", key], in: workTree)
            if configured.succeeded && !configured.firstLine.isEmpty { continue }
            git.setDefault("GIT_AUTHOR_\(suffix)", fallback)
            git.setDefault("GIT_COMMITTER_\(suffix)", fallback)
        }
    }

    /// The current branch, or `wanted`: checked out when it exists here or on the remote, else made from the
    /// current commit (or, in an empty repository, the branch the first commit will start).
    private mutating func checkOut(_ wanted: String?) throws(PublishError) {
        isUnborn = !(try git.run(["rev-parse", "-q", "--verify", "HEAD"], in: workTree).succeeded)
        let current = try git.run(["symbolic-ref", "-q", "--short", "HEAD"], in: workTree)
        guard let wanted else {
            guard current.succeeded else {
                throw PublishError("the repository \(display) is on a detached HEAD: name the branch to publish to with --branch")
            }
            branch = current.firstLine
            return
        }
        guard try git.run(["check-ref-format", "--branch", wanted], in: workTree).succeeded else {
            throw PublishError("--branch '\(wanted)' is not a valid branch name")
        }
        branch = wanted
        if current.succeeded && current.firstLine == wanted { return }
        let what = "check out the branch \(wanted) in \(display)"
        if isUnborn {
            try git.check(["symbolic-ref", "HEAD", "refs/heads/\(wanted)"], in: workTree, what)
        } else if try git.run(["rev-parse", "-q", "--verify", "refs/heads/\(wanted)"], in: workTree).succeeded {
            try git.check(["checkout", "-q", wanted], in: workTree, what)
        } else if try git.run(["rev-parse", "-q", "--verify", "refs/remotes/origin/\(wanted)"], in: workTree).succeeded {
            try git.check(["checkout", "-q", "-b", wanted, "--track", "origin/\(wanted)"], in: workTree, what)
        } else {
            try git.check(["checkout", "-q", "-b", wanted], in: workTree, what)
        }
        isUnborn = !(try git.run(["rev-parse", "-q", "--verify", "HEAD"], in: workTree).succeeded)
    }

    /// A clone pushes to `origin`; a working clone to its branch's upstream, else to `origin` when it has one,
    /// else nowhere.
    private mutating func findPushTarget() throws(PublishError) {
        if clone == nil {
            let remote = try git.run(["config", "branch.\(branch).remote"], in: workTree)
            let merge = try git.run(["config", "branch.\(branch).merge"], in: workTree)
            if remote.succeeded, merge.succeeded, remote.firstLine != "." {
                let ref = merge.firstLine
                pushTarget = PushTarget(remote: remote.firstLine, branch: ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : ref)
                return
            }
            let remotes = try git.check(["remote"], in: workTree, "list the remotes of \(display)")
            guard remotes.split(separator: "\n").contains("origin") else { return }
        }
        pushTarget = PushTarget(remote: "origin", branch: branch)
    }

    /// The text of a file at the top of the work tree, `nil` when there is none.
    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: workTree + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ name: String, _ text: String) throws(PublishError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: workTree + "/" + name), options: .atomic)
        } catch {
            throw PublishError("cannot write \(name) in \(display): \(FileSystemErrorText.describe(error) ?? error.localizedDescription)")
        }
    }

    /// The names of the files at the top of the work tree.
    func fileNames() throws(PublishError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: workTree)
        } catch {
            throw PublishError("cannot list \(display): \(FileSystemErrorText.describe(error) ?? error.localizedDescription)")
        }
    }
}
