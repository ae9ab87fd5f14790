/// A glob on a resource ID: `*` any run of characters, `?` one, `[set]`, as function patterns (``FunctionPattern``).
public struct ResourcePattern: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    let glob: Glob

    public init(parsing text: String) throws(FunctionPattern.Problem) {
        guard !text.isEmpty else { throw FunctionPattern.Problem(reason: "the pattern is empty") }
        self.text = text
        glob = try Glob(parsing: text, part: "resource ID", allowed: { $0 > 0x20 && $0 != 0x7F })
    }

    public func matches(_ resource: String) -> Bool { glob.matches(resource) }

    public var description: String { text }
}
