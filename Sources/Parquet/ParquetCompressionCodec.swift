/// The compression of a column chunk's pages, as named in the format's `CompressionCodec` enum.
public enum ParquetCompressionCodec: Hashable, Sendable, CustomStringConvertible {
    case uncompressed, snappy, gzip, lzo, brotli, lz4, zstd, lz4Raw
    /// A code this reader does not know.
    case unknown(Int32)

    init(code: Int32) {
        switch code {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 3: self = .lzo
        case 4: self = .brotli
        case 5: self = .lz4
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: self = .unknown(code)
        }
    }

    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        case .unknown(let code): "UNKNOWN(\(code))"
        }
    }
}
