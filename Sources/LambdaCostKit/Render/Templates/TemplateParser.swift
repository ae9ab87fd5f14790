/// Parses a template's text (``Template``). A standalone tag (alone on its line but for spaces and tabs: a
/// section, inverted section, section end, comment, partial, set-delimiter or pragma tag) takes its line with
/// it; a standalone partial indents each line it renders with the spaces before it. Template inheritance
/// (`{{< …}}`, `{{$ …}}`) and the Mustache library's transforms (`{{reversed(list)}}`) are refused with their
/// position, not rendered as something else.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    private struct State {
        var sectionName: String?
        var newLine = true
        var start: [UInt8] = Array("{{".utf8)
        var end: [UInt8] = Array("}}".utf8)
    }

    private init(_ text: String) { bytes = Array(text.utf8) }

    static func parse(_ text: String) throws(TemplateSyntaxError) -> Template {
        var parser = TemplateParser(text)
        return try parser.parse(State())
    }

    private mutating func parse(_ outer: State) throws(TemplateSyntaxError) -> Template {
        var nodes: [Template.Element] = []
        var state = outer
        var whitespaceBefore: [UInt8] = []
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = []
            }
        }
        while position < bytes.count {
            if state.newLine { whitespaceBefore = read(while: { $0 == 0x20 || $0 == 0x09 }) }
            let text = readUntilTagOrNewline(state)
            if let newline = newlineLength() {
                nodes.append(.text(whitespaceBefore + text + bytes[position..<position + newline]))
                position += newline
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = []
                state.newLine = false
            }
            if position >= bytes.count { break }
            let tagStart = position - state.start.count
            var standalone = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try readName(state)
                standalone = isStandalone(state)
                if !standalone { flushWhitespace() }
                var inner = state
                inner.sectionName = name
                if !standalone { inner.newLine = false }
                let section = try parse(inner)
                nodes.append(.section(Template.Name(name), section, inverted: inverted))
            case UInt8(ascii: "/"):
                position += 1
                let namePosition = position
                let name = try readName(state)
                guard name == state.sectionName else {
                    position = namePosition
                    throw error(state.sectionName.map { "expected {{/\($0)}} to close the section {{#\($0)}}, found {{/\(name)}}" }
                        ?? "{{/\(name)}} closes a section that is not open")
                }
                if !isStandalone(state) { flushWhitespace() }
                return Template(nodes)
            case UInt8(ascii: "!"):
                position += 1
                guard let close = find(state.end) else { throw error("the comment is not closed with \(String(decoding: state.end, as: UTF8.self))") }
                position = close + state.end.count
                standalone = isStandalone(state)
            case UInt8(ascii: "{"):
                flushWhitespace()
                position += 1
                let name = try readName(state)
                guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else { throw error("expected } to close {{{\(name)}}") }
                position += 1
                nodes.append(.variable(Template.Name(name), escaped: false))
            case UInt8(ascii: "&"):
                flushWhitespace()
                position += 1
                nodes.append(.variable(Template.Name(try readName(state)), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                let name = try readName(state, partial: true)
                // The spaces before the tag are written before the partial; a standalone one also indents its
                // further lines with them.
                let indentation = whitespaceBefore
                flushWhitespace()
                standalone = isStandalone(state)
                nodes.append(.partial(name, indentation: standalone ? indentation : nil))
            case UInt8(ascii: "="):
                position += 1
                try setDelimiters(&state)
                standalone = isStandalone(state)
            case UInt8(ascii: "%"):
                position += 1
                nodes.append(try readPragma(state))
                standalone = isStandalone(state)
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                position = tagStart
                throw error("template inheritance ({{< …}}, {{$ …}}) is not supported")
            default:
                flushWhitespace()
                nodes.append(.variable(Template.Name(try readName(state)), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.sectionName { throw error("the section {{#\(open)}} is not closed (expected {{/\(open)}})") }
        return Template(nodes)
    }

    // MARK: Reading

    private mutating func read(while predicate: (UInt8) -> Bool) -> [UInt8] {
        let start = position
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
        return Array(bytes[start..<position])
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// The length of the newline at the position (LF, CRLF or CR), if there is one.
    private func newlineLength() -> Int? {
        guard position < bytes.count else { return nil }
        if bytes[position] == 0x0A { return 1 }
        if bytes[position] == 0x0D { return position + 1 < bytes.count && bytes[position + 1] == 0x0A ? 2 : 1 }
        return nil
    }

    /// Text up to a newline (left unread) or the start delimiter (read).
    private mutating func readUntilTagOrNewline(_ state: State) -> [UInt8] {
        let start = position
        while position < bytes.count {
            if newlineLength() != nil { return Array(bytes[start..<position]) }
            if matches(state.start, at: position) {
                let text = Array(bytes[start..<position])
                position += state.start.count
                return text
            }
            position += 1
        }
        return Array(bytes[start..<position])
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        index + delimiter.count <= bytes.count && bytes[index..<index + delimiter.count].elementsEqual(delimiter)
    }

    private func find(_ delimiter: [UInt8]) -> Int? {
        var index = position
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8, partial: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "/"): return partial
        default: return false
        }
    }

    /// A tag's name and its end delimiter.
    private mutating func readName(_ state: State, partial: Bool = false) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let name = String(decoding: read(while: { Self.isNameByte($0, partial: partial) }), as: UTF8.self)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "(") {
            throw error("transforms such as \(name)(…) are not supported: the view model gives every value as it is shown")
        }
        guard matches(state.end, at: position) else {
            throw error(name.isEmpty ? "expected a name" : "expected \(String(decoding: state.end, as: UTF8.self)) after \(name)")
        }
        position += state.end.count
        return name
    }

    /// `{{=<% %>=}}`, after the first `=`.
    private mutating func setDelimiters(_ state: inout State) throws(TemplateSyntaxError) {
        func isSpace(_ byte: UInt8) -> Bool { [0x20, 0x09, 0x0A, 0x0D].contains(byte) }
        skipWhitespace()
        let start = read(while: { !isSpace($0) })
        skipWhitespace()
        let end = read(while: { !isSpace($0) && $0 != UInt8(ascii: "=") })
        skipWhitespace()
        guard !start.isEmpty, !end.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "="),
            matches(state.end, at: position + 1)
        else { throw error("expected new delimiters as {{=<% %>=}}") }
        position += 1 + state.end.count
        state.start = start
        state.end = end
    }

    /// `{{% CONTENT_TYPE: CSV}}`, after the `%`.
    private mutating func readPragma(_ state: State) throws(TemplateSyntaxError) -> Template.Element {
        let isWord: (UInt8) -> Bool = { Self.isNameByte($0, partial: false) }
        skipWhitespace()
        let variable = String(decoding: read(while: isWord), as: UTF8.self)
        skipWhitespace()
        guard variable == "CONTENT_TYPE", position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected {{% CONTENT_TYPE: NAME}}")
        }
        position += 1
        skipWhitespace()
        let value = String(decoding: read(while: isWord), as: UTF8.self)
        skipWhitespace()
        guard let contentType = TemplateContentType(rawValue: value) else {
            throw error("unknown content type '\(value)' (expected one of \(TemplateContentType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard matches(state.end, at: position) else { throw error("expected \(String(decoding: state.end, as: UTF8.self)) after the pragma") }
        position += state.end.count
        return .contentType(contentType)
    }

    /// Whether the tag just read is alone on its line; if so, reads the rest of the line.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        var index = position
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index == bytes.count {
            position = index
            return true
        }
        let saved = position
        position = index
        if let newline = newlineLength() {
            position += newline
            return true
        }
        position = saved
        return false
    }

    private func error(_ message: String) -> TemplateSyntaxError {
        var line = 1, column = 1
        for byte in bytes[..<min(position, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TemplateSyntaxError(line: line, column: column, message: message)
    }
}
