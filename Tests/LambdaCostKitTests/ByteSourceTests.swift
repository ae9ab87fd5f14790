#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// `ByteSource` beyond decoding: the fingerprint is of the bytes read (even when the file changes meanwhile),
/// files that are not regular are refused without waiting, and standard input is streamed.
@Suite struct ByteSourceTests {
    static func lines(_ range: Range<Int>, mark: String = "row") -> [UInt8] {
        Array(range.map { "\(mark),\($0),\(String(repeating: "x", count: $0 % 50))\n" }.joined().utf8)
    }

    /// Reads the rest of `source` with a small buffer.
    static func readAll(_ source: ByteSource, into bytes: inout [UInt8]) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 9_973, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return }
            bytes += buffer[0..<count]
        }
    }

    static func readSome(_ source: ByteSource, _ count: Int, into bytes: inout [UInt8]) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        let read = try source.read(into: buffer)
        #expect(read > 0)
        bytes += buffer[0..<read]
    }

    // MARK: - The digest is of the bytes parsed

    /// Rows appended while the file is read (it is larger than what the reader thread reads ahead, so the
    /// append lands before the reader reaches the end): the appended rows are read, and the digest and size
    /// are of everything read, not of the file as it was or of a separate read.
    @Test func aFileAppendedToWhileItIsReadGetsTheDigestOfWhatWasRead() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        let original = Self.lines(0..<120_000)
        #expect(original.count > 8 * ReadAhead.chunkBytes)
        try Data(original).write(to: URL(fileURLWithPath: path))
        let source = try ByteSource(path: path, fingerprint: true)
        var read: [UInt8] = []
        try Self.readSome(source, 1 << 16, into: &read)
        let appended = Self.lines(0..<20_000, mark: "appended")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(appended))
        try handle.close()
        try Self.readAll(source, into: &read)

        #expect(read == original + appended)
        #expect(try source.finishDigest() == SHA256.hex(of: read))
        #expect(source.bytesOnDisk == read.count)
    }

    /// Bytes near the end overwritten in place while the file is read: the digest is of the bytes read
    /// (the new ones), which are the ones parsed.
    @Test func aFileChangedInPlaceWhileItIsReadGetsTheDigestOfWhatWasRead() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        let original = Self.lines(0..<120_000)
        try Data(original).write(to: URL(fileURLWithPath: path))
        let source = try ByteSource(path: path, fingerprint: true)
        var read: [UInt8] = []
        try Self.readSome(source, 1 << 16, into: &read)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64(original.count - 1000))
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "Z"), count: 999))
        try handle.close()
        try Self.readAll(source, into: &read)

        #expect(read.count == original.count)
        #expect(read.suffix(1000) == [UInt8](repeating: UInt8(ascii: "Z"), count: 999) + [UInt8(ascii: "\n")])
        #expect(try source.finishDigest() == SHA256.hex(of: read))
        #expect(SHA256.hex(of: read) != SHA256.hex(of: original))
    }

    /// `finishDigest()` reads what the caller left unread, so the digest is always of the whole file.
    @Test func finishingTheDigestEarlyReadsTheRest() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        let bytes = Self.lines(0..<50_000)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let source = try ByteSource(path: path, fingerprint: true)
        var read: [UInt8] = []
        try Self.readSome(source, 1000, into: &read)
        #expect(try source.finishDigest() == SHA256.hex(of: bytes))
        #expect(source.bytesOnDisk == bytes.count)
    }

    // MARK: - Compression by extension

    /// An empty file has no magic bytes: only its extension, in any letter case, says it is gzip or ZIP.
    @Test(arguments: [("cur.csv.GZ", "the gzip file is empty"),
                      ("cur.csv.Gz", "the gzip file is empty"),
                      ("cur.csv.Zip", "the ZIP archive is truncated or damaged: expected an end of central directory record at its end, found none")])
    func anEmptyFileIsReadByItsExtensionInAnyCase(name: String, message: String) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + name
        try Data().write(to: URL(fileURLWithPath: path))
        #expect {
            var bytes: [UInt8] = []
            try Self.readAll(try ByteSource(path: path), into: &bytes)
        } throws: { error in
            (error as? InputError)?.description == "\(path): error: \(message)"
        }
    }

    // MARK: - Not a regular file

    static func expectRefused(_ path: String, as kind: String) {
        #expect {
            _ = try ByteSource(path: path)
        } throws: { error in
            (error as? InputError)?.description
                == "\(path): error: it is \(kind), not a regular file: only regular files and standard input (--input -) are read"
        }
    }

    /// A FIFO nobody writes to would block a plain `open`; it is refused at once, given directly or found
    /// in an input folder.
    @Test(.timeLimit(.minutes(1)))
    func aFIFOIsRefusedWithoutWaiting() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/part-2.csv"
        try #require(mkfifo(fifo, 0o600) == 0)
        let started = ContinuousClock.now
        Self.expectRefused(fifo, as: "a FIFO")
        #expect {
            _ = try InputFiles.expand(inputs: [folder], metrics: [])
        } throws: { error in
            (error as? InputError)?.description
                == "\(fifo): error: it is a FIFO, not a regular file: only regular files and standard input (--input -) are read"
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func devicesAndFoldersAreRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.expectRefused("/dev/null", as: "a character device")
        Self.expectRefused(folder, as: "a folder")
    }

    @Test func aMissingFileIsAnError() {
        #expect {
            _ = try ByteSource(path: "/nonexistent/cur.csv")
        } throws: { error in
            (error as? InputError)?.description == "/nonexistent/cur.csv: error: cannot open the file: No such file or directory"
        }
    }

    // MARK: - Standard input, through the built binary

    /// The built `lambda-cost-report` beside this test bundle (`.build/<triple>/debug/`).
    static var builtBinary: String {
        (Bundle.module.bundlePath as NSString).deletingLastPathComponent + "/lambda-cost-report"
    }

    struct Run {
        var status: Int32
        var standardError: String
    }

    /// Runs `report --input <input> …`, with `standardInput` written to its standard input through a pipe.
    static func report(input: String = "-", standardInput: [UInt8] = [], output: String) throws -> Run {
        signal(SIGPIPE, SIG_IGN)  // a child that stops reading early must not kill the test process
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtBinary)
        process.arguments = ["report", "--input", input, "--output", output, "--pricing", RepositoryPaths.pricing,
                             "--templates", RepositoryPaths.templates, "--quiet"]
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(standardInput))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardError: String(decoding: errors, as: UTF8.self))
    }

    static func manifestInputs(_ folder: String) throws -> [[String: Any]] {
        let data = try #require(FileManager.default.contents(atPath: folder + "/2026-10/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(manifest["inputs"] as? [[String: Any]])
    }

    /// A CUR, plain and gzipped, piped to `report --input -`: the same report as from the file (no byte lost to
    /// sniffing), with the digest and size of the bytes piped.
    @Test(.timeLimit(.minutes(3)))
    func standardInputIsStreamed() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.builtBinary), "build the binary first (swift build)")
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let curPath = folder + "/cur.csv"
        let configuration = SampleGenerator.Configuration(functions: 8, days: 3, seed: 5, month: BillingMonth(year: 2026, month: 10)!)
        _ = try SampleGenerator.write(configuration: configuration, curTo: curPath)
        _ = try SampleGenerator.write(configuration: configuration, curTo: curPath + ".gz")

        let fromFileRun = try Self.report(input: curPath, output: folder + "/from-file")
        try #require(fromFileRun.status == 0, "\(fromFileRun.standardError)")
        let fromFile = FileManager.default.contents(atPath: folder + "/from-file/2026-10/functions.csv")
        for path in [curPath, curPath + ".gz"] {
            let bytes = Array(FileManager.default.contents(atPath: path)!)
            let output = folder + "/stdin-" + (path as NSString).lastPathComponent
            let run = try Self.report(standardInput: bytes, output: output)
            #expect(run.status == 0, "\(run.standardError)")
            let inputs = try Self.manifestInputs(output)
            #expect(inputs.count == 1)
            #expect(inputs.first?["path"] as? String == "-")
            #expect(inputs.first?["sha256"] as? String == SHA256.hex(of: bytes))
            #expect(inputs.first?["bytes"] as? Int == bytes.count)
            let functions = FileManager.default.contents(atPath: output + "/2026-10/functions.csv")
            #expect(functions != nil && functions == fromFile)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aZipOnStandardInputIsRefused() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.builtBinary), "build the binary first (swift build)")
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let zip: [UInt8] = [0x50, 0x4b, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)
        let run = try Self.report(standardInput: zip, output: folder + "/out")
        #expect(run.status == 1)
        #expect(run.standardError.contains("-: error: standard input holds a ZIP archive, which cannot be streamed (its central directory is at its end); give the archive's path instead"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/2026-10"))
    }
}
