import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// Which files under an input folder are read, skipped or refused, on AWS's delivery layouts built at run time
/// (docs/inputs.md). `Fixtures/deliveries/ha-project-CUR-daily-1-Manifest.json` is a real Data Exports manifest
/// (Ola-raji/aws-cur-finops-analysis-SQL-, commit 133ef98, MIT).
@Suite struct InputDiscoveryTests {
    static let period = "20261001-20261101"

    /// A legacy CUR manifest with AWS's fields (the ones not read included).
    static func legacyManifest(assembly: String, keys: [String]) -> String {
        let quoted = keys.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"assemblyId": "\(assembly)", "account": "004519876321", "columns": [{"category": "identity", "name": "LineItemId"}],
             "charset": "UTF-8", "compression": "GZIP", "contentType": "text/csv", "reportId": "abc", "reportName": "lambda-report",
             "billingPeriod": {"start": "20261001T000000.000Z", "end": "20261101T000000.000Z"}, "bucket": "example-cur-bucket",
             "reportKeys": [\(quoted)], "additionalArtifactKeys": []}
            """
    }

    static func write(_ text: String, _ relativePath: String, in folder: String) -> String {
        DeliveryTests.write(text, relativePath, in: folder)
    }

    static func write(bytes: [UInt8], _ relativePath: String, in folder: String) -> String {
        let path = folder + "/" + relativePath
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func fixtureText(_ name: String) -> String { try! String(contentsOfFile: fixturePath(name), encoding: .utf8) }

    static func ingest(_ files: InputFiles) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: files.cur, metricsFiles: files.metrics)
        input.aggregateFiles = files.aggregate
        input.skippedFiles = files.skipped
        return try IngestStage().run(input)
    }

    static func reasons(_ files: InputFiles, under folder: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.skipped.map { (String($0.path.dropFirst(folder.count + 1)), $0.reason) })
    }

    // MARK: - Legacy CUR

    @Test func aLegacyPrefixWithTwoAssembliesReadsExactlyTheManifestsAssembly() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let period = "cur/lambda-report/\(Self.period)"
        // As `aws s3 sync s3://example-cur-bucket/cur/ cur/` leaves it: an older assembly with other line items.
        let old = Self.write(DeliveryTests.header + DeliveryTests.rows(0...99), "\(period)/old-asm/lambda-report-1.csv", in: root)
        let first = Self.write(DeliveryTests.header + DeliveryTests.rows(100...199), "\(period)/new-asm/lambda-report-1.csv", in: root)
        let second = Self.write(DeliveryTests.header + DeliveryTests.rows(200...249, cost: "0.25"), "\(period)/new-asm/lambda-report-2.csv", in: root)
        let keys = ["cur/lambda-report/\(Self.period)/new-asm/lambda-report-1.csv", "cur/lambda-report/\(Self.period)/new-asm/lambda-report-2.csv"]
        // A file in the current assembly's folder that the manifest does not name is left out too.
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(300...309), "\(period)/new-asm/lambda-report-1 (copy).csv", in: root)
        let manifest = Self.write(Self.legacyManifest(assembly: "new-asm", keys: keys), "\(period)/lambda-report-Manifest.json", in: root)
        _ = Self.write(Self.legacyManifest(assembly: "new-asm", keys: keys), "\(period)/new-asm/lambda-report-Manifest.json", in: root)
        _ = Self.write(Self.legacyManifest(assembly: "old-asm", keys: ["cur/lambda-report/\(Self.period)/old-asm/lambda-report-1.csv"]),
                       "\(period)/old-asm/lambda-report-Manifest.json", in: root)

        let files = try InputFiles.expand(inputs: [root + "/cur"], metrics: [])
        #expect(files.cur == [first, second])
        #expect(Self.reasons(files, under: root + "/cur") == [
            "lambda-report/\(Self.period)/lambda-report-Manifest.json": "the delivery manifest of assembly new-asm; the 2 files it names are read",
            "lambda-report/\(Self.period)/new-asm/lambda-report-1 (copy).csv": "superseded: not among the files named in \(manifest) (assembly new-asm)",
            "lambda-report/\(Self.period)/new-asm/lambda-report-Manifest.json": "a copy of the delivery manifest in the folder of assembly new-asm",
            "lambda-report/\(Self.period)/old-asm/lambda-report-1.csv": "superseded by assembly new-asm named in \(manifest)",
            "lambda-report/\(Self.period)/old-asm/lambda-report-Manifest.json": "a copy of the delivery manifest in the folder of assembly old-asm",
        ])
        #expect(files.skipped.map(\.path) == files.skipped.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        // One note for the whole delivery, not one line per skipped file.
        #expect(files.diagnostics.map(\.description) == [
            "lambda-cost-report: note: \(manifest): reading 2 files of assembly new-asm; skipping 1 superseded file (old-asm); skipping 1 file beside them that it does not name; skipping 2 copies of the manifest (every skipped file is listed in manifest.json)",
        ])
        // Read together, the two assemblies would count the month twice (and are refused); the manifest's are not.
        #expect(throws: InputError.self) { try IngestStage().run(.init(curFiles: [old, first, second])) }
        let result = try Self.ingest(files)
        #expect(result.rows.lambda == 150)
        #expect(result.totals.lambda == FixedDecimal(625, fractionDigits: 1))  // 100 × 0.5 + 50 × 0.25
        #expect(result.skippedFiles == files.skipped)
    }

    @Test func theOverwriteLayoutReadsTheManifestsKeysBesideIt() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let part = Self.write(DeliveryTests.header + DeliveryTests.rows(0...9), "\(Self.period)/lambda-report-1.csv", in: root)
        // A part of an earlier, larger delivery that `aws s3 sync` (without --delete) left behind.
        let stale = Self.write(DeliveryTests.header + DeliveryTests.rows(10...19), "\(Self.period)/lambda-report-2.csv", in: root)
        let manifest = Self.write(Self.legacyManifest(assembly: "a1", keys: ["reports/lambda-report/\(Self.period)/lambda-report-1.csv"]),
                                  "\(Self.period)/lambda-report-Manifest.json", in: root)
        let files = try InputFiles.expand(inputs: [root], metrics: [])
        #expect(files.cur == [part])
        #expect(files.skipped.first { $0.path == stale }?.reason == "superseded: not among the files named in \(manifest) (assembly a1)")
        #expect(try Self.ingest(files).rows.lambda == 10)
    }

    @Test func aManifestNamingAMissingFileIsAnError() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(0...9), "\(Self.period)/asm-2/lambda-report-1.csv", in: root)
        let key = "cur/lambda-report/\(Self.period)/asm-2/lambda-report-2.csv"
        let manifest = Self.write(
            Self.legacyManifest(assembly: "asm-2", keys: ["cur/lambda-report/\(Self.period)/asm-2/lambda-report-1.csv", key]),
            "\(Self.period)/lambda-report-Manifest.json", in: root)
        let error = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(error.path == manifest)
        #expect(error.message == "names \(key), but its copy \(root)/\(Self.period)/asm-2/lambda-report-2.csv is not there (sync the whole delivery)")
    }

    @Test func twoAssembliesWithoutAManifestAreAnError() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(0...9), "\(Self.period)/asm-a/lambda-report-1.csv", in: root)
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(10...19), "\(Self.period)/asm-b/lambda-report-1.csv", in: root)
        let error = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(error.path == "\(root)/\(Self.period)")
        #expect(error.message.hasPrefix("holds 2 delivery folders (asm-a, asm-b) and no manifest naming the current one (\(root)/\(Self.period)/lambda-report-Manifest.json is missing)"))
        // One assembly alone needs no manifest.
        try FileManager.default.removeItem(atPath: "\(root)/\(Self.period)/asm-b")
        #expect(try InputFiles.expand(inputs: [root], metrics: []).cur == ["\(root)/\(Self.period)/asm-a/lambda-report-1.csv"])
    }

    @Test func overwriteLayoutPartsBesideAnAssemblyFolderWithoutAManifestAreAnError() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(0...9), "\(Self.period)/lambda-report-1.csv", in: root)
        _ = Self.write(DeliveryTests.header + DeliveryTests.rows(10...19), "\(Self.period)/asm-b/lambda-report-1.csv", in: root)
        let error = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(error.path == "\(root)/\(Self.period)")
        #expect(error.message.hasPrefix("holds 2 delivery folders (asm-b, its own files) and no manifest naming the current one"))
        // The overwrite layout alone needs no manifest.
        try FileManager.default.removeItem(atPath: "\(root)/\(Self.period)/asm-b")
        #expect(try InputFiles.expand(inputs: [root], metrics: []).cur == ["\(root)/\(Self.period)/lambda-report-1.csv"])
    }

    @Test func aMalformedOrHugeManifestIsAnErrorNamingIt() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manifest = Self.write("{\"assemblyId\": \"a\", \"reportKeys\": [", "\(Self.period)/lambda-report-Manifest.json", in: root)
        let error = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(error.description == "\(manifest): error: the delivery manifest is not valid JSON")
        // 65 MiB without writing them: a sparse file.
        let handle = try #require(FileHandle(forWritingAtPath: manifest))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        let huge = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(huge.message == "the delivery manifest is \(65 << 20) bytes, more than the 64 MiB a manifest can be")
    }

    // MARK: - Data Exports

    @Test func aDataExportsPrefixWithTwoExecutionsReadsExactlyTheManifestsFiles() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Synced from s3://ha-s3-bucket-1/CUR-daily-1.0/, the real manifest's prefix.
        let export = "CUR-daily-1.0/ha-project-CUR-daily-1"
        let manifest = "\(root)/\(export)/metadata/BILLING_PERIOD=2026-04/ha-project-CUR-daily-1-Manifest.json"
        try FileManager.default.createDirectory(atPath: (manifest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixturePath("deliveries/ha-project-CUR-daily-1-Manifest.json"), toPath: manifest)
        let execution = "2026-04-16T15:24:15.653Z-04e9e487-79a7-42b1-a680-1de7c660dc8f"
        let current = Self.write(bytes: HostileInputTests.gzip(Array(Self.fixtureText("cur/spelling-cur2.csv").utf8)),
                                 "\(export)/data/BILLING_PERIOD=2026-04/\(execution)/ha-project-CUR-daily-1-00001.csv.gz", in: root)
        let older = Self.write(bytes: HostileInputTests.gzip(Array(Self.fixtureText("cur/spelling-athena.csv").utf8)),
                               "\(export)/data/BILLING_PERIOD=2026-04/2026-04-15T15:24:15.100Z-0b9d3c1e/ha-project-CUR-daily-1-00001.csv.gz", in: root)
        let files = try InputFiles.expand(inputs: [root + "/CUR-daily-1.0"], metrics: [])
        #expect(files.cur == [current])
        #expect(files.skipped == [
            SkippedFile(path: older, reason: "superseded by execution 04e9e487-79a7-42b1-a680-1de7c660dc8f named in \(manifest)"),
            SkippedFile(path: manifest, reason: "the delivery manifest of execution 04e9e487-79a7-42b1-a680-1de7c660dc8f; the file it names is read"),
        ])
        #expect(files.diagnostics.count == 1)
        #expect(files.diagnostics.first?.severity == .note)

        // Without the manifest, two executions cannot be told apart.
        try FileManager.default.removeItem(atPath: manifest)
        let error = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root + "/CUR-daily-1.0"], metrics: []) }
        #expect(error.path == "\(root)/\(export)/data/BILLING_PERIOD=2026-04")
        #expect(error.message.contains("and no manifest naming the current one (\(root)/\(export)/metadata/BILLING_PERIOD=2026-04/<export>-Manifest.json is missing)"))
    }

    @Test func theDataExportsOverwriteLayoutReadsTheManifestsFiles() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = "exports/lambda-cur2/data/BILLING_PERIOD=2026-10"
        let part = Self.write(Self.fixtureText("cur/spelling-cur2.csv"), "\(data)/lambda-cur2-00001.csv", in: root)
        let stale = Self.write(Self.fixtureText("cur/spelling-cur2.csv"), "\(data)/lambda-cur2-00002.csv", in: root)
        let manifest = Self.write("""
            {"executionId": "e-2", "exportArn": "arn:aws:bcm-data-exports:us-east-1:004519876321:export/lambda-cur2",
             "dataFiles": ["s3://bucket/exports/lambda-cur2/\(data.dropFirst("exports/lambda-cur2/".count))/lambda-cur2-00001.csv"]}
            """, "exports/lambda-cur2/metadata/BILLING_PERIOD=2026-10/lambda-cur2-Manifest.json", in: root)
        let files = try InputFiles.expand(inputs: [root + "/exports"], metrics: [])
        #expect(files.cur == [part])
        #expect(files.skipped.first { $0.path == stale }?.reason == "superseded: not among the files named in \(manifest) (execution e-2)")
    }

    // MARK: - Files one by one

    @Test func artifactsAndFilesThatCannotHoldBillingDataAreSkippedWithTheirReasons() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cur = Self.write(Self.fixtureText("cur/reconcile.csv"), "cur.csv", in: root)
        _ = Self.write("# notes\n", "notes.md", in: root)
        _ = Self.write("", ".DS_Store", in: root)
        _ = Self.write("a,b\n", ".sync/partial.csv", in: root)
        _ = Self.write("Resources: {}\n", "athena/crawler-cfn.yml", in: root)
        _ = Self.write(bytes: Array("PAR1".utf8) + [1, 2, 3] + Array("PAR1".utf8),
                       "athena/cost_and_usage_data_status/cost_and_usage_data_status.parquet", in: root)
        _ = Self.write("{\"exit_status\": 0}\n", "last-run.json", in: root)
        _ = Self.write("", "_SUCCESS", in: root)
        let files = try InputFiles.expand(inputs: [root], metrics: [])
        #expect(files.cur == [cur])
        #expect(Self.reasons(files, under: root) == [
            ".DS_Store": "a hidden file",
            ".sync": "a hidden folder (not searched)",
            "_SUCCESS": "an empty file with no known extension",
            "athena/cost_and_usage_data_status/cost_and_usage_data_status.parquet":
                "the Athena integration's cost_and_usage_data_status file (READY or UPDATING), not billing data",
            "athena/crawler-cfn.yml": "the Athena integration's AWS Glue crawler template, not billing data",
            "last-run.json": "a JSON file that is not a delivery manifest cannot hold billing data",
            "notes.md": "a .md file cannot hold billing data",
        ])
        #expect(files.diagnostics.map(\.description).contains("lambda-cost-report: warning: \(root)/notes.md: skipped (a .md file cannot hold billing data)"))
        #expect(files.diagnostics.count == 7 && files.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func parquetIsReadWithOrWithoutAnExtension() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cur = Self.write(Self.fixtureText("cur/reconcile.csv"), "cur.csv", in: root)
        // Athena writes its result files without an extension; the Athena integration as .snappy.parquet. Both are
        // told by their magic bytes PAR1.
        let result = Self.write(bytes: Array("PAR1".utf8) + Array(repeating: 7, count: 100) + Array("PAR1".utf8),
                                "results/20221011_211731_00058_ff5sr_dc8883cc-c8fd-49e7-acd1-8d08867e157d", in: root)
        let part = Self.write(bytes: Array("PAR1".utf8) + [0, 0], "lambda-report/year=2026/month=10/lambda-report-00001.snappy.parquet", in: root)
        #expect(try InputFiles.expand(inputs: [root], metrics: []).cur == [cur, part, result])
        // A .parquet file that is not Parquet is refused by name, in a folder or given directly.
        let damaged = Self.write(bytes: Array("PAR0 not really".utf8), "lambda-report/year=2026/month=10/lambda-report-00002.snappy.parquet", in: root)
        let refused = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(refused.path == damaged && refused.message.hasPrefix("a .parquet file that is not Parquet"))
        let direct = try #require(throws: InputError.self) { try InputFiles.expand(inputs: [damaged], metrics: []) }
        #expect(direct.description.hasPrefix("\(damaged): error: a .parquet file that is not Parquet"))
    }

    @Test func aFOCUSPartIsReadAndItsMissingColumnsNamed() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cur = Self.write(Self.fixtureText("cur/reconcile.csv"), "cur.csv", in: root)
        let focus = Self.write(
            "BilledCost,BillingAccountId,ChargePeriodStart,ChargePeriodEnd,ServiceName,x_UsageType\n"
                + "0.2,004519876321,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,AWS Lambda,Request\n",
            "focus/data/BILLING_PERIOD=2026-10/focus-00001.csv", in: root)
        let files = try InputFiles.expand(inputs: [root], metrics: [])
        #expect(files.cur == [cur, focus])
        let error = try #require(throws: IngestError.self) { try IngestStage().run(IngestStage.Input(curFiles: [focus])) }
        #expect(error.description == "\(focus):1:1: error: a FOCUS header without the columns 'ChargeCategory', 'SubAccountId', "
            + "'x_ServiceCode', 'ConsumedQuantity' (FOCUS 1.0 or 1.2 with AWS columns is read)")
    }

    @Test func unknownBinariesAndTextThatIsNotCSVAreRefused() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binary = Self.write(bytes: [0x00, 0x01, 0xFE, 0xFF, 0x00], "export.bin", in: root)
        let text = Self.write("just some words\n", "NOTES", in: root)
        let refusals = try #require(throws: InputRefusals.self) { try InputFiles.expand(inputs: [root], metrics: []) }
        #expect(refusals.errors.map(\.path) == [text, binary].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(refusals.errors.first { $0.path == binary }?.message.hasPrefix("an unknown format (not CSV, gzip, ZIP or Parquet)") == true)
        #expect(refusals.errors.first { $0.path == text }?.message.hasPrefix("text that is not CSV, with an unknown extension") == true)
    }

    @Test func extensionsAreMatchedInAnyCaseAndContentWithout() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = Self.fixtureText("cur/spelling-legacy.csv")
        let upper = Self.write(text, "b.CSV", in: root)
        // (Not spelling-athena.csv: it bills the records of spelling-legacy.csv, and would be refused as a copy.)
        let gzipped = Self.write(bytes: HostileInputTests.gzip(Array(Self.fixtureText("cur/charges.csv").utf8)), "a.csv.GZ", in: root)
        let capital = Self.write(Self.fixtureText("cur/identity.csv"), "B.csv", in: root)
        // An Athena query result in CSV: no extension, CSV text.
        let bare = Self.write(Self.fixtureText("cur/reconcile.csv"), "20221011_211731_00058_ff5sr_1ded6019", in: root)
        let files = try InputFiles.expand(inputs: [root], metrics: [])
        // Byte order: "2" < "B" < "a" < "b".
        #expect(files.cur == [bare, capital, gzipped, upper])
        #expect(files.skipped.isEmpty)
        let result = try Self.ingest(files)
        #expect(result.inputs.map(\.path) == files.cur)
        #expect(result.inputs.allSatisfy { $0.rows > 0 })
    }

    @Test func aFIFOInAFolderIsRefusedWithoutBeingOpened() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = Self.write(Self.fixtureText("cur/reconcile.csv"), "cur.csv", in: root)
        let fifo = root + "/stream.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening the FIFO would wait for a writer forever: run on another thread and give up after 10 s.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do { _ = try InputFiles.expand(inputs: [root], metrics: []) } catch { outcome.set("\(error)") }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success, "the walk waited on the FIFO")
        #expect(outcome.value == "\(fifo): error: it is a FIFO, not a regular file: only regular files and standard input (--input -) are read")
    }

    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?
        func set(_ value: String) {
            lock.lock()
            text = value
            lock.unlock()
        }
        var value: String? {
            lock.lock()
            defer { lock.unlock() }
            return text
        }
    }

    @Test func theOutputFolderInsideTheInputFolderIsNotReadBack() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cur = Self.write(Self.fixtureText("cur/reconcile.csv"), "cur.csv", in: root)
        _ = Self.write("account_id,region,function_name,architecture\n", "out/2026-10/functions.csv", in: root)
        // The output folder written another way ("./", a trailing slash) is the same folder.
        let files = try InputFiles.expand(inputs: [root], metrics: [], outputDirectory: root + "/./out/")
        #expect(files.cur == [cur])
        #expect(files.metrics.isEmpty)
        #expect(files.skipped == [SkippedFile(path: root + "/out", reason: "the report's output folder")])
    }

    @Test func standardInputIsPassedThroughUnread() throws {
        let files = try InputFiles.expand(inputs: ["-", "/dev/stdin"], metrics: [])
        #expect(files.cur == ["-", "/dev/stdin"])
    }

    @Test func aCURWhoseHeaderAlsoHasTheMetricsColumnsIsACUR() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lines = Self.fixtureText("cur/identity.csv").split(separator: "\n")
        let widened = ([lines[0] + ",account_id,region,function_name"] + lines.dropFirst().map { $0 + ",111122223333,us-east-1,checkout-api" })
            .joined(separator: "\n") + "\n"
        let cur = Self.write(widened, "cur.csv", in: root)
        let metrics = Self.write("account_id,region,function_name,architecture\n111122223333,us-east-1,checkout-api,x86_64\n", "metrics.csv", in: root)
        let files = try InputFiles.expand(inputs: [root], metrics: [])
        #expect(files.cur == [cur])
        #expect(files.metrics == [metrics])
        let result = try IngestStage().run(.init(curFiles: files.cur))
        #expect(result.rows.read == lines.count - 1)
        #expect(result.totals.input > .zero)
    }

    // MARK: - manifest.json

    @Test func theSkippedFilesReachManifestJSONAndTheOutputFolderIsNotReadBack() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = Self.write(Self.fixtureText("cur/spelling-legacy.csv"), "in/cur.csv", in: root)
        _ = Self.write("# how this folder is synced\n", "in/README.md", in: root)
        let options = ReportPipeline.Options(
            inputs: [root + "/in"], pricingDirectory: RepositoryPaths.pricing, outputDirectory: root + "/in/out",
            templatesDirectory: RepositoryPaths.templates)
        func manifest() throws -> Manifest {
            let outcome = try ReportPipeline(options: options).run()
            let data = try #require(FileManager.default.contents(atPath: outcome.folder + "/manifest.json"))
            let decoded = try JSONDecoder().decode(Manifest.self, from: data)
            #expect(decoded == outcome.manifest)
            #expect(outcome.diagnostics.contains { $0.message == "\(root)/in/README.md: skipped (a .md file cannot hold billing data)" })
            return decoded
        }
        let first = try manifest()
        #expect(first.skipped == [SkippedFile(path: root + "/in/README.md", reason: "a .md file cannot hold billing data")])
        // The second run finds the first one's report inside its input folder and leaves it alone.
        let second = try manifest()
        #expect(second.skipped == [
            SkippedFile(path: root + "/in/README.md", reason: "a .md file cannot hold billing data"),
            SkippedFile(path: root + "/in/out", reason: "the report's output folder"),
        ])
        #expect(second.inputs == first.inputs)
        #expect(second.rows == first.rows)
        let text = try String(contentsOfFile: root + "/in/out/" + second.month.description + "/manifest.json", encoding: .utf8)
        #expect(text.contains("\"skipped\" : ["))
    }
}
