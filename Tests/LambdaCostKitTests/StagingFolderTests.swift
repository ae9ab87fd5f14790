import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The staging folder the render stage writes into as it renders (issue 16 item 1): writes from several threads
/// at once, each recorded once for the manifest; a path written twice is refused; closing without a commit
/// removes the folder and releases the month's lock.
@Suite struct StagingFolderTests {
    static let month = BillingMonth(year: 2026, month: 10)!

    @Test func writesFromSeveralThreadsLandWithTheirDigests() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try StagingFolder(outputDirectory: folder, month: Self.month)
        defer { staging.close() }
        // 400 files in 8 subfolders, written by every core at once: each subfolder is made once, before any file in it.
        let files = (0..<400).map { index in
            RenderedFile(path: "part-\(index % 8)/deep/file-\(index).html", contents: Array("file \(index)\n".utf8))
        }
        try ParallelWork.forEach(files.count) { try staging.write(files[$0]) }
        let outputs = staging.outputs
        #expect(outputs.map(\.path) == files.map(\.path).sorted())
        for file in files {
            let onDisk = try #require(FileManager.default.contents(atPath: "\(staging.path)/\(file.path)"))
            #expect(Array(onDisk) == file.contents)
            let entry = try #require(outputs.first { $0.path == file.path })
            #expect(entry.sha256 == SHA256.hex(of: file.contents) && entry.bytes == file.contents.count)
        }
    }

    @Test func aPathWrittenTwiceIsAnErrorAndClosingRemovesTheFolder() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try StagingFolder(outputDirectory: folder, month: Self.month)
        try staging.write(RenderedFile(path: "index.html", contents: [0x41]))
        #expect(throws: InputError.self) { try staging.write(RenderedFile(path: "index.html", contents: [0x42])) }
        #expect(FileManager.default.fileExists(atPath: staging.path))
        #expect(FileManager.default.fileExists(atPath: folder + "/.2026-10.lock"))
        staging.close()
        staging.close()  // twice is harmless
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.2026-10.lock"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/2026-10"))
        // The month is free again.
        let next = try StagingFolder(outputDirectory: folder, month: Self.month)
        next.close()
    }

    /// A file written a chunk at a time (a fleet's CSV files) lands whole, with the digest and size of all its
    /// chunks; its path is claimed like any other, and a failing producer's error comes out.
    @Test func aFileWrittenInChunksLandsWithItsDigest() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let staging = try StagingFolder(outputDirectory: folder, month: Self.month)
        defer { staging.close() }
        let chunks = (0..<50).map { index in Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: 1_000 + index * 37) }
        let whole = chunks.flatMap { $0 }
        try staging.write(path: "lists/big.csv") { emit in for chunk in chunks { try emit(chunk) } }
        try staging.write(path: "empty.md") { _ in }
        #expect(Array(try #require(FileManager.default.contents(atPath: "\(staging.path)/lists/big.csv"))) == whole)
        #expect(staging.outputs == [
            Manifest.OutputFile(path: "empty.md", digest: SHA256.digest(of: [UInt8]()), bytes: 0),
            Manifest.OutputFile(path: "lists/big.csv", digest: SHA256.digest(of: whole), bytes: whole.count),
        ])
        #expect(throws: InputError.self) { try staging.write(path: "lists/big.csv") { emit in try emit([1]) } }
        struct Stop: Error {}
        #expect(throws: Stop.self) { try staging.write(path: "stopped.csv") { emit in try emit([1]); throw Stop() } }
        #expect(!staging.outputs.contains { $0.path == "stopped.csv" })
    }

    /// The render stage hands each file to the sink as it is rendered and keeps none itself; two outputs of one
    /// path are refused by name.
    @Test func theRenderStageStreamsIntoItsSink() throws {
        let report = try OutputSecurityTests.report()
        let sink = RenderedFileCollector()
        let output = try RenderStage().run(RenderStage.Input(report: report, templatesDirectory: RepositoryPaths.templates, sink: sink))
        #expect(output.files.isEmpty)
        let paths = sink.files.map(\.path)
        #expect(paths.contains("index.html") && paths.contains("functions.csv") && paths.contains(ReportWorkbook.fileName))
        #expect(paths.filter { $0.hasPrefix("functions/") && !$0.hasPrefix("functions/index") }.count == report.functions.count)
        #expect(Set(paths).count == paths.count)
        // Without a sink the same files come back in the output, sorted.
        let kept = try RenderStage().run(RenderStage.Input(report: report, templatesDirectory: RepositoryPaths.templates))
        #expect(kept.files == sink.files)
    }
}
