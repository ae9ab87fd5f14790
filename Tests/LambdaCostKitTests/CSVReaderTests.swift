import Foundation
import Testing
@testable import LambdaCostKit

/// The path of a file under `Fixtures/` (copied into the test bundle by `resources: [.copy("Fixtures")]`).
func fixturePath(_ name: String) -> String {
    Bundle.module.path(forResource: "Fixtures", ofType: nil)! + "/" + name
}

/// The RFC 4180 reader on one edge case per fixture (`Fixtures/csv/`), asserting the exact fields.
@Suite struct CSVReaderTests {
    /// One record as read: the physical line it starts on and its fields.
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    func reader(_ name: String, bufferBytes: Int = 1 << 20) throws -> CSVReader {
        CSVReader(source: try ByteSource(path: fixturePath("csv/" + name)), initialBufferBytes: bufferBytes)
    }

    func rows(_ reader: CSVReader) throws -> [Row] {
        var result: [Row] = []
        while try reader.nextRecord() {
            #expect(reader.malformation == nil, "line \(reader.line): \(reader.malformation!.reason)")
            result.append(Row(line: reader.line, fields: (0..<reader.fieldCount).map { reader.lossyString($0) }))
        }
        return result
    }

    func rows(_ name: String, bufferBytes: Int = 1 << 20) throws -> [Row] {
        try rows(reader(name, bufferBytes: bufferBytes))
    }

    /// Reads until the reader throws, returning the records before the error and the error.
    func rowsUntilError(_ name: String, bufferBytes: Int = 1 << 20) -> (rows: [Row], error: (any Error)?) {
        var result: [Row] = []
        do {
            let reader = try reader(name, bufferBytes: bufferBytes)
            while try reader.nextRecord() {
                result.append(Row(line: reader.line, fields: (0..<reader.fieldCount).map { reader.lossyString($0) }))
            }
        } catch {
            return (result, error)
        }
        return (result, nil)
    }

    // MARK: - Quoting

    @Test func quotedFieldsLoseTheirQuotes() throws {
        #expect(try rows("quoted.csv") == [Row(line: 1, fields: ["alpha", "beta"]), Row(line: 2, fields: ["plain", "quoted"])])
    }

    @Test func doubledQuotesBecomeOneQuote() throws {
        // "say ""hi""","""","""x"""
        let reader = try reader("doubled-quotes.csv")
        #expect(try reader.nextRecord())
        #expect(reader.malformation == nil)
        #expect(reader.fieldCount == 3)
        #expect(reader.string(0) == "say \"hi\"")
        #expect(reader.string(1) == "\"")
        #expect(reader.string(2) == "\"x\"")
        #expect(reader.withField(2) { Array($0) } == Array("\"x\"".utf8))
        #expect(reader.column(ofField: 1) == 14)
        #expect(reader.column(ofField: 2) == 19)
        #expect(try !reader.nextRecord())
    }

    @Test func embeddedCommasStayInsideQuotedFields() throws {
        #expect(try rows("embedded-comma.csv") == [Row(line: 1, fields: ["a,b", "c", ",,"])])
    }

    @Test func embeddedNewlinesKeepTheirBytesAndCountLines() throws {
        let reader = try reader("embedded-newline.csv")
        #expect(try reader.nextRecord())
        #expect(reader.line == 1)
        #expect(try reader.nextRecord())
        #expect(reader.line == 2)
        #expect(reader.fieldCount == 3)
        #expect(reader.string(0) == "1")
        #expect(reader.string(1) == "first\nsecond\r\nthird")
        #expect(reader.string(2) == "x")
        // 1,"first / second\r / third",x : the quoted field starts at line 2 column 3, `x` at line 4 column 8.
        #expect(reader.line(ofField: 0) == 2)
        #expect(reader.column(ofField: 0) == 1)
        #expect(reader.line(ofField: 1) == 2)
        #expect(reader.column(ofField: 1) == 3)
        #expect(reader.line(ofField: 2) == 4)
        #expect(reader.column(ofField: 2) == 8)
        #expect(reader.rawRecord == "1,\"first\nsecond\r\nthird\",x")
        #expect(try reader.nextRecord())
        #expect(reader.line == 5)
        #expect(reader.string(2) == "z")
        #expect(reader.line(ofField: 2) == 5)
        #expect(reader.column(ofField: 1) == 3)
        #expect(reader.column(ofField: 2) == 7)
        #expect(try !reader.nextRecord())
    }

    // MARK: - Line terminators

    @Test func crlfTerminatedRecords() throws {
        #expect(try rows("crlf.csv") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"])])
    }

    @Test func lfTerminatedRecords() throws {
        #expect(try rows("lf.csv") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"])])
    }

    @Test func loneCRTerminatedRecords() throws {
        #expect(try rows("lone-cr.csv") == [
            Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"]), Row(line: 3, fields: ["e", "f"]),
        ])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let reader = try reader("bom.csv")
        #expect(try reader.nextRecord())
        #expect(reader.string(0) == "name")
        #expect(reader.withField(0) { Array($0) } == Array("name".utf8))
        #expect(reader.field(0, equals: "name"))
        #expect(reader.column(ofField: 0) == 1)
        #expect(reader.column(ofField: 1) == 6)
        #expect(reader.rawRecord == "name,value")
        #expect(try reader.nextRecord())
        #expect(reader.line == 2)
        #expect(reader.string(1) == "1")
    }

    // MARK: - Empty fields, blank lines, end of input

    @Test func emptyTrailingFieldsCount() throws {
        #expect(try rows("trailing-empty.csv") == [Row(line: 1, fields: ["a", "b", ""]), Row(line: 2, fields: ["", "", ""])])
        let reader = try reader("trailing-empty.csv")
        #expect(try reader.nextRecord())
        #expect(!reader.isEmpty(1))
        #expect(reader.isEmpty(2))
    }

    @Test func emptyTrailingFieldAtEndOfFile() throws {
        #expect(try rows("trailing-empty-eof.csv") == [Row(line: 1, fields: ["a", "b", ""])])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        // \n a,b \n \n \r\n c,d \n \n : records on lines 2 and 5.
        #expect(try rows("blank-lines.csv") == [Row(line: 2, fields: ["a", "b"]), Row(line: 5, fields: ["c", "d"])])
    }

    @Test func lastRecordWithoutNewline() throws {
        #expect(try rows("no-final-newline.csv") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"])])
        #expect(try rows("no-final-newline-quoted.csv") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"])])
    }

    // MARK: - Bytes that are not plain text

    @Test func invalidUTF8IsKeptAsBytes() throws {
        let reader = try reader("invalid-utf8.csv")
        #expect(try reader.nextRecord())
        #expect(reader.string(0) == "ok")
        #expect(reader.string(1) == nil)
        #expect(reader.lossyString(1) == "\u{FFFD}\u{FFFD}ok")
        #expect(reader.withField(1) { Array($0) } == [0xFF, 0xFE, 0x6F, 0x6B])
    }

    @Test func nulBytesAreOrdinaryBytes() throws {
        let reader = try reader("nul.csv")
        #expect(try reader.nextRecord())
        #expect(reader.fieldCount == 2)
        #expect(reader.string(0) == "a\u{0}b")
        #expect(reader.string(1) == "c")
    }

    // MARK: - Buffer refills and growth

    static let longQuoted = String(repeating: "L", count: 100) + "\"\n" + String(repeating: "M", count: 60)
    static let boundaryRows = [
        Row(line: 1, fields: ["id", "text", "n"]),
        Row(line: 2, fields: ["1", "short", "10"]),
        Row(line: 3, fields: ["2", longQuoted, "20"]),
        Row(line: 5, fields: ["3", String(repeating: "u", count: 130), "30"]),
        Row(line: 6, fields: ["4", "a\"b\"c", "40"]),
        Row(line: 7, fields: ["5", "", "end"]),
    ]

    /// Every initial size from 64 to 127 bytes puts the buffer boundary at a different byte of the file (inside
    /// doubled quotes, between CR and LF, inside the 164-byte field), forcing refills and growth.
    @Test(arguments: Array(64..<128) + [1 << 20])
    func recordsSpanningTheBufferBoundary(bufferBytes: Int) throws {
        #expect(try rows("buffer-boundary.csv", bufferBytes: bufferBytes) == Self.boundaryRows)
    }

    @Test func fieldPositionsAfterGrowth() throws {
        let reader = try reader("buffer-boundary.csv", bufferBytes: 64)
        for _ in 0..<4 { #expect(try reader.nextRecord()) }
        #expect(reader.line == 5)
        #expect(reader.column(ofField: 2) == 134)
        #expect(reader.line(ofField: 2) == 5)
        #expect(try reader.nextRecord())
        #expect(reader.column(ofField: 2) == 13)
    }

    @Test func recordLongerThanTheMaximumIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.csv").path
        var bytes = Array("a,b\n\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        bytes += Array("\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let reader = CSVReader(source: try ByteSource(path: path), initialBufferBytes: 64, maximumRecordBytes: 1 << 20)
        #expect(try reader.nextRecord())
        let error = #expect(throws: InputError.self) { try reader.nextRecord() }
        #expect(error?.message == "line 3: a record is longer than 1 MiB")
        #expect(error?.description == "\(path): error: line 3: a record is longer than 1 MiB")
    }

    // MARK: - Malformed records

    @Test func quoteInsideAnUnquotedField() throws {
        let reader = try reader("quote-in-unquoted.csv")
        #expect(try reader.nextRecord())
        #expect(reader.malformation == nil)
        #expect(try reader.nextRecord())
        #expect(reader.malformation?.reason == "a quote inside an unquoted field")
        #expect(reader.malformation?.offset == 3)
        let (line, column) = reader.position(ofRecordOffset: reader.malformation!.offset)
        #expect(line == 2)
        #expect(column == 4)
        #expect(reader.rawRecord == "x,y\"z,w")
        #expect(try reader.nextRecord())
        #expect(reader.malformation == nil)
        #expect(reader.line == 3)
        #expect(reader.string(0) == "next")
    }

    @Test func textAfterAClosingQuote() throws {
        let reader = try reader("text-after-quote.csv")
        #expect(try reader.nextRecord())
        #expect(try reader.nextRecord())
        #expect(reader.line == 2)
        #expect(reader.malformation?.reason == "unexpected text after a closing quote")
        #expect(reader.malformation?.offset == 12)
        // "multi / line"junk,z : the `j` is on line 3, column 6.
        let (line, column) = reader.position(ofRecordOffset: reader.malformation!.offset)
        #expect(line == 3)
        #expect(column == 6)
        #expect(reader.rawRecord == "\"multi\nline\"junk,z")
        #expect(try reader.nextRecord())
        #expect(reader.malformation == nil)
        #expect(reader.line == 4)
        #expect(reader.string(0) == "next")
        #expect(reader.string(1) == "ok")
    }

    @Test func quoteNeverClosedAtEndOfFile() throws {
        let reader = try reader("unterminated-quote.csv")
        #expect(try reader.nextRecord())
        #expect(try reader.nextRecord())
        #expect(reader.line == 2)
        #expect(reader.malformation?.reason == "a quoted field is never closed (the quote opens here)")
        #expect(reader.malformation?.offset == 2)
        let (line, column) = reader.position(ofRecordOffset: reader.malformation!.offset)
        #expect(line == 2)
        #expect(column == 3)
        #expect(reader.string(1) == "never closed\nmore")
        #expect(try !reader.nextRecord())
    }

    // MARK: - gzip

    @Test(arguments: [64, 1 << 20])
    func gzipInput(bufferBytes: Int) throws {
        #expect(try rows("plain.csv.gz", bufferBytes: bufferBytes) == [
            Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d,e"]),
        ])
    }

    @Test func gzipMagicWithoutTheSuffixIsInflated() throws {
        #expect(try rows("gzip-without-suffix.csv") == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"])])
    }

    @Test(arguments: [64, 1 << 20])
    func gzipOfTwoConcatenatedMembers(bufferBytes: Int) throws {
        // The second member starts inside the record `c,d`.
        #expect(try rows("two-members.csv.gz", bufferBytes: bufferBytes) == [
            Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["c", "d"]), Row(line: 3, fields: ["e", "f"]),
        ])
    }

    /// 64 bytes of data read into a 64-byte buffer: the last inflate call fills the buffer exactly.
    @Test(arguments: [64, 65, 1 << 20])
    func gzipWhoseEndFillsTheBufferExactly(bufferBytes: Int) throws {
        let digits = "0123456789"
        #expect(try rows("exact-64.csv.gz", bufferBytes: bufferBytes) == [
            Row(line: 1, fields: [digits, digits, digits, digits, digits, "01234567"]),
        ])
    }

    /// The compressed data is whole; the gzip trailer (CRC and length) is cut.
    @Test func truncatedGzipIsAnError() throws {
        let (rows, error) = rowsUntilError("truncated.csv.gz")
        // Every record was inflated before the missing trailer is noticed.
        #expect(rows.map(\.fields) == Array(repeating: [["a", "b"], ["c", "d"]], count: 4).flatMap { $0 })
        let inputError = try #require(error as? InputError)
        #expect(inputError.path == fixturePath("csv/truncated.csv.gz"))
        #expect(inputError.message == "the gzip stream is truncated (unexpected end of file)")
    }

    @Test func gzipCutInTheMiddleOfTheDataIsAnError() throws {
        let (rows, error) = rowsUntilError("truncated-mid-stream.csv.gz")
        #expect(rows.count < 40)
        for (index, row) in rows.enumerated() { #expect(row.fields == ["\(index)", "\(index * index)"]) }
        let inputError = try #require(error as? InputError)
        #expect(inputError.message == "the gzip stream is truncated (unexpected end of file)")
    }

    @Test func garbageWithAGzipNameIsAnError() throws {
        let (rows, error) = rowsUntilError("not-gzip.csv.gz")
        #expect(rows.isEmpty)
        let inputError = try #require(error as? InputError)
        #expect(inputError.message.hasPrefix("the file is not valid gzip data"))
    }

    @Test func emptyGzipFileIsAnError() throws {
        let (rows, error) = rowsUntilError("empty.csv.gz")
        #expect(rows.isEmpty)
        let inputError = try #require(error as? InputError)
        #expect(inputError.message == "the gzip file is empty")
    }
}

@Suite struct CSVReaderLoneCRTests {
    @Test func loneCRLineBreaksCountInsideQuotedFieldsAndColumns() throws {
        let path = GoldenFilesTemporary.write("a,b\r\"x\ry\",z\rc,d\r")
        let reader = CSVReader(source: try ByteSource(path: path))
        #expect(try reader.nextRecord())
        #expect(try reader.nextRecord())
        #expect(reader.line == 2)
        #expect(reader.line(ofField: 1) == 3)
        #expect(reader.column(ofField: 1) == 4)
        #expect(try reader.nextRecord())
        #expect(reader.line == 4)
    }
}

import Foundation
import GoldenFiles

enum GoldenFilesTemporary {
    static func write(_ text: String) -> String {
        let path = RepositoryPaths.temporaryFolder() + "/input.csv"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}
