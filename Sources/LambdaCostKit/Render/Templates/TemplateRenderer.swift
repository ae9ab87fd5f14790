/// Renders parsed templates (``Template``) against a view model: dictionaries `[String: Any]` (or ``LazyModel``s,
/// whose values are made when looked up) whose values are texts, numbers, flags, nested dictionaries, arrays or
/// ``ModelRows`` of dictionaries, and ``TrustedMarkup``.
///
/// - `{{name}}` looks `name` up in the value in hand, then in each enclosing value out to the model; a text is
///   escaped by the content type in effect (``TemplateContentType``), ``TrustedMarkup`` too, and `{{{name}}}`
///   writes either as it is. Every text is written XML-safe (``XMLSafeText``), escaped or not; ``TrustedMarkup``
///   is written as it is made. A number or flag is written as Swift prints it; a name found nowhere writes nothing.
/// - `{{#name}}…{{/name}}` renders once for `true`, once per row of an array or ``ModelRows`` (each row the
///   value in hand), once with any other value in hand, and not at all for `false`, an empty list or nothing;
///   `{{^name}}` renders exactly when `{{#name}}` would not.
struct TemplateRenderer: Sendable {
    /// The templates by name (`index.html`, `partials/nav`), partials among them.
    let templates: [String: Template]
    /// Copies of ``templates`` for the renders that run at the same time, when made from their texts.
    private let copies: TemplateCopies?

    /// A renderer of `templates`, which every render reads.
    init(templates: [String: Template]) {
        self.templates = templates
        copies = nil
    }

    /// A renderer of the templates parsed from `texts` (already parsed, as `templates`) whose renders running at the
    /// same time each read a copy of their own (``TemplateCopies``): two threads rendering the same template would
    /// otherwise retain and release the same names and sections thousands of times a page, each time taking the
    /// other core's cache line.
    init(templates: [String: Template], texts: [String: String]) {
        self.templates = templates
        copies = TemplateCopies(first: templates, texts: texts)
    }

    /// Renders the template `name` with `model`; a missing template renders nothing.
    func render(_ name: String, model: Any, into output: inout TemplateOutput) {
        guard let copies else { return render(name, model: model, templates: templates, into: &output) }
        let templates = copies.take()
        render(name, model: model, templates: templates, into: &output)
        copies.give(back: templates)
    }

    private func render(_ name: String, model: Any, templates: [String: Template], into output: inout TemplateOutput) {
        guard let template = templates[name] else { return }
        var stack = [Scope(model)]
        render(template, stack: &stack, templates: templates, contentType: .html, into: &output)
    }

    /// A value on the stack of values in hand, its dictionary cast once when it is pushed rather than at every
    /// lookup through it.
    struct Scope {
        let value: Any
        let dictionary: [String: Any]?
        let lazy: LazyModel?

        init(_ value: Any) {
            self.value = value
            // The lazy model first: it is every row of a long list, and the cast to it is a comparison of types.
            lazy = value as? LazyModel
            dictionary = lazy == nil ? value as? [String: Any] : nil
        }

        /// A row of a list of dictionaries, known to be one (no cast).
        init(row: [String: Any]) {
            value = row
            dictionary = row
            lazy = nil
        }
    }

    private func render(_ template: Template, stack: inout [Scope], templates: [String: Template], contentType: TemplateContentType,
                        into output: inout TemplateOutput) {
        var contentType = contentType
        // The names read where they lie: a name taken out of its array (its parts, a list) is retained and released at
        // every tag of every row.
        template.text.withUnsafeBufferPointer { text in template.names.withUnsafeBufferPointer { names in
            for node in template.nodes {
                switch node {
                case .text(let start, let end):
                    output.write(UnsafeBufferPointer(rebasing: text[start..<end]))
                case .variable(let name, let escaped):
                    guard let value = Self.lookup(names[name], in: stack) else { continue }
                    Self.write(value, escapedAs: escaped ? contentType : nil, into: &output)
                case .section(let name, let section, let inverted):
                    renderSection(template.sections[section], value: Self.lookup(names[name], in: stack), inverted: inverted,
                                  stack: &stack, templates: templates, contentType: contentType, into: &output)
                case .partial(let index):
                    let tag = template.partials[index]
                    guard let partial = templates[tag.name] else { continue }
                    let saved = (output.indentation, output.indentationStart)
                    if let indentation = tag.indentation, !indentation.isEmpty {
                        output.indentation += indentation
                        output.indentationStart = output.count
                    }
                    render(partial, stack: &stack, templates: templates, contentType: contentType, into: &output)
                    (output.indentation, output.indentationStart) = saved
                case .contentType(let type):
                    contentType = type
                }
            }
        } }
    }

    /// A section with the value its name looks up.
    private func renderSection(_ section: Template, value: Any?, inverted: Bool, stack: inout [Scope], templates: [String: Template],
                               contentType: TemplateContentType, into output: inout TemplateOutput) {
        switch value {
        case nil:
            if inverted { render(section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
        case let flag as Bool:
            if flag != inverted { render(section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
        case let rows as [[String: Any]]:
            // Before `[Any]`: a list of dictionaries (most lists of a page model) read as it is, where the cast to
            // `[Any]` made a new array of its rows.
            if inverted {
                if rows.isEmpty { render(section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
            } else {
                for row in rows {
                    stack.append(Scope(row: row))
                    render(section, stack: &stack, templates: templates, contentType: contentType, into: &output)
                    stack.removeLast()
                }
            }
        case let rows as ModelRows:
            if inverted {
                if rows.isEmpty { render(section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
            } else {
                for row in rows { renderWith(row, section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
            }
        case let rows as [Any]:
            if inverted {
                if rows.isEmpty { render(section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
            } else {
                for row in rows { renderWith(row, section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
            }
        case let value?:
            if !inverted { renderWith(value, section, stack: &stack, templates: templates, contentType: contentType, into: &output) }
        }
    }

    private func renderWith(_ value: Any, _ section: Template, stack: inout [Scope], templates: [String: Template],
                            contentType: TemplateContentType, into output: inout TemplateOutput) {
        stack.append(Scope(value))
        render(section, stack: &stack, templates: templates, contentType: contentType, into: &output)
        stack.removeLast()
    }

    /// The value of `name`; `nil` when it is found nowhere or holds `nil`.
    static func lookup(_ name: Template.Name, in stack: [Scope]) -> Any? {
        guard let first = name.parts.first else { return stack.last.flatMap { unwrapped($0.value) } }
        // Each scope's dictionary is read where it lies: a copy of the scope would retain and release all it holds, at
        // every level looked through.
        var value: Any?
        var index = stack.count - 1
        let outermost = name.inHandOnly ? max(index, 0) : 0  // an empty stack has nothing to look in
        while index >= outermost {
            if let dictionary = stack[index].dictionary {
                if let found = dictionary[first] {
                    value = found
                    break
                }
            } else if let lazy = stack[index].lazy, let found = lazy[first] {
                value = found
                break
            }
            index -= 1
        }
        // By position: a slice of the parts would retain them at every lookup, and most names have one part.
        var part = 1
        while part < name.parts.count {
            guard let object = value else { return nil }
            value = child(name.parts[part], of: object)
            part += 1
        }
        return value.flatMap(unwrapped)
    }

    /// `object[key]` of a dictionary; found-but-`nil` stops the search as `nil` does not.
    private static func child(_ key: String, of object: Any) -> Any? {
        if let dictionary = object as? [String: Any] { return dictionary[key] }
        return (object as? LazyModel)?[key]
    }

    /// The value inside an optional stored as `Any` (`Optional<String>.none` is `nil`).
    private static func unwrapped(_ value: Any) -> Any? {
        // Asking the type's metadata first is a few nanoseconds; the cast to the protocol is a conformance lookup,
        // and nearly every value looked up (texts, numbers, rows) is not an optional.
        guard _openExistential(value, do: holdsOptional), let optional = value as? any OptionalValue else { return value }
        return optional.wrappedValue.flatMap(unwrapped)
    }

    private static func write(_ value: Any, escapedAs contentType: TemplateContentType?, into output: inout TemplateOutput) {
        switch value {
        case let text as String:
            let text = XMLSafeText.of(text)
            if let contentType { contentType.write(text, to: &output) } else { output.write(text) }
        case let markup as TrustedMarkup:
            if let contentType { contentType.write(markup.markup, to: &output) } else { output.writeMarkup(markup.markup) }
        default:
            let text = XMLSafeText.of(String(describing: value))
            if let contentType { contentType.write(text, to: &output) } else { output.write(text) }
        }
    }
}

/// Whether a value's own type is an `Optional` (its metadata says so).
private func holdsOptional<T>(_: T) -> Bool { _isOptional(T.self) }

/// An `Optional` of any type, seen through `Any`.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}
