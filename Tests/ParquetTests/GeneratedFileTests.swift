import Foundation
import GoldenFiles
import LambdaCostKit
import Testing
@testable import Parquet

/// Files written at test time by pyarrow (`Fixtures/make-parquet.py`): every physical type, nulls, a map column,
/// DECIMAL(38,10), INT64 and INT96 timestamps, each codec with data pages v1 and v2, several pages and row groups,
/// dictionaries that fall back to PLAIN; compared with the values pyarrow wrote (its `expected.json`). Then what the
/// reader refuses: LZ4 and BROTLI, DELTA_BINARY_PACKED, and damaged copies of a good file.
///
/// Without pyarrow the suite is skipped (and says so), except under CI (`CI` set), where it runs and fails.
@Suite(.serialized, .enabled(if: Pyarrow.testsRun, "pyarrow is not installed (python3 -c 'import pyarrow')"))
struct GeneratedFileTests {
    static let codecFiles = ["all-none-v1.parquet", "all-none-v2.parquet", "all-snappy-v1.parquet", "all-snappy-v2.parquet",
        "all-gzip-v1.parquet", "all-gzip-v2.parquet", "all-zstd-v1.parquet", "all-zstd-v2.parquet",
        "delta-zstd-v1.parquet", "delta-snappy-v2.parquet"]

    struct GenerationFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// The folder of generated files, made once.
    static let generated: Result<String, GenerationFailed> = {
        let folder = ParquetTestSupport.temporaryFolder()
        guard let outcome = try? Pyarrow.run(["python3", ParquetTestSupport.fixtures + "/make-parquet.py", folder]) else {
            return .failure(GenerationFailed(description: "python3 could not be run"))
        }
        guard outcome.status == 0 else {
            return .failure(GenerationFailed(description: "make-parquet.py failed (is pyarrow installed?): \(outcome.output)"))
        }
        return .success(folder)
    }()

    static func folder() throws -> String { try generated.get() }

    struct Expected: Decodable {
        var rows: Int
        var columns: [String: ExpectedColumn]
    }

    enum ExpectedColumn: Decodable {
        case texts([String?])
        case maps([[[String?]]?])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let texts = try? container.decode([String?].self) { self = .texts(texts) } else { self = .maps(try container.decode([[[String?]]?].self)) }
        }
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: try folder() + "/expected.json")))
    }

    /// A flat column's texts over every row group.
    static func texts(_ file: ParquetFile, _ name: String) throws -> [String?] {
        let column = try #require(file.columnIndex(name), "no column \(name)")
        return try file.metadata.rowGroups.indices.flatMap { ParquetTestSupport.texts(try file.read(rowGroup: $0, column: column)) }
    }

    /// The map column `name` as rows of key/value pairs (`nil` for a null map), from its key and value columns'
    /// repetition and definition levels.
    static func maps(_ file: ParquetFile, _ name: String) throws -> [[[String?]]?] {
        let keyIndex = try #require(file.columnIndex(name + ".key_value.key"))
        let valueIndex = try #require(file.columnIndex(name + ".key_value.value"))
        var rows: [[[String?]]?] = []
        for group in file.metadata.rowGroups.indices {
            let keys = try file.read(rowGroup: group, column: keyIndex)
            let values = try file.read(rowGroup: group, column: valueIndex)
            #expect(keys.repetitionLevels == values.repetitionLevels)
            #expect(keys.descriptor.maximumRepetitionLevel == 1)
            let keyTexts = ParquetTestSupport.texts(keys), valueTexts = ParquetTestSupport.texts(values)
            for entry in 0..<keys.entryCount {
                if keys.repetitionLevels[entry] == 0 {
                    rows.append(keys.definitionLevels[entry] == 0 ? nil : [])
                }
                if keys.definitionLevels[entry] == UInt8(keys.descriptor.maximumDefinitionLevel) {
                    rows[rows.count - 1]!.append([keyTexts[entry], valueTexts[entry]])
                }
            }
        }
        return rows
    }

    /// The map column through ``ParquetFile/readMap(rowGroup:name:)``.
    static func assembledMaps(_ file: ParquetFile, _ name: String) throws -> [[[String?]]?] {
        var rows: [[[String?]]?] = []
        for group in file.metadata.rowGroups.indices {
            let map = try #require(try file.readMap(rowGroup: group, name: name))
            guard case .bytes(let keys) = map.keys.values, case .bytes(let values) = map.values.values else {
                Issue.record("the map's keys or values are not byte arrays")
                return []
            }
            for row in map.rows {
                rows.append(row.map { entries in
                    entries.map { [keys.string(at: map.keyIndices[$0]), map.valueIndices[$0].map { values.string(at: $0) }] }
                })
            }
        }
        #expect(try file.readMap(rowGroup: 0, name: "i64") == nil)
        return rows
    }

    @Test(arguments: codecFiles)
    func everyColumnMatchesWhatPyarrowWrote(name: String) throws {
        let path = try Self.folder() + "/" + name
        let file = try ParquetFile(path: path)
        let expected = try Self.expected()
        let codec = name.split(separator: "-")[1]
        #expect(file.metadata.rowGroups.count == 3)
        for group in file.metadata.rowGroups {
            #expect(group.columns.allSatisfy { "\($0.codec)".lowercased() == (codec == "none" ? "uncompressed" : codec) })
        }
        #expect(file.metadata.numberOfRows == Int64(expected.rows))
        var checked = 0
        for (column, values) in expected.columns {
            switch values {
            case .texts(let texts):
                let read = try Self.texts(file, column)
                #expect(read.count == texts.count)
                for (index, (value, wanted)) in zip(read, texts).enumerated() {
                    if column == "f32" || column == "f64", let value, let wanted {
                        #expect(!value.contains("e"))
                        #expect(FixedDecimal(parsing: value) != nil && FixedDecimal(parsing: value) == FixedDecimal(parsing: wanted),
                            "\(column) row \(index): \(value) against \(wanted)")
                    } else {
                        #expect(value == wanted, "\(column) row \(index)")
                    }
                }
                checked += 1
            case .maps(let maps):
                #expect(try Self.maps(file, column) == maps)
                #expect(try Self.assembledMaps(file, column) == maps)
                checked += 1
            }
        }
        #expect(checked == 13)
    }

    @Test func schemaTypes() throws {
        let file = try ParquetFile(path: try Self.folder() + "/all-zstd-v2.parquet")
        func element(_ name: String) throws -> ParquetColumnDescriptor { file.columns[try #require(file.columnIndex(name))] }
        #expect(try element("i64").element.repetition == .required)
        #expect(try element("i64").maximumDefinitionLevel == 0)
        #expect(try element("amount").element.logicalType == .decimal(scale: 10, precision: 38))
        #expect(try element("amount").element.type == .fixedLengthByteArray)
        #expect(try element("amount").element.typeLength == 16)
        #expect(try element("ts_ms").element.timestampUnit == .milliseconds)
        #expect(try element("ts_us").element.timestampUnit == .microseconds)
        #expect(try element("ts_ns").element.timestampUnit == .nanoseconds)
        #expect(try element("tags.key_value.value").maximumDefinitionLevel == 3)
        #expect(try element("tags.key_value.key").maximumDefinitionLevel == 2)
        #expect(file.metadata.schema.first { $0.name == "tags" }?.numberOfChildren == 1)
    }

    /// INT96 timestamps (written from ms, µs and ns, before and after 1970) give the same instants as INT64.
    @Test func int96Timestamps() throws {
        let file = try ParquetFile(path: try Self.folder() + "/int96.parquet")
        let expected = try Self.expected()
        for column in ["ts_ms", "ts_us", "ts_ns"] {
            #expect(file.columns[try #require(file.columnIndex(column))].element.type == .int96)
            guard case .texts(let texts) = expected.columns[column] else {
                Issue.record("no expected texts for \(column)")
                continue
            }
            #expect(try Self.texts(file, column) == texts)
        }
    }

    static func error(_ path: String, column: String) throws -> ParquetError? {
        let file = try ParquetFile(path: path)
        let index = try #require(file.columnIndex(column))
        do {
            _ = try file.read(rowGroup: 0, column: index)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [("lz4.parquet", "LZ4"), ("brotli.parquet", "BROTLI")])
    func unsupportedCodecsAreRefusedByName(name: String, codec: String) throws {
        let path = try Self.folder() + "/" + name
        let error = try #require(try Self.error(path, column: "name"))
        #expect(error.path == path)
        #expect(error.rowGroup == 0)
        #expect(error.column == "name")
        #expect(error.message.contains("codec \(codec)"))
        #expect(error.description.hasPrefix("\(path): error: row group 0, column 'name': "))
    }

    @Test func everyFileIsTested() throws {
        let listed = try JSONDecoder().decode([String].self, from: Data(contentsOf: URL(fileURLWithPath: try Self.folder() + "/files.json")))
        #expect(listed == Self.codecFiles)
    }

    /// The encoding of a data page patched to a code the format does not define (42): refused by name, the other
    /// columns still read.
    @Test func unknownEncodingIsRefusedByName() throws {
        let good = try ParquetFile(path: try Self.folder() + "/all-none-v1.parquet")
        let column = try #require(good.columnIndex("i64"))
        let start = Int(good.metadata.rowGroups[0].columns[column].byteRange.start)
        let path = try Self.damaged(from: "all-none-v1.parquet") { bytes in
            // Find the data page header's encoding field (PageHeader field 5, DataPageHeader field 2).
            var reader = ThriftCompactReader(bytes, range: start..<bytes.count)
            var encodingOffset: Int?
            try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                guard field.id == 5 else { return false }
                try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                    guard field.id == 2 else { return false }
                    encodingOffset = reader.offset
                    return try reader.readI32() == 0  // PLAIN, one byte
                }
                return true
            }
            bytes[try #require(encodingOffset)] = 84  // zigzag(42)
        }
        let error = try #require(try Self.error(path, column: "i64"))
        #expect(error.column == "i64")
        #expect(error.rowGroup == 0)
        #expect(error.message.hasPrefix("the encoding UNKNOWN(42) is not supported"))
        #expect(try Self.error(path, column: "name") == nil)
    }

    // MARK: - Damaged files

    static func damaged(from name: String = "all-gzip-v1.parquet", _ change: (inout [UInt8]) throws -> Void) throws -> String {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try folder() + "/" + name)))
        try change(&bytes)
        let path = try folder() + "/damaged-" + UUID().uuidString + ".parquet"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func openingError(_ path: String) -> ParquetError? {
        do {
            _ = try ParquetFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    static func footerLength(_ bytes: [UInt8]) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[bytes.count - 8 + $1]) << (8 * $1) }
    }

    @Test func truncatedFileHasNoEndMagic() throws {
        let path = try Self.damaged { $0.removeLast(100) }
        let error = try #require(Self.openingError(path))
        #expect(error.description == "\(path): error: bad magic at the end: PAR1 expected (a truncated or unfinished file?)")
    }

    @Test func badMagicAtTheStart() throws {
        let path = try Self.damaged { $0[0] = UInt8(ascii: "X") }
        #expect(try #require(Self.openingError(path)).message == "bad magic at the start: PAR1 expected")
    }

    @Test func footerLargerThanTheFile() throws {
        let path = try Self.damaged { bytes in
            let count = bytes.count
            bytes.replaceSubrange((count - 8)..<(count - 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        }
        let error = try #require(Self.openingError(path))
        #expect(error.message.contains("larger than the file"))
        #expect(error.rowGroup == nil && error.column == nil)
    }

    /// The footer's first half cut away (the file then claims a shorter footer, which ends mid-struct).
    @Test func truncatedFooter() throws {
        let path = try Self.damaged { bytes in
            let length = Self.footerLength(bytes)
            let footer = Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)])
            let kept = Array(footer.prefix(length / 2))
            let size = UInt32(kept.count)
            bytes = Array("PAR1".utf8) + kept + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + Array("PAR1".utf8)
        }
        let error = try #require(Self.openingError(path))
        #expect(error.message.hasPrefix("a corrupt or truncated footer"))
    }

    /// Bytes changed inside a gzip page: the page does not decompress, and the error names the row group and column.
    @Test func corruptPageNamesItsColumnAndRowGroup() throws {
        let good = try ParquetFile(path: try Self.folder() + "/all-gzip-v1.parquet")
        let column = try #require(good.columnIndex("i64"))
        let chunk = good.metadata.rowGroups[1].columns[column]
        let (start, count) = chunk.byteRange
        let path = try Self.damaged { bytes in
            for offset in (Int(start) + Int(count) - 64)..<(Int(start) + Int(count) - 32) { bytes[offset] ^= 0x5A }
        }
        let file = try ParquetFile(path: path)
        #expect(throws: Never.self) { _ = try file.read(rowGroup: 0, column: column) }
        do {
            _ = try file.read(rowGroup: 1, column: column)
            Issue.record("a corrupt page was read")
        } catch {
            #expect(error.rowGroup == 1)
            #expect(error.column == "i64")
            #expect(error.message.contains("corrupt GZIP page"))
        }
    }

    /// A page header overwritten: refused as a corrupt page header, not read as something else.
    @Test func corruptPageHeader() throws {
        let good = try ParquetFile(path: try Self.folder() + "/all-gzip-v1.parquet")
        let column = try #require(good.columnIndex("i32"))
        let start = Int(good.metadata.rowGroups[2].columns[column].byteRange.start)
        let path = try Self.damaged { bytes in
            for offset in start..<(start + 6) { bytes[offset] = 0xFF }
        }
        do {
            _ = try ParquetFile(path: path).read(rowGroup: 2, column: column)
            Issue.record("a corrupt page header was read")
        } catch {
            #expect(error.rowGroup == 2)
            #expect(error.column == "i32")
            #expect(error.message.hasPrefix("a corrupt page header at byte 0 of the chunk"))
        }
    }
}

extension GeneratedFileTests {
    /// Bytes changed at random places (a fixed seed) in each codec's file: every read either succeeds or throws a
    /// ParquetError; none traps, hangs or allocates what the bytes claim.
    @Test(arguments: ["all-snappy-v1.parquet", "all-zstd-v2.parquet", "all-none-v2.parquet", "delta-snappy-v2.parquet"])
    func damagedBytesNeverTrap(name: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try Self.folder() + "/" + name)))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var refused = 0
        for round in 0..<150 {
            var bytes = original
            for _ in 0..<(1 + round % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            let path = try Self.folder() + "/fuzz-\(name)-\(round)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let file = try ParquetFile(path: path)
                for group in file.metadata.rowGroups.indices {
                    for column in file.columns.indices {
                        do { _ = try file.read(rowGroup: group, column: column) } catch { refused += 1 }
                    }
                }
            } catch {
                #expect(error.path == path)
                refused += 1
            }
            try FileManager.default.removeItem(atPath: path)
        }
        #expect(refused > 0)
    }
}
