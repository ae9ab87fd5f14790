import CZlibStream

/// Writes a gzip file (deflate level 6 by default). The output is deterministic for a given zlib: the gzip
/// header carries no file name, a zero modification time and the Unix OS code on every platform.
public final class GzipFileWriter {
    private let file: SampleFileHandle
    private let stream: UnsafeMutablePointer<z_stream>
    /// Must outlive the first `deflate` call, which writes it.
    private let header: UnsafeMutablePointer<gz_header>
    private let output: UnsafeMutablePointer<UInt8>
    private static let outputCapacity = 256 * 1024
    private var finished = false

    /// Creates (or truncates) the file at `path`.
    public init(path: String, level: Int32 = 6) throws {
        file = try SampleFileHandle(path: path)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        header = .allocate(capacity: 1)
        header.initialize(to: gz_header())
        header.pointee.os = 3  // Unix, whatever the platform's zlib would write
        output = .allocate(capacity: Self.outputCapacity)
        guard czlib_deflate_init_gzip(stream, level) == Z_OK else {
            stream.deallocate()
            header.deallocate()
            output.deallocate()
            throw SampleGeneratorError("cannot initialise gzip compression for \(path)")
        }
        deflateSetHeader(stream, header)
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        header.deallocate()
        output.deallocate()
    }

    /// Compresses and writes bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!finished, "write after finish")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        try deflateLoop(flush: Z_NO_FLUSH)
    }

    /// Writes the remaining compressed data and the gzip trailer, then closes the file.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try deflateLoop(flush: Z_FINISH)
        try file.close()
    }

    private func deflateLoop(flush: Int32) throws {
        while true {
            stream.pointee.next_out = output
            stream.pointee.avail_out = UInt32(Self.outputCapacity)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw SampleGeneratorError("gzip compression failed (zlib status \(status))")
            }
            let produced = Self.outputCapacity - Int(stream.pointee.avail_out)
            if produced > 0 { try file.write(UnsafeRawBufferPointer(start: output, count: produced)) }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 {
                return
            }
        }
    }
}
