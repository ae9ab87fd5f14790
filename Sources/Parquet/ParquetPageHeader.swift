/// The header before every page of a column chunk (`PageHeader` with its data, dictionary or v2 data header).
struct ParquetPageHeader {
    enum Kind: Int32, CustomStringConvertible {
        case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3

        var description: String {
            switch self {
            case .dataPage: "DATA_PAGE"
            case .indexPage: "INDEX_PAGE"
            case .dictionaryPage: "DICTIONARY_PAGE"
            case .dataPageV2: "DATA_PAGE_V2"
            }
        }
    }

    var kind: Kind
    var uncompressedSize: Int
    var compressedSize: Int
    /// Entries in a data page (nulls included) or values in a dictionary page.
    var numberOfValues = 0
    /// The values' encoding.
    var encoding = ParquetEncoding.plain
    /// v1: the level encodings (RLE, or the deprecated BIT_PACKED).
    var definitionLevelEncoding = ParquetEncoding.rle
    var repetitionLevelEncoding = ParquetEncoding.rle
    /// v2: the byte lengths of the uncompressed levels before the values, and whether the values are compressed.
    var definitionLevelsByteLength = 0
    var repetitionLevelsByteLength = 0
    var isCompressed = true

    /// Decodes a `PageHeader`.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var kind: Kind?, uncompressed: Int32?, compressed: Int32?
        var header = ParquetPageHeader(kind: .dataPage, uncompressedSize: 0, compressedSize: 0)
        var sawTypeHeader = false
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1:
                let code = try reader.i32(field)
                guard let known = Kind(rawValue: code) else { throw reader.failure("an unknown page type \(code)") }
                kind = known
            case 2: uncompressed = try reader.i32(field)
            case 3: compressed = try reader.i32(field)
            case 5:
                try reader.expectStruct(field)
                sawTypeHeader = true
                try header.readDataPageHeader(&reader)
            case 7:
                try reader.expectStruct(field)
                sawTypeHeader = true
                try header.readDictionaryPageHeader(&reader)
            case 8:
                try reader.expectStruct(field)
                sawTypeHeader = true
                try header.readDataPageV2Header(&reader)
            default: return false
            }
            return true
        }
        guard let kind, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw reader.failure("a page header without its type or sizes")
        }
        guard sawTypeHeader || kind == .indexPage else { throw reader.failure("a page header without its \(kind) header") }
        header.kind = kind
        header.uncompressedSize = Int(uncompressed)
        header.compressedSize = Int(compressed)
        self = header
    }

    private init(kind: Kind, uncompressedSize: Int, compressedSize: Int) {
        self.kind = kind
        self.uncompressedSize = uncompressedSize
        self.compressedSize = compressedSize
    }

    private static func count(_ value: Int32, _ reader: ThriftCompactReader) throws(ThriftCompactReader.Failure) -> Int {
        guard value >= 0 else { throw reader.failure("a negative count or length \(value) in a page header") }
        return Int(value)
    }

    private mutating func readDataPageHeader(_ reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: numberOfValues = try Self.count(try reader.i32(field), reader)
            case 2: encoding = ParquetEncoding(code: try reader.i32(field))
            case 3: definitionLevelEncoding = ParquetEncoding(code: try reader.i32(field))
            case 4: repetitionLevelEncoding = ParquetEncoding(code: try reader.i32(field))
            default: return false
            }
            return true
        }
    }

    private mutating func readDictionaryPageHeader(_ reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: numberOfValues = try Self.count(try reader.i32(field), reader)
            case 2: encoding = ParquetEncoding(code: try reader.i32(field))
            default: return false
            }
            return true
        }
    }

    private mutating func readDataPageV2Header(_ reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: numberOfValues = try Self.count(try reader.i32(field), reader)
            case 4: encoding = ParquetEncoding(code: try reader.i32(field))
            case 5: definitionLevelsByteLength = try Self.count(try reader.i32(field), reader)
            case 6: repetitionLevelsByteLength = try Self.count(try reader.i32(field), reader)
            case 7: isCompressed = try reader.bool(field)
            default: return false
            }
            return true
        }
    }
}
