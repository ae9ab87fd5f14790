/// The characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) replaced by U+FFFD: what
/// ``TemplateRenderer`` does to every text it writes, so that a hostile tag value cannot make a page fail
/// validation and stop the run.
enum XMLSafeText {
    static func of(_ text: String) -> String {
        guard mayHoldForbidden(text), text.unicodeScalars.contains(where: isForbidden) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isForbidden($0) ? "\u{FFFD}" : $0 }))
    }

    /// Whether `text` may hold a forbidden character, from its UTF-8 bytes (a page's texts are mostly long and clean,
    /// its charts among them).
    private static func mayHoldForbidden(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: mayBeForbidden) }
    }

    /// Whether a UTF-8 byte may belong to a forbidden character: a control byte other than tab, LF and CR, or 0xEF,
    /// the lead byte of U+FFFE and U+FFFF. The quick test of every writer of XML text (pages, charts, the workbook).
    static func mayBeForbidden(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
    }

    /// Whether XML 1.0 cannot hold the character (a surrogate cannot be a `Unicode.Scalar`).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
