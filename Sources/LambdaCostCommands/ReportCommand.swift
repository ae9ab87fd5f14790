import ArgumentParser
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
            file:line:column: severity: message; the one-line summary goes to stdout.
            """)

    @Option(name: .long, help: ArgumentHelp(
        "A CUR file (.csv or .csv.gz) or a folder searched for them; repeat for several. Files in a folder whose header is the metrics schema are read as metrics.",
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

    @Option(name: .long, help: ArgumentHelp("The month to report, as YYYY-MM (default: the latest month in the input).", valueName: "YYYY-MM"))
    var month: String?

    @Option(name: .long, help: ArgumentHelp("Where to write <YYYY-MM>/ with the report.", valueName: "dir"))
    var output: String = "output"

    @Option(name: .long, help: ArgumentHelp("The report templates folder.", valueName: "dir"))
    var templates: String = "templates"

    @Flag(name: .long, help: "Exit with status 1 when any row was rejected (the report is still written).")
    var strict = false

    public init() {}

    public func validate() throws {
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
        let pipeline = ReportPipeline(options: options)
        let outcome: ReportPipeline.Outcome
        do {
            outcome = try pipeline.run()
        } catch {
            StandardError.write(error.description)
            throw ExitCode.failure
        }
        for diagnostic in outcome.diagnostics { StandardError.write(diagnostic.description) }
        print(outcome.summaryLine)
        if strict && outcome.report.ingest.rows.rejected > 0 {
            StandardError.write("lambda-cost-report: error: \(outcome.report.ingest.rows.rejected) rows were rejected (--strict)")
            throw ExitCode.failure
        }
    }
}
