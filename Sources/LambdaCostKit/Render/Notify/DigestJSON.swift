/// A JSON value whose objects keep their keys in the order they are given, written byte for byte the same on
/// every platform: the chat digests (`notify/slack.json`, `notify/teams.json`) are made with it, so the same
/// report gives the same bytes and the payloads read in the order people expect (`type` first).
enum DigestJSON: Sendable, Equatable {
    case object([(String, DigestJSON)])
    case array([DigestJSON])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    static func == (lhs: DigestJSON, rhs: DigestJSON) -> Bool { lhs.bytes() == rhs.bytes() }

    /// Pretty-printed with two spaces and a final newline.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: [UInt8](repeating: 0x20, count: level * 2))
        }
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: Array("{}".utf8)) }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                Self.writeString(key, into: &out)
                out.append(contentsOf: Array(": ".utf8))
                value.write(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            guard !elements.isEmpty else { return out.append(contentsOf: Array("[]".utf8)) }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                element.write(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.writeString(text, into: &out)
        case .int(let value): out.append(contentsOf: Array(String(value).utf8))
        case .bool(let value): out.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .null: out.append(contentsOf: Array("null".utf8))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters (and U+2028, U+2029, which JavaScript does not take
    /// raw in a string) as `\uXXXX`, everything else as its UTF-8 bytes.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: Array("\\\"".utf8))
            case "\\": out.append(contentsOf: Array("\\\\".utf8))
            case "\n": out.append(contentsOf: Array("\\n".utf8))
            case "\r": out.append(contentsOf: Array("\\r".utf8))
            case "\t": out.append(contentsOf: Array("\\t".utf8))
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                } else {
                    out.append(contentsOf: Array(String(scalar).utf8))
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
