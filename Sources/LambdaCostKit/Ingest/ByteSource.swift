#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// Reads the bytes of one input file, plain or gzip, in bounded chunks, and on request fingerprints the
/// file (SHA-256 of the bytes on disk) on a second thread while the caller parses.
public final class ByteSource {
    /// The path as given, used in diagnostics.
    public let path: String
    private let descriptor: Int32
    private var inflater: GzipInflater?
    private var digest: BackgroundDigest?
    private var rawBuffer: UnsafeMutableRawBufferPointer
    /// Bytes read from disk so far.
    public private(set) var bytesOnDisk: Int = 0
    private var atEndOfFile = false

    /// Opens `path`; a name ending in `.gz` (or a file starting with the gzip magic) is decompressed.
    /// With `fingerprint`, the file's SHA-256 is computed on another thread (``finishDigest()``).
    public init(path: String, fingerprint: Bool = false) throws {
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
        if fingerprint { digest = BackgroundDigest(descriptor: descriptor) }
    }

    deinit {
        _ = digest?.wait()  // the digest thread reads the descriptor
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

    /// The SHA-256 of the bytes on disk; call after the whole file was read. Fails when the file could not
    /// be read again or changed size while it was read (the digest would not be of the bytes parsed).
    public func finishDigest() throws -> String {
        guard let digest else { preconditionFailure("ByteSource(path:fingerprint:) was opened without a fingerprint") }
        switch digest.wait() {
        case .success(let hex, let bytes):
            guard bytes == bytesOnDisk else {
                throw InputError(path: path, message: "the file changed while it was read (\(bytesOnDisk) bytes read, \(bytes) bytes hashed); read it again when it is complete")
            }
            return hex
        case .failure(let message):
            throw InputError(path: path, message: "cannot read the file to fingerprint it: \(message)")
        }
    }

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
            return count
        }
    }
}

/// SHA-256 of a whole file computed on its own thread with positioned reads (`pread`), so it neither moves
/// the reader's file offset nor waits for the parser.
private final class BackgroundDigest: @unchecked Sendable {
    enum Outcome: Sendable {
        case success(hex: String, bytes: Int)
        case failure(String)
    }

    private let finished = DispatchSemaphore(value: 0)
    /// Written by the digest thread before it signals `finished`, read only after waiting for it.
    private var outcome: Outcome?

    init(descriptor: Int32) {
        Thread.detachNewThread { [self] in
            outcome = Self.hash(descriptor)
            finished.signal()
        }
    }

    /// Waits for the thread (again, if called twice) and returns what it found.
    func wait() -> Outcome {
        finished.wait()
        defer { finished.signal() }
        return outcome!
    }

    private static func hash(_ descriptor: Int32) -> Outcome {
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(String(cString: strerror(errno)))
            }
            if count == 0 { return .success(hex: hasher.finalizeHex(), bytes: offset) }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += count
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
