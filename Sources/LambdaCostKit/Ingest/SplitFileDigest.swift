/// The SHA-256 of a ``SplitFile``: the first part of its parse hashes the bytes it reads, and the rest is hashed from
/// when that part is done, on a thread of its own (``InputDigest``): the file is in the page cache then, and the rest
/// of the parse and the stages after the ingest run beside it. Its digest is of the bytes parsed: a file
/// that shrank while it was parsed or hashed has none (``SplitFile/changed``), and asking for it throws.
enum SplitFileDigest {
    static let step = 1 << 18

    /// Why a file that changed under the reader is refused.
    static let changedMessage = "the file changed while it was read (it is shorter than when it was opened); read it again when it is complete"

    /// Starts hashing `file`: from `offset` on, continuing `hasher`, which holds the bytes before it (the first part
    /// of the parse hashed what it read).
    static func start(_ file: SplitFile, continuing hasher: SHA256 = SHA256(), from offset: Int = 0) -> InputDigest {
        nonisolated(unsafe) let hasher = hasher
        return InputDigest {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: step, alignment: 16)
            defer { buffer.deallocate() }
            var offset = offset
            while offset < file.size {
                let count = file.read(at: offset, into: buffer, count: step)
                guard count > 0 else { break }
                hasher.update(UnsafeRawBufferPointer(start: buffer, count: count))
                offset += count
            }
            guard !file.changed else { return .failure(InputError(path: file.path, message: changedMessage)) }
            return .success(hasher.finalizeHex())
        }
    }
}
