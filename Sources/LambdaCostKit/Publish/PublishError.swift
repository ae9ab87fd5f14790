/// Why publishing failed: a message for `lambda-cost-report: error: …`, with no credential in it (every text that
/// may hold a repository URL goes through ``CredentialRedaction`` first).
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "lambda-cost-report: error: \(message)" }
}
