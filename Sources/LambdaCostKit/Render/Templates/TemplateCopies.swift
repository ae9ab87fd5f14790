/// Copies of a set of parsed templates, one for each render running at the same time (``TemplateRenderer``).
///
/// A copy is the templates parsed again from their texts, so it shares no storage with another: a thread rendering
/// a page retains and releases the names, texts and sections it walks, and on storage another thread walks too
/// every one of those counts would move the cache line between the cores. A render takes a copy, gives it back when
/// done, and the next render takes it again: there are at most as many copies as renders ever ran at once.
final class TemplateCopies: Sendable {
    private let first: [String: Template]
    private let texts: [String: String]
    private let free: Locked<[[String: Template]]>

    /// `first` is the set parsed from `texts`; it is the first copy handed out.
    init(first: [String: Template], texts: [String: String]) {
        self.first = first
        self.texts = texts
        free = Locked([first])
    }

    /// A copy no other render is reading: a free one, or a new one.
    func take() -> [String: Template] {
        if let copy = free.withValue({ $0.popLast() }) { return copy }
        // The texts parsed once already, so they parse again; a template without its text is shared.
        return first.reduce(into: [:]) { copy, entry in
            copy[entry.key] = texts[entry.key].flatMap { try? TemplateParser.parse($0) } ?? entry.value
        }
    }

    /// Gives back a copy ``take()`` handed out, for the next render.
    func give(back copy: [String: Template]) {
        free.withValue { $0.append(copy) }
    }
}
