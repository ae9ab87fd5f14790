/// The non-null values of a column chunk, in order, typed by the column's physical type.
public enum ParquetValues: Sendable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([ParquetInt96])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
    case bytes(ParquetByteArrays)

    public var count: Int {
        switch self {
        case .boolean(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .int96(let values): values.count
        case .float(let values): values.count
        case .double(let values): values.count
        case .bytes(let values): values.count
        }
    }
}
