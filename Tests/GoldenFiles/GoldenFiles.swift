import Foundation

/// Golden-file comparison for rendered output. Expected files live beside the tests; they are re-recorded
/// only on purpose, by running the tests with `RECORD_GOLDEN=1` and reviewing the diff. A recording run writes
/// the files that changed and then fails, naming each one, so a re-record never passes unnoticed; a later run
/// without `RECORD_GOLDEN` compares again. On a mismatch the actual output is kept for review.
public enum GoldenFiles {
    /// Whether this run re-records goldens instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Where the actual output of a failed comparison is kept (`$TMPDIR/lambda-cost-report-golden-actual`).
    public static var actualOutputFolder: String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("lambda-cost-report-golden-actual")
    }

    /// Compares one text with its golden file; returns a readable mismatch, or `nil` when equal.
    public static func compare(_ actual: String, golden path: String) -> String? {
        compare(Array(actual.utf8), golden: path)
    }

    /// `nil` when `actual` equals the golden file. Otherwise the difference; when recording, the golden file is
    /// written and the message says so (the caller's test fails, naming the file).
    public static func compare(_ actual: [UInt8], golden path: String) -> String? {
        let expected = FileManager.default.contents(atPath: path).map(Array.init)
        guard expected != actual else { return nil }
        if isRecording {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(actual)) else {
                return "could not record \(path): the file cannot be written"
            }
            return "recorded \(path) (\(expected == nil ? "new" : "changed")): review the diff, then run again without RECORD_GOLDEN"
        }
        guard let expected else {
            return "missing golden file \(path) (record it with RECORD_GOLDEN=1 and review it)"
        }
        return "\(path) differs: \(firstDifference(expected, actual))"
    }

    /// Compares every file of a folder tree with a golden tree, file by file: missing, unexpected and different
    /// files are all reported. Recording writes the new and changed files and removes the golden files no longer
    /// produced, one by one (the tree is never wiped), and reports each. On a mismatch the actual tree is copied
    /// under ``actualOutputFolder`` and the last problem says where.
    public static func compareTree(_ actualDirectory: String, golden goldenDirectory: String) -> [String] {
        let actualFiles = files(under: actualDirectory)
        let goldenFiles = files(under: goldenDirectory)
        var problems: [String] = []
        for file in goldenFiles where !actualFiles.contains(file) {
            if isRecording {
                try? FileManager.default.removeItem(atPath: "\(goldenDirectory)/\(file)")
                problems.append("removed golden file \(goldenDirectory)/\(file), no longer written: review, then run again without RECORD_GOLDEN")
            } else {
                problems.append("missing output file \(file)")
            }
        }
        for file in actualFiles where !goldenFiles.contains(file) && !isRecording { problems.append("unexpected output file \(file)") }
        for file in actualFiles where goldenFiles.contains(file) || isRecording {
            let actual = Array(FileManager.default.contents(atPath: "\(actualDirectory)/\(file)") ?? Data())
            if let problem = compare(actual, golden: "\(goldenDirectory)/\(file)") { problems.append(problem) }
        }
        if !problems.isEmpty && !isRecording {
            let kept = (actualOutputFolder as NSString).appendingPathComponent((goldenDirectory as NSString).lastPathComponent)
            try? FileManager.default.removeItem(atPath: kept)
            try? FileManager.default.createDirectory(atPath: (kept as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if (try? FileManager.default.copyItem(atPath: actualDirectory, toPath: kept)) != nil {
                problems.append("the actual output is kept in \(kept)")
            }
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
