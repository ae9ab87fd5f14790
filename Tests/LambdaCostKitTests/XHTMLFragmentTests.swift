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

    /// A page's charts (markup the report made itself, at the given ranges) stand in as an empty `<svg/>`: what the
    /// template put around them is checked, their own elements are not parsed again, and a problem is placed in
    /// the page as it is.
    @Test func aPageIsCheckedWithItsChartsStandingInForThemselves() throws {
        func page(_ body: String, markup: [String]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
            var bytes = Array("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head>\n<body>".utf8)
            var ranges: [Range<Int>] = []
            for (index, part) in body.components(separatedBy: "@").enumerated() {
                if index > 0 {
                    let chart = Array(markup[index - 1].utf8)
                    ranges.append(bytes.count..<bytes.count + chart.count)
                    bytes += chart
                }
                bytes += Array(part.utf8)
            }
            return (bytes + Array("</body></html>\n".utf8), ranges)
        }
        let chart = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<title>a &amp; b</title>\n<rect x=\"1.0\"/>\n</svg>"
        let good = page("<figure>@</figure><p>@</p>", markup: [chart, chart])
        #expect(XHTMLValidator.problems(in: good.bytes, standingIn: good.ranges).isEmpty)
        #expect(XHTMLValidator.problems(in: good.bytes).isEmpty)

        // A chart where the template may not put markup is found either way.
        let inAttribute = page("<p title=\"@\">x</p>", markup: [chart])
        #expect(!XHTMLValidator.problems(in: inAttribute.bytes, standingIn: inAttribute.ranges).isEmpty)
        let inTag = page("<p @>x</p>", markup: [chart])
        #expect(!XHTMLValidator.problems(in: inTag.bytes, standingIn: inTag.ranges).isEmpty)

        // A problem after a chart of four lines is reported at its line in the page, not in the page without the chart.
        let brokenAfter = page("<figure>@</figure>\n<p>a & b</p>", markup: [chart])
        let problem = try #require(XHTMLValidator.problems(in: brokenAfter.bytes, standingIn: brokenAfter.ranges).first)
        #expect(problem == XHTMLValidator.problems(in: brokenAfter.bytes).first)
        #expect(problem.line == 7)

        // The chart's own elements are trusted, not parsed: SVGWriter makes them well-formed (ChartTests checks every
        // kind of chart, hostile labels among them).
        let unbalanced = page("<figure>@</figure>", markup: ["<svg><g></svg>"])
        #expect(XHTMLValidator.problems(in: unbalanced.bytes, standingIn: unbalanced.ranges).isEmpty)
        #expect(!XHTMLValidator.problems(in: unbalanced.bytes).isEmpty)
    }

    /// A whole page is checked without building its tree: every kind of well-formedness error is still found,
    /// after a doctype too, and a good page has none.
    @Test func aWholePageIsCheckedForEveryKindOfError() throws {
        func page(_ body: String) -> String {
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>t</title></head>\n<body>\(body)</body></html>\n"
        }
        #expect(XHTMLValidator.problems(in: page("<p class=\"a\">x &amp; &lt;y&gt; &#8212; &#x2014;</p><br/>")).isEmpty)
        for broken in ["<p>&nbsp;</p>", "<p>open", "<p></div>", "<p a=b>x</p>", "<p a=\"1\" a=\"2\">x</p>",
                       "<x:y>z</x:y>", "<p>\u{0001}</p>", "<p>a < b</p>", "<p>a & b</p>", "]]>"] {
            let problem = try #require(XHTMLValidator.problems(in: page(broken)).first, "\(broken)")
            #expect(problem.line >= 3, "\(broken): \(problem)")
        }
        #expect(!XHTMLValidator.problems(in: page("") + "<p>after the root</p>").isEmpty)
        #expect(!XHTMLValidator.problems(in: "").isEmpty)
    }

    /// Each check has its own error handler (on its parser context): checks on several threads at once each get
    /// their own document's problems, never another's, and a good page none.
    @Test func checksOnSeveralThreadsKeepTheirOwnProblems() async {
        let results = await withTaskGroup(of: (Int, [XHTMLValidator.Problem]).self) { group in
            for index in 0..<400 {
                group.addTask {
                    // Odd documents are well-formed; even ones break at line index % 7 + 2.
                    let line = index % 7 + 2
                    let body = (1..<line).map { "<p>\($0)</p>" }.joined(separator: "\n")
                    let text = index.isMultiple(of: 2) ? body + "\n<p>bad \(index)</div>" : body + "\n<p>good</p>"
                    return (index, XHTMLValidator.problems(inFragment: text))
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 400)
        for (index, problems) in results {
            if index.isMultiple(of: 2) {
                #expect(problems.first?.line == index % 7 + 2, "document \(index): \(problems)")
            } else {
                #expect(problems.isEmpty, "document \(index): \(problems)")
            }
        }
    }
}
