/// Where each key and value of a TOML document is: line and column of every key, table header, array element
/// and value, and the literal text of every scalar value.
///
/// TOMLKit (toml++) checks the syntax and builds the values but does not expose positions, and it reads floats
/// as `Double`. This small scanner walks the same text again: it is run only on documents TOMLKit accepted, so
/// it is lenient, and it never decides what a value *is* — it only says where it was written and how.
/// Columns count Unicode scalars from 1, as toml++ does.
struct TOMLSourceIndex: Sendable {
    /// One step of a path: a key of a table or an index of an array (arrays of tables included).
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    typealias Path = [Component]

    struct Position: Hashable, Sendable {
        var line: Int
        var column: Int
    }

    struct Entry: Hashable, Sendable {
        /// Where the key is (the last key of a dotted key; the `[` of a table header; the value itself for array elements).
        var key: Position
        /// Where the value starts (the `[` of a table header for tables defined by one).
        var value: Position
        /// The value exactly as written, for scalars (`0.2`, `1_000`, `"text"`); empty for tables defined by a header.
        var literal: String
    }

    private(set) var entries: [Path: Entry]

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run()
        entries = scanner.entries
    }

    subscript(path: Path) -> Entry? { entries[path] }

    /// The entry of `path`, or of its nearest ancestor that has one.
    func nearest(_ path: Path) -> Entry? {
        var path = path
        while true {
            if let entry = entries[path] { return entry }
            if path.isEmpty { return nil }
            path.removeLast()
        }
    }
}

private struct Scanner {
    typealias Path = TOMLSourceIndex.Path
    typealias Entry = TOMLSourceIndex.Entry
    typealias Position = TOMLSourceIndex.Position

    let bytes: [UInt8]
    var offset = 0
    var line = 1
    var lineStart = 0
    var entries: [Path: Entry] = [:]
    /// Elements so far of each array of tables (`[[…]]`), by its resolved path.
    var arrayCounts: [Path: Int] = [:]
    /// The table the key/value lines belong to (the last header).
    var current: Path = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func peek(_ ahead: Int) -> UInt8? { offset + ahead < bytes.count ? bytes[offset + ahead] : nil }

    var position: Position {
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return Position(line: line, column: column)
    }

    mutating func advance() {
        if bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        offset += 1
    }

    mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
    }

    mutating func skipToEndOfLine() {
        while let byte = peek, byte != UInt8(ascii: "\n") { advance() }
    }

    /// Spaces, line breaks and comments.
    mutating func skipBlank() {
        while let byte = peek {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
            case UInt8(ascii: "#"): skipToEndOfLine()
            default: return
            }
        }
    }

    mutating func run() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {  // byte order mark
            offset = 3
            lineStart = 3
        }
        while true {
            skipBlank()
            guard peek != nil else { return }
            let start = offset
            if peek == UInt8(ascii: "[") {
                header()
            } else {
                keyValue(in: current)
            }
            skipSpaces()
            if peek == UInt8(ascii: "#") || offset == start { skipToEndOfLine() }
            if let byte = peek, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { skipToEndOfLine() }
        }
    }

    /// `[a.b]` or `[[a.b]]`.
    mutating func header() {
        let start = position
        advance()
        let isArray = peek == UInt8(ascii: "[")
        if isArray { advance() }
        let keys = key()
        skipSpaces()
        if peek == UInt8(ascii: "]") { advance() }
        if isArray, peek == UInt8(ascii: "]") { advance() }
        guard !keys.isEmpty else { return }
        var path: Path = []
        for (index, part) in keys.enumerated() {
            path.append(.key(part.name))
            let isLast = index == keys.count - 1
            if isLast && isArray {
                let count = arrayCounts[path, default: 0]
                arrayCounts[path] = count + 1
                if entries[path] == nil { entries[path] = Entry(key: start, value: start, literal: "") }
                path.append(.index(count))
            } else if let count = arrayCounts[path] {
                path.append(.index(count - 1))
            } else if !isLast, entries[path] == nil {
                entries[path] = Entry(key: part.position, value: start, literal: "")
            }
        }
        entries[path] = Entry(key: start, value: start, literal: "")
        current = path
    }

    /// `key = value`, the key possibly dotted, relative to `base`.
    mutating func keyValue(in base: Path) {
        let keys = key()
        guard let last = keys.last else { return }
        var path = base
        for part in keys.dropLast() {
            path.append(.key(part.name))
            if entries[path] == nil { entries[path] = Entry(key: part.position, value: part.position, literal: "") }
        }
        path.append(.key(last.name))
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { return }
        advance()
        skipSpaces()
        value(at: path, key: last.position)
    }

    /// A simple or dotted key.
    mutating func key() -> [(name: String, position: Position)] {
        var parts: [(name: String, position: Position)] = []
        while true {
            skipSpaces()
            let start = position
            guard let byte = peek else { break }
            if byte == UInt8(ascii: "\"") {
                parts.append((basicString(), start))
            } else if byte == UInt8(ascii: "'") {
                parts.append((literalString(), start))
            } else if Self.isBareKeyByte(byte) {
                let first = offset
                while let next = peek, Self.isBareKeyByte(next) { advance() }
                parts.append((String(decoding: bytes[first..<offset], as: UTF8.self), start))
            } else {
                break
            }
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { break }
            advance()
        }
        return parts
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Any value; records it and, for arrays and inline tables, everything inside.
    mutating func value(at path: Path, key: Position) {
        let start = offset
        let startPosition = position
        switch peek {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { multilineString(quote: UInt8(ascii: "\"")) } else { _ = basicString() }
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { multilineString(quote: UInt8(ascii: "'")) } else { _ = literalString() }
        case UInt8(ascii: "["):
            advance()
            var index = 0
            while true {
                skipBlank()
                guard let byte = peek else { break }
                if byte == UInt8(ascii: "]") {
                    advance()
                    break
                }
                let before = offset
                value(at: path + [.index(index)], key: position)
                index += 1
                skipBlank()
                if peek == UInt8(ascii: ",") {
                    advance()
                } else if peek == UInt8(ascii: "]") {
                    advance()
                    break
                } else if offset == before {
                    break
                }
            }
        case UInt8(ascii: "{"):
            advance()
            while true {
                skipBlank()
                guard let byte = peek else { break }
                if byte == UInt8(ascii: "}") {
                    advance()
                    break
                }
                let before = offset
                keyValue(in: path)
                skipBlank()
                if peek == UInt8(ascii: ",") {
                    advance()
                } else if peek == UInt8(ascii: "}") {
                    advance()
                    break
                } else if offset == before {
                    break
                }
            }
        default:
            scalar()
        }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        entries[path] = Entry(key: key, value: startPosition, literal: literal)
    }

    /// A number, boolean or date/time: up to a delimiter. A date and time separated by a space are one value.
    mutating func scalar() {
        let start = offset
        while let byte = peek, !Self.isDelimiter(byte) { advance() }
        let text = bytes[start..<offset]
        if text.count == 10, text[text.startIndex + 4] == UInt8(ascii: "-"), peek == UInt8(ascii: " "),
            let next = peek(1), next >= 0x30, next <= 0x39
        {
            advance()
            while let byte = peek, !Self.isDelimiter(byte) { advance() }
        }
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
            UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            true
        default: false
        }
    }

    /// `"…"` with its escapes decoded (keys may be quoted).
    mutating func basicString() -> String {
        advance()
        var decoded: [UInt8] = []
        while let byte = peek, byte != UInt8(ascii: "\n") {
            advance()
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), let escape = peek else {
                decoded.append(byte)
                continue
            }
            advance()
            switch escape {
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "e"): decoded.append(0x1B)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                var code: UInt32 = 0
                for _ in 0..<digits {
                    guard let hex = peek, let digit = hex.hexDigitValue else { break }
                    code = code * 16 + UInt32(digit)
                    advance()
                }
                if let scalar = Unicode.Scalar(code) { decoded.append(contentsOf: Array(String(scalar).utf8)) }
            default: decoded.append(escape)
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// `'…'`, taken as written.
    mutating func literalString() -> String {
        advance()
        let start = offset
        while let byte = peek, byte != UInt8(ascii: "'"), byte != UInt8(ascii: "\n") { advance() }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if peek == UInt8(ascii: "'") { advance() }
        return text
    }

    /// `"""…"""` or `'''…'''`, which may end with up to two more quotes.
    mutating func multilineString(quote: UInt8) {
        advance()
        advance()
        advance()
        while let byte = peek {
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                advance()
                if peek != nil { advance() }
                continue
            }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                advance()
                advance()
                advance()
                var extra = 0
                while extra < 2, peek == quote {
                    advance()
                    extra += 1
                }
                return
            }
            advance()
        }
    }
}
