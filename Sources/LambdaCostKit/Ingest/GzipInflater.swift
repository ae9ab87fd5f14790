import CZlibStream

/// zlib inflate over a gzip stream, including files made of several concatenated gzip members.
final class GzipInflater {
    private let path: String
    private var stream = z_stream()
    private(set) var isFinished = false
    private(set) var sawInput = false
    private var outputPending = false

    init(path: String) throws {
        self.path = path
        guard czlib_inflate_init_gzip(&stream) == Z_OK else {
            throw InputError(path: path, message: "cannot start gzip decompression")
        }
    }

    deinit { inflateEnd(&stream) }

    /// Whether zlib has consumed everything supplied and flushed all it could.
    var needsInput: Bool { stream.avail_in == 0 && !outputPending }

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
            throw InputError(path: path, message: "the file is not valid gzip data (\(reason))")
        }
        return produced
    }
}
