/// RFC 4180 field quoting: a field with a comma, quote, CR or LF is quoted, its quotes doubled.
public enum CSVField {
    public static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (LF-terminated) from fields.
    public static func line(_ fields: [String]) -> String { fields.map(quoted).joined(separator: ",") + "\n" }
}

import Foundation
