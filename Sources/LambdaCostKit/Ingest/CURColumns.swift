/// Where the columns the tool reads sit in one CUR file, found by name in any of the three spellings:
/// legacy CSV (`lineItem/UsageType`), Athena snake_case (`line_item_usage_type`) and CUR 2.0
/// (`product_region_code`, map columns such as `resource_tags`). Names match case-insensitively and
/// ignoring punctuation, which makes the legacy and Athena spellings of a column the same key.
public struct CURColumns: Sendable {
    /// The spelling the header was written in; `aggregate` is the hourly aggregate of a CUR (docs/scale-out.md).
    public enum Spelling: String, Sendable { case legacy, athena, cur2, aggregate, focus }

    public private(set) var spelling: Spelling
    /// The FOCUS columns, when the header is FOCUS (read as CUR columns through ``FOCUSColumns``).
    private(set) var focus: FOCUSColumns?
    public let fieldCount: Int
    public let lineItemType: Int
    public let usageAccountID: Int
    public let usageStart: Int
    /// `lineItem/UsageEndDate` (exclusive), for how far a month's data reaches; optional.
    public let usageEnd: Int?
    public let productCode: Int
    public let usageType: Int
    public let usageAmount: Int
    public let unblendedCost: Int
    public let resourceID: Int?
    public let lineItemID: Int?
    public let timeInterval: Int?
    public let operation: Int?
    public let currency: Int?
    public let billingPeriodStart: Int?
    public let payerAccountID: Int?
    public let regionCode: Int?
    public let region: Int?
    public let rateCode: Int?
    public let publicOnDemandCost: Int?
    public let savingsPlanEffectiveCost: Int?
    public let savingsPlanARN: Int?
    public let totalCommitmentToDate: Int?
    public let usedCommitment: Int?
    public let amortizedUpfrontCommitment: Int?
    public let savingsPlanOfferingType: Int?
    public let savingsPlanEndTime: Int?
    /// `lineItem/LineItemDescription` and `pricing/term`: free-tier evidence in CURs without `pricing/RateCode`.
    public let lineItemDescription: Int?
    public let pricingTerm: Int?
    /// Tag columns of the legacy and Athena spellings: index and tag key (`team` for `resourceTags/user:team`).
    public let tagColumns: [(index: Int, key: String)]
    /// The CUR 2.0 `resource_tags` map column, when present.
    public let tagMap: Int?

    /// The columns of the tags other services are tied by (``CURReader/attributionTagKeys``, in that order), found
    /// once per file; `nil` when the file has a tag map (its entries are read per row) or before the reader set them.
    var attributionTagColumns: [Int?]?

    /// The column of the tag `key` (spelled as ``tagColumns`` spell keys), when the file has one.
    func tagColumn(_ key: String) -> Int? {
        var low = 0
        var high = tagColumns.count
        while low < high {
            let middle = (low + high) / 2
            if tagColumns[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < tagColumns.count && tagColumns[low].key == key ? tagColumns[low].index : nil
    }
    /// Header names, as written, for diagnostics.
    public private(set) var names: [String]

    /// A header that lacks a column the tool needs, or names one twice.
    public struct HeaderError: Error, Sendable, Equatable {
        public var message: String
        public var column: Int
    }

    /// The required columns, in the legacy spelling and the snake_case one.
    static let required: [(key: String, legacy: String, snake: String)] = [
        ("lineitemlineitemtype", "lineItem/LineItemType", "line_item_line_item_type"),
        ("lineitemusageaccountid", "lineItem/UsageAccountId", "line_item_usage_account_id"),
        ("lineitemusagestartdate", "lineItem/UsageStartDate", "line_item_usage_start_date"),
        ("lineitemproductcode", "lineItem/ProductCode", "line_item_product_code"),
        ("lineitemusagetype", "lineItem/UsageType", "line_item_usage_type"),
        ("lineitemusageamount", "lineItem/UsageAmount", "line_item_usage_amount"),
        ("lineitemunblendedcost", "lineItem/UnblendedCost", "line_item_unblended_cost"),
    ]

    /// Reads a header row: a CUR's in any of its spellings, or a FOCUS file's (see ``FOCUSColumns``).
    public init(header: [String]) throws(HeaderError) {
        let keys = Set(header.map(Self.normalize))
        if FOCUSColumns.isFOCUS(header) && !Self.required.allSatisfy({ keys.contains($0.key) }) {
            let (focus, curHeader) = try FOCUSColumns.read(header)
            try self.init(curHeader: curHeader)
            self.focus = focus
            spelling = .focus
            names = header + FOCUSColumns.Virtual.allCases.map { header[focus.source(of: $0)] }
            return
        }
        try self.init(curHeader: header)
    }

    private init(curHeader header: [String]) throws(HeaderError) {
        names = header
        fieldCount = header.count
        var index: [String: Int] = [:]
        var tags: [(Int, String)] = []
        var tagNames: [String: Int] = [:]
        var tagMap: Int?
        var sawSlash = false
        for (position, name) in header.enumerated() {
            let key = Self.normalize(name)
            if name.contains("/") { sawSlash = true }
            if key.isEmpty { continue }
            // Tag columns: AWS tag keys are case-sensitive, so `user:Team` and `user:team` are two tags; only the
            // same name twice is an error.
            if key.hasPrefix("resourcetags") && key != "resourcetags" {
                if let earlier = tagNames[name] {
                    throw HeaderError(message: "column \(position + 1) '\(name)' repeats column \(earlier + 1) '\(header[earlier])'",
                                      column: position)
                }
                tagNames[name] = position
                tags.append((position, name))
                continue
            }
            if let earlier = index[key] {
                throw HeaderError(
                    message: "column \(position + 1) '\(name)' repeats column \(earlier + 1) '\(header[earlier])'",
                    column: position)
            }
            index[key] = position
            if key == "resourcetags" { tagMap = position }
        }
        func find(_ key: String) -> Int? { index[key] }
        var missing: [String] = []
        var found: [Int] = []
        for column in Self.required {
            if let position = find(column.key) {
                found.append(position)
            } else {
                missing.append(sawSlash ? column.legacy : column.snake)
            }
        }
        guard missing.isEmpty else {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw HeaderError(
                message: "not a Cost and Usage Report header: missing column\(missing.count == 1 ? "" : "s") \(list)",
                column: 0)
        }
        lineItemType = found[0]
        usageAccountID = found[1]
        usageStart = found[2]
        productCode = found[3]
        usageType = found[4]
        usageAmount = found[5]
        unblendedCost = found[6]
        usageEnd = find("lineitemusageenddate")
        resourceID = find("lineitemresourceid")
        lineItemID = find("identitylineitemid")
        timeInterval = find("identitytimeinterval")
        operation = find("lineitemoperation")
        currency = find("lineitemcurrencycode")
        billingPeriodStart = find("billbillingperiodstartdate")
        payerAccountID = find("billpayeraccountid")
        regionCode = find("productregioncode")
        region = find("productregion")
        rateCode = find("pricingratecode")
        publicOnDemandCost = find("pricingpublicondemandcost")
        savingsPlanEffectiveCost = find("savingsplansavingsplaneffectivecost")
        savingsPlanARN = find("savingsplansavingsplanarn")
        totalCommitmentToDate = find("savingsplantotalcommitmenttodate")
        usedCommitment = find("savingsplanusedcommitment")
        amortizedUpfrontCommitment = find("savingsplanamortizedupfrontcommitmentforbillingperiod")
        savingsPlanOfferingType = find("savingsplanofferingtype")
        savingsPlanEndTime = find("savingsplanendtime")
        lineItemDescription = find("lineitemlineitemdescription")
        pricingTerm = find("pricingterm")
        tagColumns = Self.tagKeys(tags).sorted { ($0.key, $0.index) < ($1.key, $1.index) }
        self.tagMap = tagMap
        if sawSlash {
            spelling = .legacy
        } else if tagMap != nil || (regionCode != nil && region == nil) {
            spelling = .cur2
        } else {
            spelling = .athena
        }
    }

    /// Every column the rules read (for a FOCUS file: the file's columns the virtual fields are worked out from, too),
    /// in order: what a Parquet reader decodes.
    var readColumns: [Int] {
        var columns: [Int?] = [lineItemType, usageAccountID, usageStart, usageEnd, productCode, usageType, usageAmount, unblendedCost,
            resourceID, lineItemID, timeInterval, operation, currency, billingPeriodStart, payerAccountID, regionCode, region,
            rateCode, publicOnDemandCost, savingsPlanEffectiveCost, savingsPlanARN, totalCommitmentToDate, usedCommitment,
            amortizedUpfrontCommitment, savingsPlanOfferingType, savingsPlanEndTime, lineItemDescription, pricingTerm, tagMap]
        columns += tagColumns.map(\.index)
        if let focus {
            columns += [focus.chargeCategory, focus.chargeClass, focus.chargeFrequency, focus.billedCost, focus.effectiveCost, focus.listCost,
                focus.contractedCost, focus.serviceCode, focus.commitmentID, focus.commitmentType, focus.commitmentStatus, focus.resourceID]
        }
        return Set(columns.compactMap { $0 }).sorted()
    }

    /// The display name of a column for messages.
    public func name(of column: Int) -> String { column < names.count ? names[column] : "column \(column + 1)" }

    /// Lowercase letters and digits only.
    static func normalize(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }))
            .lowercased()
    }

    /// The tag key of each tag column (``distinctTagKeys(_:)`` of their names).
    static func tagKeys(_ columns: [(Int, String)]) -> [(index: Int, key: String)] {
        Array(zip(columns.map(\.0), distinctTagKeys(columns.map(\.1))).map { (index: $0.0, key: $0.1) })
    }

    /// The keys of tags as columns or map keys name them (``tagKey(fromColumn:)``); names whose keys would be the
    /// same although the names differ (`user:Team` and `user:team`, `user:Cost Center` and `user:Cost-Center`) keep
    /// their key as written after `user:`, so that they stay separate tags (AWS tag keys are case-sensitive).
    static func distinctTagKeys(_ names: [String]) -> [String] {
        let keys = names.map(tagKey(fromColumn:))
        guard Set(keys).count < keys.count else { return keys }
        var count: [String: Int] = [:]
        for key in keys { count[key, default: 0] += 1 }
        return zip(names, keys).map { name, key in
            guard count[key]! > 1 else { return key }
            var written = Substring(name)
            for prefix in ["resourceTags/", "resource_tags_", "resourcetags/", "resource_tags/"] where written.hasPrefix(prefix) {
                written = written.dropFirst(prefix.count)
                break
            }
            for prefix in ["user:", "user_"] where written.hasPrefix(prefix) {
                written = written.dropFirst(prefix.count)
                break
            }
            return String(written)
        }
    }

    /// `resourceTags/user:team` → `team`; `resource_tags_user_team` → `team`; `resourceTags/user:Cost-Center` → `cost_center`.
    static func tagKey(fromColumn name: String) -> String {
        var key = Substring(name)
        for prefix in ["resourceTags/", "resource_tags_", "resourcetags/", "resource_tags/"] where key.hasPrefix(prefix) {
            key = key.dropFirst(prefix.count)
            break
        }
        return userTagKey(String(key))
    }

    /// The key a tag has in every spelling: the `user:` / `user_` prefix of user-defined cost allocation tags
    /// dropped, then lower case with each run of other characters turned into `_`, as CUR 2.0 spells map keys
    /// (`user:Cost-Center` → `cost_center`, `aws:createdBy` → `aws_createdby`).
    static func userTagKey(_ key: String) -> String {
        var key = Substring(key)
        for prefix in ["user:", "user_"] where key.hasPrefix(prefix) {
            key = key.dropFirst(prefix.count)
            break
        }
        var result = ""
        var pendingSeparator = false
        for scalar in key.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSeparator && !result.isEmpty { result.append("_") }
                pendingSeparator = false
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }
}
