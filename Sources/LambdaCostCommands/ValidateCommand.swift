import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report validate`: ingest and reconcile only; writes nothing.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read and reconcile a month of CUR data without writing anything.",
        discussion: """
            Checks the configuration file as report would (--config, else lambda-cost-report.toml in the \
            current folder when it exists), reads the input as report does (the same month is chosen), then \
            prints the month, the row counts and the reconciliation of the unblended cost, exactly: input = \
            Lambda + other services + rejected + other months. Problems go to stderr as \
            file:line:column: severity: message. No file is written.

            Exit codes: 0 the input reads and reconciles; 1 a file could not be read (or the catalog), the \
            input holds no row of --month, or rows were rejected or the default month was ambiguous under \
            --strict; 64 invalid command-line usage or configuration file.
            """)

    @Option(name: .long, help: ArgumentHelp(
        "A CUR or FOCUS file (.csv, .csv.gz, .csv.zip, Parquet; - for standard input, CSV only) or a folder, such as a synced AWS delivery prefix (docs/inputs.md: which files are read, skipped or refused); repeat for several. Files in a folder whose header is the metrics schema are read as metrics.",
        valueName: "path"))
    var input: [String] = ["data/sample"]

    @Option(name: .long, help: ArgumentHelp("A per-function metrics CSV file or folder (docs/metrics.md); repeat for several.", valueName: "path"))
    var metrics: [String] = []

    @Option(name: .long, help: ArgumentHelp("The price catalog folder (its region table classifies usage types).", valueName: "dir"))
    var pricing: String = "data/pricing"

    @Option(name: .long, help: ArgumentHelp("The month to check, as YYYY-MM (default: the month report would choose); one the input holds no row of is an error unless --allow-empty.", valueName: "YYYY-MM"))
    var month: String?

    @Flag(name: .customLong("allow-empty"), help: ArgumentHelp(ReportCommand.allowEmptyHelp))
    var allowEmpty = false

    @Option(name: .long, help: ArgumentHelp(
        "The configuration file to check (TOML, docs/configuration.md). Default: lambda-cost-report.toml in the current folder if it exists.",
        valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Exit with status 1 when any row was rejected, or when the default month is ambiguous (pass --month).")
    var strict = false

    public init() {}

    public func validate() throws { try ReportCommand.validate(month: month, input: input) }

    public func run() throws {
        var options = ReportPipeline.Options(
            inputs: input, metrics: metrics, pricingDirectory: pricing, month: month.flatMap(BillingMonth.init))
        options.strict = strict
        options.allowEmpty = allowEmpty
        let configuration = ReportCommand.configurationSource(config)
        options.configuration = configuration.source
        if let note = configuration.note { StandardError.write(note.description) }
        let pipeline = ReportPipeline(options: options)
        let result: IngestResult
        let files: InputFiles
        do {
            let catalog: PriceCatalog
            (files, catalog, result) = try pipeline.ingest()
            _ = try pipeline.configuration(catalog: catalog)
        } catch {
            if let configurationError = error.underlying as? ConfigurationError {
                for diagnostic in configurationError.diagnostics { StandardError.write(diagnostic.description) }
                throw ExitCode.validationFailure
            }
            StandardError.write(error.description)
            throw ExitCode.failure
        }
        var counts = RunSummary.DiagnosticCounts()
        for diagnostic in (result.monthNote.map { [$0] } ?? []) + result.diagnostics {
            counts.count(diagnostic.severity)
            StandardError.write(diagnostic.description)
        }
        for line in Self.lines(result, files: files, counts: counts) { StandardOutput.write(line) }
        if !result.totals.reconciles {
            StandardError.write("lambda-cost-report: error: the totals do not reconcile")
            throw ExitCode.failure
        }
        if strict && result.rows.rejected > 0 {
            StandardError.write("lambda-cost-report: error: \(result.rows.rejected) rows were rejected (--strict)")
            throw ExitCode.failure
        }
    }

    /// What `validate` prints on stdout.
    static func lines(_ result: IngestResult, files: InputFiles, counts: RunSummary.DiagnosticCounts) -> [String] {
        let rows = result.rows
        let totals = result.totals
        let how: String
        switch result.monthSelection {
        case .explicit: how = "given with --month"
        case .latestComplete: how = "the latest complete month"
        case .latestPresent: how = "the latest month in the input, not complete"
        }
        func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let difference = totals.input - (totals.lambda + totals.otherServices + totals.rejected + totals.outsideMonth)
        return [
            "month: \(result.month) (\(how))",
            "inputs: \(plural(files.cur.count, "CUR file")), "
                + (files.aggregate.isEmpty ? "" : "\(plural(files.aggregate.count, "aggregate file")), ")
                + plural(files.metrics.count, "metrics file")
                + (files.skipped.isEmpty ? "" : ", \(plural(files.skipped.count, "skipped file"))"),
            "rows: read \(rows.read) = Lambda \(rows.lambda) + other services \(rows.otherServices) + rejected \(rows.rejected) + other months \(rows.outsideMonth)",
            "unblended USD: input \(totals.input) = Lambda \(totals.lambda) + other services \(totals.otherServices) + rejected \(totals.rejected) + other months \(totals.outsideMonth)",
            totals.reconciles ? "reconciliation: exact" : "reconciliation: FAILED, off by \(difference)",
            "rejected rows: \(rows.rejected) (\(result.rejectedRowsWithoutCost) without a readable cost)",
            "problems: \(plural(counts.error, "error")), \(plural(counts.warning, "warning")), \(plural(counts.note, "note"))",
        ] + files.skipped.map { "skipped: \($0.path) (\($0.reason))" }
    }
}
