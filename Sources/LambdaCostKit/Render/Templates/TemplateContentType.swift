/// How a template writes a `{{value}}`: the default escapes it for HTML and XML; `{{% CONTENT_TYPE: NAME}}`
/// switches the rest of the template, or of the section it is in, and the partials it includes from there.
enum TemplateContentType: String, Sendable, CaseIterable {
    /// `&`, `<`, `>`, `"` and `'` as entities.
    case html = "HTML"
    /// The value as it is.
    case text = "TEXT"
    /// One RFC 4180 field, safe from formula injection (``CSVContentType``).
    case csv = "CSV"
    /// Literal text in GitHub-flavoured Markdown (``MarkdownContentType``).
    case markdown = "MARKDOWN"

    /// Appends `text`, escaped, to `output`.
    func write(_ text: String, to output: inout TemplateOutput) {
        switch self {
        case .html:
            var text = text
            text.withUTF8 { bytes in
                var start = 0
                for index in 0..<bytes.count {
                    let entity: StaticString
                    switch bytes[index] {
                    case UInt8(ascii: "&"): entity = "&amp;"
                    case UInt8(ascii: "<"): entity = "&lt;"
                    case UInt8(ascii: ">"): entity = "&gt;"
                    case UInt8(ascii: "\""): entity = "&quot;"
                    case UInt8(ascii: "'"): entity = "&#39;"
                    default: continue
                    }
                    output.write(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    output.write(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                    start = index + 1
                }
                output.write(UnsafeBufferPointer(rebasing: bytes[start...]))
            }
        case .text: output.write(text)
        case .csv: output.write(CSVContentType.field(text))
        case .markdown: output.write(MarkdownContentType.escape(text))
        }
    }
}
