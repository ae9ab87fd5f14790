/// The pre-encoded static columns of a kind of row, cut into runs around the dynamic columns.
///
/// Writing a row is then: run 0, dynamic value 0, run 1, …, last run. Separators are part of the runs.
struct SampleCURTemplate: Sendable {
    /// All runs back to back.
    let bytes: [UInt8]
    /// Start offset of each run in ``bytes``, plus the end offset (`dynamicCount + 2` entries).
    let runOffsets: [Int]

    init(_ values: SampleCURStaticValues, columns: [SampleCURField], context: SampleCURContext) {
        var bytes: [UInt8] = []
        var offsets = [0]
        for (index, field) in columns.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if let text = values.text(field, context: context) {
                Self.encode(text, kind: field.kind, spelling: context.spelling, into: &bytes)
            } else {
                offsets.append(bytes.count)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        offsets.append(bytes.count)
        self.bytes = bytes
        runOffsets = offsets
    }

    /// Appends a static value: RFC 4180 quoting when needed, always quoted strings in athena spelling.
    static func encode(_ text: String, kind: SampleCURField.Kind, spelling: CURSpelling, into bytes: inout [UInt8]) {
        let alwaysQuote = spelling == .athena && kind != .date && kind != .number
        let needsQuote = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard alwaysQuote || needsQuote else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
