/// A Mustache template, parsed once (``TemplateParser``) and rendered many times (``TemplateRenderer``).
///
/// The language is mustache(5): variables (`{{name}}` escaped, `{{{name}}}` and `{{& name}}` as they are),
/// dotted names, `{{.}}`, sections, inverted sections, comments, partials (`{{> partials/nav}}`, indented when
/// standalone), set delimiters, and the pragma `{{% CONTENT_TYPE: CSV}}` that picks how the rest of the template
/// escapes its values (``TemplateContentType``). Whitespace follows the same rules as the Mustache library the
/// report was first rendered with (hummingbird's swift-mustache), so the pages are the same bytes.
struct Template: Sendable {
    /// A tag's name: `.` is the value in hand, `a.b` looks `a` up through the enclosing values then `b` in it,
    /// `.a` looks in the value in hand only.
    struct Name: Sendable, Equatable {
        var parts: [String]
        /// `.` or a leading dot: no lookup through the enclosing values.
        var inHandOnly: Bool

        init(_ text: String) {
            inHandOnly = text.hasPrefix(".")
            parts = text == "." ? [] : text.split(separator: ".").map(String.init)
        }
    }

    enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, Template, inverted: Bool)
        /// A partial by template name; `indentation` is the whitespace before a standalone partial tag.
        case partial(String, indentation: [UInt8]?)
        case contentType(TemplateContentType)
    }

    var nodes: [Node]
}
