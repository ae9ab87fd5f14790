/// A template that does not parse or renders to an invalid page.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(template):\(line):\(column): error: \(message)" }
}
