import Parquet

/// The rows of one decoded batch of a Parquet row group, one at a time, as a ``CURRecord``: the file's top-level columns are
/// the fields (a MAP column such as CUR 2.0's `resource_tags` is one field), each value printed as the text a CSV
/// delivery holds (``ParquetTextColumn``). Only the columns the report reads are decoded; the others read as empty.
/// A row's place is `file:row:column`, the row counted from 1 over the whole file and the column its position in the
/// schema.
final class ParquetBatchRecord: CURRecord {
    /// The file's top-level column names.
    let names: [String]
    private let maps: [ParquetMap?]
    /// Per field, the decoded texts copied into one buffer and each row's start and end in it: what ``withField(_:_:)``
    /// reads per row without touching a Swift array (no reference counting on the hot path).
    private struct Slot {
        var bytes: UnsafeMutablePointer<UInt8>?
        /// `2 × rows` offsets: start, end; a null row is an empty span. (A column chunk is far below 4 GiB.)
        var spans: UnsafeMutablePointer<UInt32>?
    }
    private let slots: UnsafeMutableBufferPointer<Slot>
    /// The row (from 0) of the file at which the batch starts.
    let firstRow: Int
    let rowCount: Int
    /// The current row within the batch.
    var row = 0

    init(names: [String], texts: [ParquetTextColumn?], maps: [ParquetMap?], firstRow: Int, rowCount: Int) {
        self.names = names
        self.maps = maps
        self.firstRow = firstRow
        self.rowCount = rowCount
        slots = .allocate(capacity: names.count)
        slots.initialize(repeating: Slot())
        for (index, text) in texts.enumerated() {
            guard let text else { continue }
            text.texts.withStorage { storage, ends in
                let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(storage.count, 1))
                if storage.count > 0 { bytes.update(from: storage.baseAddress!, count: storage.count) }
                let spans = UnsafeMutablePointer<UInt32>.allocate(capacity: max(2 * text.count, 1))
                text.rows.withUnsafeBufferPointer { rows in
                    for row in 0..<rows.count {
                        let value = Int(rows[row])
                        spans[2 * row] = value <= 0 ? 0 : UInt32(ends[value - 1])
                        spans[2 * row + 1] = value < 0 ? 0 : UInt32(ends[value])
                    }
                }
                slots[index] = Slot(bytes: bytes, spans: spans)
            }
        }
    }

    deinit {
        for slot in slots {
            slot.bytes?.deallocate()
            slot.spans?.deallocate()
        }
        slots.deallocate()
    }

    var fieldCount: Int { names.count }
    var line: Int { firstRow + row + 1 }

    /// The decoded fields of the row as `name=value` pairs (a Parquet row has no text of its own).
    var rawRecord: String {
        var parts: [String] = []
        for index in names.indices where slots[index].bytes != nil || maps[index] != nil {
            if maps[index] != nil {
                let entries = mapEntries(index).map { "\($0.key):\($0.value)" }.joined(separator: ";")
                parts.append("\(names[index])={\(entries)}")
            } else {
                parts.append("\(names[index])=\(lossyString(index))")
            }
        }
        return parts.joined(separator: ", ")
    }

    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let slot = slots[index]
        guard let bytes = slot.bytes, let spans = slot.spans else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = Int(spans[2 * row])
        return try body(UnsafeBufferPointer(start: bytes + start, count: Int(spans[2 * row + 1]) - start))
    }

    func isEmpty(_ index: Int) -> Bool {
        if let spans = slots[index].spans { return spans[2 * row] == spans[2 * row + 1] }
        if let map = maps[index] { return (map.rows[row]?.isEmpty ?? true) }
        return true
    }

    /// Parquet rows are never malformed: every row has every column.
    func structuralProblem(expectedFields: Int) -> RejectReason? { nil }

    func rejectLocation(field: Int?, path: String) -> SourceLocation {
        SourceLocation(file: path, line: line, column: (field.map { $0 < names.count ? $0 : 0 } ?? 0) + 1)
    }

    func mapEntries(_ index: Int) -> [(key: String, value: String)] {
        if maps[index] == nil, slots[index].bytes != nil {
            // A map written as JSON text, as in CSV.
            guard !isEmpty(index), let json = string(index) else { return [] }
            return TagMap.parse(json).map { (key: $0.key, value: $0.value) }
        }
        guard let map = maps[index], let range = map.rows[row],
            case .bytes(let keys) = map.keys.values
        else { return [] }
        let values: ParquetByteArrays? = if case .bytes(let values) = map.values.values { values } else { nil }
        var entries: [(key: String, value: String)] = []
        for entry in range {
            guard let valueIndex = map.valueIndices[entry], let values else { continue }
            entries.append((keys.string(at: map.keyIndices[entry]), values.string(at: valueIndex)))
        }
        return entries.sorted { $0.key < $1.key }
    }
}
