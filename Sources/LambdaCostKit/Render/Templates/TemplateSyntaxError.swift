/// A template that does not parse: where, and what was expected there.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    var line: Int
    var column: Int
    var message: String
}
