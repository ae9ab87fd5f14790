import Dispatch
import Foundation

/// Runs `git` (found on the PATH) through Foundation's `Process`, never interactively: no terminal prompt for
/// credentials (`GIT_TERMINAL_PROMPT=0`, ssh in batch mode, Git Credential Manager non-interactive), standard
/// input empty, no editor, messages in English (`LC_ALL=C`, so a rejected push is recognized). Standard error is captured
/// for error messages; what is shown of it has credentials in URLs redacted.
struct GitRunner: Sendable {
    struct Result: Sendable {
        var status: Int32
        var output: String
        var errors: String

        var succeeded: Bool { status == 0 }
        /// The output's first line, without its line end.
        var firstLine: String { output.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
    }

    let executable: String
    private(set) var environment: [String: String]

    /// Finds git on the PATH of `environment`.
    init(environment: [String: String]) throws(PublishError) {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        guard let found = folders.map({ "\($0)/git" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw PublishError("git is not on the PATH: install git to publish to a git wiki")
        }
        executable = found
        var environment = environment
        // A git hook or a parent git command may have set these; they would point git at another repository.
        for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY"] { environment[name] = nil }
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GCM_INTERACTIVE"] = "never"
        environment["LC_ALL"] = "C"
        environment["GIT_EDITOR"] = "true"  // a rebase continues with the message it has
        environment["GIT_SEQUENCE_EDITOR"] = "true"
        if environment["GIT_SSH_COMMAND"] == nil && environment["GIT_SSH"] == nil {
            environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
        }
        self.environment = environment
    }

    /// Sets `name` for every later git command unless the environment already has it.
    mutating func setDefault(_ name: String, _ value: String) {
        if environment[name] == nil { environment[name] = value }
    }

    /// Runs `git arguments` in `folder`; a non-zero exit is a result, not an error.
    func run(_ arguments: [String], in folder: String?) throws(PublishError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PublishError("cannot run \(executable): \(error.localizedDescription)")
        }
        // Both pipes are drained at once, so a command that fills one never waits on the other.
        let errorBytes = Locked(Data())
        let errorHandle = errors.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBytes.set(errorHandle.readDataToEndOfFile())
            group.leave()
        }
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputBytes, as: UTF8.self),
            errors: String(decoding: errorBytes.get(), as: UTF8.self))
    }

    /// Runs `git arguments` and returns its output; a non-zero exit throws `cannot <what>: <git's message>`.
    @discardableResult
    func check(_ arguments: [String], in folder: String?, _ what: String) throws(PublishError) -> String {
        let result = try run(arguments, in: folder)
        guard result.succeeded else { throw Self.failure(what, result) }
        return result.output
    }

    /// `cannot <what>: <git's stderr>`, redacted.
    static func failure(_ what: String, _ result: Result) -> PublishError {
        let message = result.errors.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("hint:") }.joined(separator: "; ")
        return PublishError(CredentialRedaction.redact(
            "cannot \(what): " + (message.isEmpty ? "git exited with status \(result.status)" : message)))
    }
}
