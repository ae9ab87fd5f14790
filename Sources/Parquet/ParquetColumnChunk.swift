/// Where one column of one row group lies in the file and how it is stored (`ColumnChunk` and its
/// `ColumnMetaData`).
public struct ParquetColumnChunk: Sendable, Hashable {
    public var type: ParquetPhysicalType
    public var encodings: [ParquetEncoding]
    /// The column's path from the schema root, e.g. `["product", "key_value", "key"]`.
    public var path: [String]
    public var codec: ParquetCompressionCodec
    /// Values in the chunk, nulls and repeated entries included.
    public var numberOfValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var dataPageOffset: Int64
    public var dictionaryPageOffset: Int64?
    /// Set when the chunk lives in another file (not supported by this reader).
    public var filePath: String?

    /// The byte range of the chunk's pages: from the dictionary page when there is one, else the first data page.
    /// (Some writers store a dictionary offset of 0 for no dictionary; an offset not before the data pages counts
    /// as none. A chunk of no values that pyarrow writes has only its dictionary page and a data page offset of 0.)
    public var byteRange: (start: Int64, count: Int64) {
        var start = dataPageOffset
        if let dictionary = dictionaryPageOffset, dictionary > 0, dictionary < dataPageOffset || dataPageOffset == 0 {
            start = dictionary
        }
        return (start, totalCompressedSize)
    }

    /// Decodes a `ColumnChunk`.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var metadata: ParquetColumnChunk?
        var filePath: String?
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: filePath = try reader.string(field)
            case 3:
                try reader.expectStruct(field)
                metadata = try ParquetColumnChunk(metadata: &reader)
            default: return false
            }
            return true
        }
        guard var metadata else { throw reader.failure("a column chunk without its metadata") }
        metadata.filePath = filePath
        self = metadata
    }

    /// Decodes a `ColumnMetaData`.
    private init(metadata reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var type: ParquetPhysicalType?, codec: ParquetCompressionCodec?
        var encodings: [ParquetEncoding] = [], path: [String] = []
        var values: Int64?, uncompressed: Int64?, compressed: Int64?, dataOffset: Int64?, dictionaryOffset: Int64?
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1:
                let code = try reader.i32(field)
                guard let known = ParquetPhysicalType(rawValue: code) else { throw reader.failure("an unknown physical type \(code)") }
                type = known
            case 2:
                try reader.expectList(field)
                encodings = try reader.readList { (reader: inout ThriftCompactReader, type) throws(ThriftCompactReader.Failure) in
                    guard type == .i32 else { throw reader.failure("an encoding that is not an i32") }
                    return ParquetEncoding(code: try reader.readI32())
                }
            case 3:
                try reader.expectList(field)
                path = try reader.readList { (reader: inout ThriftCompactReader, type) throws(ThriftCompactReader.Failure) in
                    guard type == .binary else { throw reader.failure("a path element that is not a string") }
                    return try reader.readString()
                }
            case 4: codec = ParquetCompressionCodec(code: try reader.i32(field))
            case 5: values = try reader.i64(field)
            case 6: uncompressed = try reader.i64(field)
            case 7: compressed = try reader.i64(field)
            case 9: dataOffset = try reader.i64(field)
            case 11: dictionaryOffset = try reader.i64(field)
            default: return false
            }
            return true
        }
        guard let type, let codec, let values, let uncompressed, let compressed, let dataOffset, !path.isEmpty else {
            throw reader.failure("column metadata without its type, path, codec, sizes, value count or data page offset")
        }
        self.type = type
        self.encodings = encodings
        self.path = path
        self.codec = codec
        self.numberOfValues = values
        self.totalUncompressedSize = uncompressed
        self.totalCompressedSize = compressed
        self.dataPageOffset = dataOffset
        self.dictionaryPageOffset = dictionaryOffset
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.path == rhs.path && lhs.type == rhs.type && lhs.dataPageOffset == rhs.dataPageOffset
            && lhs.dictionaryPageOffset == rhs.dictionaryPageOffset && lhs.totalCompressedSize == rhs.totalCompressedSize
            && lhs.codec == rhs.codec && lhs.encodings == rhs.encodings && lhs.numberOfValues == rhs.numberOfValues
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(dataPageOffset)
    }
}
