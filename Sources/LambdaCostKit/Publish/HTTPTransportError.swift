/// A request that got no HTTP answer: the connection was refused or cut, the name did not resolve, or the
/// server did not answer within the timeout.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Whether it was the timeout that ended the request.
    public var timedOut: Bool

    public init(_ message: String, timedOut: Bool = false) {
        self.message = message
        self.timedOut = timedOut
    }

    public var description: String { message }
}
