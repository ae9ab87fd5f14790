import Testing
@testable import LambdaCostKit

/// The report's own Mustache engine (``TemplateParser``, ``TemplateRenderer``, ``TemplateOutput``): the rules of
/// mustache(5) and its specification's examples the report's templates rely on, the content types, CSV record
/// ends, output handed on in chunks, and located syntax errors.
@Suite struct TemplateEngineTests {
    private func render(_ text: String, _ model: [String: Any], partials: [String: String] = [:], crlf: Bool = false) throws -> String {
        var templates = try partials.mapValues { try TemplateParser.parse($0) }
        templates["t"] = try TemplateParser.parse(text)
        var output = TemplateOutput(crlfRecords: crlf)
        TemplateRenderer(templates: templates).render("t", model: model, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Markup the report made (a chart) written as it is is noted where it lies, for the page check; escaped, it is
    /// text like any other, and an output handed on in chunks notes nothing.
    @Test func markupWrittenAsItIsIsNotedWhereItLies() throws {
        let templates = ["t": try TemplateParser.parse("<p>{{{chart}}}</p>{{{empty}}}{{chart}}\n  {{{chart}}}")]
        let model: [String: Any] = ["chart": TrustedMarkup(markup: "<svg/>"), "empty": TrustedMarkup(markup: "")]
        var output = TemplateOutput()
        TemplateRenderer(templates: templates).render("t", model: model, into: &output)
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text == "<p><svg/></p>&lt;svg/&gt;\n  <svg/>")
        #expect(output.markupRanges == [3..<9, 28..<34])
        #expect(output.markupRanges.allSatisfy { String(decoding: output.bytes[$0], as: UTF8.self) == "<svg/>" })

        var streamed = TemplateOutput(flushSize: 4) { _ in }
        TemplateRenderer(templates: templates).render("t", model: model, into: &streamed)
        #expect(streamed.markupRanges.isEmpty)
    }

    @Test func variablesAreEscapedForHTMLUnlessTripled() throws {
        let model: [String: Any] = ["subject": "world", "html": #"& " < > '"#, "count": 85, "flag": true]
        #expect(try render("Hello, {{subject}}!", model) == "Hello, world!")
        #expect(try render("{{html}}", model) == "&amp; &quot; &lt; &gt; &#39;")
        #expect(try render("{{{html}}}|{{& html}}", model) == #"& " < > '|& " < > '"#)
        #expect(try render("{{count}} {{flag}} [{{missing}}] {{ subject }}", model) == "85 true [] world")
        #expect(try render("{{markup}}|{{{markup}}}", ["markup": TrustedMarkup(markup: "<b>")]) == "&lt;b&gt;|<b>")
        // An optional stored as a value is its content, and nil renders nothing.
        let none: String? = nil
        #expect(try render("[{{a}}][{{b}}]", ["a": Optional("x") as Any, "b": none as Any]) == "[x][]")
        let nested: String?? = .some("y"), nestedNone: String?? = .some(nil)
        #expect(try render("[{{c}}][{{d}}][{{#d}}d{{/d}}][{{^d}}no d{{/d}}][{{#e}}{{.}}{{/e}}]",
                           ["c": nested as Any, "d": nestedNone as Any, "e": Optional(3) as Any]) == "[y][][][no d][3]")
    }

    @Test func namesAreFoundThroughTheEnclosingValues() throws {
        let model: [String: Any] = ["a": ["b": ["c": "deep"]], "top": "T", "rows": [["name": "r1"], ["name": "r2", "top": "own"]]]
        #expect(try render("{{a.b.c}}|{{a.x.c}}", model) == "deep|")
        #expect(try render("{{#rows}}{{name}}:{{top}} {{/rows}}", model) == "r1:T r2:own ")
        #expect(try render("{{#rows}}[{{.top}}]{{/rows}}", model) == "[][own]")
        #expect(try render("{{#list}}<{{.}}>{{/list}}", ["list": ["x", "y"]]) == "<x><y>")
        // Rows of a list of dictionaries, each with a list of its own: found in the row, then through the model.
        let typed: [[String: Any]] = [["tags": ["a", "b"]], ["tags": [String](), "top": "own"]]
        #expect(try render("{{#rows}}{{#tags}}{{.}}{{/tags}}:{{top}};{{/rows}}", ["rows": typed, "top": "T"]) == "ab:T;:own;")
        // Found but nil stops the search: the enclosing value's `top` is not used.
        let none: String? = nil
        #expect(try render("{{#inner}}[{{top}}]{{/inner}}", ["top": "T", "inner": ["top": none as Any]]) == "[]")
    }

    @Test func sectionsRenderByTheirValue() throws {
        let model: [String: Any] = [
            "yes": true, "no": false, "empty": [[String: Any]](), "one": ["name": "n"], "text": "t",
            "rows": ModelRows([1, 2, 3]) { ["n": $0] }, "none": ModelRows([Int]()) { ["n": $0] },
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}{{^yes}}!Y{{/yes}}", model) == "Y!N")
        #expect(try render("{{#empty}}E{{/empty}}{{^empty}}no rows{{/empty}}{{#missing}}M{{/missing}}{{^missing}}!M{{/missing}}", model)
            == "no rows!M")
        #expect(try render("{{#one}}{{name}}{{/one}}{{#text}}[{{.}}]{{/text}}{{^text}}never{{/text}}", model) == "n[t]")
        #expect(try render("{{#rows}}{{n}},{{/rows}}{{^rows}}none{{/rows}}|{{#none}}x{{/none}}{{^none}}none{{/none}}", model) == "1,2,3,|none")
    }

    /// The specification's whitespace examples: a standalone tag takes its line with it.
    @Test func standaloneTagsTakeTheirLine() throws {
        let model: [String: Any] = ["boolean": true]
        #expect(try render("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line", model) == "| This Is\n|\n| A Line")
        #expect(try render("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line", model) == "| This Is\n|\n| A Line")
        #expect(try render("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", model) == "|\r\n|")
        #expect(try render("  {{#boolean}}\n#{{/boolean}}\n/", model) == "#\n/")
        #expect(try render("#{{#boolean}}\n/\n  {{/boolean}}", model) == "#\n/\n")
        #expect(try render(" | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", model) == " |  \n  | \n")
        #expect(try render("12345{{! Comment Block! }}67890", model) == "1234567890")
        #expect(try render("Begin.\n{{! Comment Block! }}\nEnd.", model) == "Begin.\nEnd.")
        #expect(try render("Begin.\n  {{! Indented Comment Block! }}\nEnd.", model) == "Begin.\nEnd.")
    }

    @Test func partialsAreIndentedWhenStandalone() throws {
        #expect(try render("\\\n {{>partial}}\n/", ["content": "<\n->"], partials: ["partial": "|\n{{{content}}}\n|\n"])
            == "\\\n |\n <\n->\n |\n/")
        #expect(try render("\"{{>text}}\"", ["text": "content"], partials: ["text": "*{{text}}*"]) == "\"*content*\"")
        #expect(try render("|{{#rows}}{{> row}}{{/rows}}|", ["rows": [["n": 1], ["n": 2]]], partials: ["row": "<{{n}}>"]) == "|<1><2>|")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}(<%text%>) {{text}}", ["text": "Hey!"]) == "(Hey!) {{text}}")
        #expect(try render("[\n{{=| |=}}\n|#yes|x|/yes|\n]", ["yes": true]) == "[\nx\n]")
    }

    @Test func contentTypesEscapeForTheirFormat() throws {
        let model: [String: Any] = ["formula": "=1+1", "comma": "a,b", "quote": #"say "hi""#, "md": "*bold* | cell", "html": "<x>"]
        #expect(try render("{{% CONTENT_TYPE: CSV}}\n{{formula}},{{comma}},{{quote}},{{html}}\n", model)
            == #"'=1+1,"a,b","say ""hi""",<x>"# + "\n")
        #expect(try render("{{% CONTENT_TYPE: MARKDOWN}}\n{{md}}", model) == #"\*bold\* \| cell"#)
        #expect(try render("{{% CONTENT_TYPE: TEXT}}\n{{html}}", model) == "<x>")
        // A pragma in a section holds to its end; a partial takes the content type where it is included.
        #expect(try render("{{#one}}{{% CONTENT_TYPE: TEXT}}{{html}}{{/one}}{{html}}", ["one": true, "html": "<x>"]) == "<x>&lt;x&gt;")
        #expect(try render("{{% CONTENT_TYPE: CSV}}\n{{> row}}", model, partials: ["row": "{{comma}}"]) == #""a,b""#)
    }

    @Test func csvRecordsEndWithCRLFButQuotedNewlinesStay() throws {
        let model: [String: Any] = ["rows": [["v": "plain"], ["v": "two\nlines"], ["v": "ends\r\nCRLF"]]]
        let text = try render("{{% CONTENT_TYPE: CSV}}\nv\n{{#rows}}\n{{v}}\n{{/rows}}\n", model, crlf: true)
        #expect(text == "v\r\nplain\r\n\"two\nlines\"\r\n\"ends\r\nCRLF\"\r\n")
    }

    /// With a flush the bytes come in chunks of about the flush size and add up to what one buffer holds.
    @Test func outputHandedOnInChunksIsTheSameBytes() throws {
        let template = try TemplateParser.parse("{{% CONTENT_TYPE: CSV}}\nid,name\n{{#rows}}\n{{id}},{{name}}\n{{/rows}}\n")
        let model: [String: Any] = ["rows": ModelRows(Array(0..<5_000)) { ["id": $0, "name": "function \"\($0)\"\nline two"] }]
        let renderer = TemplateRenderer(templates: ["t": template])
        var whole = TemplateOutput(crlfRecords: true)
        renderer.render("t", model: model, into: &whole)
        for size in [1, 100, 4096] {
            var chunks: [[UInt8]] = []
            var streamed = TemplateOutput(crlfRecords: true, flushSize: size) { chunks.append($0) }
            renderer.render("t", model: model, into: &streamed)
            streamed.finish()
            #expect(chunks.flatMap { $0 } == whole.bytes, "flush size \(size)")
            #expect(streamed.bytes.isEmpty)
            #expect(chunks.dropLast().allSatisfy { $0.count >= size && $0.count < size + 200 }, "flush size \(size)")
        }
        #expect(whole.count == whole.bytes.count && whole.bytes.count > 100_000)
    }

    /// A renderer made from the templates' texts gives each render running at the same time a copy of its own,
    /// parsed again (so no two threads count references on the same names and sections), and the same bytes.
    @Test func rendersAtTheSameTimeReadCopiesOfTheirOwnAndGiveTheSameBytes() throws {
        let texts = ["t": "{{#rows}}<li>{{> partials/row}}</li>\n{{/rows}}", "partials/row": "{{name}}: {{#tags}}{{.}} {{/tags}}"]
        let parsed = try texts.mapValues { try TemplateParser.parse($0) }
        let model: [String: Any] = ["rows": (0..<200).map { ["name": "f<\($0)>", "tags": ["a\($0)", "b"]] as [String: Any] }]
        var expected = TemplateOutput(crlfRecords: false)
        TemplateRenderer(templates: parsed).render("t", model: model, into: &expected)
        #expect(String(decoding: expected.bytes, as: UTF8.self).hasPrefix("<li>f&lt;0&gt;: a0 b </li>\n<li>f&lt;1&gt;: a1 b </li>\n"))

        let copies = TemplateCopies(first: parsed, texts: texts)
        let first = copies.take(), second = copies.take()
        #expect(first["t"] === parsed["t"] && first["partials/row"] === parsed["partials/row"])
        #expect(second["t"] !== parsed["t"] && second["partials/row"] !== parsed["partials/row"])
        copies.give(back: second)
        #expect(copies.take()["t"] === second["t"], "a copy given back is handed out again")

        let renderer = TemplateRenderer(templates: parsed, texts: texts)
        let outputs = Locked<[Int: [UInt8]]>([:])
        try ParallelWork.forEach(16, everyCore: true) { index in
            var output = TemplateOutput(crlfRecords: false)
            renderer.render("t", model: model, into: &output)
            outputs.withValue { $0[index] = output.bytes }
        }
        #expect(outputs.get().count == 16 && outputs.get().values.allSatisfy { $0 == expected.bytes })
    }

    @Test func syntaxErrorsSayWhereAndWhat() {
        func error(_ text: String) -> TemplateSyntaxError? {
            do {
                _ = try TemplateParser.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("a\n{{#rows}}\nx") == TemplateSyntaxError(line: 3, column: 2,
            message: "the section {{#rows}} is not closed (expected {{/rows}})"))
        #expect(error("{{#a}}\n  {{/b}}")?.line == 2)
        #expect(error("{{#a}}\n  {{/b}}")?.message == "expected {{/a}} to close the section {{#a}}, found {{/b}}")
        #expect(error("x {{/b}}")?.message == "{{/b}} closes a section that is not open")
        #expect(error("{{name")?.message == "expected }} after name")
        #expect(error("{{reversed(list)}}")?.message.hasPrefix("transforms such as reversed(…) are not supported") == true)
        #expect(error("{{<base}}{{/base}}")?.message == "template inheritance ({{< …}}, {{$ …}}) is not supported")
        #expect(error("{{% CONTENT_TYPE: PDF}}")?.message == "unknown content type 'PDF' (expected one of HTML, TEXT, CSV, MARKDOWN)")
        #expect(error("{{! open comment")?.message == "the comment is not closed with }}")
        #expect(error("{{=<% %>}}")?.message == "expected new delimiters as {{=<% %>=}}")
    }
}
