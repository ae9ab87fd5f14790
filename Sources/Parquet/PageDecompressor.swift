import CSnappy
import CZlibStream
import CZstd

/// Decompresses one page with the column chunk's codec: UNCOMPRESSED, SNAPPY, GZIP or ZSTD. The result must have
/// exactly the size the page header gives.
enum PageDecompressor {
    static func isSupported(_ codec: ParquetCompressionCodec) -> Bool {
        switch codec {
        case .uncompressed, .snappy, .gzip, .zstd: true
        default: false
        }
    }

    static func decompress(_ input: ArraySlice<UInt8>, codec: ParquetCompressionCodec, size: Int) throws(ParquetErrorMessage) -> [UInt8] {
        if codec == .uncompressed || size == 0 && input.isEmpty {
            guard input.count == size else {
                throw ParquetErrorMessage("an uncompressed page of \(input.count) bytes where the header says \(size)")
            }
            return Array(input)
        }
        // One spare byte: a page that decompresses to more than the header says is seen, not cut.
        var output = [UInt8](repeating: 0, count: size + 1)
        let produced: Int? = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                switch codec {
                case .snappy: snappy(source, into: target)
                case .gzip: gzip(source, into: target)
                case .zstd: zstd(source, into: target)
                default: nil
                }
            }
        }
        guard isSupported(codec) else { throw ParquetErrorMessage("the codec \(codec) is not supported (UNCOMPRESSED, SNAPPY, GZIP or ZSTD expected)") }
        guard let produced else { throw ParquetErrorMessage("a corrupt \(codec) page (it does not decompress)") }
        guard produced == size else {
            throw ParquetErrorMessage("a \(codec) page that decompresses to \(produced == size + 1 ? "more than \(size)" : "\(produced)") bytes where the header says \(size)")
        }
        output.removeLast()
        return output
    }

    private static func snappy(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) -> Int? {
        guard let input = source.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
        var length = 0
        guard snappy_uncompressed_length(input, source.count, &length) == SNAPPY_OK else { return nil }
        guard length < target.count else { return length }
        guard length > 0 else { return 0 }
        var produced = target.count
        let status = snappy_uncompress(input, source.count, target.baseAddress!.assumingMemoryBound(to: CChar.self), &produced)
        return status == SNAPPY_OK ? produced : nil
    }

    private static func zstd(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) -> Int? {
        guard let input = source.baseAddress else { return nil }
        let result = ZSTD_decompress(target.baseAddress, target.count, input, source.count)
        return ZSTD_isError(result) != 0 ? nil : result
    }

    private static func gzip(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) -> Int? {
        guard let input = source.baseAddress, source.count <= Int(UInt32.max), target.count <= Int(UInt32.max) else { return nil }
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(target.count)
        let status = inflate(&stream, Z_FINISH)
        let produced = target.count - Int(stream.avail_out)
        // A full target means more bytes than the header says (the target has one spare byte): a size mismatch.
        return status == Z_STREAM_END || stream.avail_out == 0 ? produced : nil
    }
}
