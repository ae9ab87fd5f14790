import Foundation

/// Paths of the repository checkout, found from this file so tests run from any working directory.
public enum RepositoryPaths {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    public static let templates = root + "/templates"
    public static let pricing = root + "/data/pricing"
    public static let sample = root + "/data/sample"

    /// A new empty temporary folder.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "lambda-cost-report-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
