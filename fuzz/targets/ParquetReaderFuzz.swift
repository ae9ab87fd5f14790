// libFuzzer target for the Parquet reader (Sources/Parquet/: the footer and its Thrift compact metadata, the
// schema, page headers, the snappy/gzip/zstd page decompressors, the PLAIN, dictionary, RLE/bit-packed,
// DELTA_* and BYTE_STREAM_SPLIT decoders), compiled by scripts/fuzz with every source of the module into one module
// (-sanitize=fuzzer,address), linked with libsnappy, libzstd and zlib.
//
// Input: byte 0 chooses the batch size of the second read (1…64 rows); the rest is the file (written to a scratch
// file: the reader reads files with pread).
// Invariants for any input bytes:
//   - opening the file and reading every column chunk, every map and every flat column as text never traps and
//     never reads or writes outside a buffer (AddressSanitizer); every failure is a ParquetError (typed throws)
//     that names the file, and names its row group and column when it comes from a column chunk;
//   - a column chunk that reads whole reads the same in batches of N rows: the same entries, definition and
//     repetition levels and values (compared by bit pattern and bytes); a flat column's batches hold N rows each
//     (fewer in the last) and exactly the row group's rows, and nothing comes after them;
//   - a flat column (no repetition) holds exactly its row group's rows, and as many values as entries at the
//     maximum definition level; a flat column read as text has one text per row;
//   - the rows of the row groups add up to the footer's row count (the reader checks it when opening).
// Money: Parquet DECIMAL values are read as unscaled integers (ParquetDecimal), never through a float; the reader
// hands out DOUBLE costs as stored and the CUR ingest turns them into exact decimals (Double+PlainDecimalText).
// Files pyarrow wrote: the seeds (fuzz/corpus/parquet_reader/, written by fuzz/make-parquet-seeds.py) must read
// without any error; scripts/fuzz runs them first with PARQUET_FUZZ_SEEDS_VALID=1, which turns every error into an
// invariant failure. That they round-trip value for value is GeneratedFileTests (Tests/ParquetTests), on the
// same kinds of files.
#if canImport(Glibc)
import Glibc
#endif

let fuzzTargetName = "parquet_reader"

private let seedsMustBeValid = getenv("PARQUET_FUZZ_SEEDS_VALID") != nil
private let scratchPath = "/tmp/lambda-cost-report-fuzz-parquet-\(getpid()).parquet"

/// A failure must name the file, and the chunk it comes from when there is one.
func checkError(_ error: ParquetError, chunk: (rowGroup: Int, column: String)?) {
    check(!seedsMustBeValid, "a seed pyarrow wrote does not read: \(error)")
    check(error.path == scratchPath, "an error without the file's path: \(error)")
    check(!error.message.isEmpty, "an error without a message: \(error)")
    if let chunk {
        check(error.rowGroup == chunk.rowGroup && error.column != nil,
            "an error of row group \(chunk.rowGroup), column \(chunk.column) without its place: \(error)")
    }
}

/// The values of a column, as a sequence of words to compare (bit patterns, lengths and bytes).
func fingerprint(_ values: ParquetValues, into words: inout [UInt64]) {
    switch values {
    case .boolean(let values): words += values.map { $0 ? 1 : 0 }
    case .int32(let values): words += values.map { UInt64(UInt32(bitPattern: $0)) }
    case .int64(let values): words += values.map { UInt64(bitPattern: $0) }
    case .int96(let values): words += values.map { "\($0)".utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 } }
    case .float(let values): words += values.map { UInt64($0.bitPattern) }
    case .double(let values): words += values.map { $0.bitPattern }
    case .bytes(let values):
        for index in 0..<values.count {
            let bytes = values[index]
            words.append(UInt64(bytes.count))
            words += bytes.map { UInt64($0) }
        }
    }
}

struct ReadColumn: Equatable {
    var entries = 0
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: [UInt64] = []
    var valueCount = 0

    mutating func append(_ column: ParquetColumn) {
        entries += column.entryCount
        definitionLevels += column.definitionLevels
        repetitionLevels += column.repetitionLevels
        valueCount += column.values.count
        fingerprint(column.values, into: &values)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func parquetReaderFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes, count >= 1 else { return 0 }
    let batch = 1 + Int(bytes[0] & 0x3F)
    let descriptor = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    check(descriptor >= 0, "cannot create \(scratchPath)")
    var written = 0
    while written < count - 1 {
        let result = write(descriptor, bytes + 1 + written, count - 1 - written)
        check(result > 0, "cannot write \(scratchPath)")
        written += result
    }
    close(descriptor)
    defer { unlink(scratchPath) }

    let file: ParquetFile
    do {
        file = try ParquetFile(path: scratchPath)
    } catch {
        checkError(error, chunk: nil)
        return 0
    }
    let groups = file.metadata.rowGroups
    check(groups.reduce(0) { $0 + $1.numberOfRows } == file.metadata.numberOfRows, "row groups do not add up to the footer's rows")
    for (groupIndex, group) in groups.enumerated() {
        let rows = Int(group.numberOfRows)
        for (columnIndex, column) in file.columns.enumerated() {
            let place = (rowGroup: groupIndex, column: column.dottedPath)
            var whole = ReadColumn()
            do {
                let read = try file.read(rowGroup: groupIndex, column: columnIndex)
                whole.append(read)
                let defined = read.definitionLevels.isEmpty ? read.entryCount
                    : read.definitionLevels.filter { Int($0) == column.maximumDefinitionLevel }.count
                check(read.values.count == defined, "\(place): \(read.values.count) values for \(defined) defined entries")
                if column.maximumRepetitionLevel == 0 {
                    check(read.entryCount == rows, "\(place): \(read.entryCount) entries in a flat column of \(rows) rows")
                }
            } catch {
                checkError(error, chunk: place)
                continue
            }
            // The same chunk in batches.
            var batches = ReadColumn()
            do {
                let reader = try file.columnReader(rowGroup: groupIndex, column: columnIndex)
                if column.maximumRepetitionLevel == 0 {
                    var handedOut = 0
                    while reader.rowsLeft > 0 {
                        let part = try reader.next(rows: batch)
                        check(part.entryCount == min(batch, rows - handedOut), "\(place): a batch of \(part.entryCount) rows")
                        handedOut += part.entryCount
                        batches.append(part)
                    }
                    check(handedOut == rows, "\(place): batches hand out \(handedOut) of \(rows) rows")
                    let tail = try reader.next(rows: batch)
                    check(tail.entryCount == 0, "\(place): \(tail.entryCount) entries after the end")
                } else {
                    // A repeated column: batches until one comes back empty.
                    var rounds = 0
                    while true {
                        let part = try reader.next(rows: batch)
                        if part.entryCount == 0 { break }
                        batches.append(part)
                        rounds += 1
                        check(rounds <= whole.entries + 1, "\(place): batches never end")
                    }
                }
            } catch {
                check(false, "\(place): reads whole but fails in batches of \(batch): \(error)")
            }
            check(batches == whole, "\(place): batches of \(batch) differ from the whole chunk (\(batches.entries) / \(whole.entries) entries, \(batches.valueCount) / \(whole.valueCount) values)")
            if column.maximumRepetitionLevel == 0 {
                do {
                    let text = try file.readText(rowGroup: groupIndex, column: columnIndex)
                    check(text.count == rows, "\(place): \(text.count) texts for \(rows) rows")
                } catch {
                    checkError(error, chunk: place)
                }
            }
        }
        // Maps (a `name.key_value.key` / `.value` pair of leaves).
        let mapNames = Set(file.columns.filter { $0.path.count == 3 }.map { $0.path[0] })
        for name in mapNames.sorted() {
            do {
                if let map = try file.readMap(rowGroup: groupIndex, name: name) {
                    check(map.rows.count == rows, "map \(name) of row group \(groupIndex): \(map.rows.count) rows for \(rows)")
                }
            } catch {
                checkError(error, chunk: (rowGroup: groupIndex, column: name))
            }
        }
    }
    return 0
}
