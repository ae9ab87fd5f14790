/// A column's converted type (the format's older `ConvertedType` enum, still written beside the logical type).
public enum ParquetConvertedType: Sendable, Hashable {
    case utf8, map, mapKeyValue, list, enumeration, decimal, date, timeMillis, timeMicros
    case timestampMillis, timestampMicros, json, bson, interval
    /// UINT_8 … INT_64: a signed or unsigned integer of `bitWidth` bits.
    case integer(bitWidth: Int, isSigned: Bool)
    /// A code this reader does not know.
    case unknown(Int32)

    init(code: Int32) {
        switch code {
        case 0: self = .utf8
        case 1: self = .map
        case 2: self = .mapKeyValue
        case 3: self = .list
        case 4: self = .enumeration
        case 5: self = .decimal
        case 6: self = .date
        case 7: self = .timeMillis
        case 8: self = .timeMicros
        case 9: self = .timestampMillis
        case 10: self = .timestampMicros
        case 11...14: self = .integer(bitWidth: 8 << Int(code - 11), isSigned: false)
        case 15...18: self = .integer(bitWidth: 8 << Int(code - 15), isSigned: true)
        case 19: self = .json
        case 20: self = .bson
        case 21: self = .interval
        default: self = .unknown(code)
        }
    }
}
