import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary folder a repository URL (or a bare repository) is cloned into: made in `$TMPDIR` (else `/tmp`),
/// removed when publishing ends however it ends, and by the stop-signal handler (``removeAll()``) when SIGTERM
/// or SIGINT ends the run first.
final class TemporaryClone: Sendable {
    private static let live = Locked<Set<String>>([])

    /// The folder made for the clone; the work tree is ``workTree`` inside it.
    let folder: String
    var workTree: String { folder + "/wiki" }

    init() throws(PublishError) {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/lambda-cost-report-wiki-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw PublishError("cannot create a temporary folder in \(directory) for the clone: \(String(cString: strerror(errno)))")
        }
        folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        Self.live.withValue { _ = $0.insert(folder) }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
        Self.live.withValue { _ = $0.remove(folder) }
    }

    /// Removes every clone still present; says what it removed (for the stop message).
    static func removeAll() -> [String] {
        let folders = live.withValue { folders in
            defer { folders.removeAll() }
            return folders.sorted()
        }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        return folders.map { "removed the temporary clone \($0)" }
    }
}
