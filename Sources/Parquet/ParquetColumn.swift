/// One column chunk read: the non-null values, and the levels that place them in rows.
///
/// For a flat optional column (no repetition), entry `i` is row `i`: it is null when `definitionLevels[i]` is below
/// the maximum, and otherwise the next value. For a repeated column (a map's `key_value` key or value) a
/// repetition level of 0 starts a new row.
public struct ParquetColumn: Sendable {
    public var descriptor: ParquetColumnDescriptor
    /// The values that are present, in order.
    public var values: ParquetValues
    /// One per entry; empty when the column is required (every entry holds a value).
    public var definitionLevels: [UInt8]
    /// One per entry; empty when the column is not repeated.
    public var repetitionLevels: [UInt8]
    /// The entries in the chunk (values and nulls; more than the rows for a repeated column).
    public var entryCount: Int

    /// For each entry, the index of its value in ``values``, or `nil` for a null (or an empty list or map).
    public var valueIndices: [Int?] {
        if definitionLevels.isEmpty { return (0..<entryCount).map { $0 } }
        let maximum = UInt8(descriptor.maximumDefinitionLevel)
        var next = 0
        return definitionLevels.map { level in
            guard level == maximum else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
