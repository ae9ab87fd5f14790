#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import CZlibStream

/// Streams the decompressed bytes of a ZIP archive's one data file out of the archive's bytes read front to
/// back (the same read that is hashed): steps over the entries before it, checks its local header, inflates
/// (or copies) exactly its compressed size, checks the CRC-32 and size the central directory gives, then
/// reads the rest of the archive.
///
/// The central directory is read apart, by ZIPFoundation, before the front-to-back read reaches it. So that
/// the digest is of the bytes the entry was found with, the last bytes of the file (which hold the central
/// directory of any one-file archive) are read before and after ZIPFoundation and must be the same, and the
/// front-to-back read must give the same bytes there and end at the size the file had when it was opened.
final class ZipEntryReader {
    private let path: String
    private let entry: ZipDataEntry
    private let source: ReadAhead
    private let fileSize: Int
    private let tail: [UInt8]
    private let tailStart: Int
    private var inflater: Inflater?
    private var remainingCompressed: UInt64
    private var produced: UInt64 = 0
    private var crc: uLong = CZlibStream.crc32(0, nil, 0)
    private var finished = false

    /// The bytes at the end of a ZIP file checked against the front-to-back read.
    static let tailBytes = 1 << 20

    /// Reads the central directory of the archive `descriptor` holds (`fileSize` bytes when opened) and
    /// advances `source` to the data file's data.
    init(path: String, descriptor: Int32, fileSize: Int, source: ReadAhead) throws {
        self.path = path
        self.source = source
        self.fileSize = fileSize
        tailStart = max(0, fileSize - Self.tailBytes)
        let before = try Self.readTail(path: path, descriptor: descriptor, from: tailStart, to: fileSize)
        entry = try ZipDataEntry.lookUp(in: path, tail: before, tailStart: tailStart)
        tail = try Self.readTail(path: path, descriptor: descriptor, from: tailStart, to: fileSize)
        guard tail == before else { throw Self.changed(path) }
        remainingCompressed = entry.compressedSize
        try skipToData()
    }

    /// Fills `buffer` with the next bytes of the data file; returns 0 at its end, once the whole archive was read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished else { return 0 }
        while true {
            let count: Int
            if let inflater {
                if inflater.needsInput && remainingCompressed > 0 {
                    let bytes = try take(upTo: Int(clamping: remainingCompressed))
                    guard bytes.count > 0 else { throw truncated() }
                    remainingCompressed -= UInt64(bytes.count)
                    inflater.supply(bytes)
                }
                count = try inflater.inflate(into: buffer)
                if count == 0 {
                    if inflater.isFinished {
                        guard inflater.unconsumedInput == 0 && remainingCompressed == 0 else {
                            throw InputError(path: path, message: "the deflate data of ZIP entry \(entry.path) ends before its compressed size of \(entry.compressedSize) bytes")
                        }
                    } else if inflater.needsInput && remainingCompressed == 0 {
                        throw InputError(path: path, message: "the deflate data of ZIP entry \(entry.path) is truncated: it does not end within its compressed size of \(entry.compressedSize) bytes")
                    } else {
                        continue
                    }
                }
            } else {
                let bytes = try take(upTo: min(buffer.count, Int(clamping: remainingCompressed)))
                if bytes.count == 0 && remainingCompressed > 0 { throw truncated() }
                remainingCompressed -= UInt64(bytes.count)
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress ?? UnsafeRawPointer(buffer.baseAddress!), byteCount: bytes.count)
                count = bytes.count
            }
            if count > 0 {
                crc = CZlibStream.crc32_z(crc, buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), count)
                produced += UInt64(count)
                guard produced <= entry.uncompressedSize else { throw sizeMismatch() }
                return count
            }
            try finish()
            return 0
        }
    }

    /// Checks the entry's CRC-32 and size, then reads (and compares) the rest of the archive.
    private func finish() throws {
        guard produced == entry.uncompressedSize else { throw sizeMismatch() }
        guard UInt32(crc) == entry.crc32 else {
            throw InputError(path: path, message: "the CRC-32 of ZIP entry \(entry.path) does not match: the central directory says \(Self.hex(entry.crc32)), its data gives \(Self.hex(UInt32(crc))); the archive is damaged")
        }
        while try take(upTo: .max).count > 0 {}
        guard source.bytesConsumed == fileSize else { throw Self.changed(path) }
        finished = true
    }

    /// Reads local headers (and the data of entries that are not the data file) up to the data file's data.
    private func skipToData() throws {
        while true {
            let offset = source.bytesConsumed
            let header = try exactly(30, what: "a local file header")
            let signature = Self.le32(header, 0)
            guard signature == 0x0403_4b50 else {
                if signature == 0x0201_4b50 || signature == 0x0605_4b50 || signature == 0x0606_4b50 {
                    throw InputError(path: path, message: "the ZIP archive's central directory names \(entry.path), but no local file header for it precedes the central directory; the archive is damaged")
                }
                throw InputError(path: path, message: "expected a ZIP local file header at byte \(offset), found other bytes; the archive is damaged or has data before its first entry")
            }
            let flags = Self.le16(header, 6)
            let method = Self.le16(header, 8)
            let localCompressedSize = Self.le32(header, 18)
            let nameBytes = try exactly(Int(Self.le16(header, 26)), what: "an entry name")
            let extra = try exactly(Int(Self.le16(header, 28)), what: "an entry's extra field")
            let name = String(validating: nameBytes, as: UTF8.self) ?? String(decoding: nameBytes, as: Unicode.ASCII.self)
            let isZIP64 = Self.hasZIP64Field(extra)
            if name == entry.path || (entry.skippedSizes[name] == nil && ZipDataEntry.isData(name)) {
                try checkDataHeader(flags: flags, method: method)
                if method == 8 { inflater = try Inflater(path: path, format: .deflate) }
                return
            }
            // Another entry (a folder or a resource fork): step over its data and data descriptor.
            let size: UInt64
            if flags & 8 == 0 && localCompressedSize != 0xFFFF_FFFF {
                size = UInt64(localCompressedSize)
            } else if let known = entry.skippedSizes[name] {
                size = known
            } else {
                throw InputError(path: path, message: "cannot step over ZIP entry \(name): its size is not in its local header or the central directory")
            }
            try skip(size, what: "the data of ZIP entry \(name)")
            if flags & 8 != 0 {
                // A data descriptor: an optional signature, then CRC-32 and the two sizes (8 bytes each in ZIP64).
                // Its first four bytes are taken (not peeked: they may straddle a read chunk) to tell which.
                let first = try exactly(4, what: "a data descriptor")
                let rest = (isZIP64 ? 20 : 12) - (first == [0x50, 0x4b, 0x07, 0x08] ? 0 : 4)
                try skip(UInt64(rest), what: "a data descriptor")
            }
        }
    }

    private func checkDataHeader(flags: UInt16, method: UInt16) throws {
        if flags & 0x41 != 0 || method == 99 {
            throw InputError(path: path, message: "the ZIP entry \(entry.path) is encrypted; expected an unencrypted CSV file")
        }
        guard method == 0 || method == 8 else {
            let names: [UInt16: String] = [1: "shrink", 6: "implode", 9: "deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "xz", 98: "PPMd"]
            let known = names[method].map { " (\($0))" } ?? ""
            throw InputError(path: path, message: "the ZIP entry \(entry.path) uses compression method \(method)\(known); expected stored (0) or deflate (8)")
        }
    }

    /// The next bytes of the archive, compared with the tail read when it was opened.
    private func take(upTo limit: Int) throws -> UnsafeRawBufferPointer {
        let start = source.bytesConsumed
        let bytes = try source.take(upTo: limit)
        let end = start + bytes.count
        if end > tailStart && bytes.count > 0 {
            guard end <= fileSize else { throw Self.changed(path) }
            let from = max(start, tailStart)
            let matches = tail.withUnsafeBytes { saved in
                memcmp(saved.baseAddress! + (from - tailStart), bytes.baseAddress! + (from - start), end - from) == 0
            }
            guard matches else { throw Self.changed(path) }
        }
        return bytes
    }

    private func exactly(_ count: Int, what: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let chunk = try take(upTo: count - bytes.count)
            guard chunk.count > 0 else {
                throw InputError(path: path, message: "the ZIP archive is truncated: it ends in \(what) at byte \(source.bytesConsumed)")
            }
            bytes += chunk
        }
        return bytes
    }

    private func skip(_ count: UInt64, what: String) throws {
        var remaining = count
        while remaining > 0 {
            let chunk = try take(upTo: Int(clamping: remaining))
            guard chunk.count > 0 else {
                throw InputError(path: path, message: "the ZIP archive is truncated: it ends in \(what) at byte \(source.bytesConsumed)")
            }
            remaining -= UInt64(chunk.count)
        }
    }

    private func truncated() -> InputError {
        InputError(path: path, message: "the ZIP archive is truncated: the data of entry \(entry.path) ends after \(entry.compressedSize - remainingCompressed) of its \(entry.compressedSize) compressed bytes")
    }

    private func sizeMismatch() -> InputError {
        InputError(path: path, message: "the ZIP entry \(entry.path) decompresses to \(produced > entry.uncompressedSize ? "more than \(entry.uncompressedSize)" : "\(produced)") bytes, but the central directory says \(entry.uncompressedSize); the archive is damaged")
    }

    private static func changed(_ path: String) -> InputError {
        InputError(path: path, message: "the file changed while it was read; read it again when it is complete")
    }

    private static func readTail(path: String, descriptor: Int32, from start: Int, to end: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: end - start)
        let read = bytes.withUnsafeMutableBytes { FileDescriptorReader.readAll(into: $0, from: descriptor, at: start) }
        if let failure = read.failure { throw InputError(path: path, message: "cannot read the file: \(failure)") }
        guard read.count == bytes.count else { throw changed(path) }
        return bytes
    }

    /// Whether an extra field holds the ZIP64 extended information (header 0x0001).
    private static func hasZIP64Field(_ extra: [UInt8]) -> Bool {
        var position = 0
        while position + 4 <= extra.count {
            if le16(extra, position) == 1 { return true }
            position += 4 + Int(le16(extra, position + 2))
        }
        return false
    }

    private static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 { ZipDataEntry.le16(bytes, at) }
    private static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 { ZipDataEntry.le32(bytes, at) }
    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
