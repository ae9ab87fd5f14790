import Foundation

/// Reads a catalog folder (`data/pricing/`): `catalog.json`, `regions.csv`, `lambda-prices.csv`, `free-tier.csv`,
/// the Savings Plans files, and the prices of the alternatives to waiting (`alternatives-prices.csv`,
/// `instance-prices.csv`; a catalog without them prices none).
/// Any malformed line is an error naming the file, line and column.
public struct CatalogLoader: PipelineStage {
    public let name = "pricing"

    public init() {}

    public func run(_ directory: String) throws -> PriceCatalog {
        let info = try readInfo(directory + "/catalog.json")
        var regions: [String: RegionInfo] = [:]
        try readCSV(directory + "/regions.csv", columns: ["region", "usage_type_prefix", "location", "geography", "currency", "move_group"]) { row in
            let region = try row.text("region", nonEmpty: true)
            regions[region] = RegionInfo(
                region: region, usageTypePrefix: try row.text("usage_type_prefix"), location: try row.text("location"),
                geography: try row.text("geography", nonEmpty: true), moveGroup: try row.text("move_group", nonEmpty: true),
                currency: try row.text("currency", nonEmpty: true))
        }
        var prices: [PriceCatalog.Key: [PriceTier]] = [:]
        try readCSV(directory + "/lambda-prices.csv",
            columns: ["region", "architecture", "charge", "tier", "tier_start", "tier_end", "unit", "price", "currency", "as_of", "source"]
        ) { row in
            let region = try row.region(in: regions)
            let architecture = try row.choice("architecture", Architecture.self)
            let charge = try row.choice("charge", UsageKind.self)
            prices[PriceCatalog.Key(region: region, architecture: architecture, charge: charge), default: []].append(try row.priceTier())
        }
        for (key, tiers) in prices {
            prices[key] = try Self.checkedTiers(tiers, path: directory + "/lambda-prices.csv",
                                                of: "\(key.charge.rawValue) in \(key.region) \(key.architecture.rawValue)")
        }
        // The alternatives to a function that waits (catalogs made before them have neither file: nothing is priced).
        var alternativePrices: [String: [AlternativeCharge: [PriceTier]]] = [:]
        let alternativesPath = directory + "/alternatives-prices.csv"
        try readCSV(alternativesPath, ifPresent: true,
            columns: ["region", "charge", "tier", "tier_start", "tier_end", "unit", "price", "currency", "as_of", "source"]
        ) { row in
            let region = try row.region(in: regions)
            alternativePrices[region, default: [:]][try row.choice("charge", AlternativeCharge.self), default: []].append(try row.priceTier())
        }
        for (region, charges) in alternativePrices {
            for (charge, tiers) in charges {
                alternativePrices[region]?[charge] = try Self.checkedTiers(tiers, path: alternativesPath, of: "\(charge.rawValue) in \(region)")
            }
        }
        var instancePrices: [InstancePrice] = []
        try readCSV(directory + "/instance-prices.csv", ifPresent: true,
            columns: ["region", "instance_type", "architecture", "vcpus", "memory_gib", "purchase", "price_per_hour", "currency", "as_of", "source"]
        ) { row in
            let region = try row.region(in: regions)
            let vcpusText = try row.text("vcpus", nonEmpty: true)
            guard let vcpus = Int(vcpusText), vcpus >= 1 else { throw row.error("vcpus", "expected a whole number of vCPUs from 1, found \"\(vcpusText)\"") }
            let price = InstancePrice(
                region: region, instanceType: try row.text("instance_type", nonEmpty: true),
                architecture: try row.choice("architecture", Architecture.self), vcpus: vcpus, memoryGiB: try row.decimal("memory_gib"),
                purchase: try row.choice("purchase", InstancePrice.Purchase.self), pricePerHour: try row.decimal("price_per_hour"),
                asOf: try row.text("as_of"), source: try row.text("source"))
            guard price.pricePerHour > .zero else { throw row.error("price_per_hour", "expected a price above 0 in 'price_per_hour'") }
            instancePrices.append(price)
        }
        var freeTier: [UsageKind: FixedDecimal] = [:]
        try readCSV(directory + "/free-tier.csv", columns: ["charge", "quantity", "unit"]) { row in
            freeTier[try row.choice("charge", UsageKind.self)] = try row.decimal("quantity")
        }
        var rates: [SavingsPlanRate] = []
        try readCSV(directory + "/savings-plans.csv",
            columns: ["region", "architecture", "charge", "term", "payment_option", "rate", "as_of", "source"]
        ) { row in
            let key = SavingsPlanRate.Key(
                region: try row.text("region", nonEmpty: true), architecture: try row.choice("architecture", Architecture.self),
                charge: try row.choice("charge", UsageKind.self), term: try row.choice("term", SavingsPlanRate.Term.self),
                paymentOption: try row.choice("payment_option", SavingsPlanRate.PaymentOption.self))
            rates.append(SavingsPlanRate(key: key, rate: try row.decimal("rate"), discountPercent: nil, confidence: "exact",
                asOf: try row.text("as_of"), source: try row.text("source")))
        }
        var discounts: [SavingsPlanRate] = []
        try readCSV(directory + "/savings-plans-discounts.csv",
            columns: ["charge", "term", "payment_option", "discount_percent", "confidence", "as_of", "source"]
        ) { row in
            let key = SavingsPlanRate.Key(
                region: "", architecture: nil, charge: try row.choice("charge", UsageKind.self),
                term: try row.choice("term", SavingsPlanRate.Term.self),
                paymentOption: try row.choice("payment_option", SavingsPlanRate.PaymentOption.self))
            discounts.append(SavingsPlanRate(key: key, rate: nil, discountPercent: try row.decimal("discount_percent"),
                confidence: try row.text("confidence", nonEmpty: true), asOf: try row.text("as_of"), source: try row.text("source")))
        }
        return PriceCatalog(version: info.version, pricesAsOf: info.asOf, regions: regions, prices: prices, freeTier: freeTier,
            savingsPlanRates: rates.sorted { $0.key < $1.key }, savingsPlanDiscounts: discounts.sorted { $0.key < $1.key },
            alternativePrices: alternativePrices, instancePrices: instancePrices)
    }

    /// A charge's tiers in order, checked to run from 0 to no end without gaps.
    static func checkedTiers(_ tiers: [PriceTier], path: String, of what: String) throws -> [PriceTier] {
        let sorted = tiers.sorted { $0.tier < $1.tier }
        var expectedStart = FixedDecimal.zero
        for (position, tier) in sorted.enumerated() {
            let last = position == sorted.count - 1
            guard tier.start == expectedStart, (tier.end == nil) == last, tier.end.map({ $0 > tier.start }) ?? true else {
                throw InputError(path: path, message: "the tiers of \(what) must run from 0 to no end without gaps")
            }
            expectedStart = tier.end ?? expectedStart
        }
        return sorted
    }

    private func readInfo(_ path: String) throws -> (version: String, asOf: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read the catalog description")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let version = object["catalog_version"] as? String, let asOf = object["prices_as_of"] as? String
        else {
            throw InputError(path: path, message: "expected a JSON object with \"catalog_version\" and \"prices_as_of\" strings")
        }
        return (version, asOf)
    }

    /// One data row of a catalog CSV, with typed accessors that throw located errors.
    struct Row {
        let reader: CSVReader
        let columns: [String: Int]

        func error(_ column: String, _ message: String) -> IngestError {
            let index = columns[column]!
            return IngestError(
                location: SourceLocation(file: reader.path, line: reader.line(ofField: index), column: reader.column(ofField: index)),
                message: message)
        }

        func text(_ column: String, nonEmpty: Bool = false) throws -> String {
            guard let value = reader.string(columns[column]!) else { throw error(column, "expected UTF-8 text in '\(column)'") }
            if nonEmpty && value.isEmpty { throw error(column, "expected a value in '\(column)'") }
            return value
        }

        /// The row's `region`, one of `regions.csv`.
        func region(in regions: [String: RegionInfo]) throws -> String {
            let region = try text("region", nonEmpty: true)
            guard regions[region] != nil else { throw error("region", "region '\(region)' is not in regions.csv") }
            return region
        }

        /// A tiered price: `tier`, `tier_start`, `tier_end` (empty: no end), `unit`, `price`, `currency`, `as_of`, `source`.
        func priceTier() throws -> PriceTier {
            let tierText = try text("tier", nonEmpty: true)
            guard let tier = Int(tierText), tier >= 1 else { throw error("tier", "expected a tier number from 1, found \"\(tierText)\"") }
            let endText = try text("tier_end")
            return PriceTier(
                tier: tier, start: try decimal("tier_start"), end: endText.isEmpty ? nil : try decimal("tier_end"),
                unit: try text("unit", nonEmpty: true), price: try decimal("price"),
                currency: try text("currency", nonEmpty: true), asOf: try text("as_of"), source: try text("source"))
        }

        func decimal(_ column: String) throws -> FixedDecimal {
            let value = try text(column, nonEmpty: true)
            guard let parsed = FixedDecimal(parsing: value) else { throw error(column, "expected a decimal number in '\(column)', found \"\(value)\"") }
            return parsed
        }

        func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            let value = try text(column, nonEmpty: true)
            guard let parsed = T(rawValue: value) else {
                let valid = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(column, "expected one of \(valid) in '\(column)', found \"\(value)\"")
            }
            return parsed
        }
    }

    /// Reads a catalog CSV row by row; with `ifPresent`, a file that does not exist is read as no rows (a file a
    /// catalog made before it has not).
    private func readCSV(_ path: String, ifPresent: Bool = false, columns required: [String], row body: (Row) throws -> Void) throws {
        if ifPresent && !FileManager.default.fileExists(atPath: path) { return }
        let reader = CSVReader(source: try ByteSource(path: path))
        guard try reader.nextRecord() else { throw InputError(path: path, message: "the file is empty: expected a header row") }
        var columns: [String: Int] = [:]
        for index in 0..<reader.fieldCount { columns[reader.lossyString(index)] = index }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw IngestError(location: SourceLocation(file: path, line: 1, column: 1),
                message: "missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let width = reader.fieldCount
        while try reader.nextRecord() {
            if let malformation = reader.malformation {
                let (line, column) = reader.position(ofRecordOffset: malformation.offset)
                throw IngestError(location: SourceLocation(file: path, line: line, column: column), message: malformation.reason)
            }
            guard reader.fieldCount == width else {
                throw IngestError(location: SourceLocation(file: path, line: reader.line, column: 1),
                    message: "expected \(width) fields as in the header, found \(reader.fieldCount)")
            }
            try body(Row(reader: reader, columns: columns))
        }
    }
}
