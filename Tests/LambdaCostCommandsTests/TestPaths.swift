import Foundation
import GoldenFiles

/// Paths the command tests use: the repository's own templates and catalog, and this target's fixtures.
enum TestPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let templates = RepositoryPaths.templates
    static let pricing = RepositoryPaths.pricing
    static let fixtures = testsFolder + "/Fixtures"
    static let golden = testsFolder + "/Golden"

    static func temporaryFolder() -> String { RepositoryPaths.temporaryFolder() }

    /// `path` relative to the current directory when it lies below it.
    static func relativeToWorkingDirectory(_ path: String) -> String {
        let base = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
