// libFuzzer target for the CSV reader (Sources/LambdaCostKit/Ingest/CSVReader.swift), compiled by scripts/fuzz
// together with the reader's sources into one module, with -sanitize=fuzzer,address.
//
// Input: byte 0 chooses the reader's first buffer size (64…127 bytes, so refills and growth happen at every
// offset) and, with its high bit, a small record bound (256 bytes) instead of 1 MiB; the rest is the file.
// Invariants, checked against a plain byte-by-byte reference parser of the same grammar (RFC 4180 plus the
// reader's recovery rules for malformed records):
//   - the same records, fields (bytes, doubled quotes undone), malformation offsets and raw records;
//   - the line of every record and the line and column of every field;
//   - the reader only fails on a record that does not fit its bound (and names its line);
//   - AddressSanitizer: no read or write outside the buffers.
// A gzip magic or a ZIP header at the start sends the bytes through the inflater or the ZIP reader instead; then
// only "no crash, records well-formed, any error is an InputError" is checked.
#if canImport(Glibc)
import Glibc
#endif

private let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

struct ReferenceRecord {
    var start: Int
    /// Where the record's content ends (its terminator, or the end of input).
    var contentEnd: Int
    /// Where the next record starts.
    var next: Int
    var fields: [[UInt8]]
    var fieldStarts: [Int]
    var malformedAt: Int?
    var isBlank: Bool
}

/// The records of `data` as the grammar defines them, blank lines included (flagged).
func referenceRecords(_ data: [UInt8]) -> [ReferenceRecord] {
    let n = data.count
    var i = 0
    if n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF { i = 3 }
    var records: [ReferenceRecord] = []
    while i < n {
        let start = i
        var fields: [[UInt8]] = []
        var starts: [Int] = []
        var malformedAt: Int?
        var contentEnd = n
        var next = n
        fieldLoop: while true {
            starts.append(i)
            if i < n && data[i] == quote {
                let opening = i
                i += 1
                var field: [UInt8] = []
                var closed = false
                while i < n {
                    if data[i] == quote {
                        if i + 1 < n && data[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    field.append(data[i])
                    i += 1
                }
                fields.append(field)
                if !closed {
                    if malformedAt == nil { malformedAt = opening }
                    break fieldLoop
                }
                if i >= n { break fieldLoop }
                if data[i] == comma {
                    i += 1
                    continue
                }
                if data[i] != lf && data[i] != cr {
                    if malformedAt == nil { malformedAt = i }
                    while i < n && data[i] != lf && data[i] != cr { i += 1 }
                    if i >= n { break fieldLoop }
                }
            } else {
                var field: [UInt8] = []
                while i < n && data[i] != comma && data[i] != lf && data[i] != cr {
                    if data[i] == quote && malformedAt == nil { malformedAt = i }
                    field.append(data[i])
                    i += 1
                }
                fields.append(field)
                if i >= n { break fieldLoop }
                if data[i] == comma {
                    i += 1
                    continue
                }
            }
            contentEnd = i
            if data[i] == cr && i + 1 < n && data[i + 1] == lf { i += 1 }
            next = i + 1
            break
        }
        records.append(ReferenceRecord(
            start: start, contentEnd: contentEnd, next: next, fields: fields, fieldStarts: starts, malformedAt: malformedAt,
            isBlank: fields.count == 1 && contentEnd == start && malformedAt == nil))
        i = next
    }
    return records
}

/// Line and column (1-based, in bytes, the BOM not counted) of every offset 0…n.
func positions(_ data: [UInt8]) -> (lines: [Int], columns: [Int]) {
    let n = data.count
    var lines = [Int](repeating: 0, count: n + 1)
    var columns = [Int](repeating: 0, count: n + 1)
    let bom = n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0
    var line = 1
    var lineStart = bom
    for offset in 0...n {
        lines[offset] = line
        columns[offset] = offset - lineStart + 1
        if offset < n && (data[offset] == lf || (data[offset] == cr && (offset + 1 >= n || data[offset + 1] != lf))) {
            line += 1
            lineStart = offset + 1
        }
    }
    return (lines, columns)
}

let fuzzTargetName = "csv_reader"

private let scratchPath = "/tmp/lambda-cost-report-fuzz-csv-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes, count >= 1 else { return 0 }
    let control = bytes[0]
    let data = Array(UnsafeBufferPointer(start: bytes + 1, count: count - 1))
    let initialBuffer = 64 + Int(control & 0x3F)
    let maximumRecord = control & 0x80 != 0 ? 256 : 1 << 20
    let descriptor = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    check(descriptor >= 0, "cannot create \(scratchPath)")
    var written = 0
    while written < data.count {
        let result = data.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, data.count - written) }
        check(result > 0, "cannot write \(scratchPath)")
        written += result
    }
    close(descriptor)
    defer { unlink(scratchPath) }

    // Gzip, or a ZIP archive (a local file header, or the end record of an empty archive).
    let isCompressed = (data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B)
        || (data.count >= 4 && data[0] == 0x50 && data[1] == 0x4B && ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6)))
    let reader: CSVReader
    do {
        reader = CSVReader(source: try ByteSource(path: scratchPath), initialBufferBytes: initialBuffer, maximumRecordBytes: maximumRecord)
    } catch {
        check(isCompressed && error is InputError, "only gzip or ZIP input may fail to open, with an InputError: \(error)")
        return 0
    }

    if isCompressed {
        var previousLine = 0
        do {
            while try reader.nextRecord() {
                check(reader.fieldCount >= 1, "a record has no field")
                check(reader.line > previousLine, "lines go back: \(reader.line) after \(previousLine)")
                previousLine = reader.line
                for index in 0..<reader.fieldCount {
                    check(reader.column(ofField: index) >= 1, "column below 1")
                    check(reader.line(ofField: index) >= reader.line, "a field before its record")
                    _ = reader.withField(index) { $0.count }
                }
                if let malformation = reader.malformation { _ = reader.position(ofRecordOffset: malformation.offset) }
                _ = reader.rawRecord
            }
        } catch is InputError {
        } catch {
            check(false, "unexpected error type \(error)")
        }
        return 0
    }

    let expected = referenceRecords(data).filter { !$0.isBlank }
    let (lines, columns) = positions(data)
    var index = 0
    do {
        while try reader.nextRecord() {
            check(index < expected.count, "the reader returned more than \(expected.count) records")
            let record = expected[index]
            check(reader.line == lines[record.start], "record \(index): line \(reader.line), expected \(lines[record.start])")
            check(reader.fieldCount == record.fields.count, "record \(index): \(reader.fieldCount) fields, expected \(record.fields.count)")
            for field in 0..<reader.fieldCount {
                let got = reader.withField(field) { Array($0) }
                check(got == record.fields[field], "record \(index) field \(field): \(got), expected \(record.fields[field])")
                check(reader.isEmpty(field) == record.fields[field].isEmpty, "record \(index) field \(field): isEmpty")
                let start = record.fieldStarts[field]
                check(reader.column(ofField: field) == columns[start], "record \(index) field \(field): column \(reader.column(ofField: field)), expected \(columns[start])")
                check(reader.line(ofField: field) == lines[start], "record \(index) field \(field): line \(reader.line(ofField: field)), expected \(lines[start])")
            }
            check((reader.malformation?.offset).map { $0 + record.start } == record.malformedAt,
                  "record \(index): malformation at \(String(describing: reader.malformation?.offset)), expected \(String(describing: record.malformedAt.map { $0 - record.start }))")
            if let malformation = reader.malformation {
                let (line, column) = reader.position(ofRecordOffset: malformation.offset)
                check(line == lines[record.start + malformation.offset] && column == columns[record.start + malformation.offset],
                      "record \(index): malformation position")
            }
            check(reader.rawRecord == String(decoding: data[record.start..<record.contentEnd], as: UTF8.self), "record \(index): raw record")
            index += 1
        }
        check(index == expected.count, "the reader returned \(index) records, expected \(expected.count)")
    } catch let error as InputError {
        check(index < expected.count, "an error after the last record: \(error)")
        let record = expected[index]
        check(record.next - record.start + 1 >= maximumRecord,
              "record \(index) (\(record.next - record.start) bytes) fits the \(maximumRecord)-byte bound, yet: \(error.message)")
        check(error.message == "line \(lines[record.start]): a record is longer than \(CSVReader.describeBytes(maximumRecord))",
              "unexpected message: \(error.message)")
    } catch {
        check(false, "unexpected error type \(error)")
    }
    return 0
}
