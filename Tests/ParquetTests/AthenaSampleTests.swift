import Foundation
import GoldenFiles
import LambdaCostKit
import Testing
@testable import Parquet

/// Real Athena Parquet (three of the 30 files of `../shared/samples/saas-workshop-cur-2022-10-parquet/`, written by
/// parquet-mr: snappy, v1 data pages, dictionaries, INT96 timestamps, DOUBLE costs) read and matched row by row
/// against the CSV the 30 files were converted to.
@Suite struct AthenaSampleTests {
    /// CSV rows keyed by line item ID and time interval (an ID repeats across hours).
    static let csv: (header: [String], rows: [String: [String]]) = {
        let records = ParquetTestSupport.csvRecords(try! InputBytes.contents(ParquetTestSupport.athenaCSV))
        let header = records[0]
        let id = header.firstIndex(of: "identity_line_item_id")!, interval = header.firstIndex(of: "identity_time_interval")!
        var rows: [String: [String]] = [:]
        for record in records.dropFirst() where record.count == header.count {
            rows[record[id] + "|" + record[interval]] = record
        }
        return (header, rows)
    }()

    @Test func theFixturesAreThere() {
        #expect(ParquetTestSupport.athenaFiles.count == 3)
    }

    @Test(arguments: ParquetTestSupport.athenaFiles)
    func footerAndSchema(path: String) throws {
        let file = try ParquetFile(path: path)
        #expect(file.columns.count == Self.csv.header.count)
        #expect(file.columns.map(\.dottedPath) == Self.csv.header)
        #expect(file.metadata.createdBy?.hasPrefix("parquet-mr") == true)
        #expect(file.metadata.rowGroups.map(\.numberOfRows).reduce(0, +) == file.metadata.numberOfRows)
        let start = try #require(file.columnIndex("line_item_usage_start_date"))
        #expect(file.columns[start].element.type == .int96)
        let cost = try #require(file.columnIndex("line_item_unblended_cost"))
        #expect(file.columns[cost].element.type == .double)
        #expect(file.columns[cost].maximumDefinitionLevel == 1)
        #expect(file.columns[cost].element.repetition == .optional)
        let usageType = try #require(file.columnIndex("line_item_usage_type"))
        #expect(file.columns[usageType].element.logicalType == .string)
        #expect(file.metadata.rowGroups[0].columns[usageType].codec == .snappy)
    }

    /// Every column of every row group, read and compared with the CSV: strings as they are, DOUBLE as the same
    /// decimal number (the CSV writes `7.39e-8` or `0.0000014771`; the reader `0.0000000739`), INT96 as the CSV's
    /// timestamp text.
    @Test(arguments: ParquetTestSupport.athenaFiles)
    func everyValueMatchesTheCSV(path: String) throws {
        let file = try ParquetFile(path: path)
        let header = Self.csv.header
        let id = header.firstIndex(of: "identity_line_item_id")!, interval = header.firstIndex(of: "identity_time_interval")!
        var compared = 0
        for group in file.metadata.rowGroups.indices {
            let columns = try file.columns.indices.map { try ParquetTestSupport.texts(file.read(rowGroup: group, column: $0)) }
            let rows = Int(file.metadata.rowGroups[group].numberOfRows)
            #expect(columns.allSatisfy { $0.count == rows })
            for row in 0..<rows {
                let key = (columns[id][row] ?? "") + "|" + (columns[interval][row] ?? "")
                let expected = try #require(Self.csv.rows[key], "row \(row) (\(key)) is not in the CSV")
                for column in file.columns.indices {
                    let value = columns[column][row] ?? ""
                    let csvValue = expected[column]
                    if file.columns[column].element.type == .double, !csvValue.isEmpty {
                        #expect(!value.contains("e"))
                        #expect(FixedDecimal(parsing: value) == FixedDecimal(parsing: csvValue),
                            "\(header[column]) row \(row): \(value) against the CSV's \(csvValue)")
                    } else {
                        #expect(value == csvValue, "\(header[column]) row \(row)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == Int(file.metadata.numberOfRows) * header.count)
        #expect(compared > 0)
    }

    /// The dictionary-encoded usage type keeps each distinct value once.
    @Test func dictionaryValuesAreStoredOnce() throws {
        let path = try #require(ParquetTestSupport.athenaFiles.last)
        let file = try ParquetFile(path: path)
        let column = try file.read(rowGroup: 0, column: try #require(file.columnIndex("line_item_usage_type")))
        guard case .bytes(let values) = column.values else {
            Issue.record("line_item_usage_type is not a byte array column")
            return
        }
        let distinct = Set((0..<values.count).map { values.string(at: $0) })
        #expect(values.count == Int(file.metadata.numberOfRows))
        #expect(values.storedCount == distinct.count)
        #expect(values.storedCount < values.count)
    }
}
