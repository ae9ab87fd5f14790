/// A column's logical type (the format's `LogicalType` union): how to read its physical values.
public enum ParquetLogicalType: Sendable, Hashable {
    case string, map, list, enumeration, json, bson, uuid, date, unknown
    case decimal(scale: Int, precision: Int)
    case time(unit: ParquetTimeUnit, isAdjustedToUTC: Bool)
    case timestamp(unit: ParquetTimeUnit, isAdjustedToUTC: Bool)
    case integer(bitWidth: Int, isSigned: Bool)
    /// A member of the union this reader does not know, by field id.
    case other(Int16)

    /// Decodes the `LogicalType` union.
    init(thrift reader: inout ThriftCompactReader) throws(ThriftCompactReader.Failure) {
        var result: ParquetLogicalType?
        try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
            try reader.expectStruct(field)
            switch field.id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enumeration
            case 6: result = .date
            case 11: result = .unknown
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 5:
                var scale: Int32?, precision: Int32?
                try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                    switch field.id {
                    case 1: scale = try reader.i32(field)
                    case 2: precision = try reader.i32(field)
                    default: return false
                    }
                    return true
                }
                guard let scale, let precision else { throw reader.failure("a DECIMAL logical type without scale or precision") }
                result = .decimal(scale: Int(scale), precision: Int(precision))
                return true
            case 7, 8:
                var utc = false, unit: ParquetTimeUnit?
                try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                    switch field.id {
                    case 1: utc = try reader.bool(field)
                    case 2:
                        try reader.expectStruct(field)
                        unit = try ParquetTimeUnit(thrift: &reader)
                    default: return false
                    }
                    return true
                }
                guard let unit else { throw reader.failure("a TIME or TIMESTAMP logical type without its unit") }
                result = field.id == 7 ? .time(unit: unit, isAdjustedToUTC: utc) : .timestamp(unit: unit, isAdjustedToUTC: utc)
                return true
            case 10:
                var bitWidth: Int = 0, signed = true
                try reader.readStruct { (reader: inout ThriftCompactReader, field) throws(ThriftCompactReader.Failure) in
                    switch field.id {
                    case 1:
                        guard field.type == .byte else { throw reader.failure("an INTEGER bit width that is not a byte") }
                        bitWidth = Int(Int8(bitPattern: try reader.readByte()))
                    case 2: signed = try reader.bool(field)
                    default: return false
                    }
                    return true
                }
                result = .integer(bitWidth: bitWidth, isSigned: signed)
                return true
            default:
                result = .other(field.id)
                return false
            }
            try reader.skip(field.type)  // an empty struct
            return true
        }
        guard let result else { throw reader.failure("an empty logical type") }
        self = result
    }
}
