import Foundation
import Testing
@testable import Parquet

/// The building blocks: the Thrift compact reader's bounds, the RLE / bit-packed hybrid decoder, and the value
/// conversions (INT96 and INT64 timestamps, DOUBLE as plain decimal text, exact DECIMAL).
@Suite struct DecodingTests {
    static func thriftFailure(_ bytes: [UInt8], _ read: (inout ThriftCompactReader) throws(ThriftCompactReader.Failure) -> Void) -> ThriftCompactReader.Failure? {
        var reader = ThriftCompactReader(bytes)
        do {
            try read(&reader)
            return nil
        } catch {
            return error
        }
    }

    @Test func thriftFieldsListsAndSkipping() throws {
        // struct { 1: i32 = -3, 2: string "ab", 4: list<i32> [1, 2], 5: struct { 1: true }, 20: i64 = 300 }
        let bytes: [UInt8] = [0x15, 0x05, 0x18, 0x02, 0x61, 0x62, 0x29, 0x25, 0x02, 0x04, 0x1C, 0x11, 0x00,
            0x06, 0x28, 0xD8, 0x04, 0x00]
        var reader = ThriftCompactReader(bytes)
        var seen: [Int16] = []
        var number: Int32 = 0, text = "", list: [Int32] = [], wide: Int64 = 0
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            seen.append(field.id)
            switch field.id {
            case 1: number = try reader.i32(field)
            case 2: text = try reader.string(field)
            case 4: list = try reader.readList { (reader: inout ThriftCompactReader, _) throws(ThriftCompactReader.Failure) in try reader.readI32() }
            case 20: wide = try reader.i64(field)
            default: return false  // field 5 skipped
            }
            return true
        }
        #expect(seen == [1, 2, 4, 5, 20])
        #expect(number == -3 && text == "ab" && list == [1, 2] && wide == 300)
        #expect(reader.remaining == 0)
    }

    @Test func thriftRefusesLengthsBeyondTheData() {
        // A string field claiming 100 bytes with 2 left.
        let binary = Self.thriftFailure([0x18, 0x64, 0x61, 0x62]) { (reader) throws(ThriftCompactReader.Failure) in
            try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                _ = try reader.string(field)
                return true
            }
        }
        #expect(binary?.message == "a binary of 100 bytes with only 2 bytes left")
        // A list of 1,000,000 i32 with 1 byte left: refused before any allocation.
        let list = Self.thriftFailure([0xF5, 0xC0, 0x84, 0x3D, 0x02]) { (reader) throws(ThriftCompactReader.Failure) in
            _ = try reader.readList { (reader: inout ThriftCompactReader, _) throws(ThriftCompactReader.Failure) in try reader.readI32() }
        }
        #expect(list?.message == "a list of 1000000 elements with only 1 bytes left")
        // A varint that never ends.
        let varint = Self.thriftFailure([UInt8](repeating: 0xFF, count: 12)) { (reader) throws(ThriftCompactReader.Failure) in
            _ = try reader.readI64()
        }
        #expect(varint?.message == "a varint longer than 64 bits")
    }

    @Test func thriftLimitsNesting() {
        // Structs nested in field 1 of each other, deeper than the limit, skipped as unknown.
        let depth = ThriftCompactReader.maximumDepth + 5
        let bytes = [UInt8](repeating: 0x1C, count: depth) + [UInt8](repeating: 0x00, count: depth + 1)
        let failure = Self.thriftFailure(bytes) { (reader) throws(ThriftCompactReader.Failure) in
            try reader.readStruct { (_: inout ThriftCompactReader, _) throws(ThriftCompactReader.Failure) in false }
        }
        #expect(failure?.message == "Thrift structures nested deeper than \(ThriftCompactReader.maximumDepth)")
        // Within the limit the same shape reads.
        let shallow = [UInt8](repeating: 0x1C, count: 5) + [UInt8](repeating: 0x00, count: 6)
        #expect(Self.thriftFailure(shallow) { (reader) throws(ThriftCompactReader.Failure) in
            try reader.readStruct { (_: inout ThriftCompactReader, _) throws(ThriftCompactReader.Failure) in false }
        } == nil)
    }

    static func hybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) throws(ParquetErrorMessage) -> [UInt32] {
        var values: [UInt32] = []
        try bytes.withBytes { (buffer) throws(ParquetErrorMessage) in
            var decoder = try RLEHybridDecoder(buffer, bitWidth: bitWidth)
            try decoder.decode(count: count) { (value) throws(ParquetErrorMessage) in values.append(value) }
        }
        return values
    }

    @Test func hybridRunsAndBitPacking() throws {
        // The format's example: bit-packed values 0...7 at width 3 (one group), then a run of five 4s.
        let packed: [UInt8] = [0x03, 0x88, 0xC6, 0xFA, 0x0A, 0x04]
        #expect(try Self.hybrid(packed, bitWidth: 3, count: 13) == Array(0...7) + [4, 4, 4, 4, 4])
        // A last group cut after the values needed.
        #expect(try Self.hybrid([0x03, 0x88], bitWidth: 3, count: 2) == [0, 1])
        // Too few values: an error, not a short array.
        #expect(throws: ParquetErrorMessage.self) { try Self.hybrid([0x0A, 0x04], bitWidth: 3, count: 6) }
        #expect(throws: ParquetErrorMessage.self) { try Self.hybrid([0x03, 0x88], bitWidth: 3, count: 8) }
        #expect(RLEHybridDecoder.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybridDecoder.bitWidth(forMaximum: 3) == 2)
        #expect(RLEHybridDecoder.bitWidth(forMaximum: 4) == 3)
    }

    @Test func int96Timestamps() {
        #expect(ParquetInt96(nanosecondsOfDay: 0, julianDay: 2_440_588).timestamp?.description == "1970-01-01 00:00:00.000000000")
        // 2022-10-01 is 19,266 days after 1970-01-01.
        let athena = ParquetInt96(nanosecondsOfDay: 3 * 3_600 * 1_000_000_000 + 5, julianDay: 2_440_588 + 19_266)
        #expect(athena.timestamp?.description == "2022-10-01 03:00:00.000000005")
        #expect(ParquetInt96(nanosecondsOfDay: 0, julianDay: 2_440_587).timestamp?.description == "1969-12-31 00:00:00.000000000")
        #expect(ParquetInt96(nanosecondsOfDay: 86_400 * 1_000_000_000, julianDay: 2_440_588).timestamp == nil)
    }

    @Test func int64Timestamps() {
        #expect(ParquetTimestamp(1_664_593_200_123, unit: .milliseconds).description == "2022-10-01 03:00:00.123000000")
        #expect(ParquetTimestamp(-1, unit: .microseconds).description == "1969-12-31 23:59:59.999999000")
        #expect(ParquetTimestamp(951_782_400 * 1_000_000_000, unit: .nanoseconds).description == "2000-02-29 00:00:00.000000000")
        #expect(ParquetTimestamp(1, unit: .nanoseconds) > ParquetTimestamp(0, unit: .milliseconds))
    }

    @Test func doublesAsPlainDecimalText() {
        #expect(7.39e-08.plainDecimalText == "0.0000000739")
        #expect(1.4771e-06.plainDecimalText == "0.0000014771")
        #expect(2.0.plainDecimalText == "2")
        #expect((-2.5).plainDecimalText == "-2.5")
        #expect((0.1 + 0.2).plainDecimalText == "0.30000000000000004")
        #expect(1e20.plainDecimalText == "100000000000000000000")
        #expect(123456789.125.plainDecimalText == "123456789.125")
        #expect(0.0.plainDecimalText == "0")
        #expect(Double.nan.plainDecimalText == nil)
        #expect(Double.infinity.plainDecimalText == nil)
        // Shortest round trip: the text reads back as the same double, across magnitudes.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let text = value.plainDecimalText!
            #expect(Double(text) == value, "\(value) gave \(text)")
            #expect(!text.contains("e"))
        }
    }

    @Test func decimalsExactly() {
        #expect(ParquetDecimal(unscaled: 5, scale: 3).description == "0.005")
        #expect(ParquetDecimal(unscaled: -12345, scale: 2).description == "-123.45")
        #expect(ParquetDecimal(unscaled: 7, scale: 0).description == "7")
        #expect(ParquetDecimal(bigEndian: [0xFF, 0xFE], scale: 1)?.description == "-0.2")
        #expect(ParquetDecimal(bigEndian: [0x00, 0x80], scale: 0)?.unscaled == 128)
        // DECIMAL(38, 10) at its largest: 38 nines.
        let nines = Int128("99999999999999999999999999999999999999")!
        var bytes: [UInt8] = []
        for shift in stride(from: 120, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: nines >> shift)) }
        #expect(ParquetDecimal(bigEndian: bytes, scale: 10)?.description == "9999999999999999999999999999.9999999999")
        // 17 significant bytes do not fit.
        #expect(ParquetDecimal(bigEndian: [0x01] + [UInt8](repeating: 0, count: 16), scale: 0) == nil)
        #expect(ParquetDecimal(bigEndian: [UInt8](), scale: 0) == nil)
    }

    /// A FIFO, a folder or a missing file is refused by name at once (never waited on).
    @Test func onlyRegularFilesAreOpened() throws {
        let folder = ParquetTestSupport.temporaryFolder()
        let fifo = folder + "/pipe.parquet"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, message) in [(fifo, "not a regular file"), (folder, "not a regular file"), (folder + "/missing.parquet", "cannot open the file")] {
            do {
                _ = try ParquetFile(path: path)
                Issue.record("\(path) was opened")
            } catch {
                #expect(error.path == path)
                #expect(error.message.hasPrefix(message))
            }
        }
    }
}
