import Foundation

/// How the publisher signs in to Confluence, from the environment: `CONFLUENCE_USER` and `CONFLUENCE_TOKEN`
/// (Cloud: the account's e-mail and an API token, sent as basic auth) or `CONFLUENCE_BEARER` (Data Center: a
/// personal access token). Never printed: ``description`` names the kind only, and ``redact(_:)`` masks the
/// secrets in any text before it is shown.
public struct ConfluenceCredentials: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case basic(user: String, token: String)
        case bearer(token: String)
    }

    let kind: Kind

    /// The names of the environment variables read.
    public static let userVariable = "CONFLUENCE_USER"
    public static let tokenVariable = "CONFLUENCE_TOKEN"
    public static let bearerVariable = "CONFLUENCE_BEARER"

    /// Why the environment holds no usable credentials.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The credentials the environment holds; `nil` when it sets none of the variables; a ``Problem`` when it
    /// sets some but not a usable combination (a user without a token, or both kinds at once).
    public static func from(environment: [String: String]) throws(Problem) -> ConfluenceCredentials? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let user = value(userVariable), token = value(tokenVariable), bearer = value(bearerVariable)
        if bearer != nil && (user != nil || token != nil) {
            throw Problem(description: "set either \(bearerVariable) (a Data Center personal access token) or \(userVariable) and \(tokenVariable) (Cloud: e-mail and API token), not both")
        }
        if let bearer {
            guard isHeaderSafe(bearer) else { throw Problem(description: "\(bearerVariable) holds a line break or control character") }
            return ConfluenceCredentials(kind: .bearer(token: bearer))
        }
        switch (user, token) {
        case (nil, nil): return nil
        case (nil, _): throw Problem(description: "\(tokenVariable) is set but \(userVariable) is not: basic auth needs both (Cloud: the account's e-mail and an API token)")
        case (_, nil): throw Problem(description: "\(userVariable) is set but \(tokenVariable) is not: basic auth needs both (Cloud: the account's e-mail and an API token)")
        case (let user?, let token?):
            guard !user.contains(":") else { throw Problem(description: "\(userVariable) must not contain ':' (basic auth)") }
            guard isHeaderSafe(user), isHeaderSafe(token) else {
                throw Problem(description: "\(userVariable) or \(tokenVariable) holds a line break or control character")
            }
            return ConfluenceCredentials(kind: .basic(user: user, token: token))
        }
    }

    /// A message for when none is set.
    public static let missingMessage = "no Confluence credentials: set \(userVariable) and \(tokenVariable) (Cloud: the account's e-mail and an API token) or \(bearerVariable) (Data Center: a personal access token)"

    /// The `Authorization` header's value.
    var authorization: String {
        switch kind {
        case .basic(let user, let token): return "Basic " + Data("\(user):\(token)".utf8).base64EncodedString()
        case .bearer(let token): return "Bearer " + token
        }
    }

    /// `basic auth as CONFLUENCE_USER` or `a bearer token`: what a message may say about them.
    public var description: String {
        switch kind {
        case .basic: return "basic auth (\(Self.userVariable), \(Self.tokenVariable))"
        case .bearer: return "a bearer token (\(Self.bearerVariable))"
        }
    }

    /// `text` with every secret (token, the encoded basic-auth pair) replaced by `***`.
    public func redact(_ text: String) -> String {
        var secrets: [String]
        switch kind {
        case .basic(let user, let token):
            secrets = [token, Data("\(user):\(token)".utf8).base64EncodedString()]
        case .bearer(let token):
            secrets = [token]
        }
        var result = text
        for secret in secrets where secret.count >= 4 { result = result.replacingOccurrences(of: secret, with: "***") }
        return result
    }

    private static func isHeaderSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
