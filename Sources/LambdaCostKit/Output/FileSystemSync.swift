import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes a staged report durable before it is renamed into place. One `syncfs(2)` of the staging folder's file
/// system writes every staged file and folder to disk with one flush of the disk's cache, where an `fsync(2)` per
/// file flushed it once per file: for the 5,074 files of a 5,000-function report that waiting was about a second
/// of the render's two, and for 50,000 functions five seconds (by hand, 2026-12-06). Its cost is the file system's
/// other dirty data, written too. `syncfs` reports the file system's write-back errors since Linux 5.8: a failed
/// write (`EIO`, `ENOSPC`, `EDQUOT`) is an error, and the report is not put in place. Looked up at run time (Swift's
/// Glibc module does not declare it); where it is missing or refused otherwise, every file and folder is fsynced
/// one by one instead.
enum FileSystemSync {
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    private static let syncfs = CLibrarySymbol.lookup("syncfs", as: SyncFS.self)

    /// Syncs every file and folder under `path`, and `path` itself; throws when the file system could not write them.
    static func syncTree(_ path: String) throws(InputError) {
        if let syncfs {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 {
                defer { close(descriptor) }
                if syncfs(descriptor) == 0 { return }
                let code = errno
                // A later fsync would not see these again: the error is the file system's, reported once.
                if [EIO, ENOSPC, EDQUOT].contains(code) {
                    throw InputError(path: path, message: "the report could not be written to disk: \(String(cString: strerror(code)))")
                }
            }
        }
        fsyncEach(path)
    }

    /// fsyncs every file and folder under `path`, deepest first, then `path`.
    static func fsyncEach(_ path: String) {
        let entries = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
        for entry in entries.sorted(by: >) { fsyncPath("\(path)/\(entry)") }
        fsyncPath(path)
    }

    /// fsync of one file or folder; failures are ignored (a file system that cannot sync a folder still renames).
    static func fsyncPath(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
