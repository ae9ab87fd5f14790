#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// Reads the bytes of one input file, plain, gzip or ZIP (one file in the archive), in bounded chunks, and on
/// request fingerprints it: the SHA-256 of the bytes read from disk (compressed, for gzip and ZIP), hashed on
/// a reader thread in the same read the caller parses.
///
/// Only regular files are opened (a FIFO, device, socket or folder is refused without waiting on it), except
/// standard input, named `-` or `/dev/stdin`, which is streamed (gzip recognized from its first bytes; a ZIP
/// is refused, as it needs its central directory at the end).
public final class ByteSource {
    private enum Decoder {
        case plain
        /// gzip, inflated on a thread of its own.
        case gzip(InflateAhead)
        case zip(ZipEntryReader)
        /// A part of a file split for parsing on several threads.
        case part(SplitFileRange)
    }

    /// The path as given, used in diagnostics.
    public let path: String
    /// The file's bytes as read from disk; `nil` for a part of a split file.
    private let raw: ReadAhead?
    private let decoder: Decoder
    private let fingerprint: Bool

    /// Bytes read from disk so far.
    public var bytesOnDisk: Int { raw?.bytesRead ?? 0 }

    /// Opens `path`. A file starting with the gzip magic, or named `.gz` (in any letter case), is decompressed;
    /// one starting with a ZIP header, or named `.zip`, must hold one data file, which is decompressed.
    /// With `fingerprint`, the file's SHA-256 is computed as it is read (``finishDigest()``).
    public init(path: String, fingerprint: Bool = false) throws {
        self.path = path
        self.fingerprint = fingerprint
        let standardInput = Self.isStandardInput(path)
        let descriptor: Int32
        var fileSize = 0
        if standardInput {
            descriptor = STDIN_FILENO
        } else {
            (descriptor, fileSize) = try Self.openRegularFile(path)
        }
        let raw = ReadAhead(path: path, descriptor: descriptor, closesDescriptor: !standardInput, hashing: fingerprint)
        self.raw = raw
        do {
            let magic = try raw.peek(4)
            let name = path.lowercased()
            if magic.starts(with: [0x1f, 0x8b]) {
                decoder = .gzip(Self.inflating(raw, try Inflater(path: path, format: .gzip), path: path))
            } else if magic == [0x50, 0x4b, 0x03, 0x04] || magic == [0x50, 0x4b, 0x05, 0x06] || name.hasSuffix(".zip") {
                guard !standardInput else {
                    throw InputError(path: path, message: "standard input holds a ZIP archive, which cannot be streamed (its central directory is at its end); give the archive's path instead")
                }
                decoder = .zip(try ZipEntryReader(path: path, descriptor: descriptor, fileSize: fileSize, source: raw))
            } else if name.hasSuffix(".gz") {
                decoder = .gzip(Self.inflating(raw, try Inflater(path: path, format: .gzip), path: path))
            } else {
                decoder = .plain
            }
        } catch {
            raw.stop()
            throw error
        }
    }

    /// The bytes of a split file from `range`'s position on (a part of a file parsed on several threads); not
    /// fingerprinted here (``SplitFileDigest`` hashes the file).
    init(part range: SplitFileRange) {
        path = range.file.path
        fingerprint = false
        raw = nil
        decoder = .part(range)
    }

    deinit {
        // The inflating thread stops the reader when it ends (it may be waiting on it for bytes).
        if case .gzip(let inflating) = decoder { inflating.stop() } else { raw?.stop() }
    }

    /// The inflation of a gzip file on a thread of its own, taking the compressed bytes from `raw`.
    private static func inflating(_ raw: ReadAhead, _ inflater: Inflater, path: String) -> InflateAhead {
        var rawAtEnd = false
        return InflateAhead(produce: { buffer in
            while true {
                if inflater.needsInput && !rawAtEnd {
                    let bytes = try raw.take(upTo: .max)
                    if bytes.count == 0 { rawAtEnd = true }
                    inflater.supply(bytes)
                }
                let produced = try inflater.inflate(into: buffer)
                if produced > 0 { return produced }
                if rawAtEnd && inflater.needsInput {
                    guard inflater.sawInput else { throw InputError(path: path, message: "the gzip file is empty") }
                    guard inflater.isFinished else {
                        throw InputError(path: path, message: "the gzip stream is truncated (unexpected end of file)")
                    }
                    return 0
                }
            }
        }, finished: { raw.stop() })
    }

    /// Fills `buffer` with the next decompressed bytes; returns 0 only at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        switch decoder {
        case .part(let range):
            return range.read(into: buffer)
        case .plain:
            let bytes = try raw!.take(upTo: buffer.count)
            if bytes.count > 0 { buffer.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
            return bytes.count
        case .zip(let reader):
            return try reader.read(into: buffer)
        case .gzip(let inflating):
            return try inflating.read(into: buffer)
        }
    }

    /// The SHA-256 of the bytes read from disk, which are the bytes parsed: reads what is left of the file
    /// first (nothing, after a read to the end).
    public func finishDigest() throws -> String {
        precondition(fingerprint, "ByteSource(path:fingerprint:) was opened without a fingerprint")
        try drain()
        guard let digest = raw?.finishedDigest(), digest.bytes == bytesOnDisk else {
            throw InputError(path: path, message: "cannot fingerprint the file: the bytes hashed are not the bytes read")
        }
        return digest.hex
    }

    /// Reads to the end, for callers that only need the fingerprint.
    public func drain() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        while try read(into: scratch) > 0 {}
    }

    /// Whether `path` names standard input.
    static func isStandardInput(_ path: String) -> Bool { path == "-" || path == "/dev/stdin" }

    /// Opens a regular file for reading and returns its descriptor and size; anything else is refused
    /// without waiting on it (the path is checked first, then the descriptor, opened non-blocking).
    private static func openRegularFile(_ path: String) throws -> (descriptor: Int32, size: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        try refuseUnlessRegular(info.st_mode, path: path)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        do {
            guard fstat(descriptor, &info) == 0 else {
                throw InputError(path: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
            }
            try refuseUnlessRegular(info.st_mode, path: path)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        } catch {
            close(descriptor)
            throw error
        }
        return (descriptor, Int(info.st_size))
    }

    private static func refuseUnlessRegular(_ mode: mode_t, path: String) throws {
        guard let kind = nonRegularKind(mode) else { return }
        throw InputError(path: path, message: refusal(of: kind))
    }

    /// What a file of `mode` is when it is not a regular file (`a FIFO`, `a folder`, …); `nil` for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }

    /// The one message for an input that is not a regular file, wherever it is met (given, or in a folder).
    static func refusal(of kind: String) -> String {
        "it is \(kind), not a regular file: only regular files and standard input (--input -) are read"
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
