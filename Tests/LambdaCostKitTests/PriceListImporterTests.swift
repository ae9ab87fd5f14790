import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

@Suite struct PriceListImporterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/pricelist"
    let importer = PriceListImporter(regions: .builtIn)

    func price(_ imported: PriceListImporter.Imported, _ region: String, _ architecture: Architecture, _ charge: UsageKind) -> [String] {
        imported.prices.filter { $0.key == .init(region: region, architecture: architecture, charge: charge) }.map(\.tier.price.description)
    }

    @Test func readsTheLigojShapedCSVByUsageTypePrefixNotLocation() throws {
        // The file says "EU (Ireland)" but its usage types carry APS3- (ap-south-1): the prefix decides.
        let imported = try importer.read(paths: [Self.fixtures + "/lambda-ligoj-shape.csv"])
        #expect(price(imported, "ap-south-1", .x86_64, .duration) == ["0.0000166667"])
        #expect(price(imported, "ap-south-1", .x86_64, .requests) == ["0.0000002"])
        #expect(price(imported, "ap-south-1", .x86_64, .provisionedConcurrency) == ["0.0000044985"])
        #expect(price(imported, "ap-south-1", .x86_64, .provisionedDuration) == ["0.0000104966"])
        #expect(price(imported, "ap-south-1", .x86_64, .edgeRequests) == ["0.0000006"])
        #expect(price(imported, "ap-south-1", .x86_64, .edgeDuration) == ["0.00005001"])
        #expect(imported.prices.allSatisfy { $0.key.region == "ap-south-1" })
        #expect(imported.freeTier[.requests] == FixedDecimal(1_000_000))
        #expect(imported.freeTier[.duration] == FixedDecimal(400_000))
        #expect(imported.publicationDate == "2021-03-04")
        #expect(imported.prices.first?.tier.source == "AWS Price List AWSLambda 20210304163809")
    }

    @Test func keepsTiersAndReadsTheRegionCodeColumn() throws {
        let imported = try importer.read(paths: [Self.fixtures + "/lambda-region-code-tiers.csv"])
        #expect(price(imported, "eu-central-1", .x86_64, .duration) == ["0.0000166667", "0.000015", "0.0000133334"])
        #expect(price(imported, "eu-central-1", .arm64, .duration) == ["0.0000133334", "0.0000120001", "0.0000106667"])
        #expect(price(imported, "eu-central-1", .arm64, .provisionedConcurrency) == ["0.0000040118"])
        let armTiers = imported.prices.filter { $0.key == .init(region: "eu-central-1", architecture: .arm64, charge: .duration) }.map(\.tier)
        #expect(armTiers.map(\.start) == [FixedDecimal(0), FixedDecimal(7_500_000_000), FixedDecimal(18_750_000_000)])
        #expect(armTiers.map(\.end) == [FixedDecimal(7_500_000_000), FixedDecimal(18_750_000_000), nil])
        #expect(imported.warnings.isEmpty)
    }

    @Test func readsTheJSONOfferWithTiers() throws {
        let imported = try importer.read(paths: [Self.fixtures + "/lambda-tiers.json"])
        #expect(price(imported, "us-east-2", .x86_64, .duration) == ["0.0000166667", "0.000015", "0.0000133334"])
        #expect(price(imported, "us-east-2", .x86_64, .requests) == ["0.0000002"])
        #expect(imported.prices.allSatisfy { $0.tier.asOf == "2025-11-01" })
    }

    @Test func readsLambdaRatesFromTheSavingsPlanOffer() throws {
        let imported = try importer.read(paths: [Self.fixtures + "/savingsplan-ligoj-shape.json"])
        let rates = Dictionary(uniqueKeysWithValues: imported.savingsPlanRates.map {
            ("\($0.key.term.rawValue) \($0.key.paymentOption.rawValue) \($0.key.charge.rawValue)", $0.rate!.description)
        })
        #expect(rates["1yr all_upfront duration"] == "0.0000138")
        #expect(rates["1yr all_upfront provisioned_duration"] == "0.000009")
        #expect(rates["3yr no_upfront duration"] == "0.0000147")
        #expect(rates["3yr no_upfront provisioned_duration"] == "0.00000954")
        #expect(rates["3yr no_upfront provisioned_concurrency"] == "0.00000409")
        #expect(rates["3yr no_upfront requests"] == "0.0000002")
        #expect(imported.savingsPlanRates.allSatisfy { $0.key.region == "eu-west-1" && $0.key.architecture == .x86_64 })
        #expect(imported.savingsPlanRates.count == 6)  // EC2 and placeholder rows are not Lambda's
    }

    @Test func importRoundTripsThroughTheCatalogAndPricingShow() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.pricing) {
            try FileManager.default.copyItem(atPath: RepositoryPaths.pricing + "/" + file, toPath: folder + "/" + file)
        }
        let before = try CatalogLoader().run(folder)
        let imported = try importer.read(paths: [Self.fixtures + "/lambda-region-code-tiers.csv", Self.fixtures + "/savingsplan-ligoj-shape.json"])
        try CatalogWriter().write(imported, into: folder, existing: before)
        let after = try CatalogLoader().run(folder)
        // The imported prices are what the catalog now holds …
        #expect(after.tiers(.init(region: "eu-central-1", architecture: .arm64, charge: .provisionedConcurrency))?.map(\.price.description) == ["0.0000040118"])
        #expect(after.tiers(.init(region: "eu-central-1", architecture: .arm64, charge: .duration))?.map(\.price.description) == ["0.0000133334", "0.0000120001", "0.0000106667"])
        #expect(after.savingsPlanRates.filter { $0.key.region == "eu-west-1" }.count == 6)
        #expect(after.version == "2025-12-15.imported")
        // … and every row the offer files do not cover is untouched.
        for (key, tiers) in before.prices where key.region != "eu-central-1" || key.charge == .requests || key.charge == .ephemeralStorage
            || (key.architecture == .x86_64 && key.charge != .duration)
        {
            #expect(after.tiers(key) == tiers, "\(key)")
        }
    }

    @Test func writingAnEmptyImportReproducesTheShippedCatalog() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shipped = try CatalogLoader().run(RepositoryPaths.pricing)
        try CatalogWriter().write(PriceListImporter.Imported(), into: folder, existing: shipped)
        for file in ["lambda-prices.csv", "savings-plans.csv"] {
            #expect(FileManager.default.contents(atPath: folder + "/" + file) == FileManager.default.contents(atPath: RepositoryPaths.pricing + "/" + file), "\(file)")
        }
    }

    @Test func aFileThatIsNotAnOfferIsAClearError() {
        #expect(throws: InputError.self) { try importer.read(paths: [Self.fixtures + "/../pricelist/lambda-tiers.json.missing"]) }
        let garbage = RepositoryPaths.temporaryFolder() + "/x.json"
        FileManager.default.createFile(atPath: garbage, contents: Data("{\"terms\":{}}".utf8))
        do {
            _ = try importer.read(paths: [garbage])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("expected \"terms\" with \"OnDemand\" (AWSLambda) or \"savingsPlan\" (AWSComputeSavingsPlan)"))
        }
    }
}
