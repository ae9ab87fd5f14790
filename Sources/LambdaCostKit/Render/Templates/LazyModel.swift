/// A model whose values are made when a template looks them up: a row of a long list (every function of a fleet,
/// in each list it is in), whose template shows a few of the keys its CSV row needs. A key the model does not have
/// gives `nil`, and the lookup goes on through the enclosing values, as for a dictionary without it.
struct LazyModel: @unchecked Sendable {
    private let value: (String) -> Any?

    init(_ value: @escaping (String) -> Any?) { self.value = value }

    /// The value of `key`, made now; `nil` when the model has no such key.
    subscript(key: String) -> Any? { value(key) }
}
