import Foundation

/// Golden-file comparison for rendered output. Expected files live beside the tests; they are re-recorded
/// only on purpose, by running the tests with `RECORD_GOLDEN=1` and reviewing the diff.
public enum GoldenFiles {
    /// Whether this run re-records goldens instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares one text with its golden file; returns a readable mismatch, or `nil` when equal.
    public static func compare(_ actual: String, golden path: String) -> String? {
        compare(Array(actual.utf8), golden: path)
    }

    public static func compare(_ actual: [UInt8], golden path: String) -> String? {
        if isRecording {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(actual))
            return nil
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            return "missing golden file \(path) (record it with RECORD_GOLDEN=1 and review it)"
        }
        guard Array(expected) != actual else { return nil }
        return "\(path) differs: \(firstDifference(Array(expected), actual))"
    }

    /// Compares every file of a folder tree with a golden tree: missing, unexpected and different files
    /// are all reported. Recording replaces the golden tree.
    public static func compareTree(_ actualDirectory: String, golden goldenDirectory: String) -> [String] {
        let actualFiles = files(under: actualDirectory)
        if isRecording {
            try? FileManager.default.removeItem(atPath: goldenDirectory)
            for file in actualFiles {
                _ = compare(Array(FileManager.default.contents(atPath: "\(actualDirectory)/\(file)") ?? Data()), golden: "\(goldenDirectory)/\(file)")
            }
            return []
        }
        let goldenFiles = files(under: goldenDirectory)
        var problems: [String] = []
        for file in goldenFiles where !actualFiles.contains(file) { problems.append("missing output file \(file)") }
        for file in actualFiles where !goldenFiles.contains(file) { problems.append("unexpected output file \(file)") }
        for file in actualFiles where goldenFiles.contains(file) {
            let actual = Array(FileManager.default.contents(atPath: "\(actualDirectory)/\(file)") ?? Data())
            if let problem = compare(actual, golden: "\(goldenDirectory)/\(file)") { problems.append(problem) }
        }
        return problems
    }

    /// Relative paths of the regular files under a folder, sorted.
    public static func files(under directory: String) -> [String] {
        let manager = FileManager.default
        let entries = manager.enumerator(atPath: directory)?.allObjects as? [String] ?? []
        return entries.filter { entry in
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: "\(directory)/\(entry)", isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    private static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if want != got { return "line \(index + 1)\n  expected: \(want)\n  actual:   \(got)" }
        }
        return "the bytes differ"
    }
}
