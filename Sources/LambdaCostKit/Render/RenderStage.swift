import Foundation
import Mustache

/// Stage 5: renders every template of the templates folder outside `partials/` to one output at its relative
/// path without `.mustache` (`index.html.mustache` → `index.html`, `wiki/report.md.mustache` →
/// `wiki/report.md`). HTML pages and XHTML fragments (`.xhtml`, Confluence storage format) are checked with
/// libxml2 and CSV files get CRLF record ends. Nothing is written to disk here.
public struct RenderStage: PipelineStage {
    public struct Input: Sendable {
        public var report: Report
        public var templatesDirectory: String

        public init(report: Report, templatesDirectory: String) {
            self.report = report
            self.templatesDirectory = templatesDirectory
        }
    }

    /// The rendered files, sorted by path.
    public struct Output: Sendable {
        public var files: [RenderedFile]
    }

    /// Outputs every report must have; a templates folder without them is an error.
    public static let requiredOutputs = ["index.html", "functions.csv", "rejects.csv"]

    public let name = "render"

    public init() {}

    private static let registerContentTypes: Bool = {
        MustacheContentTypes.register(CSVContentType(), named: CSVContentType.name)
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
        return true
    }()

    public func run(_ input: Input) throws -> Output {
        var output = try render(ReportViewModel.make(input.report), templatesDirectory: input.templatesDirectory)
        output.files.append(RenderedFile(path: ReportWorkbook.fileName, contents: try ReportWorkbook.make(input.report).data()))
        output.files.sort { $0.path < $1.path }
        return output
    }

    /// Renders `model` with every template of `templatesDirectory` outside `partials/`.
    func render(_ model: [String: Any], templatesDirectory: String) throws -> Output {
        precondition(Self.registerContentTypes)
        let templates = try loadTemplates(templatesDirectory)
        let library = MustacheLibrary(templates: templates)
        let outputs = templates.keys.filter { !$0.hasPrefix("partials/") }.sorted()
        for required in Self.requiredOutputs where !outputs.contains(required) {
            throw RenderError(template: "\(templatesDirectory)/\(required).mustache", line: 1, column: 1,
                message: "the template for \(required) is missing")
        }
        var files: [RenderedFile] = []
        for name in outputs {
            guard var text = library.render(model, withTemplate: name) else { continue }
            let isPage = name.hasSuffix(".html")
            if isPage || name.hasSuffix(".xhtml") {
                let problems = isPage ? XHTMLValidator.problems(in: text) : XHTMLValidator.problems(inFragment: text)
                if let problem = problems.first {
                    throw RenderError(template: "\(templatesDirectory)/\(name).mustache", line: problem.line, column: problem.column,
                        message: "the rendered \(name) is not well-formed XHTML at its line \(problem.line): \(problem.message)")
                }
            } else if name.hasSuffix(".csv") {
                text = Self.crlfRecords(text)
            }
            files.append(RenderedFile(path: name, contents: Array(text.utf8)))
        }
        return Output(files: files)
    }

    private func loadTemplates(_ directory: String) throws -> [String: MustacheTemplate] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(path: directory, message: "the templates folder does not exist")
        }
        let paths = (manager.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var templates: [String: MustacheTemplate] = [:]
        for path in paths {
            let file = "\(directory)/\(path)"
            guard let data = manager.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw InputError(path: file, message: "cannot read the template as UTF-8 text")
            }
            do {
                templates[String(path.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                throw RenderError(template: file, line: error.context.lineNumber, column: error.context.columnNumber,
                    message: "template syntax: \(error.error)")
            }
        }
        return templates
    }

    /// Ends each CSV record with CRLF (RFC 4180), leaving newlines inside quoted fields as they are.
    static func crlfRecords(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + text.utf8.count / 40)
        var quoted = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == 0x0A && !quoted && previous != 0x0D { result.append(0x0D) }
            result.append(byte)
            previous = byte
        }
        return String(decoding: result, as: UTF8.self)
    }
}
