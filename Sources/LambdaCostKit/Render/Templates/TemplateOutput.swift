/// The bytes a template renders. With `crlfRecords` (CSV files) each record ends with CRLF (RFC 4180) as it is
/// written, newlines inside quoted fields staying as they are. With a `flush`, the bytes are handed on a chunk at
/// a time, so a fleet's CSV file is written while it renders and never held whole.
struct TemplateOutput {
    private var buffer: ByteBuffer
    /// The bytes not yet handed on (all of them without a `flush`).
    var bytes: [UInt8] { buffer.array }
    /// How many bytes were written in all (flushed or not).
    private(set) var count = 0
    private(set) var lastByte: UInt8 = 0
    /// Where the markup the report made itself (``TrustedMarkup``: its charts) lies in ``bytes``, in order; noted only
    /// without a `flush`, for the page check (``XHTMLValidator/problems(in:standingIn:)``).
    private(set) var markupRanges: [Range<Int>] = []

    private let crlfRecords: Bool
    private var quoted = false
    private let flushSize: Int
    private let flush: (([UInt8]) -> Void)?

    /// The indentation of the standalone partials being rendered, and the count at which the innermost began:
    /// a line it starts after writing something gets the indentation.
    var indentation: [UInt8] = []
    var indentationStart = 0

    init(crlfRecords: Bool = false, flushSize: Int = 1 << 20, flush: (([UInt8]) -> Void)? = nil) {
        self.crlfRecords = crlfRecords
        self.flushSize = flushSize
        self.flush = flush
        buffer = ByteBuffer(capacity: flush == nil ? 4096 : flushSize + flushSize / 4)
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Writes markup the report made itself (a chart), noting where it lies.
    mutating func writeMarkup(_ markup: String) {
        let start = count
        write(markup)
        if flush == nil && count > start { markupRanges.append(start..<count) }
    }

    mutating func write(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { write($0) }
    }

    mutating func write(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard !chunk.isEmpty else { return }
        if !indentation.isEmpty, count > indentationStart, lastByte == 0x0A {
            let pending = indentation
            indentation = []
            pending.withUnsafeBufferPointer { append($0) }
            indentation = pending
        }
        append(chunk)
        if let flush, buffer.count >= flushSize {
            flush(buffer.array)
            buffer.removeAll()
        }
    }

    /// Hands on what is left (with a `flush`); after it the output is empty.
    mutating func finish() {
        if let flush, !buffer.isEmpty {
            flush(buffer.array)
            buffer.removeAll()
        }
    }

    private mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        if crlfRecords {
            for byte in chunk {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == 0x0A && !quoted && lastByte != 0x0D {
                    buffer.append(0x0D)
                    count += 1
                }
                buffer.append(byte)
                lastByte = byte
            }
        } else {
            buffer.append(chunk)
            lastByte = chunk[chunk.count - 1]
        }
        count += chunk.count
    }
}
