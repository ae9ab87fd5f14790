import Foundation

/// Paths of the repository, found from this file so the tests run from any working directory.
enum TestPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let repository = URL(fileURLWithPath: testsFolder).deletingLastPathComponent().deletingLastPathComponent().path
    static let templates = repository + "/templates"
    static let pricing = repository + "/data/pricing"
    static let fixtures = testsFolder + "/Fixtures"
    static let golden = testsFolder + "/Golden"

    /// A new empty temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "lambda-cost-report-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
