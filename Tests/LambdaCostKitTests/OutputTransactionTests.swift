import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

#if canImport(Glibc)
import Glibc
#endif

/// One run per month at a time, leftovers of stopped runs cleaned, a stop that removes the staging folder
/// (issue 17 item 3).
@Suite(.serialized) struct OutputTransactionTests {
    /// The id of a process that has exited.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aSecondRunOfTheMonthWaitsThenFailsWithAClearMessage() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let first = OutputTransaction(directory: folder, month: "2026-10")
        _ = try first.begin()
        let second = OutputTransaction(directory: folder, month: "2026-10", lockWait: .milliseconds(500))
        #expect(throws: InputError.self) { _ = try second.begin() }
        do {
            _ = try second.begin()
        } catch {
            #expect("\(error)" == "\(folder)/2026-10: error: another run is writing this month's report (it holds \(folder)/.2026-10.lock); waited 1 s: try again when it has finished")
        }
        // Another month is not held up.
        let otherMonth = OutputTransaction(directory: folder, month: "2026-09", lockWait: .milliseconds(500))
        _ = try otherMonth.begin()
        otherMonth.end()
        first.end()
        #expect(!FileManager.default.fileExists(atPath: folder + "/.2026-10.lock"))
        _ = try second.begin()
        second.end()
    }

    @Test func leftoversOfStoppedRunsAreCleanedAndSaid() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = try Self.deadProcessID()
        let manager = FileManager.default
        // A run killed between its two renames: the report is aside, no report in place.
        try manager.createDirectory(atPath: "\(folder)/.2026-10.previous-\(dead)", withIntermediateDirectories: true)
        try "old".write(toFile: "\(folder)/.2026-10.previous-\(dead)/index.html", atomically: true, encoding: .utf8)
        try manager.createDirectory(atPath: "\(folder)/.2026-10.partial-\(dead)", withIntermediateDirectories: true)
        // A live run's staging folder (this process) and another month's are left alone.
        try manager.createDirectory(atPath: "\(folder)/.2026-09.partial-\(dead)", withIntermediateDirectories: true)
        let transaction = OutputTransaction(directory: folder, month: "2026-10")
        let notes = try transaction.begin()
        transaction.end()
        #expect(notes.map(\.description) == [
            "lambda-cost-report: note: removed \(folder)/.2026-10.partial-\(dead), left by the stopped run \(dead)",
            "lambda-cost-report: warning: \(folder)/2026-10: put back the report that the stopped run \(dead) had moved to \(folder)/.2026-10.previous-\(dead)",
        ])
        #expect(try String(contentsOfFile: "\(folder)/2026-10/index.html", encoding: .utf8) == "old")
        #expect(try manager.contentsOfDirectory(atPath: folder).sorted() == [".2026-09.partial-\(dead)", "2026-10"])
    }

    @Test func aStopRemovesTheStagingFolderAndPutsBackAReportMovedAside() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Its own transaction only: other suites' runs in this process have theirs (a signal handler abandons all).
        let transaction = OutputTransaction(directory: folder, month: "2026-10")
        _ = try transaction.begin()
        defer { transaction.end() }
        try manager.createDirectory(atPath: transaction.staging + "/functions", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: transaction.previous, withIntermediateDirectories: true)
        #expect(transaction.abandon() == ["removed \(transaction.staging)", "put back \(transaction.target)"])
        #expect(try manager.contentsOfDirectory(atPath: folder).sorted() == ["2026-10"])
    }
}
