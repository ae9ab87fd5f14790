#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped into memory read-only, for parsing its parts on several threads while one more thread
/// hashes it: every byte is read from the one mapping, so the digest is of the bytes parsed and the file is read
/// from disk once (into the page cache). Each reader gives back the pages behind it (``release(_:)``), so the
/// resident set stays near what the threads are reading rather than growing to the file's size.
///
/// A file truncated by another process while it is mapped makes a read of its lost pages fault (SIGBUS); the
/// split parse is only used for regular files, which a CUR delivery does not rewrite in place.
final class MappedFile: @unchecked Sendable {
    let path: String
    let size: Int
    let bytes: UnsafePointer<UInt8>
    /// Kept open for ``lineBreaks(in:)``.
    private let descriptor: Int32
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path` when it is a regular file of at least `minimumBytes` (and at least one byte); `nil` otherwise
    /// (the caller then reads it as a stream, which reports what is wrong with it).
    init?(path: String, minimumBytes: Int) {
        guard !ByteSource.isStandardInput(path) else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            info.st_size > 0, Int(info.st_size) >= minimumBytes,
            let mapping = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED
        else {
            close(descriptor)
            return nil
        }
        let size = Int(info.st_size)
        self.descriptor = descriptor
        self.path = path
        self.size = size
        bytes = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes), size)
        close(descriptor)
    }

    /// Whether the file is compressed (gzip or ZIP, by its first bytes or its name), so not split.
    var isCompressed: Bool {
        let name = path.lowercased()
        if name.hasSuffix(".gz") || name.hasSuffix(".zip") { return true }
        if size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b { return true }
        return size >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && (bytes[2] == 0x03 || bytes[2] == 0x05)
    }

    /// The offset after the first line feed at or after `offset`; the file's size when there is none.
    func offsetAfterLineFeed(from offset: Int) -> Int {
        guard offset < size else { return size }
        guard let found = memchr(bytes + offset, 0x0A, size - offset) else { return size }
        return UnsafeRawPointer(found) - UnsafeRawPointer(bytes) + 1
    }

    /// The physical line breaks in `range` as ``CSVReader`` counts lines: each LF, and each CR not followed by LF
    /// (the byte after the range is looked at for a CR at its end). Counted from copies read with `pread` (from the
    /// page cache), not through the mapping, whose pages would be faulted in twice (here and by the parse).
    func lineBreaks(in range: Range<Int>) -> Int {
        let chunk = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk + 1)
        defer { buffer.deallocate() }
        var count = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + chunk, range.upperBound)
            let available = min(end + 1, size) - start
            var filled = 0
            while filled < available {
                let got = pread(descriptor, buffer + filled, available - filled, off_t(start + filled))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                filled += got
            }
            // A failed read (the file shrank) counts through the mapping, which reports it as a one-pass read would.
            count += filled == available
                ? Self.lineBreaks(UnsafePointer(buffer), count: end - start, available: available)
                : Self.lineBreaks(bytes + start, count: end - start, available: size - start)
            start = end
        }
        return count
    }

    /// The line breaks in the first `count` of `available` bytes.
    private static func lineBreaks(_ bytes: UnsafePointer<UInt8>, count end: Int, available: Int) -> Int {
        var count = 0
        var index = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lineFeeds = ones &* 0x0A, returns = ones &* 0x0D
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        while index < end {
            // Eight bytes at a time while they hold neither LF nor CR (the usual case between line ends).
            if index + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
                if zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ returns) == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= available || bytes[index + 1] != 0x0A)) { count += 1 }
            index += 1
        }
        return count
    }

    /// Gives back the whole pages inside `range` (a later read of them maps them again from the file, from the page
    /// cache when it still holds them); returns where the page holding `range`'s end starts, kept for the next call.
    @discardableResult
    func release(_ range: Range<Int>) -> Int {
        let start = (range.lowerBound + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = range.upperBound / Self.pageSize * Self.pageSize
        if start < end { _ = madvise(UnsafeMutableRawPointer(mutating: bytes + start), end - start, MADV_DONTNEED) }
        return max(range.lowerBound, end)
    }
}
