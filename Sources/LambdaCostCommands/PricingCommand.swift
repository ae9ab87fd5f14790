import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report pricing`: look at and refresh the price catalog.
public struct PricingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Show or refresh the price catalog.",
        subcommands: [PricingShowCommand.self, PricingImportCommand.self])

    public init() {}
}

/// `lambda-cost-report pricing show`.
public struct PricingShowCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the catalog's prices for a region.",
        discussion: "A charge the catalog has no price for is listed as missing: the report never assumes one.")

    @Option(name: .long, help: ArgumentHelp("The region code, e.g. eu-west-1.", valueName: "region"))
    var region: String

    @Option(name: .long, help: ArgumentHelp("Only this architecture: x86_64 or arm64.", valueName: "arch"))
    var arch: String?

    @Option(name: .long, help: ArgumentHelp("The price catalog folder.", valueName: "dir"))
    var pricing: String = "data/pricing"

    public init() {}

    public func validate() throws {
        if let arch, Architecture(rawValue: arch) == nil { throw ValidationError("--arch expects x86_64 or arm64, got '\(arch)'") }
    }

    public func run() throws {
        let catalog = try CatalogLoader.forCommand(pricing)
        guard let info = catalog.regions[region] else {
            throw ValidationError("--region '\(region)' is not in the price catalog (\(pricing)/regions.csv)")
        }
        print(Self.render(catalog, region: info, architectures: arch.flatMap(Architecture.init).map { [$0] } ?? Architecture.allCases), terminator: "")
    }

    static func render(_ catalog: PriceCatalog, region: RegionInfo, architectures: [Architecture]) -> String {
        var lines = [
            "\(region.region) — \(region.location) (prefix \(region.usageTypePrefix.isEmpty ? "none" : region.usageTypePrefix), \(region.currency))",
            "catalog \(catalog.version), prices as of \(catalog.pricesAsOf)",
        ]
        let charges: [UsageKind] = [.requests, .duration, .provisionedConcurrency, .provisionedDuration, .ephemeralStorage,
                                    .edgeRequests, .edgeDuration, .streamingBytes, .snapStartCache, .snapStartRestore]
        for architecture in architectures {
            lines.append("")
            lines.append(architecture.rawValue)
            for charge in charges {
                let key = PriceCatalog.Key(region: region.region, architecture: architecture, charge: charge)
                guard let tiers = catalog.tiers(key) else {
                    lines.append("  \(charge.rawValue.padding(24)) missing")
                    continue
                }
                for tier in tiers {
                    let range = tiers.count == 1 ? "" : " tier \(tier.tier) [\(tier.start), \(tier.end?.description ?? "∞"))"
                    let date = tier.asOf.isEmpty ? "undated" : tier.asOf
                    lines.append("  \(charge.rawValue.padding(24)) \(tier.price) \(tier.currency)/\(tier.unit)\(range)  (\(date); \(tier.source))")
                }
            }
            let rates = catalog.savingsPlanRates.filter { $0.key.region == region.region && $0.key.architecture == architecture }
            for rate in rates {
                lines.append("  savings plan \(rate.key.term.rawValue) \(rate.key.paymentOption.rawValue) \(rate.key.charge.rawValue): \(rate.rate?.description ?? "?") USD  (\(rate.asOf); \(rate.source))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `lambda-cost-report pricing import`.
public struct PricingImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Refresh the catalog from AWS Price List offer files.",
        discussion: """
            Reads AWSLambda offer files (CSV with its metadata rows, or JSON) and AWSComputeSavingsPlan offer \
            files (JSON). Usage types are mapped to region and architecture through the catalog's prefix \
            table; tiers are kept. Prices for the regions, architectures and charges in the files replace \
            the catalog's; all other rows stay as they are.
            """)

    @Argument(help: ArgumentHelp("Offer files: AWSLambda index.csv or index.json, AWSComputeSavingsPlan index.json.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The price catalog folder to update.", valueName: "dir"))
    var pricing: String = "data/pricing"

    public init() {}

    public func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one offer file") }
    }

    public func run() throws {
        do {
            let catalog = try CatalogLoader()(pricing)
            let imported = try PriceListImporter(regions: catalog.regionTable).read(paths: files)
            for warning in imported.warnings { StandardError.write(warning.description) }
            let written = try CatalogWriter().write(imported, into: pricing, existing: catalog)
            print("imported \(written.prices) price rows and \(written.rates) Savings Plans rates into \(pricing)")
        } catch {
            StandardError.write(FileSystemErrorText.line(error))
            throw ExitCode.failure
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
