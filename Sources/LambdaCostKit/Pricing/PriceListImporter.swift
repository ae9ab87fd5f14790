import Foundation

/// Reads AWS Price List offer files — AWSLambda as CSV or JSON, AWSComputeSavingsPlan as JSON — and turns
/// them into catalog rows. Columns and keys are read by name; usage types are mapped to region and
/// architecture through the region prefix table (the offer's location text is not trusted); tiers are kept.
public struct PriceListImporter: Sendable {
    /// A catalog price row (`lambda-prices.csv`).
    public struct PriceRow: Hashable, Sendable, Comparable {
        public var key: PriceCatalog.Key
        public var tier: PriceTier

        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.key, lhs.tier.tier) < (rhs.key, rhs.tier.tier) }
    }

    /// What the offer files held.
    public struct Imported: Sendable {
        public var prices: [PriceRow] = []
        public var savingsPlanRates: [SavingsPlanRate] = []
        public var freeTier: [UsageKind: FixedDecimal] = [:]
        /// The newest publication date seen (`YYYY-MM-DD`).
        public var publicationDate = ""
        public var warnings: [Diagnostic] = []
    }

    public let regions: RegionTable

    public init(regions: RegionTable) { self.regions = regions }

    /// Reads each file by its kind (CSV, or JSON with `terms.OnDemand` or `terms.savingsPlan`).
    public func read(paths: [String]) throws -> Imported {
        var imported = Imported()
        for path in paths {
            if path.hasSuffix(".json") {
                guard let data = FileManager.default.contents(atPath: path),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { throw InputError(path: path, message: "expected a Price List offer file in JSON") }
                let terms = object["terms"] as? [String: Any] ?? [:]
                if terms["savingsPlan"] != nil {
                    try readSavingsPlanJSON(object, path: path, into: &imported)
                } else if terms["OnDemand"] != nil {
                    try readLambdaJSON(object, path: path, into: &imported)
                } else {
                    throw InputError(path: path, message: "expected \"terms\" with \"OnDemand\" (AWSLambda) or \"savingsPlan\" (AWSComputeSavingsPlan)")
                }
            } else {
                try readLambdaCSV(path: path, into: &imported)
            }
        }
        imported.prices.sort()
        imported.savingsPlanRates.sort { $0.key < $1.key }
        return imported
    }

    // MARK: - AWSLambda CSV

    private func readLambdaCSV(path: String, into imported: inout Imported) throws {
        let reader = CSVReader(source: try ByteSource(path: path))
        var metadata: [String: String] = [:]
        var columns: [String: Int] = [:]
        while try reader.nextRecord() {
            let first = reader.lossyString(0)
            if first == "SKU" {
                for index in 0..<reader.fieldCount { columns[reader.lossyString(index)] = index }
                break
            }
            if reader.fieldCount >= 2 { metadata[first] = reader.lossyString(1) }
        }
        let required = ["TermType", "OfferTermCode", "StartingRange", "EndingRange", "Unit", "PricePerUnit", "Currency", "usageType", "EffectiveDate"]
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw InputError(path: path, message: "expected an AWSLambda offer CSV with a header row starting \"SKU\"; missing \(missing.joined(separator: ", "))")
        }
        let version = metadata["Version"] ?? "unknown version"
        let published = String((metadata["Publication Date"] ?? "").prefix(10))
        if published > imported.publicationDate { imported.publicationDate = published }
        var entries: [Entry] = []
        while try reader.nextRecord() {
            guard reader.fieldCount == columns.count else {
                throw IngestError(location: SourceLocation(file: path, line: reader.line, column: 1),
                    message: "expected \(columns.count) fields as in the header, found \(reader.fieldCount)")
            }
            func value(_ name: String) -> String { reader.lossyString(columns[name]!) }
            entries.append(Entry(
                location: SourceLocation(file: path, line: reader.line, column: 1), termType: value("TermType"),
                offerTermCode: value("OfferTermCode"), usageType: value("usageType"),
                regionCode: columns["Region Code"].map { reader.lossyString($0) } ?? "",
                start: value("StartingRange"), end: value("EndingRange"), unit: value("Unit"), price: value("PricePerUnit"),
                currency: value("Currency"), effectiveDate: value("EffectiveDate")))
        }
        try add(entries, source: "AWS Price List AWSLambda \(version)", into: &imported)
    }

    // MARK: - AWSLambda JSON

    private func readLambdaJSON(_ object: [String: Any], path: String, into imported: inout Imported) throws {
        let products = object["products"] as? [String: Any] ?? [:]
        let onDemand = (object["terms"] as? [String: Any])?["OnDemand"] as? [String: Any] ?? [:]
        let version = object["version"] as? String ?? "unknown version"
        let published = String((object["publicationDate"] as? String ?? "").prefix(10))
        if published > imported.publicationDate { imported.publicationDate = published }
        var entries: [Entry] = []
        for sku in onDemand.keys.sorted() {
            let attributes = ((products[sku] as? [String: Any])?["attributes"] as? [String: Any]) ?? [:]
            guard let usageType = attributes["usagetype"] as? String else {
                throw InputError(path: path, message: "product \(sku) has no attributes.usagetype")
            }
            let offers = onDemand[sku] as? [String: Any] ?? [:]
            for offerKey in offers.keys.sorted() {
                let offer = offers[offerKey] as? [String: Any] ?? [:]
                let dimensions = offer["priceDimensions"] as? [String: Any] ?? [:]
                for dimensionKey in dimensions.keys.sorted() {
                    let dimension = dimensions[dimensionKey] as? [String: Any] ?? [:]
                    let prices = dimension["pricePerUnit"] as? [String: Any] ?? [:]
                    guard let (currency, price) = prices.sorted(by: { $0.key < $1.key }).first.map({ ($0.key, $0.value as? String ?? "") }) else { continue }
                    entries.append(Entry(
                        location: SourceLocation(file: path, line: 1, column: 1), termType: "OnDemand",
                        offerTermCode: offer["offerTermCode"] as? String ?? String(offerKey.split(separator: ".").last ?? ""),
                        usageType: usageType, regionCode: attributes["regionCode"] as? String ?? "",
                        start: dimension["beginRange"] as? String ?? "0", end: dimension["endRange"] as? String ?? "Inf",
                        unit: dimension["unit"] as? String ?? "", price: price, currency: currency,
                        effectiveDate: String((offer["effectiveDate"] as? String ?? "").prefix(10))))
                }
            }
        }
        try add(entries, source: "AWS Price List AWSLambda \(version)", into: &imported)
    }

    // MARK: - AWSComputeSavingsPlan JSON

    private func readSavingsPlanJSON(_ object: [String: Any], path: String, into imported: inout Imported) throws {
        let version = object["version"] as? String ?? "unknown version"
        let published = String((object["publicationDate"] as? String ?? "").prefix(10))
        if published > imported.publicationDate { imported.publicationDate = published }
        var plans: [String: (SavingsPlanRate.Term, SavingsPlanRate.PaymentOption)] = [:]
        for product in object["products"] as? [[String: Any]] ?? [] {
            guard let sku = product["sku"] as? String, let usageType = product["usageType"] as? String,
                usageType.hasPrefix("ComputeSP:"), let plan = Self.plan(fromUsageType: usageType)
            else { continue }
            plans[sku] = plan
        }
        let terms = (object["terms"] as? [String: Any])?["savingsPlan"] as? [[String: Any]] ?? []
        for term in terms {
            guard let sku = term["sku"] as? String, let (length, payment) = plans[sku] else { continue }
            for rate in term["rates"] as? [[String: Any]] ?? [] {
                guard rate["discountedServiceCode"] as? String == "AWSLambda",
                    let usageType = rate["discountedUsageType"] as? String,
                    let priceText = (rate["discountedRate"] as? [String: Any])?["price"] as? String
                else { continue }
                let classification = regions.classify(usageType)
                guard let region = classification.region, classification.kind != .unclassified else {
                    imported.warnings.append(Diagnostic(.warning, at: SourceLocation(file: path, line: 1, column: 1),
                        "Savings Plan rate for unknown usage type '\(usageType)' skipped"))
                    continue
                }
                guard let price = FixedDecimal(parsing: priceText) else {
                    throw InputError(path: path, message: "rate \(rate["rateCode"] as? String ?? "?") has price \"\(priceText)\", not a number")
                }
                imported.savingsPlanRates.append(SavingsPlanRate(
                    key: .init(region: region, architecture: classification.architecture, charge: classification.kind, term: length, paymentOption: payment),
                    rate: price, discountPercent: nil, confidence: "exact", asOf: published,
                    source: "AWS Price List AWSComputeSavingsPlan \(version)"))
            }
        }
    }

    /// `ComputeSP:1yrNoUpfront` → (1yr, no upfront).
    static func plan(fromUsageType usageType: String) -> (SavingsPlanRate.Term, SavingsPlanRate.PaymentOption)? {
        let text = usageType.dropFirst("ComputeSP:".count)
        guard let term = SavingsPlanRate.Term(rawValue: String(text.prefix(3))) else { return nil }
        switch text.dropFirst(3) {
        case "NoUpfront": return (term, .noUpfront)
        case "PartialUpfront": return (term, .partialUpfront)
        case "AllUpfront": return (term, .allUpfront)
        default: return nil
        }
    }

    // MARK: - Shared

    /// One price dimension as read from either format.
    struct Entry {
        var location: SourceLocation
        var termType: String
        var offerTermCode: String
        var usageType: String
        var regionCode: String
        var start: String
        var end: String
        var unit: String
        var price: String
        var currency: String
        var effectiveDate: String
    }

    static let onDemandTerm = "JRTCKXETXF"
    static let freeTierTerm = "A429C66SYZ"

    private func add(_ entries: [Entry], source: String, into imported: inout Imported) throws {
        var grouped: [PriceCatalog.Key: [(start: FixedDecimal, end: FixedDecimal?, entry: Entry, price: FixedDecimal)]] = [:]
        for entry in entries where entry.termType == "OnDemand" {
            if entry.offerTermCode == Self.freeTierTerm || entry.usageType.hasPrefix("Global-") {
                if let end = FixedDecimal(parsing: entry.end) {
                    if entry.usageType.hasSuffix("-Request") { imported.freeTier[.requests] = end }
                    if entry.usageType.hasSuffix("-Lambda-GB-Second") { imported.freeTier[.duration] = end }
                }
                continue
            }
            guard entry.offerTermCode == Self.onDemandTerm else { continue }
            let classification = regions.classify(entry.usageType)
            guard let region = classification.region, classification.kind != .unclassified, classification.kind != .none,
                classification.kind != .dataTransfer
            else {
                imported.warnings.append(Diagnostic(.warning, at: entry.location, "usage type '\(entry.usageType)' is not a known Lambda charge; skipped"))
                continue
            }
            if !entry.regionCode.isEmpty && entry.regionCode != region {
                imported.warnings.append(Diagnostic(.warning, at: entry.location,
                    "usage type '\(entry.usageType)' names \(region) but Region Code says \(entry.regionCode); the usage type wins"))
            }
            guard let start = FixedDecimal(parsing: entry.start), let price = FixedDecimal(parsing: entry.price) else {
                throw IngestError(location: entry.location, message: "expected numbers in StartingRange and PricePerUnit, found \"\(entry.start)\" and \"\(entry.price)\"")
            }
            let end: FixedDecimal? = entry.end == "Inf" || entry.end.isEmpty ? nil : FixedDecimal(parsing: entry.end)
            if end == nil && entry.end != "Inf" && !entry.end.isEmpty {
                throw IngestError(location: entry.location, message: "expected a number or Inf in EndingRange, found \"\(entry.end)\"")
            }
            let key = PriceCatalog.Key(region: region, architecture: classification.architecture, charge: classification.kind)
            grouped[key, default: []].append((start, end, entry, price))
        }
        for (key, tiers) in grouped {
            for (index, tier) in tiers.sorted(by: { $0.start < $1.start }).enumerated() {
                imported.prices.append(PriceRow(key: key, tier: PriceTier(
                    tier: index + 1, start: tier.start, end: tier.end, unit: Self.catalogUnit(for: key.charge),
                    price: tier.price, currency: tier.entry.currency, asOf: tier.entry.effectiveDate, source: source)))
            }
        }
    }

    /// The catalog's unit names.
    static func catalogUnit(for charge: UsageKind) -> String {
        switch charge {
        case .requests, .edgeRequests: "request"
        case .streamingBytes, .snapStartRestore: "GB"
        default: "GB-second"
        }
    }
}
