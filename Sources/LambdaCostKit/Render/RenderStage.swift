import Foundation

/// Stage 5: renders every template of the templates folder outside `partials/` to one output at its relative
/// path without `.mustache` (`index.html.mustache` → `index.html`, `wiki/report.md.mustache` →
/// `wiki/report.md`), except the per-item templates at the top of the folder: `function.<ext>.mustache` renders
/// once per function to `functions/<stem>.<ext>` and `team.<ext>.mustache` once per team to
/// `teams/<stem>.<ext>` and once per value of each other showback tag to `showback/<key>/<stem>.<ext>` (stems from
/// ``PageFileNames``), and the list templates `function-list.<ext>.mustache` and
/// `opportunity-list.<ext>.mustache` once per page of the paged full lists (``ListPages``). Templates under `site/`
/// are not a month's: they render the site of all months (``SiteIndex``). HTML pages and XHTML fragments (`.xhtml`, Confluence
/// storage format) are checked with libxml2 and CSV files get CRLF record ends.
///
/// Each file goes to the input's sink (the output stage's ``StagingFolder`` in a run) as soon as it is rendered,
/// so no page waits in memory for the others. Function pages are rendered while the ledger is read one function
/// at a time (``LedgerSeries``), a batch of functions at a time on every core; the other pages follow, also on
/// every core.
public struct RenderStage: PipelineStage {
    public struct Input: Sendable {
        public var report: Report
        public var templatesDirectory: String
        /// Shown in the page footers when given; the report never reads the clock.
        public var generatedAt: String?
        /// The tag that names a function's team.
        public var teamTagKey: String
        /// Where the HTML reports are published (`[report] html_base_url`); the wiki pages link there.
        public var htmlBaseURL: String?
        /// How many functions and opportunities the index and team pages show (`[report] top_rows`).
        public var topRows: Int
        /// Where each rendered file goes; `nil` keeps them in ``Output/files``.
        public var sink: (any RenderedFileSink)?

        public init(report: Report, templatesDirectory: String, generatedAt: String? = nil,
                    teamTagKey: String = TeamBudgets().tagKey, htmlBaseURL: String? = nil,
                    topRows: Int = ReportConfiguration.defaultTopRows, sink: (any RenderedFileSink)? = nil) {
            self.sink = sink
            self.report = report
            self.templatesDirectory = templatesDirectory
            self.generatedAt = generatedAt
            self.teamTagKey = teamTagKey
            self.htmlBaseURL = htmlBaseURL
            self.topRows = topRows
        }
    }

    public struct Output: Sendable {
        /// The rendered files, sorted by path, when the input has no sink (else empty: they are in the sink).
        public var files: [RenderedFile]
        /// Values cut to fit a sink (the workbook's cell limit), one warning each.
        public var diagnostics: [Diagnostic] = []
    }

    /// Outputs every report must have; a templates folder without them is an error.
    public static let requiredOutputs = ["index.html", "functions.csv"]
    /// Outputs the output stage writes itself (streamed, never held in memory); no template may render them.
    public static let toolOutputs = ["manifest.json", OutputStage.rejectsFile, ReportWorkbook.fileName, SlackDigest.path, TeamsDigest.path,
                                     MonthKPIs.fileName]
    /// The folder of the templates of the site of all months (`site/index.html.mustache` → `<output>/index.html`).
    static let siteFolder = "site/"

    public let name = "render"

    public init() {}

    /// The per-item templates: a top-level template named `<kind>.<ext>` renders once per item (into `functions/`,
    /// and `teams/` and `showback/`).
    static let itemKinds = ["function", "team"]

    /// The templates of a folder, split into report-wide outputs and per-item templates.
    struct Templates {
        var directory: String
        var renderer: TemplateRenderer
        /// Report-wide templates, by output path.
        var outputs: [String]
        /// Per-item templates by kind (`function` → [`function.html`]).
        var items: [String: [String]]
        /// The paged full lists' templates by kind (`.functions` → [`function-list.html`]); see ``ListPages``.
        var lists: [ListPages.Kind: [String]] = [:]
        /// The templates of the site of all months (`site/index.html`), rendered by ``SiteIndex`` only.
        var site: [String] = []

        func hasItemPage(_ kind: String) -> Bool { items[kind]?.contains("\(kind).html") ?? false }

        /// The lists with an HTML page, so pages may link to them.
        var htmlLists: Set<ListPages.Kind> { Set(lists.filter { $0.value.contains("\($0.key.template).html") }.keys) }
    }

    /// Functions whose pages are rendered together, on every core, while the ledger walk waits: enough to keep
    /// the cores busy, few enough that their hourly series stay small.
    static let functionBatch = 64

    public func run(_ input: Input) throws -> Output {
        let report = input.report
        let templates = try loadTemplateSet(input.templatesDirectory)
        var context = RenderContext(report: report, generatedAt: input.generatedAt, teamTagKey: input.teamTagKey,
                                    hasFunctionPages: templates.hasItemPage("function"), hasTeamPages: templates.hasItemPage("team"),
                                    htmlBaseURL: input.htmlBaseURL)
        context.topRows = input.topRows
        context.lists = templates.htmlLists
        let collector = input.sink == nil ? RenderedFileCollector() : nil
        let output = OutputPaths(sink: input.sink ?? collector!, templatesDirectory: input.templatesDirectory)
        let pages = ItemPageModels(report: report, context: context)

        // One pass over the ledger: each function's page is rendered as soon as its hours are summed, a batch at a time.
        let functionTemplates = templates.items["function"] ?? []
        var batch: [(function: FunctionCost, series: LedgerSeries.FunctionSeries, stem: String)] = []
        func renderBatch() throws {
            try ParallelWork.forEach(batch.count) { index in
                let (function, series, stem) = batch[index]
                let model = pages.function(function, series: series)
                for name in functionTemplates {
                    try output.write(renderFile(name, to: Self.itemPath(RenderContext.functionFolder, stem: stem, template: name),
                                                model: model, templates: templates))
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        let series = try LedgerSeries.walk(report, context) { function, series in
            guard !functionTemplates.isEmpty, let stem = context.functionStem(function.function) else { return }
            batch.append((function, series, stem))
            if batch.count == Self.functionBatch { try renderBatch() }
        }
        try renderBatch()

        // The other pages, each a job, in two rounds on every core, so that the largest outputs are never made at
        // the same time: the workbook beside the list and team pages, then the report-wide templates (a fleet's
        // CSVs) beside each other.
        var jobs: [() throws -> Void] = []
        let workbookWarnings = Locked<[Diagnostic]>([])
        jobs.append {
            // A sheet at a time: a fleet's sheets are never all in memory (each is made twice, see XLSXWorkbook).
            let makers = ReportWorkbook.sheetMakers(report, context: context)
            var warnings = [[Diagnostic]](repeating: [], count: makers.count)
            try output.write(path: ReportWorkbook.fileName) { emit in
                try XLSXWorkbook.write(sheetCount: makers.count, sheet: { index in
                    let fitted = ReportWorkbook.fittingCells(makers[index].make())
                    warnings[index] = fitted.warnings
                    return fitted.sheet
                }, to: emit)
            }
            workbookWarnings.set(warnings.flatMap { $0 })
        }
        jobs.append {
            // The chat digests (notify/slack.json, notify/teams.json), made in Swift, not from templates.
            for file in ChatDigest.files(report, htmlBaseURL: context.htmlBaseURL) { try output.write(file) }
        }
        jobs += listJobs(ListPages(report: report, context: context), templates: templates, output: output)
        let teamTemplates = templates.items["team"] ?? []
        // A page per team, and per value of the showback's other tags (their share of the functions' Lambda cost shown).
        let shares = Dictionary(context.showback.map { ($0.tagKey, $0) }, uniquingKeysWith: { first, _ in first })
        for group in context.pagedGroups where !teamTemplates.isEmpty {
            guard let path = context.groupPath(group) else { continue }
            jobs.append {
                let model = pages.group(group, share: shares[group.tagKey]?.share(group), daily: series.daily(of: group))
                for name in teamTemplates {
                    try output.write(renderFile(name, to: Self.itemPath(path, template: name), model: model, templates: templates))
                }
            }
        }
        try ParallelWork.forEach(jobs.count) { try jobs[$0]() }
        let model = ReportViewModel.make(report, context: context, series: series)
        let outputs = templates.outputs
        try ParallelWork.forEach(outputs.count) { try writeFile(outputs[$0], to: outputs[$0], model: model, templates: templates, output: output) }
        return Output(files: collector?.files ?? [], diagnostics: workbookWarnings.get())
    }

    /// The sink with a check that no two outputs share a path.
    struct OutputPaths: Sendable {
        let sink: any RenderedFileSink
        let templatesDirectory: String
        private let written = Locked<Set<String>>([])

        init(sink: any RenderedFileSink, templatesDirectory: String) {
            self.sink = sink
            self.templatesDirectory = templatesDirectory
        }

        func write(_ file: RenderedFile) throws {
            try claim(file.path)
            try sink.write(file)
        }

        func write(path: String, chunks produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
            try claim(path)
            try sink.write(path: path, chunks: produce)
        }

        private func claim(_ path: String) throws {
            guard written.withValue({ $0.insert(path).inserted }) else {
                throw RenderError(template: templatesDirectory, line: 1, column: 1, message: "two outputs would be written to \(path)")
            }
        }
    }

    /// The paged full lists, a job per page: the fleet's, and each tag value's that has more rows than its page shows.
    /// A page's rows are made by its job (``ModelRows``).
    func listJobs(_ lists: ListPages, templates: Templates, output: OutputPaths) -> [() throws -> Void] {
        var jobs: [() throws -> Void] = []
        for kind in ListPages.Kind.allCases {
            guard let names = templates.lists[kind], !names.isEmpty else { continue }
            for page in lists.fleet(kind) + lists.context.pagedGroups.flatMap({ lists.group(kind, $0) }) {
                jobs.append {
                    let model = page.model()
                    for name in names {
                        try output.write(renderFile(name, to: Self.itemPath(page.path, template: name), model: model, templates: templates))
                    }
                }
            }
        }
        return jobs
    }

    /// `functions/<stem>.html` for the template `function.html`.
    static func itemPath(_ folder: String, stem: String, template: String) -> String {
        itemPath("\(folder)/\(stem)", template: template)
    }

    /// `path` with the template's extensions (`functions/index` and `function-list.html` → `functions/index.html`).
    static func itemPath(_ path: String, template: String) -> String {
        path + (template.firstIndex(of: ".").map { String(template[$0...]) } ?? "")
    }

    /// Renders `model` with every report-wide template of `templatesDirectory` (per-item templates are left out).
    func render(_ model: [String: Any], templatesDirectory: String) throws -> Output {
        try render(model, templates: loadTemplateSet(templatesDirectory))
    }

    func render(_ model: [String: Any], templates: Templates) throws -> Output {
        Output(files: try templates.outputs.map { try renderFile($0, to: $0, model: model, templates: templates) })
    }

    /// Renders one template to the output `path` in `output`: a page whole, as it is checked before it is written;
    /// any other file (the CSV files, the Markdown page) a chunk at a time as it renders, so a fleet's
    /// `opportunities.csv` is never held in memory.
    func writeFile(_ name: String, to path: String, model: Any, templates: Templates, output: OutputPaths) throws {
        guard !Self.isChecked(path) else { return try output.write(renderFile(name, to: path, model: model, templates: templates)) }
        try output.write(path: path) { emit in
            try withoutActuallyEscaping(emit) { emit in
                // The first failure to write stops the writing; the rendering runs to its end and then throws it.
                var failure: (any Error)?
                var rendered = TemplateOutput(crlfRecords: path.hasSuffix(".csv"), flushSize: Self.streamChunk) { chunk in
                    guard failure == nil else { return }
                    do { try emit(chunk) } catch { failure = error }
                }
                templates.renderer.render(name, model: model, into: &rendered)
                rendered.finish()
                if let failure { throw failure }
            }
        }
    }

    /// How much of a streamed file is rendered before it is handed to the sink.
    static let streamChunk = 1 << 20

    /// Pages and XHTML fragments, checked with libxml2 before they are written.
    static func isChecked(_ path: String) -> Bool { path.hasSuffix(".html") || path.hasSuffix(".xhtml") }

    /// Renders one template to the output `path`, checking pages and giving CSV files CRLF record ends.
    func renderFile(_ name: String, to path: String, model: Any, templates: Templates) throws -> RenderedFile {
        var output = TemplateOutput(crlfRecords: path.hasSuffix(".csv"))
        templates.renderer.render(name, model: model, into: &output)
        let isPage = path.hasSuffix(".html")
        let bytes = output.bytes
        if Self.isChecked(path) {
            let problems = isPage ? XHTMLValidator.problems(in: bytes, standingIn: output.markupRanges)
                : XHTMLValidator.problems(inFragment: bytes)
            if let problem = problems.first {
                throw RenderError(template: "\(templates.directory)/\(name).mustache", line: problem.line, column: problem.column,
                    message: "the rendered \(path) is not well-formed XHTML at its line \(problem.line): \(problem.message)")
            }
        }
        return RenderedFile(path: path, contents: bytes)
    }

    func loadTemplateSet(_ directory: String) throws -> Templates {
        let (templates, texts) = try loadTemplates(directory)
        var outputs: [String] = []
        var items: [String: [String]] = [:]
        var lists: [ListPages.Kind: [String]] = [:]
        var site: [String] = []
        for name in templates.keys.sorted() where !name.hasPrefix("partials/") {
            if name.hasPrefix(Self.siteFolder) {
                site.append(name)
            } else if let kind = Self.itemKinds.first(where: { !name.contains("/") && name.hasPrefix($0 + ".") }) {
                items[kind, default: []].append(name)
            } else if let kind = ListPages.Kind.allCases.first(where: { !name.contains("/") && name.hasPrefix($0.template + ".") }) {
                lists[kind, default: []].append(name)
            } else {
                outputs.append(name)
            }
        }
        for reserved in Self.toolOutputs where outputs.contains(reserved) {
            throw RenderError(template: "\(directory)/\(reserved).mustache", line: 1, column: 1,
                message: "\(reserved) is written by the tool itself, not by a template: remove this template")
        }
        for required in Self.requiredOutputs where !outputs.contains(required) {
            throw RenderError(template: "\(directory)/\(required).mustache", line: 1, column: 1,
                message: "the template for \(required) is missing")
        }
        return Templates(directory: directory, renderer: TemplateRenderer(templates: templates, texts: texts), outputs: outputs, items: items,
                         lists: lists, site: site)
    }

    /// The templates of `directory` parsed, and their texts, by name.
    private func loadTemplates(_ directory: String) throws -> (templates: [String: Template], texts: [String: String]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(path: directory, message: "the templates folder does not exist")
        }
        let paths = (manager.enumerator(atPath: directory)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var templates: [String: Template] = [:]
        var texts: [String: String] = [:]
        for path in paths {
            let file = "\(directory)/\(path)"
            guard let data = manager.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw InputError(path: file, message: "cannot read the template as UTF-8 text")
            }
            do {
                templates[String(path.dropLast(".mustache".count))] = try TemplateParser.parse(text)
                texts[String(path.dropLast(".mustache".count))] = text
            } catch {
                throw RenderError(template: file, line: error.line, column: error.column, message: "template syntax: \(error.message)")
            }
        }
        try TemplatePartials.check(texts, directory: directory)
        return (templates, texts)
    }
}
