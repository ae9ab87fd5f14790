import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report generate`: a seeded synthetic month of CUR data and its metrics.
public struct GenerateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded synthetic month of CUR data (and its per-function metrics).",
        discussion: """
            The same options always give byte-identical files: data/sample/ was made this way, and large \
            benchmark inputs come from the same code. The month has two accounts under one payer, three \
            regions, both architectures, free-tier rows, provisioned concurrency, a Compute Savings Plan with \
            covered usage, negations and hourly fees, a credit, tax and other services. A FILE ending in .gz \
            is gzip-compressed. With --granularity daily each day's hourly line items of one resource, usage \
            type, line item type and rate are summed into one (usage from 00:00Z to 00:00Z of the next day), as \
            AWS writes a CUR of daily granularity: the same month and totals in a fraction of the rows.
            """)

    @Option(name: .long, help: ArgumentHelp("Number of Lambda functions (the first six cover fixed scenarios).", valueName: "n"))
    var functions: Int

    @Option(name: .long, help: ArgumentHelp("Days of usage from the 1st of the month.", valueName: "d"))
    var days: Int

    @Option(name: .long, help: ArgumentHelp("Seed of the random generator.", valueName: "s"))
    var seed: UInt64

    @Option(name: .long, help: ArgumentHelp("The CUR file to write (.csv or .csv.gz).", valueName: "file"))
    var output: String

    @Option(name: .customLong("metrics-output"), help: ArgumentHelp("Also write the per-function metrics CSV here.", valueName: "file"))
    var metricsOutput: String?

    @Option(name: .long, help: ArgumentHelp("The billing month, as YYYY-MM.", valueName: "YYYY-MM"))
    var month: String = "2026-10"

    @Option(name: .long, help: ArgumentHelp("Column names: legacy (lineItem/UsageType), athena (line_item_usage_type) or cur2.", valueName: "spelling"))
    var spelling: String = "legacy"

    @Option(name: .customLong("other-services-percent"), help: ArgumentHelp("Share of non-Lambda rows, 0 to 95.", valueName: "p"))
    var otherServicesPercent: Int = 25

    @Option(name: .long, help: ArgumentHelp("Line items per hour or per day: hourly or daily.", valueName: "granularity"))
    var granularity: String = "hourly"

    public init() {}

    func configuration() throws -> SampleGenerator.Configuration {
        guard let billingMonth = BillingMonth(month) else { throw ValidationError("--month expects YYYY-MM, got '\(month)'") }
        guard let curSpelling = CURSpelling(rawValue: spelling) else {
            throw ValidationError("--spelling expects legacy, athena or cur2, got '\(spelling)'")
        }
        guard let timeGranularity = SampleGranularity(rawValue: granularity) else {
            throw ValidationError("--granularity expects hourly or daily, got '\(granularity)'")
        }
        let configuration = SampleGenerator.Configuration(
            functions: functions, days: days, seed: seed, month: billingMonth, spelling: curSpelling,
            otherServicesRowPercent: otherServicesPercent, granularity: timeGranularity)
        do {
            try configuration.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        return configuration
    }

    public func validate() throws { _ = try configuration() }

    public func run() throws {
        do {
            let statistics = try SampleGenerator.write(configuration: try configuration(), curTo: output, metricsTo: metricsOutput)
            print("wrote \(output): \(statistics.rows) rows (\(statistics.lambdaRows) Lambda, \(statistics.otherRows) other services), unblended \(Format.usd(statistics.totalUnblendedCost))")
        } catch let error as ValidationError {
            throw error
        } catch {
            StandardError.write(FileSystemErrorText.line(error))
            throw ExitCode.failure
        }
    }
}
