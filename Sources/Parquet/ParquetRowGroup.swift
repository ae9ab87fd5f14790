/// One row group of a Parquet file: its rows, and one column chunk per leaf column, in schema order.
public struct ParquetRowGroup: Sendable, Hashable {
    public var columns: [ParquetColumnChunk]
    public var numberOfRows: Int64
    public var totalByteSize: Int64

    /// Decodes a `RowGroup`.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var columns: [ParquetColumnChunk]?, rows: Int64?, size: Int64 = 0
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1:
                try reader.expectList(field)
                columns = try reader.readList { (reader: inout ThriftCompactReader, type) throws(ThriftCompactReader.Failure) in
                    guard type == .structure else { throw reader.failure("a column chunk that is not a struct") }
                    return try ParquetColumnChunk(thrift: &reader)
                }
            case 2: size = try reader.i64(field)
            case 3: rows = try reader.i64(field)
            default: return false
            }
            return true
        }
        guard let columns, let rows else { throw reader.failure("a row group without its columns or row count") }
        self.columns = columns
        self.numberOfRows = rows
        self.totalByteSize = size
    }
}
