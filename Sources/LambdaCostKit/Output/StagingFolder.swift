import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a run writes its report into before the output stage renames it to `<output>/<YYYY-MM>`: opened
/// (with the month's lock, ``OutputTransaction``) before the render stage, which writes each file into it as
/// soon as it is rendered, from several threads. Each file's size and SHA-256 are kept for `manifest.json`.
/// Closing it without a commit removes it and releases the lock.
public final class StagingFolder: RenderedFileSink, @unchecked Sendable {
    let transaction: OutputTransaction
    /// What opening it cleaned up from stopped runs.
    let notes: [Diagnostic]
    private struct State {
        var folders: Set<String> = []
        var outputs: [Manifest.OutputFile] = []
        var closed = false
    }
    private let state = Locked(State())

    /// Takes the month's lock (waiting for another run of the same month), cleans what stopped runs left and
    /// makes the empty staging folder.
    public init(outputDirectory: String, month: BillingMonth) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        transaction = OutputTransaction(directory: outputDirectory, month: month.description)
        notes = try transaction.begin()
        let staging = transaction.staging
        do {
            try transaction.locked {
                if manager.fileExists(atPath: staging) { try manager.removeItem(atPath: staging) }
                try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
            }
        } catch {
            transaction.end()
            throw error
        }
    }

    /// The folder's path (`<output>/.<YYYY-MM>.partial-<pid>`).
    public var path: String { transaction.staging }

    /// Writes `file` at its relative path, making its subfolders, and records it for the manifest.
    public func write(_ file: RenderedFile) throws {
        try write(file.contents, to: file.path)
        let entry = Manifest.OutputFile(path: file.path, digest: SHA256.digest(of: file.contents), bytes: file.contents.count)
        state.withValue { $0.outputs.append(entry) }
    }

    /// Writes the file at `path` a chunk at a time (``RenderedFileSink/write(path:chunks:)``), hashing as it goes.
    public func write(path relativePath: String, chunks produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let hasher = SHA256()
        var count = 0
        try write(to: relativePath) { descriptor, full in
            try produce { chunk in
                if let reason = chunk.withUnsafeBytes({ FileDescriptorWriter.writeAll($0, to: descriptor) }) {
                    throw InputError(path: full, message: "cannot write the file: \(reason)")
                }
                hasher.update(chunk)
                count += chunk.count
            }
        }
        let entry = Manifest.OutputFile(path: relativePath, digest: hasher.finalize(), bytes: count)
        state.withValue { $0.outputs.append(entry) }
    }

    /// Records a file written into the folder by other means (streamed, such as `rejects.csv`).
    func record(_ entry: Manifest.OutputFile) {
        state.withValue { $0.outputs.append(entry) }
    }

    /// The files written so far, sorted by path.
    var outputs: [Manifest.OutputFile] { state.get().outputs.sorted { $0.path < $1.path } }

    /// Writes new bytes at `relativePath` with write(2) (no temporary copy: this folder is the temporary place);
    /// the commit syncs them with the rest of the folder. A file of that name already written is an error.
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        try write(to: relativePath) { descriptor, full in
            if let reason = bytes.withUnsafeBytes({ FileDescriptorWriter.writeAll($0, to: descriptor) }) {
                throw InputError(path: full, message: "cannot write the file: \(reason)")
            }
        }
    }

    /// Makes the new file at `relativePath` (and its subfolders) and lets `fill` write it; the commit syncs it.
    private func write(to relativePath: String, _ fill: (_ descriptor: Int32, _ fullPath: String) throws -> Void) throws {
        let full = "\(path)/\(relativePath)"
        try transaction.locked {
            if let slash = relativePath.lastIndex(of: "/") {
                let folder = String(relativePath[..<slash])
                // Made under the state's lock, so no other thread writes into it before it exists.
                try state.withValue { state in
                    if state.folders.insert(folder).inserted {
                        try FileManager.default.createDirectory(atPath: "\(path)/\(folder)", withIntermediateDirectories: true)
                    }
                }
            }
            let descriptor = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw InputError(path: full, message: "cannot write the file: \(String(cString: strerror(errno)))")
            }
            defer { Glibc.close(descriptor) }
            try fill(descriptor, full)
        }
    }

    /// Renames the folder to `<output>/<YYYY-MM>` (``OutputTransaction/commit()``); returns what it noted.
    func commit() throws -> [Diagnostic] {
        let notes = try transaction.commit()
        close()
        return notes
    }

    /// Removes the folder unless it was committed, and releases the month's lock. Safe to call more than once.
    public func close() {
        let wasClosed = state.withValue { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        if FileManager.default.fileExists(atPath: path) { _ = try? transaction.locked { try FileManager.default.removeItem(atPath: path) } }
        transaction.end()
    }
}
