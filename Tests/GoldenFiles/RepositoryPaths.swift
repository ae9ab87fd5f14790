import Foundation

/// Paths of the repository checkout, found from this file so tests run from any working directory.
public enum RepositoryPaths {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    public static let templates = root + "/templates"
    public static let pricing = root + "/data/pricing"
    public static let sample = root + "/data/sample"

    /// A new empty temporary folder, inside the test process's own folder of `$TMPDIR`, which is removed with all
    /// it holds when the process exits: a test that fails half way, or keeps what it wrote, leaves nothing behind.
    public static func temporaryFolder() -> String {
        let path = processFolder + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `$TMPDIR/lambda-cost-report-tests-<UUID>`, made on first use.
    private static let processFolder: String = {
        let path = NSTemporaryDirectory() + "lambda-cost-report-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: RepositoryPaths.processFolder) }
        return path
    }()
}
