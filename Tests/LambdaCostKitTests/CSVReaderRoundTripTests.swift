import Foundation
import Testing
@testable import LambdaCostKit

/// Property test of the reader: random records, written with RFC 4180 quoting, read back field for field
/// whatever the buffer size (the scanner skips 8 bytes at a time, so every alignment of a special byte
/// in a word and at a buffer boundary must be tried).
@Suite struct CSVReaderRoundTripTests {
    /// Deterministic pseudo-random records from an alphabet rich in the bytes the scanner stops at.
    static func records(seed: UInt64, count: Int) -> [[String]] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [String] = ["a", "b", "7", ",", "\"", "\n", "\r", "\r\n", " ", "é", "-", "0123456789abcdef"]
        return (0..<count).map { _ in
            (0..<(1 + next(9))).map { _ in (0..<next(24)).map { _ in alphabet[next(alphabet.count)] }.joined() }
        }
    }

    static func encode(_ records: [[String]], lineEnd: String) -> String {
        records.map { fields in
            fields.map { field in
                field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: lineEnd) + lineEnd
    }

    @Test(arguments: [(1, "\n"), (2, "\r\n"), (3, "\n"), (4, "\r\n")])
    func randomRecordsReadBackExactly(seed: UInt64, lineEnd: String) throws {
        // A record of one empty field is a blank line, which the reader skips: give such records a field.
        let records = Self.records(seed: seed, count: 300).map { $0 == [""] ? ["x"] : $0 }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(seed)-\(UUID().uuidString).csv").path
        try Data(Self.encode(records, lineEnd: lineEnd).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for bufferBytes in [64, 67, 100, 1 << 20] {
            let reader = CSVReader(source: try ByteSource(path: path), initialBufferBytes: bufferBytes)
            var read: [[String]] = []
            while try reader.nextRecord() {
                #expect(reader.malformation == nil)
                read.append((0..<reader.fieldCount).map { reader.lossyString($0) })
            }
            let firstDifference = read.indices.first { $0 >= records.count || read[$0] != records[$0] }
            #expect(read.count == records.count && firstDifference == nil,
                "buffer \(bufferBytes): \(read.count) records; first difference at \(firstDifference.map { "\($0): \(read[$0]) vs \(records[$0])" } ?? "-")")
        }
    }

    /// Random text that is often not valid CSV (stray and unclosed quotes, text after a closing quote, lone CRs):
    /// every record, its fields, lines, columns and malformation come out the same whatever the buffer size, so
    /// whichever way a record is scanned (special byte to special byte in whole 64-byte blocks, or byte by byte
    /// near the buffer's end and for malformed records) it reads alike.
    @Test(arguments: [5, 6, 7, 8])
    func malformedTextReadsAlikeWhateverTheBuffer(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [String] = ["a", "b", ",", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "0123456789abcdef", "0123456789abcdef,x"]
        let text = (0..<6_000).map { _ in alphabet[next(alphabet.count)] }.joined()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(seed)-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        func read(bufferBytes: Int) throws -> [String] {
            let reader = CSVReader(source: try ByteSource(path: path), initialBufferBytes: bufferBytes)
            var records: [String] = []
            while try reader.nextRecord() {
                let fields = (0..<reader.fieldCount).map { "\(reader.lossyString($0))@\(reader.line(ofField: $0)):\(reader.column(ofField: $0))" }
                records.append("\(reader.line) \(reader.malformation.map { "\($0.reason)@\($0.offset)" } ?? "-") \(fields)")
            }
            return records
        }
        let expected = try read(bufferBytes: 1 << 20)
        #expect(expected.count > 100)
        for bufferBytes in [64, 65, 97, 128, 1_000] {
            let records = try read(bufferBytes: bufferBytes)
            let firstDifference = records.indices.first { $0 >= expected.count || records[$0] != expected[$0] }
            #expect(records.count == expected.count && firstDifference == nil,
                "buffer \(bufferBytes): first difference at \(firstDifference.map { "\($0): \(records[$0]) vs \(expected[$0])" } ?? "-")")
        }
    }
}
