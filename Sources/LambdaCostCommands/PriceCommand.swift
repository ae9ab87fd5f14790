import ArgumentParser
import Foundation
import LambdaCostKit

/// `lambda-cost-report price`: one month of one workload, priced from the catalog.
public struct PriceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Price one month of one Lambda workload from the catalog.",
        discussion: """
            Duration is rounded up to whole milliseconds per invocation; GB = MB / 1024. Tiers apply to this \
            workload's monthly on-demand GB-seconds. --free-tier subtracts 1,000,000 requests and 400,000 GB-s \
            from on-demand requests and duration only. Provisioned concurrency is N × memory GB × hours × 3600 \
            GB-s; --pc-requests of the --requests run at the provisioned-duration rate, the rest on demand. \
            Amounts are rounded half away from zero to the cent for display; --json prints them exact.
            """)

    @Option(name: .long, help: ArgumentHelp("The region code, e.g. us-east-1.", valueName: "region"))
    var region: String

    @Option(name: .long, help: ArgumentHelp("x86_64 or arm64.", valueName: "arch"))
    var arch: String = "x86_64"

    @Option(name: .customLong("memory-mb"), help: ArgumentHelp("Configured memory, 128 to 10240.", valueName: "MB"))
    var memoryMB: Int

    @Option(name: .long, help: ArgumentHelp("Invocations in the month, including those served by provisioned concurrency.", valueName: "n"))
    var requests: String

    @Option(name: .customLong("duration-ms"), help: ArgumentHelp("Duration of an on-demand invocation.", valueName: "ms"))
    var durationMs: String

    @Option(name: .customLong("ephemeral-mb"), help: ArgumentHelp("Ephemeral storage, 512 to 10240 (the first 512 MB are free).", valueName: "MB"))
    var ephemeralMB: Int = 512

    @Flag(name: .customLong("free-tier"), help: "Subtract the monthly free tier from on-demand requests and duration.")
    var freeTier = false

    @Option(name: .customLong("provisioned-concurrency"), help: ArgumentHelp("Provisioned concurrency (instances kept warm).", valueName: "n"))
    var provisionedConcurrency: String = "0"

    @Option(name: .customLong("provisioned-hours"), help: ArgumentHelp("Hours in the month provisioned concurrency is on.", valueName: "h"))
    var provisionedHours: String = "0"

    @Option(name: .customLong("pc-requests"), help: ArgumentHelp("Invocations served by provisioned concurrency (part of --requests).", valueName: "n"))
    var pcRequests: String = "0"

    @Option(name: .customLong("pc-duration-ms"), help: ArgumentHelp("Duration of an invocation served by provisioned concurrency (default: --duration-ms).", valueName: "ms"))
    var pcDurationMs: String?

    @Option(name: .long, help: ArgumentHelp("The price catalog folder.", valueName: "dir"))
    var pricing: String = "data/pricing"

    @Flag(name: .long, help: "Print JSON with exact, unrounded USD amounts.")
    var json = false

    public init() {}

    /// The workload, or a usage error naming the bad option.
    func workload() throws -> WorkloadPricer.Workload {
        func number(_ text: String, _ option: String) throws -> FixedDecimal {
            guard let value = FixedDecimal(parsing: text) else { throw ValidationError("\(option) expects a number, got '\(text)'") }
            guard !value.isNegative else { throw ValidationError("\(option) cannot be negative, got \(text)") }
            return value
        }
        guard let architecture = Architecture(rawValue: arch) else {
            throw ValidationError("--arch expects x86_64 or arm64, got '\(arch)'")
        }
        let duration = try number(durationMs, "--duration-ms")
        return WorkloadPricer.Workload(
            region: region, architecture: architecture, memoryMB: memoryMB, requests: try number(requests, "--requests"),
            durationMs: duration, ephemeralMB: ephemeralMB, freeTier: freeTier,
            provisionedConcurrency: try number(provisionedConcurrency, "--provisioned-concurrency"),
            provisionedHours: try number(provisionedHours, "--provisioned-hours"),
            provisionedRequests: try number(pcRequests, "--pc-requests"),
            provisionedDurationMs: try pcDurationMs.map { try number($0, "--pc-duration-ms") } ?? duration)
    }

    public func validate() throws {
        let workload = try workload()
        do {
            try WorkloadPricer.check(workload)
        } catch {
            throw ValidationError(error.description)
        }
        if let catalog = try? CatalogLoader().run(pricing), catalog.regions[region] == nil {
            throw ValidationError("--region '\(region)' is not in the price catalog (\(pricing)/regions.csv)")
        }
    }

    public func run() throws {
        let catalog = try CatalogLoader.forCommand(pricing)
        let workload = try workload()
        let bill: WorkloadPricer.Bill
        do {
            bill = try WorkloadPricer(catalog: catalog).price(workload)
        } catch {
            StandardError.write("lambda-cost-report: error: \(error.description)")
            throw ExitCode.failure
        }
        print(json ? Self.json(bill, workload) : Self.text(bill, workload), terminator: "")
    }

    static func text(_ bill: WorkloadPricer.Bill, _ workload: WorkloadPricer.Workload) -> String {
        var lines = ["\(workload.region) \(workload.architecture.rawValue), \(workload.memoryMB) MB, \(Format.quantity(workload.requests, places: 0)) requests of \(workload.durationMs) ms"
            + (workload.freeTier ? ", free tier applied" : "")]
        let rows: [(String, FixedDecimal, String)] = [
            ("requests", bill.requests, "\(Format.quantity(bill.billedRequests, places: 0)) requests"),
            ("duration", bill.duration, "\(Format.quantity(bill.onDemandGBSeconds, places: 3)) GB-s"),
            ("ephemeral_storage", bill.ephemeralStorage, "\(Format.quantity(bill.storageGBSeconds, places: 3)) GB-s"),
            ("provisioned_concurrency", bill.provisionedConcurrency, "\(Format.quantity(bill.provisionedGBSeconds, places: 3)) GB-s"),
            ("provisioned_duration", bill.provisionedDuration, "\(Format.quantity(bill.provisionedDurationGBSeconds, places: 3)) GB-s"),
        ]
        for (name, amount, quantity) in rows {
            lines.append(pad(name, 25) + pad(Format.usd(amount), 14, left: true) + "  " + quantity)
        }
        lines.append(pad("total", 25) + pad(Format.usd(bill.total), 14, left: true))
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ bill: WorkloadPricer.Bill, _ workload: WorkloadPricer.Workload) -> String {
        func quoted(_ text: String) -> String { "\"\(text)\"" }
        let components = [
            ("requests", bill.requests), ("duration", bill.duration), ("ephemeral_storage", bill.ephemeralStorage),
            ("provisioned_concurrency", bill.provisionedConcurrency), ("provisioned_duration", bill.provisionedDuration),
        ].map { "    \(quoted($0.0)): \(quoted($0.1.description))" }.joined(separator: ",\n")
        return """
            {
              "region": \(quoted(workload.region)),
              "architecture": \(quoted(workload.architecture.rawValue)),
              "components": {
            \(components)
              },
              "total": \(quoted(bill.total.description)),
              "total_rounded": \(quoted(bill.total.formatted(places: 2)))
            }

            """
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }
}
