/// A chat service a month's digest is posted to, with the file of the report folder that holds its payload.
public enum ChatService: String, Sendable, CaseIterable {
    case slack
    case teams

    /// How messages name it: `Slack`, `Microsoft Teams`.
    public var name: String {
        switch self {
        case .slack: return "Slack"
        case .teams: return "Microsoft Teams"
        }
    }

    /// The payload's path in the month's folder (`notify/slack.json`), as the report writes it.
    public var digestPath: String {
        switch self {
        case .slack: return SlackDigest.path
        case .teams: return TeamsDigest.path
        }
    }
}
