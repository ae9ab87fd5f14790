import Foundation

/// Writes imported offer-file prices into a catalog folder: rows for the (region, architecture, charge)
/// the offer files cover replace the old ones, every other row stays; files are sorted so they diff well.
public struct CatalogWriter: Sendable {
    public init() {}

    /// Merges and writes; returns the number of price rows and Savings Plans rates written from the import.
    @discardableResult
    public func write(_ imported: PriceListImporter.Imported, into directory: String, existing catalog: PriceCatalog) throws -> (prices: Int, rates: Int) {
        let replacedKeys = Set(imported.prices.map(\.key))
        var rows: [PriceListImporter.PriceRow] = imported.prices
        for (key, tiers) in catalog.prices where !replacedKeys.contains(key) {
            rows += tiers.map { PriceListImporter.PriceRow(key: key, tier: $0) }
        }
        rows.sort { ($0.key.region, $0.key.architecture.rawValue, $0.key.charge.rawValue, $0.tier.tier)
            < ($1.key.region, $1.key.architecture.rawValue, $1.key.charge.rawValue, $1.tier.tier) }
        var prices = "region,architecture,charge,tier,tier_start,tier_end,unit,price,currency,as_of,source\n"
        for row in rows {
            let tier = row.tier
            prices += CSVField.line([
                row.key.region, row.key.architecture.rawValue, row.key.charge.rawValue, String(tier.tier), tier.start.description,
                tier.end?.description ?? "", tier.unit, tier.price.description, tier.currency, tier.asOf, tier.source,
            ])
        }
        try save(prices, to: directory + "/lambda-prices.csv")

        let replacedRates = Set(imported.savingsPlanRates.map(\.key))
        let rates = (imported.savingsPlanRates + catalog.savingsPlanRates.filter { !replacedRates.contains($0.key) }).sorted {
            ($0.key.region, $0.key.architecture?.rawValue ?? "", $0.key.charge.rawValue, $0.key.term.rawValue, $0.key.paymentOption.rawValue)
                < ($1.key.region, $1.key.architecture?.rawValue ?? "", $1.key.charge.rawValue, $1.key.term.rawValue, $1.key.paymentOption.rawValue)
        }
        var ratesText = "region,architecture,charge,term,payment_option,rate,currency,as_of,source\n"
        for rate in rates {
            ratesText += CSVField.line([
                rate.key.region, rate.key.architecture?.rawValue ?? "", rate.key.charge.rawValue, rate.key.term.rawValue,
                rate.key.paymentOption.rawValue, rate.rate?.description ?? "", "USD", rate.asOf, rate.source,
            ])
        }
        try save(ratesText, to: directory + "/savings-plans.csv")

        if !imported.freeTier.isEmpty {
            var freeTier = "charge,quantity,unit,scope,applies_to,as_of,source\n"
            for charge in [UsageKind.requests, .duration] {
                guard let quantity = imported.freeTier[charge] ?? catalog.freeTier[charge] else { continue }
                freeTier += CSVField.line([
                    charge.rawValue, quantity.description, PriceListImporter.catalogUnit(for: charge), "payer-month",
                    "on-demand x86_64 and arm64", imported.publicationDate, "AWS Price List AWSLambda free-tier SKUs",
                ])
            }
            try save(freeTier, to: directory + "/free-tier.csv")
        }

        let version = imported.publicationDate.isEmpty ? catalog.version : "\(imported.publicationDate).imported"
        let asOf = imported.publicationDate.isEmpty ? catalog.pricesAsOf : imported.publicationDate
        let info = """
            {
              "catalog_version": "\(version)",
              "prices_as_of": "\(asOf)",
              "reference": "AWS Price List offer files",
              "notes": "Written by lambda-cost-report pricing import: rows for the regions, architectures and charges in the offer files were replaced; other rows keep their own source and as_of. Absent rows mean unknown prices."
            }

            """
        try save(info, to: directory + "/catalog.json")
        return (imported.prices.count, imported.savingsPlanRates.count)
    }

    private func save(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(path: path, message: "cannot write the catalog file: \(error.localizedDescription)")
        }
    }
}
