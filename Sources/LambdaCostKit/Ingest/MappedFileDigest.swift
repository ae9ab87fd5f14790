import Foundation

/// The SHA-256 of a ``MappedFile``, computed on a thread of its own from the mapping the parts of a split parse
/// read (so the file is read from disk once, and the digest is of the bytes parsed), giving back the pages it hashed
/// as it goes (see ``MappedRange``).
final class MappedFileDigest: @unchecked Sendable {
    private let file: MappedFile
    private let done = DispatchSemaphore(value: 0)
    private let stopped = Locked(false)
    private var digest: String?

    init(file: MappedFile) {
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
        var offset = 0
        while offset < file.size {
            if stopped.get() { return }
            let count = min(MappedRange.step, file.size - offset)
            hasher.update(UnsafeRawBufferPointer(start: file.bytes + offset, count: count))
            file.release(offset..<offset + count)
            offset += count
        }
        digest = hasher.finalizeHex()
    }
}
