#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file read at offsets (`pread(2)`) by several threads at once: the parts of a split parse and the
/// thread that hashes it. Reads come from the page cache once the first reader has brought a page in, so the file
/// is read from disk once; nothing is mapped, so a file truncated by another process while it is read gives short
/// reads (``changed``: the ingest then refuses it in words), never a fault.
final class SplitFile: @unchecked Sendable {
    let path: String
    /// The size when it was opened; the parse reads this many bytes.
    let size: Int
    private let descriptor: Int32
    private let shrank = Locked(false)

    /// Opens `path` when it is a regular file of at least `minimumBytes` (and at least one byte); `nil` otherwise
    /// (the caller then reads it as a stream, which reports what is wrong with it).
    init?(path: String, minimumBytes: Int) {
        guard !ByteSource.isStandardInput(path) else { return nil }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            info.st_size > 0, Int(info.st_size) >= minimumBytes
        else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.path = path
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Whether a read found fewer bytes than the file had when it was opened: it was truncated or replaced
    /// while it was read.
    var changed: Bool { shrank.get() }

    /// Reads up to `count` bytes at `offset` (never past ``size``) into `buffer`; returns how many it read, fewer
    /// only when the file shrank (then ``changed`` is set).
    func read(at offset: Int, into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
        let wanted = max(0, min(count, size - offset))
        let filled = FileDescriptorReader.readAll(into: UnsafeMutableRawBufferPointer(start: buffer, count: wanted), from: descriptor, at: offset).count
        if filled < wanted { shrank.set(true) }
        return filled
    }

    /// Whether the file is compressed (gzip or ZIP, by its first bytes or its name), so not split.
    var isCompressed: Bool {
        let name = path.lowercased()
        if name.hasSuffix(".gz") || name.hasSuffix(".zip") { return true }
        var magic = [UInt8](repeating: 0, count: 4)
        let count = magic.withUnsafeMutableBytes { read(at: 0, into: $0.baseAddress!, count: 4) }
        if count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b { return true }
        return count >= 4 && magic[0] == 0x50 && magic[1] == 0x4b && (magic[2] == 0x03 || magic[2] == 0x05)
    }

    static let chunk = 1 << 20

    /// The offset after the first line feed at or after `offset`; the file's size when there is none.
    func offsetAfterLineFeed(from offset: Int) -> Int {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.chunk, alignment: 8)
        defer { buffer.deallocate() }
        var start = offset
        while start < size {
            let count = read(at: start, into: buffer, count: Self.chunk)
            guard count > 0 else { return size }
            if let found = memchr(buffer, 0x0A, count) { return start + (found - UnsafeMutableRawPointer(buffer)) + 1 }
            start += count
        }
        return size
    }

    /// The physical line breaks in `range` as ``CSVReader`` counts lines: each LF, and each CR not followed by LF
    /// (the byte after the range is looked at for a CR at its end).
    func lineBreaks(in range: Range<Int>) -> Int {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunk + 1)
        defer { buffer.deallocate() }
        var count = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + Self.chunk, range.upperBound)
            let wanted = min(end + 1, size) - start
            let available = read(at: start, into: buffer, count: wanted)
            // A short read (the file shrank) counts what is there; the parse refuses the file.
            count += Self.lineBreaks(UnsafePointer(buffer), count: min(end - start, available), available: available)
            guard available == wanted else { break }
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
}
