import CZlibStream

/// zlib inflate over a gzip stream (including files made of several concatenated gzip members) or over the raw
/// deflate data of a ZIP entry.
final class Inflater {
    enum Format {
        /// gzip members, one after the other.
        case gzip
        /// One raw deflate stream, without header or trailer.
        case deflate
    }

    private let path: String
    private let format: Format
    private var stream = z_stream()
    private(set) var isFinished = false
    private(set) var sawInput = false
    private var outputPending = false

    init(path: String, format: Format) throws {
        self.path = path
        self.format = format
        let status = format == .gzip ? czlib_inflate_init_gzip(&stream) : czlib_inflate_init_raw(&stream)
        guard status == Z_OK else {
            throw InputError(path: path, message: "cannot start \(format == .gzip ? "gzip" : "deflate") decompression")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Whether zlib has consumed everything supplied and flushed all it could.
    var needsInput: Bool { stream.avail_in == 0 && !outputPending }

    /// Compressed bytes supplied and not yet consumed (after the end of a deflate stream: bytes that follow it).
    var unconsumedInput: Int { Int(stream.avail_in) }

    /// Hands zlib the next compressed bytes; they must stay valid until consumed.
    func supply(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        sawInput = true
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
    }

    func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard stream.avail_in > 0 || outputPending else { return 0 }
        if isFinished {
            // A raw deflate stream ends once; bytes after it are the caller's to judge.
            guard format == .gzip else { return 0 }
            // Another gzip member follows the one that ended.
            guard inflateReset(&stream) == Z_OK else { throw InputError(path: path, message: "cannot restart gzip decompression") }
            isFinished = false
        }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        let status = CZlibStream.inflate(&stream, Z_NO_FLUSH)
        let produced = buffer.count - Int(stream.avail_out)
        // At the end of a member nothing is pending, even when its last bytes filled the buffer exactly.
        outputPending = stream.avail_out == 0 && status != Z_STREAM_END
        switch status {
        case Z_STREAM_END:
            isFinished = true
        case Z_OK, Z_BUF_ERROR:
            break
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
            let what = format == .gzip ? "the file is not valid gzip data" : "the ZIP entry's data is not valid deflate data"
            throw InputError(path: path, message: "\(what) (\(reason))")
        }
        return produced
    }
}
