import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

#if canImport(Glibc)
import Glibc
#endif

/// A report folder is replaced whole or not at all: a run that fails half way, or is killed while it writes,
/// leaves the previous `<output>/<YYYY-MM>/` exactly as it was.
@Suite(.serialized) struct AtomicityTests {
    /// Every file under a folder, by relative path.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for file in GoldenFiles.files(under: folder) { files[file] = FileManager.default.contents(atPath: "\(folder)/\(file)") }
        return files
    }

    /// The entries of a folder, hidden ones included.
    static func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static let fixture = fixturePath("cur/spelling-legacy.csv")

    static func run(output: String, templates: String = RepositoryPaths.templates) throws {
        _ = try ReportPipeline(options: .init(
            inputs: [fixture], pricingDirectory: RepositoryPaths.pricing, outputDirectory: output, templatesDirectory: templates)).run()
    }

    /// A copy of the real templates in a new folder, changed by `edit`.
    static func templates(_ edit: (String) throws -> Void) throws -> String {
        let folder = RepositoryPaths.temporaryFolder() + "/templates"
        try FileManager.default.copyItem(atPath: RepositoryPaths.templates, toPath: folder)
        try edit(folder)
        return folder
    }

    @Test func aTemplateThatFailsValidationLeavesThePreviousReportAndNoTemporaryFolder() throws {
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.run(output: output)
        let before = Self.snapshot(output + "/2026-10")
        #expect(before.count >= 9)
        let broken = try Self.templates { folder in
            let index = folder + "/index.html.mustache"
            let text = try String(contentsOfFile: index, encoding: .utf8).replacingOccurrences(of: "</main>", with: "")
            try text.write(toFile: index, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: (broken as NSString).deletingLastPathComponent) }
        #expect(throws: StageError.self) { try Self.run(output: output, templates: broken) }
        #expect(Self.snapshot(output + "/2026-10") == before)
        #expect(Self.entries(output) == ["2026-10", "index.html"])
    }

    /// The output stage itself fails after writing most files: a template `manifest.json/x.md` makes a folder
    /// where `manifest.json` must go, so the last write fails. The partial folder is removed.
    @Test func aWriteThatFailsHalfWayLeavesThePreviousReportAndNoTemporaryFolder() throws {
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try Self.run(output: output)
        let before = Self.snapshot(output + "/2026-10")
        let clashing = try Self.templates { folder in
            try FileManager.default.createDirectory(atPath: folder + "/manifest.json", withIntermediateDirectories: true)
            try "{{% CONTENT_TYPE: MARKDOWN}}\nx\n".write(toFile: folder + "/manifest.json/x.md.mustache", atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: (clashing as NSString).deletingLastPathComponent) }
        #expect(throws: StageError.self) { try Self.run(output: output, templates: clashing) }
        #expect(Self.snapshot(output + "/2026-10") == before)
        #expect(Self.entries(output) == ["2026-10", "index.html"])
    }

    /// An output path that is a file: nothing can be written, and the error says so.
    @Test func anUnwritableOutputFailsWithoutTouchingAnything() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/not-a-folder"
        FileManager.default.createFile(atPath: file, contents: Data("keep".utf8))
        #expect(throws: StageError.self) { try Self.run(output: file) }
        #expect(FileManager.default.contents(atPath: file) == Data("keep".utf8))
        #expect(Self.entries(folder) == ["not-a-folder"])
    }

    // MARK: - Killed while writing

    /// The built `lambda-cost-report` beside this test bundle (`.build/<triple>/debug/`), or `nil`.
    static var builtBinary: String? {
        let products = (Bundle.module.bundlePath as NSString).deletingLastPathComponent
        let candidate = products + "/lambda-cost-report"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Waits until the process's temporary folder appears (its output stage is writing); `false` when it ended
    /// first or two minutes passed.
    static func waitForStaging(_ process: Process, output: String) -> Bool {
        let staging = "\(output)/.2026-10.partial-\(process.processIdentifier)"
        let started = ContinuousClock.now
        while !FileManager.default.fileExists(atPath: staging) && process.isRunning && ContinuousClock.now - started < .seconds(120) {
            usleep(200)
        }
        return FileManager.default.fileExists(atPath: staging)
    }

    static func launch(_ binary: String, output: String, extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["report", "--input", RepositoryPaths.sample, "--output", output, "--pricing", RepositoryPaths.pricing,
                             "--templates", RepositoryPaths.templates] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// SIGKILL the real binary (a child process) on the sample month, three times as soon as its temporary folder
    /// appears (it is writing) and three times at other moments: the previous report is untouched every time.
    /// A kill leaves its hidden `.<month>.partial-<pid>` folder behind (nothing can clean up after SIGKILL; the
    /// next run does); the report folder itself is never partial.
    @Test(.timeLimit(.minutes(5)), .enabled(if: AtomicityTests.builtBinary != nil, "needs the lambda-cost-report binary built beside the tests (swift build)"))
    func aRunKilledWhileWritingLeavesThePreviousReport() throws {
        let binary = try #require(Self.builtBinary)
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let first = try Self.launch(binary, output: output)
        first.waitUntilExit()
        try #require(first.terminationStatus == 0)
        let before = Self.snapshot(output + "/2026-10")
        #expect(before.count >= 9)

        var killedWhileWriting = 0
        for attempt in 0..<6 {
            let process = try Self.launch(binary, output: output)
            if attempt < 3 {
                if Self.waitForStaging(process, output: output) { killedWhileWriting += 1 }
            } else {
                usleep(UInt32(150_000 * (attempt - 2)))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(Self.snapshot(output + "/2026-10") == before, "attempt \(attempt)")
            // A killed run can leave its staging folder and the month's lock file (its lock died with it), and, killed
            // while it rebuilt the site of all months, the page's temporary file and lock file.
            #expect(Self.entries(output).allSatisfy {
                $0 == "2026-10" || $0.hasPrefix(".2026-10.partial-") || $0 == ".2026-10.lock" || $0 == "index.html"
                    || $0.hasPrefix(".index.html.tmp-") || $0 == ".index.html.lock"
            }, "\(Self.entries(output))")
        }
        #expect(killedWhileWriting >= 1, "no kill landed while the report was being written")

        // A later complete run replaces the report with the same bytes (the run is deterministic).
        // It also removes the staging folders and the site's temporary files the killed runs left, and its lock files
        // when it is done.
        let last = try Self.launch(binary, output: output)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(Self.snapshot(output + "/2026-10") == before)
        #expect(Self.entries(output) == ["2026-10", "index.html"])
    }

}

extension AtomicityTests {
    /// SIGTERM while the report is written (as `systemctl stop` or a cron timeout sends it) and SIGINT early:
    /// the process exits 143 / 130, its staging folder is gone, the previous report is intact, and the summary
    /// JSON says why.
    @Test(.enabled(if: AtomicityTests.builtBinary != nil, "needs the lambda-cost-report binary built beside the tests (swift build)"))
    func stopSignalsCleanUpAndExitWithTheShellsCodes() throws {
        let binary = try #require(Self.builtBinary)
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let first = try Self.launch(binary, output: output)
        first.waitUntilExit()
        try #require(first.terminationStatus == 0)
        let before = Self.snapshot(output + "/2026-10")
        for (signalNumber, status, name) in [(SIGTERM, Int32(143), "SIGTERM"), (SIGINT, Int32(130), "SIGINT")] {
            let summary = output + "/../summary-\(name).json"
            let process = try Self.launch(binary, output: output, extra: ["--summary-json", summary])
            if signalNumber == SIGTERM {
                _ = Self.waitForStaging(process, output: output)
            } else {
                usleep(300_000)
            }
            kill(process.processIdentifier, signalNumber)
            process.waitUntilExit()
            if process.terminationStatus == 0 { continue }  // finished before the signal landed: nothing to check
            #expect(process.terminationStatus == status, "\(name)")
            #expect(Self.snapshot(output + "/2026-10") == before, "\(name)")
            #expect(Self.entries(output) == ["2026-10", "index.html"], "\(name): \(Self.entries(output))")
            let text = try String(contentsOfFile: summary, encoding: .utf8)
            #expect(text.contains("\"exit_status\" : \(status)"), "\(text)")
            #expect(text.contains("stopped by \(name)"), "\(text)")
        }
    }
}
