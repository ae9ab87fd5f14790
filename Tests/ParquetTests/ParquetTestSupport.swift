import Foundation
import GoldenFiles
import LambdaCostKit
@testable import Parquet

/// Paths and helpers shared by the Parquet tests.
enum ParquetTestSupport {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let fixtures = folder + "/Fixtures"
    /// Three of the 30 Athena files the shared CSV sample was made from.
    static let athenaFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/athena")) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { fixtures + "/athena/" + $0 }
    }()
    /// The CSV twin of all 30 files, concatenated.
    static let athenaCSV = RepositoryPaths.root + "/Tests/LambdaCostKitTests/Fixtures/aws/saas-workshop-cur-2022-10.csv.gz"

    /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
    static func csvRecords(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                endField()
                records.append(record)
                record = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }

    /// Every entry of a flat column as text: `nil` for a null; DOUBLE as its plain shortest decimal, INT96 and
    /// INT64 timestamps as `2022-10-01 03:00:00.000000000`, DECIMAL exactly, byte arrays as UTF-8.
    static func texts(_ column: ParquetColumn) -> [String?] {
        let element = column.descriptor.element
        let values: [String]
        switch column.values {
        case .boolean(let v): values = v.map { $0 ? "true" : "false" }
        case .int32(let v):
            if let scale = element.decimalScale {
                values = v.map { ParquetDecimal(unscaled: Int128($0), scale: scale).description }
            } else {
                values = v.map { String($0) }
            }
        case .int64(let v):
            if let unit = element.timestampUnit {
                values = v.map { ParquetTimestamp($0, unit: unit).description }
            } else if let scale = element.decimalScale {
                values = v.map { ParquetDecimal(unscaled: Int128($0), scale: scale).description }
            } else {
                values = v.map { String($0) }
            }
        case .int96(let v): values = v.map { $0.timestamp.map { $0.description } ?? "invalid" }
        case .float(let v): values = v.map { Double($0).plainDecimalText ?? "\($0)" }
        case .double(let v): values = v.map { $0.plainDecimalText ?? "\($0)" }
        case .bytes(let v):
            if let scale = element.decimalScale {
                values = (0..<v.count).map { ParquetDecimal(bigEndian: v[$0], scale: scale)?.description ?? "invalid" }
            } else if element.type == .fixedLengthByteArray || element.logicalType == nil && element.convertedType == nil {
                values = (0..<v.count).map { v[$0].map { String(format: "%02x", $0) }.joined() }
            } else {
                values = (0..<v.count).map { v.string(at: $0) }
            }
        }
        return column.valueIndices.map { $0.map { values[$0] } }
    }
}

extension ParquetTestSupport {
    static func temporaryFolder() -> String { RepositoryPaths.temporaryFolder() }
}
