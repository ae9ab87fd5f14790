/// The unit of an INT64 (or INT32) time or timestamp.
public enum ParquetTimeUnit: Sendable, Hashable {
    case milliseconds, microseconds, nanoseconds

    /// How many units make a second.
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Decodes the `TimeUnit` union.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var unit: ParquetTimeUnit?
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            switch field.id {
            case 1: unit = .milliseconds
            case 2: unit = .microseconds
            case 3: unit = .nanoseconds
            default: return false
            }
            try reader.skip(field.type)  // the members are empty structs
            return true
        }
        guard let unit else { throw reader.failure("a time unit that is not MILLIS, MICROS or NANOS") }
        self = unit
    }
}
