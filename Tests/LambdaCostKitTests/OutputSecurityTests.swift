import Foundation
import GoldenFiles
import Testing
import ZIPFoundation
@testable import LambdaCostKit

/// What hostile values in the input can do to the outputs: nothing. File names never come from the data, every
/// text is escaped for its format (HTML/XHTML, CSV with formula guards, Markdown, XLSX text cells), and the
/// job needs no network.
@Suite(.serialized) struct OutputSecurityTests {
    /// Tag values (and a function whose name starts with `-`) that would be markup, formulas or control
    /// characters if written raw.
    static let hostileValues = [
        "<script>alert(1)</script>", "a & b &amp; c", "\"double\" 'single'", "=cmd|' /C calc'!A0", "+1+2", "-2+3",
        "@SUM(A1:A9)", "\tTAB", "\rCR", "../../../../tmp/evil", "/etc/passwd", "x\u{1B}[2Jy", "line\nbreak",
    ]

    static let header = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,resourceTags/user:team,resourceTags/user:note"

    /// One function per hostile value (as its `team` and `note` tags), plus `-rf` and `--help` as function names.
    static func hostileCUR() -> String {
        var lines = [header]
        for (index, value) in hostileValues.enumerated() {
            let field = CSVField.quoted(value)
            lines.append("111122223333,Usage,2026-10-01T0\(index % 10):00:00Z,AWSLambda,Request,fn-\(index),1000,USD,0.25,\(field),\(field)")
        }
        lines.append("111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,-rf,1000,USD,0.5,=1+1,@x")
        lines.append("111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,--help,1000,USD,0.5,-1,+1")
        // Resource IDs that try to climb out of a folder are not function names: no function, no file.
        lines.append("111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,../../etc/passwd,1000,USD,0.125,,")
        lines.append("111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,arn:aws:lambda:us-east-1:111122223333:function:../x,1000,USD,0.125,,")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the job on the hostile CUR, with a metrics file naming a function `../../../x`; returns the root
    /// folder that holds input and output (nothing else may appear in it) and the month folder.
    static func run() throws -> (root: String, month: String) {
        let root = RepositoryPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/in/cur.csv", contents: Data(hostileCUR().utf8))
        FileManager.default.createFile(atPath: root + "/metrics.csv", contents: Data(
            "account_id,region,function_name,memory_mb\n111122223333,us-east-1,../../../x,128\n111122223333,us-east-1,/etc/cron.d/x,128\n".utf8))
        let outcome = try ReportPipeline(options: .init(
            inputs: [root + "/in"], metrics: [root + "/metrics.csv"], pricingDirectory: RepositoryPaths.pricing,
            outputDirectory: root + "/out", templatesDirectory: RepositoryPaths.templates)).run()
        return (root, outcome.folder)
    }

    static let expectedFiles = [
        "alternatives.csv", "changes.html", "findings.csv", "findings.html", "follow-up.csv", "functions.csv", "index.html", "kpis.json", "manifest.json", "month-over-month.csv",
        "notify/slack.json", "notify/teams.json", "opportunities.csv",
        "provisioned-concurrency.csv", "rejects.csv", "report.xlsx", "savings-plans.csv", "savings-plans.html", "showback.csv", "skipped.csv", "teams.csv",
        "wiki/report.confluence.xhtml", "wiki/report.md",
    ]

    /// The report's files under `prefix`: the fixed set, and per-item pages whose names (built from function names
    /// and tag values) stay one safe path component inside `functions/` or `teams/` (the paged lists too:
    /// `functions/index.html`, `opportunities/index.html`, a team's `teams/<stem>/functions.html`).
    static func reportFiles(_ files: [String], prefix: String) -> (fixed: [String], pages: [String]) {
        let report = files.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        let pages = report.filter { $0.hasPrefix("functions/") || $0.hasPrefix("teams/") || $0.hasPrefix("opportunities/") || $0.hasPrefix("showback/") }
        return (report.filter { !pages.contains($0) }, pages)
    }

    static func isSafePage(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        func isSafe(_ name: Substring) -> Bool {
            !name.isEmpty && !name.hasPrefix(".") && !name.hasPrefix("-")
                && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        }
        guard let last = parts.last, last.hasSuffix(".html"), parts.allSatisfy(isSafe) else { return false }
        switch parts.count {
        case 2: return ["functions", "teams", "opportunities"].contains(parts[0])
        // A team's paged lists, in a folder named like the team's page.
        case 3:
            // A showback value's page (showback/<key>/<value>.html), or a team's paged lists, in a folder named like the team's page.
            return parts[0] == "showback"
                || (parts[0] == "teams" && last.range(of: #"^(functions|opportunities)(-[0-9]+)?\.html$"#, options: .regularExpression) != nil)
        // A showback value's paged lists (showback/<key>/<value>/functions.html).
        case 4: return parts[0] == "showback" && last.range(of: #"^(functions|opportunities)(-[0-9]+)?\.html$"#, options: .regularExpression) != nil
        default: return false
        }
    }

    @Test func fileNamesNeverComeFromTheData() throws {
        let outside = ["/tmp/evil", "/tmp/x", "/etc/cron.d/x", NSTemporaryDirectory() + "evil"]
        let existedBefore = outside.map { FileManager.default.fileExists(atPath: $0) }
        let (root, month) = try Self.run()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(month == root + "/out/2026-10")
        #expect(outside.map { FileManager.default.fileExists(atPath: $0) } == existedBefore)
        // Every file under the root: the two inputs, the report's fixed set and its safely named pages, the site of all
        // months, nothing else.
        let files = GoldenFiles.files(under: root)
        let (fixed, pages) = Self.reportFiles(files, prefix: "out/2026-10/")
        #expect(files.filter { !$0.hasPrefix("out/2026-10/") } == ["in/cur.csv", "metrics.csv", "out/index.html"])
        #expect(fixed == Self.expectedFiles)
        #expect(!pages.isEmpty && pages.allSatisfy(Self.isSafePage), "\(pages)")
        // Output names come from the templates folder and two fixed names only (RenderStage, OutputStage).
        let rendered = try RenderStage().render(ReportViewModel.make(try Self.report()), templatesDirectory: RepositoryPaths.templates)
        #expect(rendered.files.map(\.path).allSatisfy { !$0.contains("..") && !$0.hasPrefix("/") })
    }

    static func report() throws -> Report {
        let root = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/cur.csv", contents: Data(hostileCUR().utf8))
        var options = ReportPipeline.Options(
            inputs: [root + "/cur.csv"], pricingDirectory: RepositoryPaths.pricing, outputDirectory: root + "/out",
            templatesDirectory: RepositoryPaths.templates)
        options.keepsLedgerCells = true  // tests render its report again
        return try ReportPipeline(options: options).run().report
    }

    @Test func htmlAndXHTMLEscapeEveryHostileValue() throws {
        let (root, month) = try Self.run()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let html = try String(contentsOfFile: month + "/index.html", encoding: .utf8)
        #expect(XHTMLValidator.problems(in: html).isEmpty)
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &amp;amp; c"))
        #expect(!html.contains("\u{1B}"))
        let confluence = try String(contentsOfFile: month + "/wiki/report.confluence.xhtml", encoding: .utf8)
        #expect(XHTMLValidator.problems(inFragment: confluence).isEmpty)
        #expect(!confluence.contains("<script>"))
        let markdown = try String(contentsOfFile: month + "/wiki/report.md", encoding: .utf8)
        #expect(!markdown.contains("<script>"))
    }

    /// Parses a CSV output and checks every field: nothing a spreadsheet would run as a formula (a leading `=`,
    /// `+`, `-`, `@`, tab or CR) unless it is a plain number.
    static func formulaProblems(_ path: String) throws -> [String] {
        let reader = CSVReader(source: try ByteSource(path: path))
        var problems: [String] = []
        while try reader.nextRecord() {
            #expect(reader.malformation == nil, "\(path):\(reader.line)")
            for index in 0..<reader.fieldCount {
                let text = reader.lossyString(index)
                guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { continue }
                if CSVContentType.isPlainNumber(text) { continue }
                problems.append("\(path):\(reader.line): \(text.debugDescription)")
            }
        }
        return problems
    }

    @Test func csvFieldsCannotRunAsFormulas() throws {
        let (root, month) = try Self.run()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for file in ["functions.csv", "opportunities.csv", "findings.csv", "rejects.csv"] {
            let problems = try Self.formulaProblems(month + "/" + file)
            #expect(problems.isEmpty, "\(problems)")
        }
        let functions = try String(contentsOfFile: month + "/functions.csv", encoding: .utf8)
        #expect(functions.contains(",'=cmd|' /C calc'!A0,"))
        #expect(functions.contains("'-rf") && functions.contains("'--help") && functions.contains("'@SUM(A1:A9)"))
        // Each record is one line of the file once quoted fields are taken whole: the CR and LF values stay inside quotes.
        let reader = CSVReader(source: try ByteSource(path: month + "/functions.csv"))
        var widths = Set<Int>()
        while try reader.nextRecord() { widths.insert(reader.fieldCount) }
        #expect(widths.count == 1)
    }

    /// The workbook holds text cells only where the data had text: no formula but the tool's own totals (a SUM
    /// over a column range, or sums and differences of cell references in the Summary's bridge), and the
    /// hostile values are stored as inline or shared strings, XML-escaped.
    @Test func theWorkbookHasNoFormulas() throws {
        let (root, month) = try Self.run()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let archive = try Archive(url: URL(fileURLWithPath: month + "/report.xlsx"), accessMode: .read)
        var sawHostile = false
        for entry in archive where entry.path.hasSuffix(".xml") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let xml = String(decoding: data, as: UTF8.self)
            #expect(!xml.contains("<f "), "\(entry.path) holds a formula with attributes")
            for formula in Self.formulas(in: xml) {
                let own = formula.range(of: #"^(SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\)|[A-Z]+[0-9]+([+-][A-Z]+[0-9]+)+)$"#, options: .regularExpression) != nil
                #expect(own, "\(entry.path) holds a formula the tool does not write: \(formula)")
            }
            #expect(!xml.contains("<script>"), "\(entry.path)")
            if xml.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || xml.contains("=cmd|") { sawHostile = true }
        }
        #expect(sawHostile)
    }

    /// The text of every `<f>` element of a worksheet part.
    static func formulas(in xml: String) -> [String] {
        xml.components(separatedBy: "<f>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    // MARK: - No network

    /// Static check: no source file of the tool uses a networking API, but the publishers (`publish …`, issue 18),
    /// which only the publish commands reach: the report itself never touches the network.
    @Test func theSourcesUseNoNetworkAPI() throws {
        let forbidden = ["URLSession", "FoundationNetworking", "URLRequest", "socket(", "connect(", "getaddrinfo", "gethostbyname",
                         "NWConnection", "import Network", "curl_", "CFStream", "Data(contentsOf: URL(string"]
        let sources = RepositoryPaths.root + "/Sources"
        var findings: [String] = []
        var scanned = 0
        for file in GoldenFiles.files(under: sources) where file.hasSuffix(".swift") || file.hasSuffix(".h") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            scanned += 1
            if file.hasPrefix("LambdaCostKit/Publish/") || file.hasPrefix("LambdaCostCommands/Publish") { continue }
            for word in forbidden + ["HTTPClient", "ConfluenceClient"] where text.contains(word) { findings.append("\(file): \(word)") }
        }
        #expect(scanned > 50)
        #expect(findings.isEmpty, "\(findings)")
    }

    /// Whether `unshare -n` runs here (it needs the util-linux tool and the right to make a network namespace).
    static let canUnshareNetwork: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-n", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// Dynamic check: the built binary runs the sample month in a network namespace with no interface but a
    /// down loopback (`unshare -n`).
    @Test(.enabled(if: AtomicityTests.builtBinary != nil, "needs the lambda-cost-report binary built beside the tests (swift build)"),
          .enabled(if: OutputSecurityTests.canUnshareNetwork, "unshare -n is not available or not permitted here"))
    func theReportRunsWithoutANetwork() throws {
        let binary = try #require(AtomicityTests.builtBinary)
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-n", binary, "report", "--input", RepositoryPaths.sample, "--output", output,
                             "--pricing", RepositoryPaths.pricing, "--templates", RepositoryPaths.templates]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let (fixed, pages) = Self.reportFiles(GoldenFiles.files(under: output), prefix: "2026-10/")
        #expect(fixed == Self.expectedFiles)
        #expect(pages.count >= 24 && pages.allSatisfy(Self.isSafePage))
    }
}
