import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// A partial that is missing or includes itself is an error naming the template, line and column, before
/// anything is rendered (issue 17: a self-including partial crashed the process, a missing one rendered as nothing).
@Suite struct TemplatePartialsTests {
    @Test func inclusionsAreFoundWithTheirLineAndColumn() {
        let text = "<p>\n  {{> partials/a}} and {{>b }}\n{{! a comment }}{{name}}"
        #expect(TemplatePartials.inclusions(in: text) == [
            .init(partial: "partials/a", line: 2, column: 3), .init(partial: "b", line: 2, column: 24),
        ])
        // After a change of delimiters nothing more is read as a tag of the default ones.
        #expect(TemplatePartials.inclusions(in: "{{=<% %>=}}{{> a}}").isEmpty)
    }

    @Test func aMissingPartialIsAnErrorAtItsTag() {
        #expect(throws: RenderError.self) { try TemplatePartials.check(["index.html": "x\n{{> partials/nav}}"], directory: "t") }
        do {
            try TemplatePartials.check(["index.html": "x\n {{> partials/nav}}"], directory: "t")
        } catch {
            #expect(error.description == "t/index.html.mustache:2:2: error: the partial 'partials/nav' does not exist (expected t/partials/nav.mustache)")
        }
    }

    @Test func aPartialThatIncludesItselfIsAnError() {
        do {
            try TemplatePartials.check(["index.html": "{{> partials/a}}", "partials/a": "a {{> partials/a}}"], directory: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t/partials/a.mustache:1:3: error: the partial 'partials/a' includes itself: partials/a → partials/a")
        }
        do {
            try TemplatePartials.check(
                ["index.html": "{{> partials/a}}", "partials/a": "{{> partials/b}}", "partials/b": "\n{{> partials/a}}"], directory: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t/partials/b.mustache:2:1: error: the partial 'partials/a' includes itself: partials/a → partials/b → partials/a")
        }
        // A partial included twice, without a cycle, is fine.
        #expect(throws: Never.self) {
            try TemplatePartials.check(["index.html": "{{> p}}{{> q}}", "q": "{{> p}}", "p": "p"], directory: "t")
        }
    }

    /// Through the pipeline: the run stops with the located error and no report is written (no crash).
    @Test func aRunWithARecursivePartialStopsWithTheLocatedError() throws {
        let templates = try AtomicityTests.templates { folder in
            let path = folder + "/partials/footer.mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (text + "{{> partials/footer}}\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        do {
            try AtomicityTests.run(output: output, templates: templates)
            Issue.record("expected the run to stop")
        } catch {
            #expect("\(error)".contains("partials/footer.mustache:"))
            #expect("\(error)".contains("the partial 'partials/footer' includes itself: partials/footer → partials/footer"))
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/2026-10"))
    }

    /// A template named like a file the tool writes itself would make manifest.json list a digest of another file.
    @Test(arguments: ["manifest.json", "report.xlsx", "rejects.csv"])
    func aTemplateNamedLikeAToolOutputIsRefused(name: String) throws {
        let templates = try AtomicityTests.templates { folder in
            try "x".write(toFile: "\(folder)/\(name).mustache", atomically: true, encoding: .utf8)
        }
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        do {
            try AtomicityTests.run(output: output, templates: templates)
            Issue.record("expected the run to stop")
        } catch {
            #expect("\(error)".contains("\(name).mustache:1:1: error: \(name) is written by the tool itself, not by a template: remove this template"))
        }
    }
}
