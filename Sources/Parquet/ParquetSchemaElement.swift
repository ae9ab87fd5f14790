/// One node of a Parquet schema, as the footer lists them (depth first; a group gives its number of children).
public struct ParquetSchemaElement: Sendable, Hashable {
    /// Whether a field must be present, may be null, or repeats.
    public enum Repetition: Int32, Sendable {
        case required = 0, optional = 1, repeated = 2
    }

    public var name: String
    /// The physical type of a leaf; `nil` for a group.
    public var type: ParquetPhysicalType?
    /// The byte length of a FIXED_LEN_BYTE_ARRAY.
    public var typeLength: Int?
    public var repetition: Repetition?
    public var numberOfChildren: Int?
    public var convertedType: ParquetConvertedType?
    public var logicalType: ParquetLogicalType?
    /// The DECIMAL scale and precision of the converted type.
    public var scale: Int?
    public var precision: Int?

    /// The unit of a timestamp column, from its logical type or else its converted type; `nil` when not a timestamp.
    public var timestampUnit: ParquetTimeUnit? {
        if case .timestamp(let unit, _) = logicalType { return unit }
        switch convertedType {
        case .timestampMillis: return .milliseconds
        case .timestampMicros: return .microseconds
        default: return nil
        }
    }

    /// The scale of a DECIMAL column, from its logical type or else its converted type; `nil` when not a decimal.
    public var decimalScale: Int? {
        if case .decimal(let scale, _) = logicalType { return scale }
        if convertedType == .decimal { return scale ?? 0 }
        return nil
    }

    /// Decodes a `SchemaElement`.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var name: String?
        var element = ParquetSchemaElement(name: "")
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1:
                let code = try reader.i32(field)
                guard let type = ParquetPhysicalType(rawValue: code) else { throw reader.failure("an unknown physical type \(code)") }
                element.type = type
            case 2: element.typeLength = Int(try reader.i32(field))
            case 3:
                let code = try reader.i32(field)
                guard let repetition = Repetition(rawValue: code) else { throw reader.failure("an unknown repetition \(code)") }
                element.repetition = repetition
            case 4: name = try reader.string(field)
            case 5: element.numberOfChildren = Int(try reader.i32(field))
            case 6: element.convertedType = ParquetConvertedType(code: try reader.i32(field))
            case 7: element.scale = Int(try reader.i32(field))
            case 8: element.precision = Int(try reader.i32(field))
            case 10:
                try reader.expectStruct(field)
                element.logicalType = try ParquetLogicalType(thrift: &reader)
            default: return false
            }
            return true
        }
        guard let name else { throw reader.failure("a schema element without a name") }
        element.name = name
        self = element
    }

    public init(name: String) { self.name = name }
}
