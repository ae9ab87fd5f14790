import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit
@testable import Parquet

/// Parquet files an operator could be handed that once trapped or ran away: each is refused with an error naming the
/// file and the place, and the same month given as CSV and as Parquet is one copy, not two.
@Suite struct HostileParquetTests {
    static let hostile = ParquetTestSupport.fixtures + "/hostile"
    static let october = BillingMonth(year: 2026, month: 10)!

    static func ingest(_ paths: [String]) throws -> IngestResult {
        try IngestStage().run(IngestStage.Input(curFiles: paths, month: october))
    }

    @Test func rowGroupsWithNegativeRowCountsAreRefused() throws {
        let path = Self.hostile + "/negrows.parquet"
        #expect {
            try Self.ingest([path])
        } throws: { error in
            "\(error)" == "\(path): error: Parquet: row group 0: a row group of -9223372036854775808 rows"
        }
    }

    /// Found by the parquet_reader fuzz target (its seed `empty`): pyarrow writes a file of no rows with one row group
    /// whose chunks hold only a dictionary page, with a data page offset of 0; it was refused as a chunk outside the
    /// data.
    @Test func aFileOfNoRowsThatPyarrowWroteReads() throws {
        let file = try ParquetFile(path: ParquetTestSupport.fixtures + "/pyarrow/zero-rows.parquet")
        #expect(file.metadata.numberOfRows == 0)
        #expect(file.metadata.rowGroups.count == 1)
        #expect(file.columns.count == 7)
        for column in file.columns.indices {
            let read = try file.read(rowGroup: 0, column: column)
            #expect(read.entryCount == 0 && read.values.count == 0)
            #expect(try file.readText(rowGroup: 0, column: column).count == 0)
        }
    }

    @Test func aDecimalScaleBeyond38IsRefusedBeforeAnythingIsPrinted() throws {
        let path = Self.hostile + "/bigscale.parquet"
        #expect {
            try Self.ingest([path])
        } throws: { error in
            "\(error)" == "\(path): error: Parquet: row group 0, column 'BilledCost': a DECIMAL of scale 200000000 (0 to 38 expected)"
        }
    }

    @Test func aNegativeDecimalScaleIsRefused() throws {
        var element = ParquetSchemaElement(name: "amount")
        element.type = .int64
        element.logicalType = .decimal(scale: -5, precision: 18)
        let column = ParquetColumn(descriptor: ParquetColumnDescriptor(path: ["amount"], element: element, maximumDefinitionLevel: 0,
            maximumRepetitionLevel: 0), values: .int64([1]), definitionLevels: [], repetitionLevels: [], entryCount: 1)
        #expect(throws: ParquetErrorMessage.self) { try ParquetTextColumn(column) }
    }

    @Test func aShortFOCUSRecordIsOneRejectedRowWithoutMoney() throws {
        // FOCUS 1.0 order: AvailabilityZone before BilledCost; the last record holds one field.
        let text = try String(contentsOfFile: RepositoryPaths.root + "/Tests/LambdaCostKitTests/Fixtures/focus/focus-1.2.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").enumerated().map { $0.offset == 0 ? "AvailabilityZone," + $0.element : "us-east-1a," + $0.element }
        let path = ParquetTestSupport.temporaryFolder() + "/focus-short.csv"
        try (lines.joined(separator: "\n") + "\nus-east-1a\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.ingest([path])
        #expect(result.rejects.examples.map(\.location) == [SourceLocation(file: path, line: 12, column: 1)])
        #expect(result.rows.rejected == 1 && result.rows.read == 11)
        #expect(result.rejectedRowsWithoutCost == 1 && result.totals.rejected == .zero)
        #expect(result.totals.input == dec("0.4396667"))
    }

    @Test(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
    func theSameFOCUSMonthAsCSVAndAsParquetIsOneCopy() throws {
        let folder = ParquetTestSupport.temporaryFolder()
        let cur = RepositoryPaths.root + "/Tests/LambdaCostKitTests/Fixtures/focus/cur-twin.csv"
        let script = RepositoryPaths.root + "/scripts/cur-to-focus"
        for arguments in [["--output", folder + "/part-1.csv", cur], ["--parquet", "--output", folder + "/part-2.parquet", cur]] {
            let outcome = try Pyarrow.run(["python3", script] + arguments)
            try #require(outcome.status == 0, "\(outcome.output)")
        }
        let one = try Self.ingest([folder + "/part-1.csv"])
        let other = try Self.ingest([folder + "/part-2.parquet"])
        #expect(one.totals == other.totals)
        #expect {
            try Self.ingest([folder + "/part-1.csv", folder + "/part-2.parquet"])
        } throws: { error in
            "\(error)".contains("part-2.parquet holds the same records as \(folder)/part-1.csv")
        }
    }
}

/// An exact decimal from its text (for expectations).
func dec(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
