/// The partials the templates include (`{{> partials/nav}}`), checked before anything is rendered: a partial that
/// does not exist would render as empty text, silently, and a partial that includes itself (directly or through
/// others) would recurse until the process crashes. Either is an error naming the template, line and column.
///
/// The scan reads `{{> name}}` tags with the default delimiters; a template that changes its delimiters
/// (`{{=<% %>=}}`) is scanned up to that point only.
enum TemplatePartials {
    /// One `{{> name}}` tag.
    struct Inclusion: Equatable {
        var partial: String
        var line: Int
        var column: Int
    }

    /// The partials `text` includes, in order.
    static func inclusions(in text: String) -> [Inclusion] {
        var result: [Inclusion] = []
        var line = 1, column = 1
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                var cursor = index + 2
                if bytes[cursor] == UInt8(ascii: "=") { break }  // new delimiters: stop scanning
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") {
                    var end = cursor + 1
                    while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
                    let name = String(decoding: bytes[(cursor + 1)..<min(end, bytes.count)], as: UTF8.self)
                        .trimmingCharacters(in: .whitespaces)
                    result.append(Inclusion(partial: name, line: line, column: column))
                }
            }
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return result
    }

    /// Throws for the first missing partial or inclusion cycle, in template name order. `texts` are the templates
    /// by name (`partials/nav` for `partials/nav.mustache`), `directory` the templates folder.
    static func check(_ texts: [String: String], directory: String) throws(RenderError) {
        let included = texts.mapValues(inclusions)
        for name in texts.keys.sorted() {
            for inclusion in included[name] ?? [] where texts[inclusion.partial] == nil {
                throw RenderError(template: "\(directory)/\(name).mustache", line: inclusion.line, column: inclusion.column,
                    message: "the partial '\(inclusion.partial)' does not exist (expected \(directory)/\(inclusion.partial).mustache)")
            }
        }
        // Depth-first search for a cycle; `path` is the chain of templates being expanded.
        var done: Set<String> = []
        func visit(_ name: String, path: [String]) throws(RenderError) {
            if done.contains(name) { return }
            for inclusion in included[name] ?? [] {
                if let start = path.firstIndex(of: inclusion.partial) ?? (inclusion.partial == name ? path.count : nil) {
                    let cycle = Array(path[start...]) + [name, inclusion.partial]
                    throw RenderError(template: "\(directory)/\(name).mustache", line: inclusion.line, column: inclusion.column,
                        message: "the partial '\(inclusion.partial)' includes itself: \(cycle.joined(separator: " → "))")
                }
                try visit(inclusion.partial, path: path + [name])
            }
            done.insert(name)
        }
        for name in texts.keys.sorted() { try visit(name, path: []) }
    }
}
