import ArgumentParser
import Foundation
import LambdaCostKit

/// `lambda-cost-report report`: the monthly job.
public struct ReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read a month of CUR data and write the optimization report.",
        discussion: """
            Writes <output>/<YYYY-MM>/ with index.html, functions.csv, rejects.csv and manifest.json (more \
            files when the templates folder has more templates), through a temporary folder renamed into \
            place: a failed run leaves the previous report untouched. Diagnostics go to stderr as \
            file:line:column: severity: message; the one-line summary goes to stdout. When stderr is a \
            terminal, the input files are shown as they are read.

            Settings come from --config, else from lambda-cost-report.toml in the current folder when there \
            is one, else the built-in defaults (docs/configuration.md).

            Exit codes: 0 success; 1 the run failed (unreadable input, bad catalog or template, a --month the \
            input does not hold), or rows were rejected or the default month was ambiguous under --strict; 64 \
            invalid command-line usage or configuration file.
            """)

    @Option(name: .long, help: ArgumentHelp(
        "A CUR or FOCUS file (.csv, .csv.gz, .csv.zip, Parquet; - for standard input, CSV only) or a folder, such as a synced AWS delivery prefix (docs/inputs.md: which files are read, skipped or refused); repeat for several. Files in a folder whose header is the metrics schema are read as metrics.",
        valueName: "path"))
    var input: [String] = ["data/sample"]

    @Option(name: .long, help: ArgumentHelp("A per-function metrics CSV file or folder (docs/metrics.md); repeat for several.", valueName: "path"))
    var metrics: [String] = []

    @Option(name: .customLong("power-tuning"), help: ArgumentHelp(
        "An AWS Lambda Power Tuning result (.json, with stats) or a folder of them; the function comes from \"lambdaARN\" or the file name. Repeatable.",
        valueName: "path"))
    var powerTuning: [String] = []

    @Option(name: .customLong("compute-optimizer"), help: ArgumentHelp("A Compute Optimizer Lambda recommendations export (.csv) or a folder of them. Repeatable.", valueName: "path"))
    var computeOptimizer: [String] = []

    @Option(name: .long, help: ArgumentHelp("The price catalog folder.", valueName: "dir"))
    var pricing: String = "data/pricing"

    @Option(name: .long, help: ArgumentHelp(
        "The month to report, as YYYY-MM (default: the latest complete month in the input, the latest whose data reaches its last day and that holds at least 1 % of the largest month's money on 7 days or more; a note names the later months passed over). A month the input holds no row of is an error unless --allow-empty.",
        valueName: "YYYY-MM"))
    var month: String?

    @Flag(name: .customLong("allow-empty"), help: ArgumentHelp(Self.allowEmptyHelp))
    var allowEmpty = false

    /// The help of `--allow-empty`, shared with `validate`.
    static let allowEmptyHelp = "Accept a --month the input holds no row of (an empty month) instead of failing."

    @Option(name: .long, help: ArgumentHelp(
        "The configuration file (TOML, docs/configuration.md). Default: lambda-cost-report.toml in the current folder if it exists, else the built-in defaults.",
        valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "An earlier report's folder (for example output/2026-09) to compare the month with, per function, team and scenario, and whose opportunities to follow up (acted on, open or gone, and the savings realized). Default: the month before's folder in the output folder when it holds a report; the comparison uses the input's month before when the input holds it.",
        valueName: "dir"))
    var previous: String?

    @Option(name: .customLong("generated-at"), help: ArgumentHelp(
        "A timestamp to show in the page footers and manifest.json (for example $(date -u +%FT%TZ)). Default: none, so the same input gives byte-identical files.",
        valueName: "text"))
    var generatedAt: String?

    @Option(name: .long, help: ArgumentHelp("Where to write <YYYY-MM>/ with the report.", valueName: "dir"))
    var output: String = "output"

    @Option(name: .long, help: ArgumentHelp("The report templates folder.", valueName: "dir"))
    var templates: String = "templates"

    @Flag(name: .long, help: "Exit with status 1 when any row was rejected (the report is still written), or when the default month is ambiguous (no report is written; pass --month).")
    var strict = false

    @Flag(name: .long, help: "Print no summary line and no notes or warnings (errors are still printed).")
    var quiet = false

    @Option(name: .customLong("summary-json"), help: ArgumentHelp(
        "Also write a machine-readable summary of the run to this file (JSON with sorted keys, replaced atomically; written when the run fails too).",
        valueName: "file"))
    var summaryJSON: String?

    public init() {}

    public func validate() throws { try Self.validate(month: month, input: input) }

    /// The checks `report` and `validate` share: `--month` is YYYY-MM and there is an input.
    static func validate(month: String?, input: [String]) throws {
        if let month, BillingMonth(month) == nil {
            throw ValidationError("--month expects YYYY-MM (for example 2026-10), got '\(month)'")
        }
        if input.isEmpty { throw ValidationError("--input needs at least one file or folder") }
    }

    public func run() throws {
        var options = ReportPipeline.Options(
            inputs: input, metrics: metrics, pricingDirectory: pricing, month: month.flatMap(BillingMonth.init),
            outputDirectory: output, templatesDirectory: templates)
        options.powerTuning = powerTuning
        options.computeOptimizer = computeOptimizer
        options.previousReport = previous
        options.generatedAt = generatedAt
        options.strict = strict
        options.allowEmpty = allowEmpty
        var console = RunConsole(quiet: quiet)
        let configuration = Self.configurationSource(config)
        options.configuration = configuration.source
        if let note = configuration.note { console.report(note) }
        if !quiet && StandardError.isTerminal { options.progress = RunConsole.showProgress }
        let pipeline = ReportPipeline(options: options)
        if OutputCapture.current == nil {  // a real process, not a test running the command in-process
            let summaryPath = summaryJSON
            StopSignals.install { status, message in
                guard let summaryPath else { return }
                try? RunSummary(exitStatus: status, error: message, diagnostics: RunSummary.DiagnosticCounts()).write(to: summaryPath)
            }
        }
        let outcome: ReportPipeline.Outcome
        do {
            outcome = try pipeline.run()
        } catch {
            StopSignals.holdIfStopping()
            if let configurationError = error.underlying as? ConfigurationError {
                for diagnostic in configurationError.diagnostics { console.report(diagnostic) }
                try finish(RunSummary(exitStatus: ExitCode.validationFailure.rawValue,
                    error: configurationError.description, diagnostics: console.counts))
            } else {
                console.error(error.description)
                try finish(RunSummary(exitStatus: ExitCode.failure.rawValue, error: error.description, diagnostics: console.counts))
            }
            return
        }
        for diagnostic in outcome.diagnostics { console.report(diagnostic) }
        if !quiet { StandardOutput.write(outcome.summaryLine) }
        var status = ExitCode.success.rawValue
        var failure: String?
        if strict && outcome.report.ingest.rows.rejected > 0 {
            let message = "\(outcome.report.ingest.rows.rejected) rows were rejected (--strict)"
            console.error("lambda-cost-report: error: \(message)")
            status = ExitCode.failure.rawValue
            failure = message
        }
        try finish(RunSummary(outcome: outcome, exitStatus: status, error: failure, diagnostics: console.counts))
    }

    /// `--config FILE`; without it `lambda-cost-report.toml` in `folder` (the current one) when it exists, with a
    /// note saying so; else the built-in defaults.
    static func configurationSource(_ config: String?, folder: String? = nil)
        -> (source: ReportPipeline.ConfigurationSource, note: Diagnostic?)
    {
        if let config { return (.file(config), nil) }
        let path = folder.map { "\($0)/\(ReportConfiguration.defaultFileName)" } ?? ReportConfiguration.defaultFileName
        guard FileManager.default.fileExists(atPath: path) else { return (.defaults, nil) }
        return (.file(path), Diagnostic(.note, at: nil, "using the configuration file \(path) (no --config given)"))
    }

    /// Writes `--summary-json` (when asked for) and exits with the summary's status.
    private func finish(_ summary: RunSummary) throws {
        StopSignals.holdIfStopping()
        if let summaryJSON {
            do {
                try summary.write(to: summaryJSON)
            } catch {
                StandardError.write(FileSystemErrorText.line(error))
                throw ExitCode.failure
            }
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

/// Prints a run's diagnostics on stderr (notes and warnings hidden by `--quiet`, errors always) and counts them.
struct RunConsole {
    var quiet: Bool
    private(set) var counts = RunSummary.DiagnosticCounts()

    init(quiet: Bool) { self.quiet = quiet }

    mutating func report(_ diagnostic: Diagnostic) {
        counts.count(diagnostic.severity)
        if !quiet || diagnostic.severity == .error { StandardError.write(diagnostic.description) }
    }

    /// An error line already formatted (`lambda-cost-report: error: …` or `file:line:column: error: …`).
    mutating func error(_ line: String) {
        counts.count(.error)
        StandardError.write(line)
    }

    /// `reading data/sample/cur-2026-10.csv.gz (1/2), 3.4 MB…`, for a person watching a terminal.
    static let showProgress: @Sendable (String, Int, Int) -> Void = { path, number, count in
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let size = bytes.map { bytes -> String in
            let tenths = (bytes + 50_000) / 100_000
            return ", \(tenths / 10).\(tenths % 10) MB"
        } ?? ""
        StandardError.write("reading \(path) (\(number)/\(count))\(size)…")
    }
}
