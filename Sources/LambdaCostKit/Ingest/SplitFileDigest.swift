import Foundation

/// The SHA-256 of a ``SplitFile``, computed on a thread of its own while its parts are parsed: it reads the same
/// file at the same time (the page cache serves whichever reader comes second, so the file is read from disk once),
/// and its digest is of the bytes parsed (a file that changes while it is read is refused: ``SplitFile/changed``).
final class SplitFileDigest: @unchecked Sendable {
    private let file: SplitFile
    private let done = DispatchSemaphore(value: 0)
    private let stopped = Locked(false)
    private var digest: String?
    static let step = 1 << 18

    init(file: SplitFile) {
        self.file = file
        Thread.detachNewThread { [self] in run() }
    }

    /// Tells the thread to stop early (the parse failed); ``finish()`` is not called then.
    func stop() { stopped.set(true) }

    /// Waits for the digest of the whole file.
    func finish() -> String {
        done.wait()
        done.signal()
        return digest!
    }

    private func run() {
        defer { done.signal() }
        let hasher = SHA256()
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.step, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < file.size {
            if stopped.get() { return }
            let count = file.read(at: offset, into: buffer, count: Self.step)
            guard count > 0 else { break }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: count))
            offset += count
        }
        digest = hasher.finalizeHex()
    }
}
