/// Why publishing to Confluence failed, in words for the operator (printed after `lambda-cost-report: error: `).
/// Never holds a credential: messages are built from the request's purpose, the status and the server's own
/// message, and the command masks the secrets once more before printing.
public struct ConfluenceError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 401: the credentials were refused.
        case unauthorized
        /// 403: the user may not do this.
        case forbidden
        /// 404: the page, space or parent page does not exist (or is not visible).
        case notFound
        /// 409: the page or property changed since it was read.
        case conflict
        /// 429 or 5xx on every try, or no answer at all.
        case unavailable
        /// Any other answer that is not a success (400, a redirect, an answer that cannot be read).
        case rejected
    }

    public var kind: Kind
    /// The HTTP status, when there was an answer.
    public var status: Int?
    public var message: String

    public init(_ kind: Kind, status: Int?, _ message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
