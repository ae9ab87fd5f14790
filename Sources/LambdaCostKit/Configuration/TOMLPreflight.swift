/// What the reader checks before TOMLKit sees a configuration text, because toml++ 3.4 (inside TOMLKit 0.6.0)
/// mishandles it:
///
/// - a table header whose key does not start with a key character (`[` and a line break, `[[[1]]]`, `[ =`), and
///   an array value that starts with `}` or a Unicode line break (`[}`, `[1, }`, U+2028): toml++ asserts that
///   neither happens and aborts the process (found by the `configuration_reader` fuzz target; the header case is
///   fixed upstream in marzer/tomlplusplus#301);
/// - a NUL character: TOMLKit hands the text to toml++ as a C string, so everything after the first NUL was
///   silently ignored (TOML allows no NUL anywhere).
///
/// They are found with a small lexer of the structure TOML gives a document (comments, the four kinds of strings,
/// arrays and inline tables): a `[` first on a line outside all of them starts a header. toml++ reads a document
/// in order and stops at its first error, so the lexer need only be right for the part before that error, which is
/// valid TOML; the reader lets toml++ read the text before the problem, and reports toml++'s error when there is
/// one there.
enum TOMLPreflight {
    struct Problem: Equatable {
        /// The UTF-8 offset of the offending character: toml++ can read the text before it on its own.
        var offset: Int
        /// Line and column (Unicode scalars from 1) of the offending character.
        var line: Int
        var column: Int
        var message: String
    }

    /// The first character toml++ would abort on or stop reading at; `nil` when there is none.
    static func problem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        let nul = bytes.firstIndex(of: 0)
        let structural = firstBrokenPlace(bytes, before: nul ?? bytes.count)
        let message: String
        let offset: Int
        if let structural {
            offset = structural.offset
            let saw = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first.map(escaped) ?? ""
            message = structural.isHeader
                ? "invalid TOML: Error while parsing table header: expected bare key starting character or string delimiter, saw '\(saw)'"
                : "invalid TOML: Error while parsing array: expected value or closing ']', saw '\(saw)'"
        } else if let nul {
            offset = nul
            message = "the configuration holds a NUL character (U+0000), which TOML does not allow"
        } else {
            return nil
        }
        let (line, column) = position(of: offset, in: bytes)
        return Problem(offset: offset, line: line, column: column, message: message)
    }

    /// The offset of the first header key or array value toml++ would assert on, among the first `end` bytes.
    private static func firstBrokenPlace(_ bytes: [UInt8], before end: Int) -> (offset: Int, isHeader: Bool)? {
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // toml++ skips a byte order mark
        var open: [UInt8] = []  // the arrays and inline tables of values open, innermost last: `[` or `{`
        var atLineStart = true
        func at(_ offset: Int) -> UInt8? { offset < end ? bytes[offset] : nil }
        /// Past the end of the string whose opening delimiter starts at `index`.
        func skipString(_ delimiter: UInt8) {
            let escapes = delimiter == quote
            if at(index + 1) == delimiter, at(index + 2) == delimiter {  // multi-line: up to two more delimiters close it too
                index += 3
                while index < end {
                    if escapes, bytes[index] == UInt8(ascii: "\\") {
                        index += 2
                    } else if bytes[index] == delimiter, at(index + 1) == delimiter, at(index + 2) == delimiter {
                        var run = 3
                        while run < 5, at(index + run) == delimiter { run += 1 }
                        index += run
                        return
                    } else {
                        index += 1
                    }
                }
                return
            }
            index += 1
            while index < end, bytes[index] != newline {
                if escapes, bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                index += 1
                if bytes[index - 1] == delimiter { return }
            }
        }
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "#"):
                while index < end, bytes[index] != newline { index += 1 }
            case quote, apostrophe:
                skipString(byte)
                atLineStart = false
            case UInt8(ascii: "[") where open.isEmpty && atLineStart:
                if let offset = brokenKeyStart(bytes, header: index, before: end) { return (offset, true) }
                while index < end, bytes[index] != newline { index += 1 }  // a header is one line
            case UInt8(ascii: "["):
                open.append(byte)
                atLineStart = false
                index += 1
                if let offset = brokenValueStart(bytes, from: index, before: end) { return (offset, false) }
            case UInt8(ascii: ",") where open.last == UInt8(ascii: "["):
                index += 1
                if let offset = brokenValueStart(bytes, from: index, before: end) { return (offset, false) }
            case UInt8(ascii: "{"):
                open.append(byte)
                atLineStart = false
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                _ = open.popLast()
                atLineStart = false
                index += 1
            case newline:
                index += 1
                atLineStart = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            default:
                atLineStart = false
                index += 1
            }
        }
        return nil
    }

    /// For a header starting at `header`: the offset of the character toml++'s key parser would get, when it is not
    /// a key's first character (and toml++ has not stopped before with an error of its own).
    private static func brokenKeyStart(_ bytes: [UInt8], header: Int, before end: Int) -> Int? {
        var index = header + 1
        func skipSpaces() -> Bool {
            let start = index
            while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            return index > start
        }
        let spaced = skipSpaces()
        if index < end, bytes[index] == UInt8(ascii: "[") {
            if spaced { return nil }  // toml++: brackets must be contiguous
            index += 1
            _ = skipSpaces()
        }
        guard index < end else { return nil }  // toml++: end of file
        let byte = bytes[index]
        if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || isBareKeyByte(byte) { return nil }
        if byte >= 0x80, let scalar = scalar(at: index, in: bytes), isOtherHorizontalWhitespace(scalar) {
            return nil  // toml++: expected space or tab
        }
        return index
    }

    /// Where an array expects a value (after `[` or a comma): the offset of the character toml++'s value parser
    /// would get, when it is one that ends a value (`}` or a Unicode line break) rather than starts one.
    private static func brokenValueStart(_ bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        var index = start
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "\r"):
                guard index + 1 < end, bytes[index + 1] == UInt8(ascii: "\n") else { return nil }  // toml++: an error
                index += 2
            case UInt8(ascii: "#"):
                while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "}"):
                return index
            case 0xC2, 0xE2:
                guard let scalar = scalar(at: index, in: bytes) else { return nil }
                return [0x85, 0x2028, 0x2029].contains(scalar.value) ? index : nil
            default:
                return nil
            }
        }
        return nil
    }

    private static func scalar(at offset: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// toml++'s non-ASCII horizontal whitespace, which it rejects with an error of its own.
    private static func isOtherHorizontalWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x202F, 0x205F...0x2060, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Line and column (Unicode scalars from 1, a byte order mark not counted, as toml++ counts) of a byte offset.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// A character as toml++ quotes it: control characters escaped.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            guard scalar.value < 0x20 || scalar.value == 0x7F else { return String(scalar) }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
