import Foundation
import GoldenFiles
import Testing

/// Keeps `docs/reliability.md` true (issue 17, item 7): its "Hostile-input corpus" table has one row per case of
/// ``HostileInputTests/cases``, named as the case, whose expected result is the test's (the error of a failing
/// case, every diagnostic of a read case, in order, with the input's path shortened to `f` and the metrics file's
/// to `m`); and every row of its "Operator files" table names test functions that exist under `Tests/`.
@Suite struct ReliabilityDocumentTests {
    static let document = RepositoryPaths.root + "/docs/reliability.md"

    /// The rows of the first table after the heading `## <section>` (header and separator left out), as cells.
    static func table(_ section: String, in text: String) -> [[String]] {
        var rows: [[String]] = []
        var inSection = false, inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if inSection { break }
                inSection = line == "## \(section)"
                continue
            }
            guard inSection else { continue }
            if line.hasPrefix("|") {
                inTable = true
                rows.append(cells(String(line)))
            } else if inTable {
                break
            }
        }
        return Array(rows.dropFirst(2))
    }

    /// The cells of a table line, split at the pipes that are not escaped (`\|` stays in the cell).
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", previous: Character = " "
        for character in line.dropFirst() {
            if character == "|" && previous != "\\" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        return cells
    }

    /// The code spans of a cell, in order, with `\|` read as `|`.
    static func codeSpans(_ cell: String) -> [String] {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { parts[$0].replacingOccurrences(of: "\\|", with: "|") }
    }

    /// What the document must say of a case: `fails` or `read`, and the messages, paths shortened.
    static func expected(_ testCase: HostileInputTests.Case) -> (outcome: String, messages: [String]) {
        func shortened(_ text: String) -> String {
            text.replacingOccurrences(of: "{file}", with: "f").replacingOccurrences(of: "{metrics}", with: "m")
        }
        switch testCase.expected {
        case .fails(let message): return ("fails", message.split(separator: "\n").map { shortened(String($0)) })
        case .read(let read): return ("read", read.diagnostics.map(shortened))
        }
    }

    /// The cell the document should have for a case (printed when it does not).
    static func cell(_ testCase: HostileInputTests.Case) -> String {
        let (outcome, messages) = expected(testCase)
        if messages.isEmpty { return "read, no diagnostic" }
        return outcome + ": " + messages.map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: "<br>")
    }

    /// Every disagreement between the hostile-input table of `text` and `cases`.
    static func hostileInputProblems(in text: String, cases: [HostileInputTests.Case]) -> [String] {
        let rows = table("Hostile-input corpus", in: text)
        var problems: [String] = []
        if rows.isEmpty { problems.append("no table under '## Hostile-input corpus'") }
        var rowsByName: [String: [String]] = [:]
        for row in rows {
            guard row.count >= 3 else {
                problems.append("a row of \(row.count) cells: \(row)")
                continue
            }
            if rowsByName[row[0]] != nil { problems.append("two rows for '\(row[0])'") }
            rowsByName[row[0]] = row
            if !cases.contains(where: { $0.name == row[0] }) {
                problems.append("the row '\(row[0])' names no case of HostileInputTests.cases")
            }
        }
        for testCase in cases {
            guard let row = rowsByName[testCase.name] else {
                problems.append("no row for the case '\(testCase.name)'; expected: | \(testCase.name) | … | \(cell(testCase)) | … |")
                continue
            }
            let (outcome, messages) = expected(testCase)
            let documented = row[2]
            let documentedOutcome = documented.hasPrefix("fails") ? "fails" : documented.hasPrefix("read") ? "read" : documented
            if documentedOutcome != outcome || codeSpans(documented) != messages {
                problems.append("the row '\(testCase.name)' says \(documented); the test expects \(cell(testCase))")
            }
        }
        return problems
    }

    /// The Swift sources under `Tests/`.
    static let testSources: [String] = {
        let root = RepositoryPaths.root + "/Tests"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".swift") && !$0.contains("/Fixtures/") && !$0.contains("/Golden/")
        } ?? []
        return files.compactMap { try? String(contentsOfFile: root + "/" + $0, encoding: .utf8) }
    }()

    /// Whether a file under `Tests/` declares the suite `suite` and a function `function` (the text of one file).
    static func testExists(_ name: String, in sources: [String]) -> Bool {
        let parts = name.split(separator: ".")
        guard parts.count == 2 else { return false }
        return sources.contains { source in
            (source.contains("struct \(parts[0]) ") || source.contains("struct \(parts[0]):") || source.contains("extension \(parts[0]) "))
                && source.contains("func \(parts[1])(")
        }
    }

    /// Every row of the operator-file table that names no test, or a test that does not exist.
    static func operatorFileProblems(in text: String, sources: [String]) -> [String] {
        let rows = table("Operator files (issue 17)", in: text)
        var problems: [String] = []
        if rows.isEmpty { problems.append("no table under '## Operator files (issue 17)'") }
        for row in rows {
            guard row.count >= 4 else {
                problems.append("a row of \(row.count) cells: \(row)")
                continue
            }
            let tests = codeSpans(row[3])
            if tests.isEmpty { problems.append("the row '\(row[0])' names no test") }
            for test in tests where !testExists(test, in: sources) {
                problems.append("the row '\(row[0])' names \(test), which is not a test function under Tests/")
            }
        }
        return problems
    }

    @Test func everyHostileInputCaseHasItsRowWithTheTestsResult() throws {
        let text = try String(contentsOfFile: Self.document, encoding: .utf8)
        let problems = Self.hostileInputProblems(in: text, cases: HostileInputTests.cases)
        #expect(problems.isEmpty, "docs/reliability.md:\n\(problems.joined(separator: "\n"))")
    }

    @Test func everyOperatorFileCaseNamesATestThatExists() throws {
        let text = try String(contentsOfFile: Self.document, encoding: .utf8)
        let problems = Self.operatorFileProblems(in: text, sources: Self.testSources)
        #expect(problems.isEmpty, "docs/reliability.md:\n\(problems.joined(separator: "\n"))")
    }

    /// The checks fail on a document that drifted: a changed message, a missing row, a row of no case, a test that
    /// does not exist.
    @Test func aDocumentThatDriftedIsCaught() throws {
        let text = try String(contentsOfFile: Self.document, encoding: .utf8)
        let cases = HostileInputTests.cases
        let empty = try #require(cases.first { $0.name == "empty file" })
        let row = "| empty file |"
        #expect(text.contains(row))

        let changedMessage = text.replacingOccurrences(of: "the file is empty: expected a Cost and Usage Report header",
                                                       with: "the file is empty")
        #expect(Self.hostileInputProblems(in: changedMessage, cases: cases)
            == ["the row 'empty file' says fails: `f: error: the file is empty`; the test expects \(Self.cell(empty))"])

        var renamed = cases
        renamed[0].name = "an empty file"
        #expect(Self.hostileInputProblems(in: text, cases: renamed) == [
            "the row 'empty file' names no case of HostileInputTests.cases",
            "no row for the case 'an empty file'; expected: | an empty file | … | \(Self.cell(empty)) | … |",
        ])

        let operatorRows = Self.table("Operator files (issue 17)", in: text)
        let named = try #require(operatorRows.first.map { Self.codeSpans($0[3])[0] })
        var missingTest = text
        let first = try #require(missingTest.range(of: "`\(named)`"))
        missingTest.replaceSubrange(first, with: "`\(named)Gone`")
        #expect(Self.operatorFileProblems(in: missingTest, sources: Self.testSources)
            == ["the row '\(operatorRows[0][0])' names \(named)Gone, which is not a test function under Tests/"])
    }
}
