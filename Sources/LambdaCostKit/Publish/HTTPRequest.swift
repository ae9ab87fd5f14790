import Foundation

/// One HTTP request as the publishers make it: a method, an absolute URL, headers in order and an optional body.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names and values in the order they are sent.
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether sending the request twice has the effect of sending it once (a retry after a lost answer is safe).
    var isIdempotent: Bool { method != "POST" }
}
