/// What the reader checks before TOMLKit sees a configuration text, because toml++ 3.4 (inside TOMLKit 0.6.0)
/// mishandles it (the header found by the `configuration_reader` fuzz target, the NUL in TOMLKit's C interface):
///
/// - a NUL character: TOMLKit hands the text to toml++ as a C string, so everything after the first NUL was
///   silently ignored (TOML allows no NUL anywhere);
/// - a table header whose key does not start with a key character (`[` and a line break, `[[[1]]]`, `[ =`):
///   toml++ asserts that it does and aborts the process (fixed upstream in marzer/tomlplusplus#301).
///
/// Headers are found with a small lexer of the structure TOML gives a document (comments, the four kinds of
/// strings, nesting of arrays and inline tables): a `[` first on a line outside all of them starts a header.
/// toml++ reads a document in order and stops at its first error, so the lexer need only be right for the part
/// before that error, which is valid TOML.
enum TOMLPreflight {
    struct Problem: Equatable {
        /// Line and column (Unicode scalars from 1) of the offending character.
        var line: Int
        var column: Int
        var message: String
        /// For a header: the UTF-8 length of the lines before it, which toml++ can read on its own to find an
        /// earlier error (it would have stopped there). `nil` for a NUL character.
        var linesBefore: Int?
    }

    /// The first NUL character, else the first table header toml++ would abort on; `nil` when there is neither.
    static func problem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            return Problem(line: line, column: column, message: "the configuration holds a NUL character (U+0000), which TOML does not allow",
                           linesBefore: nil)
        }
        guard let (lineStart, offset) = firstBrokenHeader(bytes) else { return nil }
        let (line, column) = position(of: offset, in: bytes)
        let saw = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first.map(escaped) ?? ""
        return Problem(line: line, column: column,
                       message: "invalid TOML: Error while parsing table header: expected bare key starting character or string delimiter, saw '\(saw)'",
                       linesBefore: lineStart)
    }

    /// The offset of the line of the first header whose key starts with a character toml++ does not expect, and
    /// the offset of that character.
    private static func firstBrokenHeader(_ bytes: [UInt8]) -> (lineStart: Int, offset: Int)? {
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // toml++ skips a byte order mark
        var depth = 0  // open arrays and inline tables of values
        var atLineStart = true
        var lineStart = index
        func at(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        /// Past the end of the string whose opening delimiter starts at `index`.
        func skipString(_ delimiter: UInt8) {
            let escapes = delimiter == quote
            if at(index + 1) == delimiter, at(index + 2) == delimiter {  // multi-line: up to two more delimiters close it too
                index += 3
                while index < bytes.count {
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
            while index < bytes.count, bytes[index] != newline {
                if escapes, bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                index += 1
                if bytes[index - 1] == delimiter { return }
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != newline { index += 1 }
            case quote, apostrophe:
                skipString(byte)
                atLineStart = false
            case UInt8(ascii: "[") where depth == 0 && atLineStart:
                if let offset = brokenKeyStart(bytes, header: index) { return (lineStart, offset) }
                while index < bytes.count, bytes[index] != newline { index += 1 }  // a header is one line
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                atLineStart = false
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(depth - 1, 0)
                atLineStart = false
                index += 1
            case newline:
                index += 1
                atLineStart = true
                lineStart = index
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
    private static func brokenKeyStart(_ bytes: [UInt8], header: Int) -> Int? {
        var index = header + 1
        func skipSpaces() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            return index > start
        }
        let spaced = skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            if spaced { return nil }  // toml++: brackets must be contiguous
            index += 1
            _ = skipSpaces()
        }
        guard index < bytes.count else { return nil }  // toml++: end of file
        let byte = bytes[index]
        if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || isBareKeyByte(byte) { return nil }
        if byte >= 0x80, let scalar = String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first,
            isOtherHorizontalWhitespace(scalar) {
            return nil  // toml++: expected space or tab
        }
        return index
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

    /// Line and column (Unicode scalars from 1) of a byte offset.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
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
