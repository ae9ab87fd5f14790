/// A Parquet file's footer (`FileMetaData`): the flattened schema and the row groups.
public struct ParquetFileMetaData: Sendable, Hashable {
    public var version: Int32
    /// The schema, depth first; the first element is the root group.
    public var schema: [ParquetSchemaElement]
    public var numberOfRows: Int64
    public var rowGroups: [ParquetRowGroup]
    public var createdBy: String?

    init(version: Int32, schema: [ParquetSchemaElement], numberOfRows: Int64, rowGroups: [ParquetRowGroup], createdBy: String?) {
        self.version = version
        self.schema = schema
        self.numberOfRows = numberOfRows
        self.rowGroups = rowGroups
        self.createdBy = createdBy
    }

    /// Decodes a `FileMetaData` from the footer's bytes.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var version: Int32 = 0, schema: [ParquetSchemaElement]?, rows: Int64?, rowGroups: [ParquetRowGroup]?
        var createdBy: String?
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: version = try reader.i32(field)
            case 2:
                try reader.expectList(field)
                schema = try reader.readList { (reader: inout ThriftCompactReader, type) throws(ThriftCompactReader.Failure) in
                    guard type == .structure else { throw reader.failure("a schema element that is not a struct") }
                    return try ParquetSchemaElement(thrift: &reader)
                }
            case 3: rows = try reader.i64(field)
            case 4:
                try reader.expectList(field)
                rowGroups = try reader.readList { (reader: inout ThriftCompactReader, type) throws(ThriftCompactReader.Failure) in
                    guard type == .structure else { throw reader.failure("a row group that is not a struct") }
                    return try ParquetRowGroup(thrift: &reader)
                }
            case 6: createdBy = try reader.string(field)
            default: return false
            }
            return true
        }
        guard let schema, !schema.isEmpty, let rows, let rowGroups else {
            throw reader.failure("file metadata without its schema, row count or row groups")
        }
        self.version = version
        self.schema = schema
        self.numberOfRows = rows
        self.rowGroups = rowGroups
        self.createdBy = createdBy
    }
}

extension ParquetFileMetaData {
    /// No schema and no rows (a placeholder while a file fails to open).
    static let empty = ParquetFileMetaData(version: 0, schema: [], numberOfRows: 0, rowGroups: [], createdBy: nil)
}
