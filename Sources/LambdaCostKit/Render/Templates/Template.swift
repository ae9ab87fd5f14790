/// A Mustache template, parsed once (``TemplateParser``) and rendered many times (``TemplateRenderer``).
///
/// The language is mustache(5): variables (`{{name}}` escaped, `{{{name}}}` and `{{& name}}` as they are),
/// dotted names, `{{.}}`, sections, inverted sections, comments, partials (`{{> partials/nav}}`, indented when
/// standalone), set delimiters, and the pragma `{{% CONTENT_TYPE: CSV}}` that picks how the rest of the template
/// escapes its values (``TemplateContentType``). Whitespace follows the same rules as the Mustache library the
/// report was first rendered with (hummingbird's swift-mustache), so the pages are the same bytes.
///
/// A class: the renderer hands a section's template on for every row it renders, and a reference is one retain where
/// a value of five tables was five.
final class Template: Sendable {
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

    /// A piece of a template as the parser reads it.
    enum Element: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, Template, inverted: Bool)
        /// A partial by template name; `indentation` is the whitespace before a standalone partial tag.
        case partial(String, indentation: [UInt8]?)
        case contentType(TemplateContentType)
    }

    /// A piece of a template as the renderer walks it: an ``Element`` whose texts, names, sections and partials are
    /// positions in the template's tables, so that walking the nodes copies no reference (a page of a fleet's list
    /// walks thousands of nodes, and copying an element retains and releases what it holds).
    enum Node: Sendable {
        /// `text[start..<end]`
        case text(start: Int, end: Int)
        case variable(name: Int, escaped: Bool)
        case section(name: Int, section: Int, inverted: Bool)
        case partial(Int)
        case contentType(TemplateContentType)
    }

    /// A partial tag: the template's name and the indentation of a standalone tag.
    struct PartialTag: Sendable {
        var name: String
        var indentation: [UInt8]?
    }

    let nodes: [Node]
    /// Every text of the template, one after the other.
    let text: [UInt8]
    let names: [Name]
    let sections: [Template]
    let partials: [PartialTag]

    init(_ elements: [Element]) {
        var nodes: [Node] = []
        var text: [UInt8] = []
        var names: [Name] = []
        var sections: [Template] = []
        var partials: [PartialTag] = []
        for element in elements {
            switch element {
            case .text(let bytes):
                nodes.append(.text(start: text.count, end: text.count + bytes.count))
                text += bytes
            case .variable(let name, let escaped):
                nodes.append(.variable(name: names.count, escaped: escaped))
                names.append(name)
            case .section(let name, let section, let inverted):
                nodes.append(.section(name: names.count, section: sections.count, inverted: inverted))
                names.append(name)
                sections.append(section)
            case .partial(let name, let indentation):
                nodes.append(.partial(partials.count))
                partials.append(PartialTag(name: name, indentation: indentation))
            case .contentType(let type):
                nodes.append(.contentType(type))
            }
        }
        self.nodes = nodes
        self.text = text
        self.names = names
        self.sections = sections
        self.partials = partials
    }
}
