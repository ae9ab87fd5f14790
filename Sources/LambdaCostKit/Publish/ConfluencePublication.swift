/// What a publish did (or, in a dry run, would do), and the lines that say it on stdout.
public struct ConfluencePublication: Sendable {
    public enum Action: Sendable, Equatable {
        /// A new page.
        case created
        /// A new version of the page (from `previousVersion`).
        case updated
        /// The page already holds this report (same content hash): nothing was written.
        case unchanged
        /// A dry run without credentials: Confluence was not asked, so it is not known which.
        case createdOrUpdated
    }

    public var action: Action
    public var dryRun: Bool
    public var space: String
    public var title: String
    public var parentID: String?
    /// The page as it is after the run (before it, in a dry run); `nil` when there is none yet.
    public var page: ConfluencePage?
    /// The page's version before an update.
    public var previousVersion: Int?
    public var attachments: [(name: String, bytes: Int)]
    public var contentHash: String

    /// The lines for stdout: what happened to the page, then the attachments sent (or to send).
    public var lines: [String] {
        let count = attachments.count
        let files = count == 0 ? "" : " with \(count) attachment\(count == 1 ? "" : "s")"
        let named = "page \"\(title)\" in space \(space)"
        let under = parentID.map { " under page \($0)" } ?? ""
        let address = page?.webURL.map { ": \($0)" } ?? ""
        let prefix = dryRun ? "dry run: " : ""
        var first: String
        switch action {
        case .created:
            first = dryRun ? "would create \(named)\(under)\(files)"
                : "created \(named)\(under) (id \(page?.id ?? "?"), version \(page?.version ?? 1))\(files)\(address)"
        case .updated:
            let versions = "\(previousVersion ?? 0) → \((previousVersion ?? 0) + 1)"
            first = dryRun ? "would update \(named) (id \(page?.id ?? "?"), version \(versions))\(files)\(address)"
                : "updated \(named) (id \(page?.id ?? "?"), version \(versions))\(files)\(address)"
        case .unchanged:
            first = "unchanged: \(named) (id \(page?.id ?? "?"), version \(page?.version ?? 0)) already holds this report\(dryRun ? "; nothing to write" : "")\(address)"
        case .createdOrUpdated:
            first = "would create or update \(named)\(under)\(files) (no credentials set, so Confluence was not asked)"
        }
        guard action != .unchanged else { return [prefix + first] }
        let verb = dryRun ? "would upload" : "uploaded"
        return [prefix + first] + attachments.map { "\(prefix)\(verb) \($0.name) (\($0.bytes) bytes)" }
    }
}
