/// A MAP column of one row group (a `key_value` group of a key and a value column) assembled into rows from the
/// two columns' repetition and definition levels.
public struct ParquetMap: Sendable {
    /// The key and value columns as read.
    public var keys: ParquetColumn
    public var values: ParquetColumn
    /// For each row, its entries' positions in ``keyIndices`` and ``valueIndices``; `nil` for a null map.
    public var rows: [Range<Int>?]
    /// For each entry, the index of its key in `keys.values`.
    public var keyIndices: [Int]
    /// For each entry, the index of its value in `values.values`, or `nil` for a null value.
    public var valueIndices: [Int?]

    /// Assembles `keys` and `values`, the two leaves of one map's repeated group.
    init(keys: ParquetColumn, values: ParquetColumn) throws(ParquetErrorMessage) {
        let entryLevel = UInt8(keys.descriptor.maximumDefinitionLevel)
        guard keys.descriptor.maximumRepetitionLevel > 0, entryLevel >= 1,
            keys.repetitionLevels == values.repetitionLevels, keys.entryCount == values.entryCount
        else { throw ParquetErrorMessage("the map's key and value columns do not line up") }
        let valueIndexOfEntry = values.valueIndices
        var rows: [Range<Int>?] = [], keyIndices: [Int] = [], valueIndices: [Int?] = []
        var nextKey = 0
        var rowStart = 0
        var rowIsNull = false
        for entry in 0..<keys.entryCount {
            if keys.repetitionLevels[entry] == 0 {
                if entry > 0 { rows.append(rowIsNull ? nil : rowStart..<keyIndices.count) }
                rowStart = keyIndices.count
                rowIsNull = false
            }
            let level = keys.definitionLevels.isEmpty ? entryLevel : keys.definitionLevels[entry]
            if level == entryLevel {
                keyIndices.append(nextKey)
                nextKey += 1
                valueIndices.append(valueIndexOfEntry[entry])
            } else if level + 1 < entryLevel {
                rowIsNull = true  // the map, or a group above it, is null
            }
        }
        if keys.entryCount > 0 { rows.append(rowIsNull ? nil : rowStart..<keyIndices.count) }
        self.keys = keys
        self.values = values
        self.rows = rows
        self.keyIndices = keyIndices
        self.valueIndices = valueIndices
    }
}
