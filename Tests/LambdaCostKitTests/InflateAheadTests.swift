import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// gzip inflated on a thread of its own (``InflateAhead``): the same bytes in the same order as inflating on the
/// caller's thread, a damaged stream's bytes before its error and then the error, the digest of the compressed
/// bytes, and a source dropped half-read stops its threads.
@Suite struct InflateAheadTests {
    /// Lines of varied length, many chunks of inflated output.
    static let text = Array((0..<200_000).map { "row,\($0),\(String(repeating: "y", count: $0 % 37))\n" }.joined().utf8)

    static func gzip(_ bytes: [UInt8], to path: String) throws {
        let writer = try GzipFileWriter(path: path)
        try bytes.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
    }

    @Test func inflatesToTheSameBytesWithTheCompressedFilesDigest() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv.gz"
        try Self.gzip(Self.text, to: path)
        #expect(Self.text.count > 8 * InflateAhead.chunkBytes)
        let source = try ByteSource(path: path, fingerprint: true)
        var read: [UInt8] = []
        try ByteSourceTests.readAll(source, into: &read)
        #expect(read == Self.text)
        let compressed = try Data(contentsOf: URL(fileURLWithPath: path))
        let digest = SHA256()
        digest.update(compressed)
        #expect(try source.finishDigest() == digest.finalizeHex())
        #expect(source.bytesOnDisk == compressed.count)
    }

    /// A stream cut short: every byte inflated before the cut comes out, then the error, as without the thread.
    @Test func aTruncatedStreamGivesItsBytesThenTheError() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = folder + "/whole.csv.gz"
        try Self.gzip(Self.text, to: whole)
        let compressed = try Data(contentsOf: URL(fileURLWithPath: whole))
        let path = folder + "/cut.csv.gz"
        try compressed.prefix(compressed.count / 2).write(to: URL(fileURLWithPath: path))
        let source = try ByteSource(path: path)
        var read: [UInt8] = []
        #expect(throws: InputError.self) { try ByteSourceTests.readAll(source, into: &read) }
        #expect(read.count > 4 * InflateAhead.chunkBytes)
        #expect(read == Array(Self.text.prefix(read.count)))
        do {
            try ByteSourceTests.readAll(source, into: &read)
            Issue.record("the error is not repeated")
        } catch let error as InputError {
            #expect(error.message == "the gzip stream is truncated (unexpected end of file)")
        }
    }

    /// Sources dropped after one read end their threads (none is left waiting on the other).
    @Test func aSourceDroppedHalfReadStops() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv.gz"
        try Self.gzip(Self.text, to: path)
        for _ in 0..<50 {
            var read: [UInt8] = []
            let source = try ByteSource(path: path, fingerprint: true)
            try ByteSourceTests.readSome(source, 1 << 12, into: &read)
            #expect(read == Array(Self.text.prefix(read.count)))
        }
        // The last source read to the end still works after the others were dropped.
        let source = try ByteSource(path: path, fingerprint: true)
        var read: [UInt8] = []
        try ByteSourceTests.readAll(source, into: &read)
        #expect(read == Self.text)
    }
}
