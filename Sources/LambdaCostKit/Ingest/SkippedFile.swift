/// A file under an input folder that is not read, and why (listed in `manifest.json` under `skipped`): a delivery
/// artifact (a manifest, the Athena integration's status file), a file that cannot hold billing data, a hidden
/// file, a superseded delivery, or the report's own output folder.
public struct SkippedFile: Codable, Hashable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
