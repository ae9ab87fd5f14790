import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The README's cron recipe on a legacy CUR prefix as `aws s3 sync s3://example-cur-bucket/cur/ cur/` leaves it after
/// a restatement: two assemblies of October (different line items) and the manifest naming the current one.
@Suite struct SyncedPrefixTests {
    static let period = "20261001-20261101"

    static func gzip(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try GzipFileWriter(path: path)
        try Array(text.utf8).withUnsafeBytes { try writer.write($0) }
        try writer.finish()
    }

    static func manifest(assembly: String) -> String {
        """
        {"assemblyId": "\(assembly)", "bucket": "example-cur-bucket", "compression": "GZIP", "reportName": "lambda-report",
         "reportKeys": ["cur/lambda-report/\(period)/\(assembly)/lambda-report-1.csv.gz"]}
        """
    }

    @Test func theCronRecipeReadsTheCurrentAssemblyOfASyncedPrefix() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cur = try String(contentsOfFile: EndToEndTests.fixture + "/cur-2026-10.csv", encoding: .utf8)
        let periodFolder = "\(folder)/cur/lambda-report/\(Self.period)"
        // The earlier delivery: other line item IDs and a higher cost on every row it changes.
        let old = "\(periodFolder)/old-asm/lambda-report-1.csv.gz"
        try Self.gzip(cur.replacingOccurrences(of: "\nid0", with: "\nold0"), to: old)
        let current = "\(periodFolder)/new-asm/lambda-report-1.csv.gz"
        try Self.gzip(cur, to: current)
        try Self.manifest(assembly: "new-asm").write(toFile: "\(periodFolder)/lambda-report-Manifest.json", atomically: false, encoding: .utf8)
        try Self.manifest(assembly: "new-asm").write(toFile: "\(periodFolder)/new-asm/lambda-report-Manifest.json", atomically: false, encoding: .utf8)
        try Self.manifest(assembly: "old-asm").write(toFile: "\(periodFolder)/old-asm/lambda-report-Manifest.json", atomically: false, encoding: .utf8)

        let run = CommandRun.run([
            "report", "--input", folder + "/cur", "--metrics", EndToEndTests.fixture + "/metrics-2026-10.csv",
            "--output", folder + "/output", "--templates", TestPaths.templates, "--pricing", TestPaths.pricing, "--quiet",
            "--summary-json", folder + "/output/last-run.json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == current + ":26:246: error: expected a decimal number in 'lineItem/UnblendedCost', found \"1,0\"\n")
        let data = try #require(FileManager.default.contents(atPath: folder + "/output/2026-10/manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        #expect(manifest.inputs.map(\.path) == [current])
        // The same totals as the fixture read by itself (EndToEndTests.totalsReconcileToHandCheckedValues).
        #expect(manifest.totals.inputUnblendedUSD.description == "11.6265562")
        #expect(manifest.rows.read == 22)
        #expect(manifest.skipped.map(\.path) == [
            "\(periodFolder)/lambda-report-Manifest.json",
            "\(periodFolder)/new-asm/lambda-report-Manifest.json",
            old,
            "\(periodFolder)/old-asm/lambda-report-Manifest.json",
        ])
        #expect(manifest.skipped.first { $0.path == old }?.reason == "superseded by assembly new-asm named in \(periodFolder)/lambda-report-Manifest.json")

        // Without the manifest the run cannot tell which assembly is current, and says so.
        try FileManager.default.removeItem(atPath: "\(periodFolder)/lambda-report-Manifest.json")
        let ambiguous = CommandRun.run([
            "report", "--input", folder + "/cur", "--output", folder + "/output", "--templates", TestPaths.templates,
            "--pricing", TestPaths.pricing, "--quiet",
        ])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.hasPrefix("\(periodFolder): error: holds 2 delivery folders (new-asm, old-asm) and no manifest naming the current one"))
    }
}
