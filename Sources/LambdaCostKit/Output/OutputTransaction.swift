import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The replacement of one month's report folder, `<output>/<YYYY-MM>`, made safe against other runs, crashes and
/// stops:
///
/// - **One run per month at a time**: an exclusive `flock` on `<output>/.<YYYY-MM>.lock`; a second run waits up
///   to ``defaultLockWait`` seconds, then fails naming the holder.
/// - **Leftovers of dead runs**: `.<YYYY-MM>.partial-<pid>` folders of processes that no longer run are removed;
///   a `.<YYYY-MM>.previous-<pid>` is put back when the report is missing (a run killed between its two renames),
///   else removed. Each is reported.
/// - **Stops**: while the staging folder exists it is registered here, so a SIGTERM or SIGINT handler
///   (``abandonAll(keepingLock:)``) removes it and puts back a report moved aside, under the same lock as the renames.
/// - **Durability**: the staged files and folders are synced before the renames (``FileSystemSync``) and the output
///   folder after them.
final class OutputTransaction: @unchecked Sendable {
    /// How long a run waits by default for another run of the same month to finish writing.
    static let defaultLockWait: Duration = .seconds(120)

    let directory: String
    let month: String
    /// How long ``begin()`` waits for the month's lock, in seconds.
    let lockWait: Duration
    var target: String { "\(directory)/\(month)" }
    var staging: String { "\(directory)/.\(month).partial-\(getpid())" }
    var previous: String { "\(directory)/.\(month).previous-\(getpid())" }
    private var lock: LockFile?

    /// The transaction in progress in this process, for a signal handler.
    /// Every transaction in progress in this process, for a signal handler (one in a run; tests run several).
    private static let inProgress = Locked<[ObjectIdentifier: OutputTransaction]>([:])
    /// Held shared while a file or folder is written into the staging folder (writes run on several threads at
    /// once) and alone during the renames; a signal handler takes it alone before it cleans up and keeps it until
    /// the process exits, so nothing is written after.
    private static let renameLock = SharedExclusiveLock()

    /// Runs `body` (one write into the staging folder) under the lock a stop takes; writes of other threads may
    /// run at the same time.
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        try Self.renameLock.shared(body)
    }

    init(directory: String, month: String, lockWait: Duration = OutputTransaction.defaultLockWait) {
        self.directory = directory
        self.month = month
        self.lockWait = lockWait
    }

    /// Takes the month's lock (waiting up to ``lockWait``), then cleans what dead runs left. Returns what
    /// it did, as notes.
    func begin() throws -> [Diagnostic] {
        let lockWait = self.lockWait
        lock = try LockFile.take(lockPath, wait: lockWait, poll: .milliseconds(200)) {
            InputError(path: target, message: "another run is writing this month's report (it holds \(lockPath)); waited \(lockWait.components.seconds + (lockWait.components.attoseconds > 0 ? 1 : 0)) s: try again when it has finished")
        }
        Self.inProgress.withValue { $0[ObjectIdentifier(self)] = self }
        return cleanLeftovers()
    }

    /// `<output>/.<YYYY-MM>.lock`, there only while a run holds it.
    var lockPath: String { "\(directory)/.\(month).lock" }

    /// Releases the lock (removing its file first, while still holding it) and forgets the transaction.
    func end() {
        Self.inProgress.withValue { $0[ObjectIdentifier(self)] = nil }
        lock?.release()
        lock = nil
    }

    /// Removes the `.partial-<pid>` folders of dead processes and puts back or removes their `.previous-<pid>`.
    private func cleanLeftovers() -> [Diagnostic] {
        var notes: [Diagnostic] = []
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for entry in entries {
            for (kind, isPrevious) in [("partial", false), ("previous", true)] {
                let prefix = ".\(month).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(), !Self.isRunning(pid) else { continue }
                let path = "\(directory)/\(entry)"
                if isPrevious && !FileManager.default.fileExists(atPath: target) && (try? Self.rename(path, to: target)) != nil {
                    notes.append(Diagnostic(.warning, at: nil, "\(target): put back the report that the stopped run \(pid) had moved to \(path)"))
                } else if (try? FileManager.default.removeItem(atPath: path)) != nil {
                    notes.append(Diagnostic(.note, at: nil, "removed \(path), left by the stopped run \(pid)"))
                } else {
                    notes.append(Diagnostic(.warning, at: nil, "\(path): left by the stopped run \(pid), and could not be removed"))
                }
            }
        }
        return notes
    }

    /// Whether a process with this id runs (or exists under another user).
    static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Swaps the staged folder in: the report moves aside, the staged folder takes its name, the old copy is
    /// removed. Both renames happen under ``renameLock``, so a stop never falls between them. A report in place
    /// is a success: when the old copy cannot be removed, a warning says where it is. Every staged file and folder
    /// is synced first (``FileSystemSync/syncTree(_:)``).
    func commit() throws -> [Diagnostic] {
        try FileSystemSync.syncTree(staging)
        var notes: [Diagnostic] = []
        Self.renameLock.lockExclusive()
        let hadPrevious = FileManager.default.fileExists(atPath: target)
        do {
            defer { Self.renameLock.unlock() }
            if hadPrevious { try Self.rename(target, to: previous) }
            do {
                try Self.rename(staging, to: target)
            } catch {
                if hadPrevious, (try? Self.rename(previous, to: target)) == nil {
                    throw InputError(path: target, message: "\(error); the previous report could not be put back and is in \(previous)")
                }
                throw error
            }
        }
        FileSystemSync.fsyncPath(directory)
        if hadPrevious, (try? FileManager.default.removeItem(atPath: previous)) == nil {
            notes.append(Diagnostic(.warning, at: nil, "\(previous): the report of \(month) was replaced, but its old copy could not be removed; remove it by hand"))
        }
        return notes
    }

    /// For a SIGTERM or SIGINT handler: removes the staging folder of every transaction in progress in the
    /// process and puts back a report moved aside. Waits for a write or the renames in progress; returns what it
    /// did. With `keepingLock` (a handler about to exit) the lock stays taken, so the run writes nothing more.
    static func abandonAll(keepingLock: Bool = false) -> [String] {
        renameLock.lockExclusive()
        defer { if !keepingLock { renameLock.unlock() } }
        return inProgress.get().values.sorted { $0.staging < $1.staging }.flatMap { $0.abandonHoldingLock() }
    }

    /// What ``abandonAll(keepingLock:)`` does, for this transaction alone (the lock is released after).
    func abandon() -> [String] {
        Self.renameLock.lockExclusive()
        defer { Self.renameLock.unlock() }
        return abandonHoldingLock()
    }

    private func abandonHoldingLock() -> [String] {
        var done: [String] = []
        let manager = FileManager.default
        if manager.fileExists(atPath: staging), (try? manager.removeItem(atPath: staging)) != nil {
            done.append("removed \(staging)")
        }
        if manager.fileExists(atPath: previous) && !manager.fileExists(atPath: target), (try? Self.rename(previous, to: target)) != nil {
            done.append("put back \(target)")
        }
        unlink(lockPath)  // the process ends holding the lock: its file goes with it
        return done
    }

    private static func rename(_ from: String, to: String) throws {
        guard systemRename(from, to) == 0 else {
            throw InputError(path: from, message: "cannot rename it to \(to): \(String(cString: strerror(errno)))")
        }
    }
}

/// `rename(2)`.
private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.rename(from, to)
    #else
    Darwin.rename(from, to)
    #endif
}
