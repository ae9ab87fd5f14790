#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of one input file, plain or gzip, in bounded chunks, and fingerprints the file
/// (SHA-256 and size of the bytes on disk) as it goes.
public final class ByteSource {
    /// The path as given, used in diagnostics.
    public let path: String
    private let descriptor: Int32
    private var inflater: GzipInflater?
    private let hasher = SHA256()
    private var rawBuffer: UnsafeMutableRawBufferPointer
    /// Bytes read from disk so far.
    public private(set) var bytesOnDisk: Int = 0
    private var atEndOfFile = false

    /// Opens `path`; a name ending in `.gz` (or a file starting with the gzip magic) is decompressed.
    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        rawBuffer = .allocate(byteCount: 1 << 18, alignment: 16)
        var magic: (UInt8, UInt8) = (0, 0)
        let peeked = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress, 2, 0) }
        if path.hasSuffix(".gz") || (peeked == 2 && magic == (0x1f, 0x8b)) {
            inflater = try GzipInflater(path: path)
        }
    }

    deinit {
        close(descriptor)
        rawBuffer.deallocate()
    }

    /// Fills `buffer` with the next decompressed bytes; returns 0 only at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let inflater else { return try readRaw(into: buffer) }
        while true {
            if inflater.needsInput && !atEndOfFile {
                let count = try readRaw(into: rawBuffer)
                inflater.supply(UnsafeRawBufferPointer(rebasing: rawBuffer[0..<count]))
            }
            let produced = try inflater.inflate(into: buffer)
            if produced > 0 { return produced }
            if atEndOfFile && inflater.needsInput {
                guard inflater.sawInput else { throw InputError(path: path, message: "the gzip file is empty") }
                guard inflater.isFinished else {
                    throw InputError(path: path, message: "the gzip stream is truncated (unexpected end of file)")
                }
                return 0
            }
        }
    }

    /// The SHA-256 of the bytes on disk; call once, after the whole file was read.
    public func finishDigest() -> String { hasher.finalizeHex() }

    /// Reads to the end, for callers that only need the fingerprint.
    public func drain() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        while try read(into: scratch) > 0 {}
    }

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !atEndOfFile else { return 0 }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEndOfFile = true }
            bytesOnDisk += count
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            return count
        }
    }
}

/// A file that cannot be read at all (missing, unreadable, corrupt compression).
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}
