/// A Parquet value or level encoding, as named in the format's `Encoding` enum.
public enum ParquetEncoding: Hashable, Sendable, CustomStringConvertible {
    case plain, plainDictionary, rle, bitPacked, deltaBinaryPacked, deltaLengthByteArray, deltaByteArray
    case rleDictionary, byteStreamSplit
    /// A code this reader does not know.
    case unknown(Int32)

    init(code: Int32) {
        switch code {
        case 0: self = .plain
        case 2: self = .plainDictionary
        case 3: self = .rle
        case 4: self = .bitPacked
        case 5: self = .deltaBinaryPacked
        case 6: self = .deltaLengthByteArray
        case 7: self = .deltaByteArray
        case 8: self = .rleDictionary
        case 9: self = .byteStreamSplit
        default: self = .unknown(code)
        }
    }

    public var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        case .unknown(let code): "UNKNOWN(\(code))"
        }
    }
}
