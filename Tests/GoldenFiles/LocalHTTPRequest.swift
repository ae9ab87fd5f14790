import Foundation

/// A request as ``LocalHTTPServer`` received it.
public struct LocalHTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: path and query, percent-encoded.
    public var target: String
    /// Header values by lowercased name (a repeated header: the values joined with ", ").
    public var headers: [String: String]
    public var body: Data

    /// The path, percent-decoded.
    public var path: String {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return raw.removingPercentEncoding ?? raw
    }

    /// The query's parameters, decoded (`+` is a literal plus, as RFC 3986 has it).
    public var query: [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            result[name] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        }
        return result
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public init(method: String, target: String, headers: [String: String], body: Data) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
