import Foundation
import GoldenFiles
import Testing
import ZIPFoundation
@testable import LambdaCostKit

/// ZIP input (the legacy CUR "ZIP" option, one CSV per archive): archives are written here with ZIPFoundation,
/// damaged ones by changing their bytes, and read through `ByteSource` and the ingest stage.
@Suite struct ZipInputTests {
    static let october = BillingMonth(year: 2026, month: 10)!

    /// A generated CUR of a few MB (several read chunks), plain.
    static func writeCUR(in folder: String) throws -> String {
        let path = folder + "/cur.csv"
        let configuration = SampleGenerator.Configuration(functions: 12, days: 4, seed: 21, month: october)
        _ = try SampleGenerator.write(configuration: configuration, curTo: path)
        return path
    }

    enum Member {
        case file(String, Data, CompressionMethod)
        case folder(String)
    }

    static func writeZip(_ path: String, _ members: [Member]) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for member in members {
            switch member {
            case .file(let name, let data, let method):
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { (position: Int64, size: Int) -> Data in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            case .folder(let name):
                try archive.addEntry(with: name, type: .directory, uncompressedSize: 0) { (_: Int64, _: Int) -> Data in Data() }
            }
        }
    }

    static func ingest(_ path: String) throws -> IngestResult {
        try IngestStage().run(IngestStage.Input(curFiles: [path], metricsFiles: [], month: october, regions: .builtIn))
    }

    static func contents(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path)!) }

    /// Everything `ByteSource` hands out for `path`, read with a small buffer.
    static func decompressed(_ path: String) throws -> [UInt8] {
        let source = try ByteSource(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10_007, alignment: 16)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    // MARK: - The same ingest as plain and gzip

    @Test(arguments: [
        ("cur-1.csv.zip", true, false),
        ("cur-1.csv.ZIP", false, false),
        ("zip-content-named.csv", true, false),
        ("with-folder-and-fork.csv.zip", true, true),
    ])
    func aZippedCURIngestsLikeThePlainAndGzippedOne(name: String, deflated: Bool, withOtherEntries: Bool) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try Self.writeCUR(in: folder)
        let csv = Data(Self.contents(plain))
        #expect(csv.count > 3 * ReadAhead.chunkBytes)
        let gzip = folder + "/cur.CSV.GZ"
        let writer = try GzipFileWriter(path: gzip)
        try csv.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
        let zip = folder + "/" + name
        let data = Member.file("cur-00001.csv", csv, deflated ? .deflate : .none)
        try Self.writeZip(zip, withOtherEntries
            ? [.folder("20261001-20261101/"), .file("__MACOSX/._cur-00001.csv", Data("fork".utf8), .none), data,
               .file("__MACOSX/20261001-20261101/._cur-00001.csv", Data("fork".utf8), .deflate)]
            : [data])

        #expect(try Self.decompressed(zip) == Array(csv))
        let expected = try Self.ingest(plain)
        for path in [gzip, zip] {
            let result = try Self.ingest(path)
            #expect(result.rows == expected.rows)
            #expect(result.rows.read > 1000)
            #expect(result.totals == expected.totals)
            #expect(result.totals.reconciles)
            #expect(result.ledger.cells == expected.ledger.cells)
            #expect(result.rejects.examples.map(\.reason) == expected.rejects.examples.map(\.reason))
            // The fingerprint and size are of the file on disk, compressed.
            let file = Self.contents(path)
            #expect(try result.inputs.map { try $0.sha256() } == [SHA256.hex(of: file)])
            #expect(result.inputs.map(\.bytes) == [file.count])
            #expect(result.inputs.map(\.rows) == expected.inputs.map(\.rows))
        }
    }

    // MARK: - Errors

    /// The offset of the last central directory header (an archive of one entry has one).
    static func centralHeader(_ bytes: [UInt8]) -> Int {
        (0...(bytes.count - 4)).last { bytes[$0..<$0 + 4] == [0x50, 0x4b, 0x01, 0x02] }!
    }

    static func oneEntryZip(_ folder: String, method: CompressionMethod = .deflate) throws -> (path: String, bytes: [UInt8]) {
        let path = folder + "/cur.csv.zip"
        try writeZip(path, [.file("cur-00001.csv", Data("identity/LineItemId,lineItem/UnblendedCost\n1,0.5\n".utf8), method)])
        return (path, contents(path))
    }

    static func expectError(_ path: String, _ message: String) {
        #expect {
            _ = try decompressed(path)
        } throws: { error in
            (error as? InputError)?.description == "\(path): error: \(message)"
        }
    }

    @Test func anArchiveWithoutAFileIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/empty.zip"
        try Self.writeZip(path, [.folder("reports/"), .file("__MACOSX/._reports", Data("fork".utf8), .none)])
        Self.expectError(path, "the ZIP archive holds no file; expected one CSV file")
    }

    @Test func anArchiveWithTwoFilesIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/two.csv.zip"
        try Self.writeZip(path, [.file("a.csv", Data("x\n1\n".utf8), .deflate), .folder("b/"), .file("b/b.csv", Data("x\n2\n".utf8), .none)])
        Self.expectError(path, "the ZIP archive holds 2 files (a.csv, b/b.csv); expected one CSV file per archive")
    }

    @Test func anEncryptedEntryIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (path, bytes) = try Self.oneEntryZip(folder)
        bytes[6] |= 1
        bytes[Self.centralHeader(bytes) + 8] |= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        Self.expectError(path, "the ZIP entry cur-00001.csv is encrypted; expected an unencrypted CSV file")
    }

    @Test func anUnknownCompressionMethodIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (path, bytes) = try Self.oneEntryZip(folder)
        bytes[8] = 12
        bytes[Self.centralHeader(bytes) + 10] = 12
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        Self.expectError(path, "the ZIP entry cur-00001.csv uses compression method 12 (bzip2); expected stored (0) or deflate (8)")
    }

    @Test(arguments: [true, false])
    func aCRCMismatchIsAnError(deflated: Bool) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (path, bytes) = try Self.oneEntryZip(folder, method: deflated ? .deflate : .none)
        let central = Self.centralHeader(bytes)
        let actual = UInt32(bytes[central + 16]) | UInt32(bytes[central + 17]) << 8 | UInt32(bytes[central + 18]) << 16 | UInt32(bytes[central + 19]) << 24
        #expect(actual == (try Archive(url: URL(fileURLWithPath: path), accessMode: .read).first { _ in true }!.checksum))
        bytes[14] ^= 0xFF
        bytes[central + 16] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        func hex(_ value: UInt32) -> String { String(format: "0x%08x", value) }
        Self.expectError(path, "the CRC-32 of ZIP entry cur-00001.csv does not match: the central directory says \(hex(actual ^ 0xFF)), its data gives \(hex(actual)); the archive is damaged")
    }

    @Test func aTruncatedArchiveIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, bytes) = try Self.oneEntryZip(folder)
        try Data(bytes[0..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: path))
        Self.expectError(path, "the ZIP archive is truncated or damaged: expected an end of central directory record at its end, found none")
    }

    /// The central directory says the entry has 1,000 bytes more than the file holds: the read runs into the
    /// end of the file and stops with an error rather than handing out a short entry.
    @Test func anEntryLongerThanTheFileIsATruncatedArchive() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var (path, bytes) = try Self.oneEntryZip(folder, method: .none)
        let central = Self.centralHeader(bytes)
        func addThousand(at offset: Int) {
            var value = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
            value += 1000
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        let size = (0..<4).reduce(0) { $0 | Int(bytes[central + 20 + $1]) << (8 * $1) }
        for offset in [18, 22, central + 20, central + 24] { addThousand(at: offset) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let dataStart = 30 + Int(bytes[26]) + Int(bytes[27]) << 8 + Int(bytes[28]) + Int(bytes[29]) << 8
        Self.expectError(path, "the ZIP archive is truncated: the data of entry cur-00001.csv ends after \(bytes.count - dataStart) of its \(size + 1000) compressed bytes")
    }

    @Test func aZipOfSomethingElseIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/not-really.ZIP"
        try Data("identity/LineItemId\n1\n".utf8).write(to: URL(fileURLWithPath: path))
        Self.expectError(path, "the ZIP archive is truncated or damaged: expected an end of central directory record at its end, found none")
    }

    // MARK: - A file changed while it is read

    /// A stored entry larger than what the reader thread reads ahead, so the append lands before it reaches
    /// the end: the archive no longer has the size its central directory was read at, and that is an error.
    @Test func anArchiveAppendedToWhileItIsReadIsAnError() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = Data(Self.contents(try Self.writeCUR(in: folder)))
        let path = folder + "/cur.csv.zip"
        try Self.writeZip(path, [.file("cur.csv", csv, .none)])
        #expect(csv.count > 4 * ReadAhead.chunkBytes)
        let source = try ByteSource(path: path, fingerprint: true)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) > 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x41, count: 1000))
        try handle.close()
        #expect {
            while try source.read(into: buffer) > 0 {}
            _ = try source.finishDigest()
        } throws: { error in
            (error as? InputError)?.description == "\(path): error: the file changed while it was read; read it again when it is complete"
        }
    }

    /// The central directory changed in place (same size) after it was read at open: the bytes read front to
    /// back no longer match the ones the entry was found with, and that is an error.
    @Test func anArchiveWhoseDirectoryChangesWhileItIsReadIsAnError() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = Data(Self.contents(try Self.writeCUR(in: folder)))
        let path = folder + "/cur.csv.zip"
        try Self.writeZip(path, [.file("cur.csv", csv, .none)])
        let bytes = Self.contents(path)
        let central = Self.centralHeader(bytes)
        #expect(central > 4 * ReadAhead.chunkBytes)
        let source = try ByteSource(path: path, fingerprint: true)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) > 0)
        // The entry's modification time in the central directory, one byte of it.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(central + 12))
        try handle.write(contentsOf: Data([bytes[central + 12] ^ 0x01]))
        try handle.close()
        #expect(Self.contents(path).count == bytes.count)
        #expect {
            while try source.read(into: buffer) > 0 {}
        } throws: { error in
            (error as? InputError)?.description == "\(path): error: the file changed while it was read; read it again when it is complete"
        }
    }

    // MARK: - Archives made by Info-ZIP (committed fixtures of `cur/reconcile.csv`)

    /// `zip -X - -` writing to a pipe: a data descriptor after the data and ZIP64 sizes in the local header
    /// (entry named `-`); `zip -X -fz -r`: a folder entry before the file, ZIP64 extra fields.
    @Test(arguments: ["zip/reconcile-streamed.zip", "zip/reconcile-zip64-folder.zip"])
    func archivesMadeByInfoZIPIngestLikeTheCSV(name: String) throws {
        let expected = try Self.ingest(fixturePath("cur/reconcile.csv"))
        let result = try Self.ingest(fixturePath(name))
        #expect(result.rows == expected.rows)
        #expect(result.rows.read == 9)
        #expect(result.totals == expected.totals)
        #expect(result.ledger.cells == expected.ledger.cells)
        #expect(result.rejects.examples.map(\.reason) == expected.rejects.examples.map(\.reason))
        #expect(try Self.decompressed(fixturePath(name)) == Self.contents(fixturePath("cur/reconcile.csv")))
    }

    /// `zip -fz - -` writing to a pipe marks the directory offset as ZIP64 but writes no ZIP64 record (unzip
    /// refuses it too): the directory's offset is then beyond the file.
    @Test func aZIP64ArchiveWithoutItsZIP64RecordIsDamaged() throws {
        let path = fixturePath("zip/damaged-zip64-without-zip64-directory.zip")
        Self.expectError(path, "the ZIP archive is damaged: its central directory (59 bytes at byte 4294967295) lies outside the file")
    }

    /// ZIP64 fields beyond any file (found by fuzzing: ZIPFoundation traps on an offset above `Int64.max`) are
    /// refused before ZIPFoundation reads them.
    @Test func implausibleZIP64FieldsAreRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = Self.contents(fixturePath("zip/reconcile-zip64-folder.zip"))
        func last(_ signature: [UInt8], in bytes: [UInt8]) -> Int {
            (0...(bytes.count - 4)).last { Array(bytes[$0..<$0 + 4]) == signature }!
        }
        // The ZIP64 end of central directory record's directory offset, its top byte.
        var record = original
        record[last([0x50, 0x4b, 0x06, 0x06], in: record) + 48 + 7] = 0xD6
        try Data(record).write(to: URL(fileURLWithPath: folder + "/record.zip"))
        Self.expectError(folder + "/record.zip", "the ZIP archive is damaged: its ZIP64 end of central directory record points outside the file")
        // The file entry's ZIP64 extra field (its size), its top byte.
        var entry = original
        let central = last([0x50, 0x4b, 0x01, 0x02], in: entry)
        let extra = central + 46 + Int(entry[central + 28]) + Int(entry[central + 29]) << 8
        #expect(entry[extra] == 1 && entry[extra + 1] == 0)
        entry[extra + 4 + 7] = 0xF0
        try Data(entry).write(to: URL(fileURLWithPath: folder + "/entry.zip"))
        let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(entry[extra + 4 + $1]) << (8 * UInt64($1)) }
        Self.expectError(folder + "/entry.zip", "the ZIP archive is damaged: an entry's ZIP64 size or offset (\(value)) is beyond any file")
    }

    // MARK: - Damaged archives never crash

    /// 2,000 archives with one to four bytes changed or the file cut, from a stored and a deflated archive
    /// with a folder and a resource fork: each is read to the end or refused with an `InputError`, never a trap.
    @Test func damagedArchivesAreReadOrRefusedNeverACrash() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = Data(Self.contents(fixturePath("cur/reconcile.csv")))
        var originals: [[UInt8]] = []
        for deflated in [true, false] {
            let path = folder + "/original.zip"
            try? FileManager.default.removeItem(atPath: path)
            try Self.writeZip(path, [.folder("cur/"), .file("cur/reconcile.csv", csv, deflated ? .deflate : .none),
                                     .file("__MACOSX/cur/._reconcile.csv", Data("fork".utf8), .none)])
            originals.append(Self.contents(path))
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var outcomes = (read: 0, refused: 0)
        for round in 0..<2000 {
            var bytes = originals[round % 2]
            if round % 10 == 9 {
                bytes = Array(bytes[0..<next(bytes.count)])
            } else {
                for _ in 0...next(4) { bytes[next(bytes.count)] = UInt8(next(256)) }
            }
            let path = folder + "/damaged-\(round).zip"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try Self.decompressed(path)
                outcomes.read += 1
            } catch is InputError {
                outcomes.refused += 1
            }
            try FileManager.default.removeItem(atPath: path)
        }
        #expect(outcomes.read + outcomes.refused == 2000)
        #expect(outcomes.refused > 200)
    }
}
