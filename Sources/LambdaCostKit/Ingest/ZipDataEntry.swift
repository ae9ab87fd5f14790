import Foundation
import ZIPFoundation

/// The one data file of a ZIP archive (the legacy CUR "ZIP" option puts one CSV in each), as its central
/// directory describes it, read with ZIPFoundation. Folder entries and macOS resource forks (`__MACOSX/`)
/// are not data; an archive with no data file or more than one is refused.
struct ZipDataEntry: Equatable, Sendable {
    var path: String
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    /// The compressed sizes of the other entries (folders, resource forks), by path, to step over their data
    /// when it precedes the data file's and the local header does not give its size.
    var skippedSizes: [String: UInt64]

    /// More entries than any CUR archive holds; a larger central directory is refused rather than walked.
    static let entryLimit = 10_000

    /// Reads the central directory of the archive at `path`; `tail` holds its last bytes (from `tailStart` to
    /// the end), read apart: they are checked first (see ``directory(tail:tailStart:path:)``) and give the
    /// number of entries, to find those ZIPFoundation does not hand out (it stops at an encrypted one).
    static func lookUp(in path: String, tail: [UInt8], tailStart: Int) throws -> ZipDataEntry {
        let directory = try directory(tail: tail, tailStart: tailStart, path: path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InputError(path: path, message: "cannot read the ZIP archive: \(error)")
        }
        var data: [Entry] = []
        var skipped: [String: UInt64] = [:]
        var count = 0
        for entry in archive {
            count += 1
            if isData(entry.path) && entry.type != .directory {
                data.append(entry)
            } else {
                skipped[entry.path] = entry.compressedSize
            }
        }
        if UInt64(count) < directory.entries {
            throw unreadableEntry(count, of: directory, path: path, tail: tail, tailStart: tailStart)
        }
        guard let entry = data.first else {
            throw InputError(path: path, message: "the ZIP archive holds no file; expected one CSV file")
        }
        guard data.count == 1 else {
            let names = data.prefix(5).map(\.path).joined(separator: ", ") + (data.count > 5 ? ", …" : "")
            throw InputError(path: path, message: "the ZIP archive holds \(data.count) files (\(names)); expected one CSV file per archive")
        }
        guard entry.type == .file else {
            throw InputError(path: path, message: "the ZIP entry \(entry.path) is a symbolic link; expected a CSV file")
        }
        return ZipDataEntry(path: entry.path, crc32: entry.checksum, compressedSize: entry.compressedSize,
                            uncompressedSize: entry.uncompressedSize, skippedSizes: skipped)
    }

    /// Whether an entry name (as its bytes decode) is a data file: not a folder, not a macOS resource fork.
    static func isData(_ name: String) -> Bool {
        !name.hasSuffix("/") && !name.hasPrefix("__MACOSX/")
    }
}

extension ZipDataEntry {
    /// Where the end of central directory record (or its ZIP64 form) says the central directory is.
    struct Directory {
        var entries: UInt64
        var offset: UInt64
    }

    /// Values above this in a ZIP64 field are refused: no archive is that large, and ZIPFoundation would trap
    /// on an offset beyond `Int64.max` or on a sum of them that overflows.
    static let largestZIP64Value: UInt64 = 1 << 60

    /// The central directory as the end of central directory record found the way ZIPFoundation finds it
    /// (the last one in the file; the ZIP64 record just before it when its locator is there) says, after
    /// checking on the file's last bytes everything ZIPFoundation would trust: the record must be in the last
    /// bytes, the directory must lie in the file and within those bytes, hold at most ``entryLimit`` entries,
    /// and its ZIP64 fields must be plausible. So a damaged or hostile archive is refused here, with a message,
    /// rather than trapping in ZIPFoundation (or making it scan a large file byte by byte for a missing record).
    static func directory(tail: [UInt8], tailStart: Int, path: String) throws -> Directory {
        let fileSize = UInt64(tailStart + tail.count)
        func damaged(_ what: String) -> InputError {
            InputError(path: path, message: "the ZIP archive is damaged: \(what)")
        }
        guard let end = (0...max(0, tail.count - 22)).reversed().first(where: { tail.count >= 22 && le32(tail, $0) == 0x0605_4b50 }) else {
            throw InputError(path: path, message: "the ZIP archive is truncated or damaged: expected an end of central directory record at its end, found none")
        }
        var directory = Directory(entries: UInt64(le16(tail, end + 10)), offset: UInt64(le32(tail, end + 16)))
        var size = UInt64(le32(tail, end + 12))
        let locator = end - 20
        let record = end - 20 - 56
        if record >= 0 && le32(tail, locator) == 0x0706_4b50 && le32(tail, record) == 0x0606_4b50 {
            let zip64 = Directory(entries: le64(tail, record + 32), offset: le64(tail, record + 48))
            let zip64Size = le64(tail, record + 40)
            guard zip64.offset <= fileSize, zip64Size <= fileSize, zip64.entries <= fileSize else {
                throw damaged("its ZIP64 end of central directory record points outside the file")
            }
            if le16(tail, record + 14) >= 45 { (directory, size) = (zip64, zip64Size) }
        } else if end < 20 + 56 && tailStart > 0 {
            throw damaged("its end of central directory record is too close to the start of the bytes read")
        }
        guard directory.offset <= fileSize, size <= fileSize - directory.offset else {
            throw damaged("its central directory (\(size) bytes at byte \(directory.offset)) lies outside the file")
        }
        guard directory.entries <= UInt64(entryLimit) else {
            throw InputError(path: path, message: "the ZIP archive holds \(directory.entries) entries, more than \(entryLimit); expected one CSV file")
        }
        guard directory.offset >= UInt64(tailStart) else {
            throw InputError(path: path, message: "the ZIP archive's central directory is larger than the \(tail.count) bytes checked at its end; expected one CSV file and a few folders")
        }
        // The entries' ZIP64 fields (offsets and sizes ZIPFoundation adds up and seeks to).
        var position = Int(directory.offset) - tailStart
        for _ in 0..<directory.entries {
            guard position <= tail.count - 46, le32(tail, position) == 0x0201_4b50 else { break }  // ZIPFoundation stops here too
            let nameLength = Int(le16(tail, position + 28))
            let extraLength = Int(le16(tail, position + 30))
            var field = position + 46 + nameLength
            let extraEnd = min(tail.count, field + extraLength)
            while field + 4 <= extraEnd {
                let fieldSize = Int(le16(tail, field + 2))
                if le16(tail, field) == 1 {
                    var value = field + 4
                    while value + 8 <= min(extraEnd, field + 4 + fieldSize) {
                        guard le64(tail, value) < largestZIP64Value else {
                            throw damaged("an entry's ZIP64 size or offset (\(le64(tail, value))) is beyond any file")
                        }
                        value += 8
                    }
                }
                field += 4 + fieldSize
            }
            position += 46 + nameLength + extraLength + Int(le16(tail, position + 32))
        }
        return directory
    }

    /// Why entry `index` (0-based) of the central directory could not be read: encrypted, or damaged.
    static func unreadableEntry(_ index: Int, of directory: Directory, path: String, tail: [UInt8], tailStart: Int) -> InputError {
        var position = Int(clamping: directory.offset) - tailStart
        var current = 0
        while position >= 0 && position <= tail.count - 46 && le32(tail, position) == 0x0201_4b50 {
            let nameLength = Int(le16(tail, position + 28))
            if current == index {
                let name = String(decoding: tail[(position + 46)..<min(tail.count, position + 46 + nameLength)], as: UTF8.self)
                if le16(tail, position + 8) & 0x41 != 0 {
                    return InputError(path: path, message: "the ZIP entry \(name) is encrypted; expected an unencrypted CSV file")
                }
                return InputError(path: path, message: "the ZIP archive is damaged: its entry \(name) cannot be read")
            }
            position += 46 + nameLength + Int(le16(tail, position + 30)) + Int(le16(tail, position + 32))
            current += 1
        }
        return InputError(path: path, message: "the ZIP archive is damaged or has an encrypted entry: its central directory lists \(directory.entries) \(directory.entries == 1 ? "entry" : "entries"), of which \(index) could be read")
    }

    static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16 }
    static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32 }
}
