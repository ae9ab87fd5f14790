import Testing
@testable import LambdaCostKit

/// `{{% CONTENT_TYPE: MARKDOWN}}`: hostile values stay literal text inside one GFM table cell or line.
@Suite struct MarkdownContentTypeTests {
    func escape(_ text: String) -> String { MarkdownContentType.escape(text) }

    /// The cells of a GFM table row as cmark-gfm splits it: on every `|` not escaped by a backslash.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        return cells
    }

    @Test func everydayValuesStayReadable() {
        for value in ["orders-api", "us-east-1", "004519876321", "graviton", "modeled", "2026-10", "x86_64+arm64 (Graviton): ok."] {
            let expected = value.replacingOccurrences(of: "_", with: "\\_")
            #expect(escape(value) == expected)
        }
        #expect(escape("") == "")
        #expect(escape("Move orders-api to arm64 (Graviton): duration; requests unchanged.") == "Move orders-api to arm64 (Graviton): duration; requests unchanged.")
    }

    @Test func htmlCannotRun() {
        #expect(escape("<script>alert('x')</script>") == "&lt;script&gt;alert('x')&lt;/script&gt;")
        #expect(escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(escape("<https://evil.example>") == "&lt;https://evil.example&gt;")
        // An entity in the value is shown as typed, not decoded.
        #expect(escape("R&D &lt;b&gt;") == "R&amp;D &amp;lt;b&amp;gt;")
        #expect(escape("> quoted") == "&gt; quoted")
    }

    @Test func inlineMarkupIsLiteral() {
        #expect(escape("*bold* _it_ `code` ~~gone~~") == "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~")
        #expect(escape("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))")
        #expect(escape("![x](http://t/p.png)") == "!\\[x\\](http://t/p.png)")
        #expect(escape("$x^2$ costs $1.20") == "\\$x^2\\$ costs \\$1.20")
        #expect(escape("C:\\temp\\") == "C:\\\\temp\\\\")
        #expect(escape("=HYPERLINK(\"http://x\",\"y\")") == "\\=HYPERLINK(\"http://x\",\"y\")")
    }

    @Test func lineBreaksBecomeSpaces() {
        #expect(escape("data, \"analytics\"\nteam") == "data, \"analytics\" team")
        #expect(escape("a\r\nb\rc\nd") == "a b c d")
        #expect(escape("a\n\nb") == "a  b")
        #expect(escape("a\u{2028}b\u{2029}c\u{85}d\te\u{0}f\u{7F}g") == "a b c d e f g")
        #expect(!escape("x\n# heading\n```\n| a |").contains("\n"))
    }

    @Test func blockMarkersAtTheStartAreEscaped() {
        #expect(escape("# not a heading") == "\\# not a heading")
        #expect(escape("- item") == "\\- item")
        #expect(escape("+ item") == "\\+ item")
        #expect(escape("===") == "\\===")
        #expect(escape("---") == "\\---")
        #expect(escape("***") == "\\*\\*\\*")
        #expect(escape("1. first") == "1\\. first")
        #expect(escape("12) twelfth") == "12\\) twelfth")
        #expect(escape("-$1.25") == "\\-\\$1.25")
        // Only at the start: inside a value they mean nothing.
        #expect(escape("a # b - c 1. d") == "a # b - c 1. d")
        #expect(escape("1.") == "1\\.")
        #expect(escape("1.\nnext") == "1\\. next")
        // Not a list marker without a space after it.
        #expect(escape("1.5") == "1.5")
        #expect(escape("11.6265562") == "11.6265562")
        #expect(escape("0.1.0") == "0.1.0")
    }

    @Test func aHostileValueStaysInItsTableCell() {
        let hostile = [
            "a|b", "a\\|b", "a\\", "|", "\\\\|", "x\n| y | z |\n", "`|`", "<td>|</td>", "[a|b](c|d)",
            "<script>alert('x')</script>", "=HYPERLINK(\"http://x\",\"y\")", "data, \"analytics\"\nteam",
        ]
        for value in hostile {
            let row = "| \(escape(value)) | \(escape(value)) |"
            #expect(!row.contains("\n"), "\(value)")
            #expect(Self.cells(row).count == 4, "\(value) → \(row)")
            #expect(!row.contains("<"), "\(value)")
        }
    }

    @Test func unescapingGivesBackTheValue() {
        // What a CommonMark renderer shows: backslash escapes and the three entities undone.
        func shown(_ markdown: String) -> String {
            var result = ""
            var escaped = false
            for character in markdown {
                if escaped { result.append(character); escaped = false } else if character == "\\" { escaped = true } else { result.append(character) }
            }
            return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        for value in ["<script>alert('x')</script>", "a|b\\c*d_e`f[g]h~i$j", "# -1. &amp; R&D", "=HYPERLINK(\"http://x\",\"y\")"] {
            #expect(shown(escape(value)) == value)
        }
    }
}

@Suite struct ViewModelSanitizingTests {
    @Test func controlCharactersCannotBreakThePages() throws {
        #expect(XMLSafeText.of("bell\u{0001}here\u{000B}\ttab\nline") == "bell\u{FFFD}here\u{FFFD}\ttab\nline")
        #expect(XMLSafeText.of("plain <text> & more") == "plain <text> & more")
        // U+FFFE and U+FFFF go; other characters whose UTF-8 starts with the same byte (0xEF) stay.
        #expect(XMLSafeText.of("a\u{FFFE}b\u{FF21}\u{FEFF}\u{FFFD}c\u{FFFF}") == "a\u{FFFD}b\u{FF21}\u{FEFF}\u{FFFD}c\u{FFFD}")
        #expect(XMLSafeText.of("\u{FF21}\u{1F642}\u{7F}") == "\u{FF21}\u{1F642}\u{7F}")
        // The renderer writes every text XML-safe: escaped or not, in rows, optionals, arrays of any kind and
        // nested dictionaries, and in CSV as in HTML; trusted markup is written as it was made.
        let some: String? = "o\u{0003}", none: String? = nil
        let model: [String: Any] = [
            "a": "x\u{0002}", "list": [["b": "\u{FFFF}"]], "n": 3, "some": some as Any, "none": none as Any,
            "texts": ["t\u{0004}", "u"], "mixed": ["m\u{0005}", 1] as [Any], "inner": ["deep": ["d\u{0006}"]],
            "flag": true, "markup": TrustedMarkup(markup: "<b>\u{0007}</b>"),
            "rows": ModelRows(["r\u{0008}"]) { ["c": $0] as [String: Any] },
        ]
        func render(_ text: String) throws -> String {
            var output = TemplateOutput()
            TemplateRenderer(templates: ["t": try TemplateParser.parse(text)]).render("t", model: model, into: &output)
            return String(decoding: output.bytes, as: UTF8.self)
        }
        #expect(try render("{{a}}|{{{a}}}|{{#list}}{{b}}{{/list}}|{{n}}|{{some}}|{{none}}|{{#texts}}{{.}},{{/texts}}")
            == "x\u{FFFD}|x\u{FFFD}|\u{FFFD}|3|o\u{FFFD}||t\u{FFFD},u,")
        #expect(try render("{{#mixed}}{{.}};{{/mixed}}{{#inner}}{{#deep}}{{.}}{{/deep}}{{/inner}}|{{flag}}|{{{markup}}}|{{#rows}}{{c}}{{/rows}}")
            == "m\u{FFFD};1;d\u{FFFD}|true|<b>\u{0007}</b>|r\u{FFFD}")
        #expect(try render("{{% CONTENT_TYPE: CSV}}\n{{a}},{{#texts}}{{.}}{{/texts}}\n") == "x\u{FFFD},t\u{FFFD}u\n")
        #expect(XHTMLValidator.problems(in: "<p>\(XMLSafeText.of("a\u{0001}b"))</p>").isEmpty)
    }
}
