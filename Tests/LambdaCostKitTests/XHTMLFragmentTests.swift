import Testing
@testable import LambdaCostKit

/// `.xhtml` outputs (Confluence storage format) are fragments: checked inside a synthetic root element.
@Suite struct XHTMLFragmentTests {
    @Test func aFragmentWithSeveralTopLevelElementsIsWellFormed() {
        #expect(XHTMLValidator.problems(inFragment: "<h1>T</h1>\n<p>a &amp; b &#39;c&#39;</p>\ntext\n<table><tbody><tr><th>x</th></tr></tbody></table>\n").isEmpty)
        #expect(XHTMLValidator.problems(inFragment: "").isEmpty)
        // Confluence macros use the ac: and ri: prefixes without declaring them.
        #expect(XHTMLValidator.problems(inFragment: """
            <ac:structured-macro ac:name="info"><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro>
            <ac:link><ri:attachment ri:filename="rejects.csv" /></ac:link>
            """).isEmpty)
    }

    @Test func problemsAreReportedAtTheirLineInTheFragment() throws {
        let problem = try #require(XHTMLValidator.problems(inFragment: "<p>one</p>\n<p>two\n</div>\n").first)
        #expect(problem.line == 3)
        #expect(!XHTMLValidator.problems(inFragment: "<p>a < b</p>").isEmpty)
        #expect(!XHTMLValidator.problems(inFragment: "<p>&nbsp;</p>").isEmpty)
        #expect(!XHTMLValidator.problems(inFragment: "<x:y>undeclared prefix</x:y>").isEmpty)
        #expect(!XHTMLValidator.problems(inFragment: "<?xml version=\"1.0\"?><p/>").isEmpty)
        #expect(!XHTMLValidator.problems(inFragment: "</ac:confluence><p>escape the root</p><ac:confluence>").isEmpty)
        let first = try #require(XHTMLValidator.problems(inFragment: "<p>a & b</p>").first)
        #expect(first.line == 1 && first.column < 12)
    }
}
