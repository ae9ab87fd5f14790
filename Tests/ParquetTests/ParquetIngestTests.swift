import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import Parquet

/// The Parquet reader as the report meets it: through the ingest, an unreadable Parquet input stops the run with
/// `file: error:` naming the row group and column, or the columns the schema lacks.
@Suite struct ParquetIngestTests {
    static let october2022 = BillingMonth(year: 2022, month: 10)!

    /// A copy of the largest committed Athena file with `change` applied to its bytes.
    static func damagedAthenaFile(_ change: (ParquetFile, inout [UInt8]) throws -> Void) throws -> String {
        let source = try #require(ParquetTestSupport.athenaFiles.last)
        let file = try ParquetFile(path: source)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        try change(file, &bytes)
        let path = ParquetTestSupport.temporaryFolder() + "/damaged-part"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func ingest(_ path: String) throws -> IngestResult {
        try IngestStage().run(IngestStage.Input(curFiles: [path], month: october2022))
    }

    @Test func theCommittedAthenaFilesAreReadLikeTheirCSVRows() throws {
        // The three files hold 153 + 4 + 1,314 of the sample's rows; every one is read and placed.
        let result = try IngestStage().run(IngestStage.Input(curFiles: ParquetTestSupport.athenaFiles, month: Self.october2022))
        #expect(result.rows.read == 1_471)
        #expect(result.rows.rejected == 0)
        #expect(result.totals.reconciles)
        #expect(result.inputs.map(\.spelling) == [.athena, .athena, .athena])
        #expect(result.inputs.map(\.rows) == [153, 4, 1_314])
    }

    @Test func aCorruptPageOfAColumnTheReportReadsNamesItsRowGroupAndColumn() throws {
        let path = try Self.damagedAthenaFile { file, bytes in
            let column = try #require(file.columnIndex("line_item_unblended_cost"))
            let (start, count) = file.metadata.rowGroups[0].columns[column].byteRange
            // Past the page header: the snappy-compressed values.
            for offset in (Int(start) + Int(count) / 2)..<(Int(start) + Int(count)) { bytes[offset] = 0xFF }
        }
        #expect {
            try Self.ingest(path)
        } throws: { error in
            String(describing: error).hasPrefix("\(path): error: Parquet: row group 0, column 'line_item_unblended_cost': ")
        }
    }

    @Test func aCorruptPageOfAColumnTheReportDoesNotReadIsNeverTouched() throws {
        let path = try Self.damagedAthenaFile { file, bytes in
            let column = try #require(file.columnIndex("product_sku"))
            let (start, count) = file.metadata.rowGroups[0].columns[column].byteRange
            for offset in Int(start)..<(Int(start) + Int(count)) { bytes[offset] = 0xFF }
        }
        let result = try Self.ingest(path)
        #expect(result.rows.read == 1_314 && result.rows.rejected == 0)
    }

    @Test func aTruncatedFooterIsAnErrorNamingTheFile() throws {
        let path = try Self.damagedAthenaFile { _, bytes in
            // The footer length still says what it said, but the file lost bytes before it.
            let tail = Array(bytes.suffix(8))
            bytes.removeLast(200)
            bytes.replaceSubrange((bytes.count - 8)..., with: tail)
        }
        #expect {
            try Self.ingest(path)
        } throws: { error in
            String(describing: error).hasPrefix("\(path): error: Parquet: a corrupt or truncated footer")
        }
    }

    @Test(.enabled(if: Pyarrow.testsRun)) func aSchemaWithoutTheColumnsTheReportNeedsIsAnError() throws {
        let path = try GeneratedFileTests.folder() + "/all-snappy-v1.parquet"
        #expect {
            try Self.ingest(path)
        } throws: { error in
            String(describing: error).hasPrefix("\(path): error: the Parquet schema: not a Cost and Usage Report header: missing columns 'line_item_line_item_type'")
        }
    }

    @Test(.enabled(if: Pyarrow.testsRun)) func aCodecTheReaderRefusesIsAnErrorNamingTheColumn() throws {
        // A small CUR as Athena-integration Parquet, rewritten with LZ4 pages.
        let folder = ParquetTestSupport.temporaryFolder()
        let cur = RepositoryPaths.root + "/Tests/LambdaCostKitTests/Fixtures/focus/cur-twin.csv"
        let snappy = folder + "/cur.snappy.parquet", lz4 = folder + "/cur.lz4.parquet"
        let converted = try Pyarrow.run(["python3", RepositoryPaths.root + "/scripts/cur-to-parquet", "--layout", "athena", cur, snappy])
        try #require(converted.status == 0, "\(converted.output)")
        let rewritten = try Pyarrow.run(["python3", "-c",
            "import sys, pyarrow.parquet as pq; pq.write_table(pq.read_table(sys.argv[1]), sys.argv[2], compression='lz4')", snappy, lz4])
        try #require(rewritten.status == 0, "\(rewritten.output)")
        #expect(try IngestStage().run(IngestStage.Input(curFiles: [snappy], month: BillingMonth(year: 2026, month: 10)!)).rows.read == 11)
        #expect {
            try IngestStage().run(IngestStage.Input(curFiles: [lz4], month: BillingMonth(year: 2026, month: 10)!))
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("\(lz4): error: Parquet: row group 0, column '") && text.contains("LZ4")
        }
    }
}
