/// The physical (storage) type of a Parquet column.
public enum ParquetPhysicalType: Int32, Sendable, CustomStringConvertible {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLengthByteArray = 7

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLengthByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}
