import ArgumentParser
import LambdaCostKit

/// The root command. With no subcommand it runs `report` with its defaults: the shipped sample month in
/// `data/sample`, written to `output/`.
public struct LambdaCostReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lambda-cost-report",
        abstract: "Turn a month of AWS Lambda billing data into a ranked optimization report.",
        discussion: """
            Reads AWS Cost and Usage Report files (legacy CSV, Athena or CUR 2.0 column names; plain or .gz) and \
            per-function metrics, prices the month from the catalog in data/pricing, evaluates savings \
            scenarios and writes an HTML report with CSV files and a manifest to <output>/<YYYY-MM>/.

            Exit codes: 0 success; 1 the run failed (unreadable input, bad catalog or template), or rows were \
            rejected under --strict; 64 invalid command-line usage or configuration file.
            """,
        version: ToolVersion.current,
        subcommands: [ReportCommand.self, ValidateCommand.self, GenerateCommand.self, PriceCommand.self, PricingCommand.self, PublishCommand.self],
        defaultSubcommand: ReportCommand.self)

    public init() {}
}
