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

    /// Reads the central directory of the archive at `path`; `tail` holds its last bytes (from `tailStart`),
    /// read apart, to count the entries ZIPFoundation does not hand out (it stops at an encrypted one).
    static func lookUp(in path: String, tail: [UInt8], tailStart: Int) throws -> ZipDataEntry {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch Archive.ArchiveError.missingEndOfCentralDirectoryRecord {
            throw InputError(path: path, message: "the ZIP archive is truncated or damaged: expected an end of central directory record at its end, found none")
        } catch {
            throw InputError(path: path, message: "cannot read the ZIP archive: \(error)")
        }
        var data: [Entry] = []
        var skipped: [String: UInt64] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= entryLimit else {
                throw InputError(path: path, message: "the ZIP archive holds more than \(entryLimit) entries; expected one CSV file")
            }
            if isData(entry.path) && entry.type != .directory {
                data.append(entry)
            } else {
                skipped[entry.path] = entry.compressedSize
            }
        }
        if let directory = directory(tail: tail, tailStart: tailStart), UInt64(count) < directory.entries {
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

    /// The central directory's extent from the last end of central directory record in `tail`, or `nil`
    /// when it is not there (ZIPFoundation has then refused the archive already).
    static func directory(tail: [UInt8], tailStart: Int) -> Directory? {
        var position = tail.count - 22
        while position >= 0 {
            if le32(tail, position) == 0x0605_4b50 {
                var directory = Directory(entries: UInt64(le16(tail, position + 10)), offset: UInt64(le32(tail, position + 16)))
                if directory.entries == 0xFFFF || directory.offset == 0xFFFF_FFFF {
                    // The ZIP64 record holds the real values; without it, the 16-bit count is all there is to go by.
                    let locator = position - 20
                    let record = Int(clamping: le64(tail, locator + 8)) - tailStart
                    if locator >= 0, le32(tail, locator) == 0x0706_4b50, record >= 0, record <= tail.count - 56,
                        le32(tail, record) == 0x0606_4b50
                    {
                        directory = Directory(entries: le64(tail, record + 32), offset: le64(tail, record + 48))
                    } else {
                        directory.offset = .max
                        if directory.entries == 0xFFFF { return nil }
                    }
                }
                return directory
            }
            position -= 1
        }
        return nil
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
