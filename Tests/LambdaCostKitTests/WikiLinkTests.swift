import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The wiki pages link to the published HTML report (`[report] html_base_url`), escaped for Markdown and for
/// Confluence storage XHTML; without a base they say where the HTML report lies and link nothing (issue 15, item 5).
@Suite struct WikiLinkTests {
    static let report: Report = try! OutputSecurityTests.report()

    static func wiki(base: String?) throws -> (markdown: String, confluence: String) {
        let files = try RenderStage().run(RenderStage.Input(report: report, templatesDirectory: RepositoryPaths.templates, htmlBaseURL: base)).files
        let text = { (path: String) in String(decoding: files.first { $0.path == path }?.contents ?? [], as: UTF8.self) }
        return (text("wiki/report.md"), text("wiki/report.confluence.xhtml"))
    }

    /// The link destinations of a Markdown text, read back as CommonMark does: backslash escapes of ASCII
    /// punctuation and `&amp;` undone.
    static func markdownLinks(_ text: String) -> [String] {
        var links: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let destination = rest[open.upperBound...].prefix { $0 != ")" && $0 != " " }
            var decoded = ""
            var escaped = false
            for character in destination {
                if !escaped, character == "\\" { escaped = true; continue }
                escaped = false
                decoded.append(character)
            }
            links.append(decoded.replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[open.upperBound...]
        }
        return links
    }

    /// The `href` values of an XHTML text, with `&amp;` undone.
    static func hrefs(_ text: String) -> [String] {
        text.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&") }
    }

    @Test func bothPagesLinkToTheMonthsPagesUnderTheBase() throws {
        // A base with characters Markdown and XHTML treat specially: `_`, `&`, parentheses, a non-ASCII letter.
        let base = "https://wiki.example.com/team_a/cost(v2)/ä&b"
        let expected = ["index.html", "findings.html", "savings-plans.html"].map {
            "https://wiki.example.com/team_a/cost%28v2%29/%C3%A4&b/2026-10/\($0)"
        }
        #expect(HTMLReportLinks.url(base: base, month: "2026-10", page: "index.html") == expected[0])
        #expect(HTMLReportLinks.url(base: base + "/", month: "2026-10", page: "index.html") == expected[0])
        let (markdown, confluence) = try Self.wiki(base: base)
        #expect(Self.markdownLinks(markdown) == expected)
        #expect(markdown.contains("[findings](https://wiki.example.com/team\\_a/cost%28v2%29/%C3%A4&amp;b/2026-10/findings.html)"))
        #expect(Self.hrefs(confluence) == expected)
        #expect(confluence.contains("<a href=\"https://wiki.example.com/team_a/cost%28v2%29/%C3%A4&amp;b/2026-10/index.html\">"))
        #expect(XHTMLValidator.problems(inFragment: confluence).isEmpty)
        #expect(!markdown.contains("not published at a known address") && !confluence.contains("not published at a known address"))
    }

    @Test func withoutABaseThePagesSayWhereTheReportLies() throws {
        let (markdown, confluence) = try Self.wiki(base: nil)
        #expect(Self.markdownLinks(markdown).isEmpty)
        #expect(Self.hrefs(confluence).isEmpty)
        #expect(markdown.contains("The full HTML report (index.html, findings.html, savings-plans.html) lies in the report's output folder for 2026-10"))
        #expect(confluence.contains("<p>The full HTML report (<code>index.html</code>, <code>findings.html</code>, <code>savings-plans.html</code>) lies in the report's output folder for 2026-10"))
        #expect(XHTMLValidator.problems(inFragment: confluence).isEmpty)
    }

    @Test func theConfiguredBaseReachesTheWrittenPages() throws {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/cur.csv", contents: Data(OutputSecurityTests.hostileCUR().utf8))
        let configuration = try ReportConfiguration(parsing: "[report]\nhtml_base_url = \"http://reports.internal/lambda\"\n")
        var options = ReportPipeline.Options(
            inputs: [root + "/cur.csv"], pricingDirectory: RepositoryPaths.pricing, outputDirectory: root + "/out",
            templatesDirectory: RepositoryPaths.templates)
        options.configuration = .value(configuration)
        let folder = try ReportPipeline(options: options).run().folder
        let markdown = try String(contentsOfFile: folder + "/wiki/report.md", encoding: .utf8)
        #expect(Self.markdownLinks(markdown).first == "http://reports.internal/lambda/2026-10/index.html")
    }

    @Test func aBadBaseURLIsALocatedError() {
        let cases: [(String, String)] = [
            ("\"ftp://files.example.com/\"", " (the scheme must be http or https); found 'ftp://files.example.com/'"),
            ("\"https:///lambda/\"", " (a host is needed); found 'https:///lambda/'"),
            ("\"https://wiki.example.com/lambda cost/\"", " (spaces and control characters must be percent-encoded); found 'https://wiki.example.com/lambda cost/'"),
            ("\"https://wiki.example.com/page?id=7\"", " (no query or fragment: the month's folder is appended to the path); found 'https://wiki.example.com/page?id=7'"),
            ("42", "; found 42"),
        ]
        for (value, message) in cases {
            let text = "[report]\nhtml_base_url = \(value)\n"
            var printed: [String] = []
            do { _ = try ReportConfiguration(parsing: text) } catch { printed = error.diagnostics.map(\.description) }
            #expect(printed == ["lambda-cost-report.toml:2:17: error: html_base_url must be an http or https URL such as 'https://wiki.example.com/lambda-cost/'\(message)"])
        }
        var printed: [String] = []
        do { _ = try ReportConfiguration(parsing: "[report]\nhtml_url = \"https://x/\"\n") } catch { printed = error.diagnostics.map(\.description) }
        #expect(printed == ["lambda-cost-report.toml:2:1: error: unknown key 'html_url' in [report]; valid keys: html_base_url, top_rows"])
    }
}
