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
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path` when it is a regular file of at least `minimumBytes` (and at least one byte); `nil` otherwise
    /// (the caller then reads it as a stream, which reports what is wrong with it).
    init?(path: String, minimumBytes: Int) {
        guard !ByteSource.isStandardInput(path) else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            info.st_size > 0, Int(info.st_size) >= minimumBytes
        else { return nil }
        let size = Int(info.st_size)
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        _ = madvise(mapping, size, MADV_SEQUENTIAL)
        self.path = path
        self.size = size
        bytes = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes), size) }

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
    /// (the byte after the range is looked at for a CR at its end). The pages counted are given back as it goes.
    func lineBreaks(in range: Range<Int>) -> Int {
        var count = 0
        var released = range.lowerBound
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + MappedRange.step, range.upperBound)
            count += lineBreaks(from: start, to: end)
            released = release(released..<end)
            start = end
        }
        return count
    }

    private func lineBreaks(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
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
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= size || bytes[index + 1] != 0x0A)) { count += 1 }
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
