import Foundation
import GoldenFiles
import Testing
@testable import Parquet

/// A column read a batch of rows at a time (what the report does, so that memory does not follow the row-group size)
/// gives the same rows as the whole chunk: batches cut pages, dictionary and PLAIN byte arrays, nulls and the entries
/// of a map's rows anywhere.
@Suite(.enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
struct BatchReadingTests {
    /// The texts of every row of a flat column's chunk, read `batch` rows at a time.
    static func texts(_ file: ParquetFile, rowGroup: Int, column: Int, batch: Int) throws -> [String?] {
        let reader = try file.columnReader(rowGroup: rowGroup, column: column)
        var rows: [String?] = []
        var batches = 0
        while reader.rowsLeft > 0 {
            let text = try reader.nextText(rows: batch)
            #expect(text.count == min(batch, text.count))
            rows += (0..<text.count).map { row in text.rows[row] < 0 ? nil : text.withText(row: row) { String(decoding: $0, as: UTF8.self) } }
            batches += 1
        }
        #expect(batches == (reader.rows + batch - 1) / batch)
        return rows
    }

    /// A map's rows as key/value texts.
    static func entries(_ map: ParquetMap) -> [[String]?] {
        guard case .bytes(let keys) = map.keys.values, case .bytes(let values) = map.values.values else { return [] }
        return map.rows.map { row in
            row.map { range in range.map { keys.string(at: map.keyIndices[$0]) + "=" + (map.valueIndices[$0].map { values.string(at: $0) } ?? "null") } }
        }
    }

    @Test(arguments: GeneratedFileTests.codecFiles)
    func batchesGiveTheRowsOfTheWholeChunk(name: String) throws {
        let file = try ParquetFile(path: try GeneratedFileTests.folder() + "/" + name)
        var compared = 0
        for group in file.metadata.rowGroups.indices {
            for (index, column) in file.columns.enumerated() where column.maximumRepetitionLevel == 0 {
                let whole = try file.readText(rowGroup: group, column: index)
                let wholeRows = (0..<whole.count).map { row in whole.rows[row] < 0 ? nil : whole.withText(row: row) { String(decoding: $0, as: UTF8.self) } }
                for batch in [7, 1_000] {
                    #expect(try Self.texts(file, rowGroup: group, column: index, batch: batch) == wholeRows, "\(name) \(column.dottedPath) by \(batch)")
                }
                compared += 1
            }
            let mapNames = Set(file.columns.filter { $0.maximumRepetitionLevel > 0 }.map { $0.path[0] })
            for mapName in mapNames.sorted() {
                let whole = Self.entries(try #require(try file.readMap(rowGroup: group, name: mapName)))
                for batch in [1, 3, 1_000] {
                    let reader = try #require(try file.mapReader(rowGroup: group, name: mapName))
                    var rows: [[String]?] = []
                    while rows.count < whole.count { rows += Self.entries(try reader.next(rows: batch)) }
                    #expect(rows == whole, "\(name) \(mapName) by \(batch)")
                    #expect(try reader.next(rows: batch).rows.isEmpty)
                }
                compared += 1
            }
        }
        #expect(compared > 0)
    }
}
