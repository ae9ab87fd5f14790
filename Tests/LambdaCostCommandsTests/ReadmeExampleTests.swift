import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands

/// The README's examples come from a run (issue 15, item 7): the `--summary-json` example is what the sample month's
/// run writes, key for key, so it cannot drift from the tool again (it once showed 315.42 where a run gave 368.69).
@Suite struct ReadmeExampleTests {
    /// The first ```json block after the `--summary-json` heading.
    static func summaryExample() throws -> [String: Any] {
        let readme = try String(contentsOfFile: RepositoryPaths.root + "/README.md", encoding: .utf8)
        let heading = try #require(readme.range(of: "### `--summary-json`"))
        let open = try #require(readme.range(of: "```json\n", range: heading.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```", range: open.upperBound..<readme.endIndex))
        let data = Data(readme[open.upperBound..<close.lowerBound].utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A JSON value as sorted, compact text (so that numbers, booleans and nested objects compare as JSON).
    static func canonical(_ value: [Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theSummaryJSONExampleIsTheSampleMonthsSummary() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = folder + "/last-run.json"
        let run = CommandRun.run(["report", "--input", RepositoryPaths.sample, "--output", folder + "/output", "--templates", TestPaths.templates,
                                  "--pricing", TestPaths.pricing, "--summary-json", summary, "--quiet"])
        try #require(run.status == 0, "\(run.standardError)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any])
        let example = try Self.summaryExample()
        #expect(Set(example.keys) == Set(written.keys), "the README's example has other keys than a run writes")
        for (key, value) in written {
            guard let shown = example[key] else { continue }
            switch key {
            case "output_folder":
                // The example ran with --output output.
                #expect(shown as? String == "output/2026-10" && (value as? String)?.hasSuffix("/output/2026-10") == true)
            case "top_opportunities":
                // The example shows the first of them.
                let shownList = shown as? [Any] ?? [], writtenList = value as? [Any] ?? []
                #expect(!shownList.isEmpty && shownList.count <= writtenList.count)
                #expect(try Self.canonical(shownList) == Self.canonical(Array(writtenList.prefix(shownList.count))), "top_opportunities")
            default:
                #expect(try Self.canonical([shown]) == Self.canonical([value]), "\(key): the README shows \(shown), a run writes \(value)")
            }
        }
    }
}
