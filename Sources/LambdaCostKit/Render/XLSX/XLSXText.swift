/// Text as OOXML spreadsheets store it.
///
/// Two things stand between a Swift string and a cell: XML 1.0 forbids most C0 control characters (even as
/// character references), and SpreadsheetML strings (`ST_Xstring`) decode `_xHHHH_` as the character U+HHHH.
/// XML's own special characters (`<`, `&`, quotes) are escaped by libxml2's writer.
enum XLSXText {
    /// What replaces a character XML 1.0 does not allow.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// XML 1.0's `Char` production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool { !XMLSafeText.isForbidden(scalar) }

    /// The text as it is written in the XML: forbidden characters replaced by U+FFFD, and every `_` that
    /// begins an `_xHHHH_` sequence written as `_x005F_`, so a reader decodes the original text.
    static func encoded(_ text: String) -> String {
        guard mayChange(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if !isAllowedInXML(scalar) {
                result.append(replacement)
            } else if scalar == "_" && beginsEscape(scalars, at: index) {
                result.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The text a reader sees after decoding: ``encoded(_:)`` without the `_x005F_` escapes.
    static func displayed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isAllowedInXML($0) ? $0 : replacement }))
    }

    /// Whether ``encoded(_:)`` may change `text`: it may hold a character XML cannot (``XMLSafeText/mayBeForbidden(_:)``)
    /// or has a `_`. Most cells (numbers, references, names) have neither.
    private static func mayChange(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains { XMLSafeText.mayBeForbidden($0) || $0 == UInt8(ascii: "_") } }
    }

    private static func beginsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x" || scalars[index + 1] == "X",
              scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
