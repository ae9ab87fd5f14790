import Mustache

/// Texts of the view models render through the library's fast path: a `{{key}}` holding a `String` is escaped
/// and written as the string itself, exactly what the library's fallback (`String(describing:)` after its checks
/// for lambdas and optionals) writes, with two dynamic casts instead of about eight. Page models hold thousands
/// of texts, so this is most of the template engine's time on a fleet's function pages. `isNull` stays `false`,
/// so sections over a text behave as before.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
