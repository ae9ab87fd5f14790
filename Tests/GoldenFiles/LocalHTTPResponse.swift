import Foundation

/// What a ``LocalHTTPServer`` handler answers.
public struct LocalHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer (keys sorted).
    public static func json(_ status: Int, _ object: Any, headers: [(name: String, value: String)] = []) -> LocalHTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return LocalHTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }
}
