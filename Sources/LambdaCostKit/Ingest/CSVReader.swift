/// A streaming RFC 4180 reader over bytes: quoted fields, doubled quotes, embedded commas and newlines,
/// CRLF or LF, a UTF-8 byte order mark, empty trailing fields. Fields are handed out as byte views into a
/// bounded buffer, so columns a caller does not ask for never become `String`s.
///
/// A record that breaks the grammar (a quote inside an unquoted field, text after a closing quote, a quote
/// never closed) is still returned, with ``malformation`` set, so the caller can reject it and go on.
///
/// A reader is used by one thread and never re-entered, so its per-record state skips the runtime's exclusivity
/// checks (`@exclusivity(unchecked)`: each access to a class's stored property is otherwise checked, a cost per
/// field and record).
public final class CSVReader {
    /// Why a record does not follow RFC 4180, and the byte offset in the record where it went wrong.
    public struct Malformation: Equatable, Sendable {
        public var reason: String
        public var offset: Int
    }

    private let source: ByteSource
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawBufferPointer
    private let maximumRecordBytes: Int
    @exclusivity(unchecked) private var dataStart = 0
    @exclusivity(unchecked) private var dataEnd = 0
    @exclusivity(unchecked) private var sourceExhausted = false
    @exclusivity(unchecked) private var atStartOfInput = true
    @exclusivity(unchecked) private var nextLine = 1
    /// The offset in the source of `buffer[0]`.
    @exclusivity(unchecked) private var bufferOffset = 0
    /// No record starting at or after this offset in the source is read: ``nextRecord()`` returns `false` there
    /// (a part of a file split for parsing on several threads ends where the next part begins).
    @exclusivity(unchecked) var stopOffset = Int.max

    /// The current record's fields: content start and end offsets in the buffer, and flags
    /// (bit 0: quoted, bit 1: holds doubled quotes). Raw storage, read through locals in the hot loop.
    private struct FieldSpan {
        var start: Int
        var end: Int
        var flags: UInt8
    }
    @exclusivity(unchecked) private var spans: UnsafeMutablePointer<FieldSpan>
    @exclusivity(unchecked) private var spanCapacity = 256
    @exclusivity(unchecked) private var spanCount = 0
    @exclusivity(unchecked) private var recordStart = 0
    @exclusivity(unchecked) private var recordEnd = 0
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// The buffer offset of the 64-byte block whose quotes, commas and line ends ``specialBits`` holds (those the
    /// scan has not passed yet: the ones at or after `dataStart`), or -1 when none is (after a refill).
    @exclusivity(unchecked) private var specialBlock = -1
    @exclusivity(unchecked) private var specialBits: UInt64 = 0

    /// The physical line where the current record starts, counted from the reader's first line (see ``line``).
    @exclusivity(unchecked) private(set) var partLine = 0
    /// The lines of the file before the reader's first line, when only asked for (a later part of a split file
    /// counts them only when a record of it must say where it is): `linesBeforeCount` counts them once.
    @exclusivity(unchecked) private var linesBefore: Int?
    private let linesBeforeCount: (() -> Int)?
    /// Set when the current record is not valid CSV.
    @exclusivity(unchecked) public private(set) var malformation: Malformation?

    /// The path of the file being read.
    public var path: String { source.path }

    public convenience init(source: ByteSource, initialBufferBytes: Int = 1 << 18, maximumRecordBytes: Int = 16 << 20) {
        self.init(source: source, initialBufferBytes: initialBufferBytes, maximumRecordBytes: maximumRecordBytes, firstLine: 1, atStartOfInput: true)
    }

    /// A reader whose source starts in the middle of a file: at `firstLine`, and with a byte order mark only read
    /// as one when `atStartOfInput`. With `linesBefore`, `firstLine` counts from the reader's start and `linesBefore`
    /// tells (once, when a line is first asked for) how many lines of the file come before it.
    init(source: ByteSource, initialBufferBytes: Int = 1 << 20, maximumRecordBytes: Int = 16 << 20, firstLine: Int, atStartOfInput: Bool,
         linesBefore: (() -> Int)? = nil) {
        self.source = source
        self.maximumRecordBytes = maximumRecordBytes
        self.atStartOfInput = atStartOfInput
        nextLine = firstLine
        self.linesBefore = linesBefore == nil ? 0 : nil
        linesBeforeCount = linesBefore
        buffer = .allocate(byteCount: max(64, initialBufferBytes), alignment: 16)
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
    }

    /// Number of fields in the current record.
    public var fieldCount: Int { spanCount }

    /// The offset in the source where the next record (or blank line) starts: after the current record's terminator.
    var nextRecordOffset: Int { bufferOffset + dataStart }

    /// The physical line where the next record starts, counted as ``partLine`` is.
    var nextRecordPartLine: Int { nextLine }

    /// The physical line (1-based) where the current record starts in the file.
    public var line: Int { partLine + lineOffset }

    /// The lines before the reader's first line (0 unless it was made with `linesBefore`).
    private var lineOffset: Int {
        if let linesBefore { return linesBefore }
        let count = linesBeforeCount!()
        linesBefore = count
        return count
    }

    /// Advances to the next record; returns `false` at the end of the input. Blank lines are skipped.
    public func nextRecord() throws -> Bool {
        while true {
            if bufferOffset + dataStart >= stopOffset { return false }
            if dataStart == dataEnd {
                if sourceExhausted { return false }
                try refill()
                continue
            }
            if atStartOfInput {
                if dataEnd - dataStart < 3 && !sourceExhausted {
                    try refill()
                    continue
                }
                atStartOfInput = false
                if dataEnd - dataStart >= 3, buffer[dataStart] == 0xEF, buffer[dataStart + 1] == 0xBB,
                    buffer[dataStart + 2] == 0xBF
                {
                    dataStart += 3
                    continue
                }
            }
            guard let (next, newlines) = scanWellFormedRecord() ?? scanRecord() else {
                try refill()
                continue
            }
            partLine = nextLine
            nextLine += newlines
            dataStart = next
            if spanCount == 1 && recordEnd == recordStart && malformation == nil { continue }  // blank line
            return true
        }
    }

    /// Calls `body` with the bytes of field `index` (doubled quotes already undone).
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(index < spanCount, "field index out of range")
        let span = spans[index]
        let start = span.start
        let end = span.end
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if span.flags & 2 == 0 {
            return try body(UnsafeBufferPointer(start: base + start, count: end - start))
        }
        scratch.removeAll(keepingCapacity: true)
        var position = start
        while position < end {
            let byte = base[position]
            scratch.append(byte)
            position += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }

    /// Whether field `index` is empty.
    public func isEmpty(_ index: Int) -> Bool {
        precondition(index < spanCount, "field index out of range")
        return spans[index].start == spans[index].end
    }

    // `string`, `lossyString` and `field(_:equals:)` come with ``CURRecord``, as for every record the rules read.

    /// The 1-based column (in bytes) where field `index` starts on its physical line.
    public func column(ofField index: Int) -> Int {
        precondition(index < spanCount, "field index out of range")
        return column(atBufferOffset: spans[index].start - Int(spans[index].flags & 1))
    }

    /// The physical line and column of a byte offset inside the current record.
    public func position(ofRecordOffset offset: Int) -> (line: Int, column: Int) {
        let (line, column) = partPosition(ofRecordOffset: offset)
        return (line + lineOffset, column)
    }

    /// The line of field `index` (it differs from ``line`` when an earlier field holds newlines).
    public func line(ofField index: Int) -> Int {
        partLine(ofField: index) + lineOffset
    }

    /// The line of field `index`, counted as ``partLine`` is.
    func partLine(ofField index: Int) -> Int {
        precondition(index < spanCount, "field index out of range")
        return partPosition(ofRecordOffset: spans[index].start - Int(spans[index].flags & 1) - recordStart).line
    }

    /// ``position(ofRecordOffset:)`` with the line counted as ``partLine`` is.
    private func partPosition(ofRecordOffset offset: Int) -> (line: Int, column: Int) {
        let target = recordStart + offset
        var line = partLine
        var position = recordStart
        while position < target {
            if isLineBreak(at: position) { line += 1 }
            position += 1
        }
        return (line, column(atBufferOffset: target))
    }

    /// The raw bytes of the current record, without its line terminator.
    public var rawRecord: String {
        String(decoding: UnsafeRawBufferPointer(rebasing: buffer[recordStart..<recordEnd]), as: UTF8.self)
    }

    private func column(atBufferOffset offset: Int) -> Int {
        var lineStart = offset
        while lineStart > recordStart && !isLineBreak(at: lineStart - 1) { lineStart -= 1 }
        return offset - lineStart + 1
    }

    /// Whether the byte at a buffer offset ends a physical line: LF, or a CR not followed by LF.
    private func isLineBreak(at offset: Int) -> Bool {
        let byte = buffer[offset]
        if byte == UInt8(ascii: "\n") { return true }
        return byte == UInt8(ascii: "\r") && (offset + 1 >= dataEnd || buffer[offset + 1] != UInt8(ascii: "\n"))
    }

    /// `16 MiB`, `64 KiB`, `100 bytes`.
    static func describeBytes(_ count: Int) -> String {
        if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }

    private func refill() throws {
        specialBlock = -1
        if dataStart > 0 {
            bufferOffset += dataStart
            let pending = dataEnd - dataStart
            if pending > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + dataStart, byteCount: pending)
            }
            dataStart = 0
            dataEnd = pending
        }
        if dataEnd == buffer.count {
            guard buffer.count < maximumRecordBytes else {
                throw InputError(
                    path: source.path,
                    message: "line \(nextLine): a record is longer than \(Self.describeBytes(maximumRecordBytes))")
            }
            let larger = UnsafeMutableRawBufferPointer.allocate(
                byteCount: min(buffer.count * 2, maximumRecordBytes), alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: dataEnd)
            buffer.deallocate()
            buffer = larger
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[dataEnd...]))
        if count == 0 { sourceExhausted = true }
        dataEnd += count
    }

    /// Scans one record starting at `dataStart`. Returns the offset after its terminator and the number of
    /// newlines it spans, or `nil` when the buffer ends before the record does and more input may follow.
    /// The first position at or after `start` holding a quote, LF, CR (or, with `stopAtComma`, a comma),
    /// or the last position from which fewer than 8 bytes remain. Eight bytes at a time: a byte equal to
    /// `c` is a zero byte of `word ^ c×0x0101…`, found with the classic `(v − 0x01…) & ~v & 0x80…` test,
    /// whose lowest flagged byte is always exact (false positives only appear above a true zero).
    @inline(__always)
    static func skipPlainBytes(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, stopAtComma: Bool) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let quotes = ones &* 0x22, lineFeeds = ones &* 0x0A, returns = ones &* 0x0D, commas = ones &* 0x2C
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            var hits = zeroBytes(word ^ quotes) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ returns)
            if stopAtComma { hits |= zeroBytes(word ^ commas) }
            if hits != 0 { return index + hits.trailingZeroBitCount / 8 }
            index += 8
        }
        return index
    }

    /// Scans one record starting at `dataStart` the quick way, from special byte to special byte
    /// (``CSVSpecialBytes``), when it is well-formed and lies in whole 64-byte blocks of the buffer before `dataEnd`;
    /// `nil` otherwise (a malformed record, or one near the buffer's end: ``scanRecord()`` then reads it byte by byte,
    /// as it reads every record it is given). Returns what ``scanRecord()`` returns for such a record.
    private func scanWellFormedRecord() -> (next: Int, newlines: Int)? {
        let end = dataEnd
        let bytes = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        var cursor: CSVSpecialBytes.Cursor
        if specialBlock >= 0 {
            cursor = CSVSpecialBytes.Cursor(bytes: bytes, end: end, block: specialBlock, bits: specialBits)
        } else {
            guard let start = CSVSpecialBytes.Cursor(bytes: bytes, end: end, at: dataStart) else { return nil }
            cursor = start
        }
        specialBlock = -1
        var count = 0
        var spans = self.spans
        var capacity = spanCapacity
        defer {
            self.spans = spans
            spanCapacity = capacity
        }
        @inline(__always) func append(_ start: Int, _ end: Int, _ flags: UInt8) {
            Self.appendSpan(FieldSpan(start: start, end: end, flags: flags), to: &spans, count: &count, capacity: &capacity)
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var newlines = 0
        var fieldStart = dataStart
        var terminator: Int
        fields: while true {
            let special = cursor.next()
            if special < 0 { return nil }
            let byte = bytes[special]
            if byte == comma {
                append(fieldStart, special, 0)
                fieldStart = special + 1
                continue
            }
            if byte != quote {
                append(fieldStart, special, 0)
                terminator = special
                break
            }
            // A quote opens a quoted field only at the field's start (else the record is malformed).
            if special != fieldStart { return nil }
            var escaped = false
            while true {
                let inner = cursor.next()
                if inner < 0 || inner + 1 >= end { return nil }
                let byte = bytes[inner]
                if byte == quote {
                    if bytes[inner + 1] == quote {
                        escaped = true
                        _ = cursor.next()  // the second quote of the pair
                        continue
                    }
                    // The closing quote: a comma or line end must follow at once.
                    let after = cursor.next()
                    if after != inner + 1 { return nil }
                    append(special + 1, inner, escaped ? 3 : 1)
                    if bytes[after] == comma {
                        fieldStart = after + 1
                        continue fields
                    }
                    terminator = after
                    break fields
                }
                if byte == lf || (byte == cr && bytes[inner + 1] != lf) { newlines += 1 }
            }
        }
        // At a line terminator: LF, CRLF or a lone CR.
        var next = terminator + 1
        if bytes[terminator] == cr {
            if next >= end { return nil }
            if bytes[next] == lf {
                _ = cursor.next()  // the LF
                next += 1
            }
        }
        spanCount = count
        malformation = nil
        recordStart = dataStart
        recordEnd = terminator
        specialBlock = cursor.block
        specialBits = cursor.bits
        return (next, newlines + 1)
    }

    /// Appends a field's span to a record's spans, doubling their storage when it is full (both scanners' hot loop).
    @inline(__always) private static func appendSpan(_ span: FieldSpan, to spans: inout UnsafeMutablePointer<FieldSpan>,
                                                     count: inout Int, capacity: inout Int) {
        if count == capacity {
            let larger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: spans, count: count)
            spans.deallocate()
            spans = larger
            capacity *= 2
        }
        (spans + count).initialize(to: span)
        count += 1
    }

    private func scanRecord() -> (next: Int, newlines: Int)? {
        spanCount = 0
        var count = 0
        var spans = self.spans
        var capacity = spanCapacity
        defer {
            spanCount = count
            self.spans = spans
            spanCapacity = capacity
        }
        @inline(__always) func append(_ start: Int, _ end: Int, _ flags: UInt8) {
            Self.appendSpan(FieldSpan(start: start, end: end, flags: flags), to: &spans, count: &count, capacity: &capacity)
        }
        malformation = nil
        recordStart = dataStart
        let end = dataEnd
        let final = sourceExhausted
        let bytes = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var index = dataStart
        var newlines = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func malformed(_ reason: String, at offset: Int) {
            if malformation == nil { malformation = Malformation(reason: reason, offset: offset - recordStart) }
        }

        while true {
            if index < end && bytes[index] == quote {
                let openingQuote = index
                index += 1
                let contentStart = index
                var escaped = false
                var contentEnd = -1
                while contentEnd < 0 {
                    index = Self.skipPlainBytes(bytes, from: index, to: end, stopAtComma: false)
                    if index >= end {
                        guard final else { return nil }
                        malformed("a quoted field is never closed (the quote opens here)", at: openingQuote)
                        contentEnd = end
                        break
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 >= end && !final { return nil }
                        if index + 1 < end && bytes[index + 1] == quote {
                            escaped = true
                            index += 2
                            continue
                        }
                        contentEnd = index
                        index += 1
                        break
                    }
                    if byte == lf || (byte == cr && (index + 1 >= end || bytes[index + 1] != lf)) { newlines += 1 }
                    index += 1
                }
                append(contentStart, contentEnd, escaped ? 3 : 1)
                if index >= end {
                    guard final else { return nil }
                    recordEnd = end
                    return (end, newlines)
                }
                let byte = bytes[index]
                if byte == comma {
                    index += 1
                    continue
                }
                if byte != lf && byte != cr {
                    malformed("unexpected text after a closing quote", at: index)
                    while index < end && bytes[index] != lf && bytes[index] != cr { index += 1 }
                    if index >= end {
                        guard final else { return nil }
                        recordEnd = end
                        return (end, newlines)
                    }
                }
            } else {
                let contentStart = index
                index = Self.skipPlainBytes(bytes, from: index, to: end, stopAtComma: true)
                while index < end {
                    let byte = bytes[index]
                    if byte == comma || byte == lf || byte == cr { break }
                    if byte == quote { malformed("a quote inside an unquoted field", at: index) }
                    index += 1
                }
                if index >= end && !final { return nil }
                append(contentStart, index, 0)
                if index >= end {
                    recordEnd = end
                    return (end, newlines)
                }
                if bytes[index] == comma {
                    index += 1
                    continue
                }
            }
            // At a line terminator: LF, CRLF or a lone CR.
            recordEnd = index
            if bytes[index] == cr {
                if index + 1 >= end && !final { return nil }
                if index + 1 < end && bytes[index + 1] == lf { index += 1 }
            }
            return (index + 1, newlines + 1)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
