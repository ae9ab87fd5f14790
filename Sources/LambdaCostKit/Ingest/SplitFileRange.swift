/// A reading position in a ``SplitFile``, from a part's start to the file's end, for the ``ByteSource`` of one
/// part of a split parse. The first part's range also hashes what it reads (``hashing``), in the file's order.
final class SplitFileRange {
    let file: SplitFile
    private(set) var position: Int
    /// The SHA-256 of the bytes read so far, for a range that starts at the file's start.
    private var hashing: SHA256?

    init(file: SplitFile, from start: Int) {
        self.file = file
        position = start
    }

    /// Hashes every byte read from now on, until ``stopHashing()``, into the digest it returns; the range must start
    /// at the file's start.
    func startHashing() -> SHA256 {
        precondition(position == 0, "a range hashes the file from its start")
        let hasher = SHA256()
        hashing = hasher
        return hasher
    }

    /// Stops hashing: the digest holds the bytes read so far (``position`` of them).
    func stopHashing() { hashing = nil }

    /// Reads the next bytes into `buffer`; 0 at the file's end (or where it ended when it shrank).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = file.read(at: position, into: buffer.baseAddress!, count: buffer.count)
        hashing?.update(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
        position += count
        return count
    }
}
