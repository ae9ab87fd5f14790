#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a regular file holds, told by its first bytes (read with one `pread`, so nothing is consumed): gzip
/// (`1f 8b`), ZIP (`PK\x03\x04`), Parquet (`PAR1`), CSV-like text, other text, other binary, or nothing.
enum FileSignature: Equatable {
    case gzip, zip, parquet, empty
    /// UTF-8 text without NUL bytes whose first line has a comma.
    case csvText
    /// UTF-8 text that does not look like CSV (no comma in its first line).
    case otherText
    case binary

    /// How many bytes are looked at.
    static let sniffBytes = 4096

    /// Reads the first bytes of the regular file at `path`; `nil` when it cannot be opened or read (the reader
    /// that opens it later says why).
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Self.sniffBytes)
        var count = -1
        repeat {
            count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { return nil }
        self.init(prefix: bytes[..<count])
    }

    /// The signature of a file that starts with `prefix` (at most ``sniffBytes`` of it).
    init(prefix: ArraySlice<UInt8>) {
        let bytes = Array(prefix)
        if bytes.isEmpty { self = .empty; return }
        if bytes.starts(with: [0x1f, 0x8b]) { self = .gzip; return }
        if bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) { self = .zip; return }
        if bytes.starts(with: Array("PAR1".utf8)) { self = .parquet; return }
        guard !bytes.contains(0), Self.isUTF8(bytes, truncated: bytes.count >= Self.sniffBytes) else { self = .binary; return }
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        self = firstLine.contains(0x2C) ? .csvText : .otherText
    }

    /// Whether `bytes` is valid UTF-8; with `truncated`, a sequence cut at the end is allowed.
    static func isUTF8(_ bytes: [UInt8], truncated: Bool) -> Bool {
        var body = bytes[...]
        if truncated, let lead = body.lastIndex(where: { $0 & 0xC0 != 0x80 }), body[lead] >= 0xC0 {
            let expected = body[lead] >= 0xF0 ? 4 : body[lead] >= 0xE0 ? 3 : 2
            if body.endIndex - lead < expected { body = body[..<lead] }
        }
        return String(validating: body, as: UTF8.self) != nil
    }
}
