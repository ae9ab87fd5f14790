/// Other services' rows: their product, and the function a rule ties them to (docs/attribution.md). A row of a
/// product no rule can tie costs one cached lookup of its product code; a row that may be tied is resolved once per
/// distinct product, resource, account, region and rule tag values (byte caches, as the Lambda rows' functions).
extension CURReader {
    func otherService<Record: CURRecord>(_ reader: Record, _ columns: CURColumns) -> (productSlot: Int, attribution: OtherServiceAttribution?) {
        let product = reader.withField(columns.productCode) { bytes -> OtherServiceProduct in
            typealias Cache = BytesCache<OtherServiceProduct>
            let hash = Cache.hash(bytes)
            if let cached = productCache.value(hash: hash, where: { Cache.matches($0, bytes) }) { return cached }
            let code = String(decoding: bytes, as: UTF8.self)
            let entry = OtherServiceProduct(code: code, slot: accumulator.productSlot(code), rules: attribution)
            productCache.insert(entry, hash: hash, key: Cache.key(bytes))
            return entry
        }
        // Savings Plans fees (and the commitment used) are never a function's other service: the functions'
        // effective cost holds the commitment already.
        guard product.mayAttribute, !reader.withField(columns.lineItemType, { $0.starts(with: "SavingsPlan".utf8) }),
            !product.onlyFunctionTagTies || mayHaveFunctionTag(reader, columns),
            let target = otherServiceTarget(reader, columns, product: product)
        else {
            return (product.slot, nil)
        }
        // Only log storage's quantity is used (the growth check); other amounts stay out of the run's magnitude guard.
        var quantity = FixedDecimal.zero
        if target.charge == .logStorage, case .value(let amount) = reader.amount(columns.usageAmount, into: accumulator) { quantity = amount }
        return (product.slot, OtherServiceAttribution(functionSlot: target.functionSlot, charge: target.charge, quantity: quantity))
    }

    /// The function of a row that may be tied to one, by its number in the accumulator, and the row's charge;
    /// `nil` when no rule ties it. A known combination of product, resource, account, region, usage type (and rule tag
    /// values) is found by hashing and comparing the fields where they lie.
    private func otherServiceTarget<Record: CURRecord>(_ reader: Record, _ columns: CURColumns, product entry: OtherServiceProduct) -> OtherServiceTarget? {
        typealias Cache = BytesCache<OtherServiceTarget?>
        // One field at a time (the reader's scratch buffer serves one field at a time).
        let (resource, account, regionCode, region, usageType) = (columns.resourceID, columns.usageAccountID, columns.regionCode, columns.region,
                                                                 Optional(columns.usageType))
        // The resource ID where a rule reads it; else only its ARN's region counts (a function tag's row of an
        // organisation's millions of instances and volumes must not become millions of cache entries).
        let resourceDecides = entry.resourceDecides
        func field<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            guard let column else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            if column == resource && !resourceDecides {
                return reader.withField(column) { body(UnsafeBufferPointer(rebasing: $0[Self.arnRegionRange($0)])) }
            }
            return reader.withField(column, body)
        }
        // The rule tags' values: read where they lie when the file has them as columns (found once per file), else
        // from the row's tag map, parsed.
        let tagColumns = columns.attributionTagColumns
        var tagValues: [String: String] = [:]
        if tagColumns == nil && !attributionTagKeys.isEmpty { tagValues = tags(reader, columns, keys: attributionTagKeySet) }
        func tagValue<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            if let tagColumns {
                guard let column = tagColumns[index] else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                return reader.withField(column, body)
            }
            var value = tagValues[attributionTagKeys[index]] ?? ""
            return value.withUTF8(body)
        }
        var product = entry.code
        var hash = product.withUTF8 { Cache.hash(Cache.seed, appending: $0) }
        // Column by column (an array of them would be allocated on every row).
        hash = field(resource) { Cache.hash(hash, appending: $0) }
        hash = field(account) { Cache.hash(hash, appending: $0) }
        hash = field(regionCode) { Cache.hash(hash, appending: $0) }
        hash = field(region) { Cache.hash(hash, appending: $0) }
        hash = field(usageType) { Cache.hash(hash, appending: $0) }
        for index in attributionTagKeys.indices {
            hash = tagValue(index) { Cache.hash(hash, appending: $0) }
        }
        let cached = otherServiceTargetCache.value(hash: hash) { key in
            var offset = 0
            guard product.withUTF8({ Cache.matches(key, at: &offset, $0) }) else { return false }
            guard field(resource, { Cache.matches(key, at: &offset, $0) }), field(account, { Cache.matches(key, at: &offset, $0) }),
                field(regionCode, { Cache.matches(key, at: &offset, $0) }), field(region, { Cache.matches(key, at: &offset, $0) }),
                field(usageType, { Cache.matches(key, at: &offset, $0) })
            else { return false }
            for index in attributionTagKeys.indices {
                guard tagValue(index, { Cache.matches(key, at: &offset, $0) }) else { return false }
            }
            return offset == key.count
        }
        if let cached { return cached }

        // A new combination: copied, resolved, remembered.
        if tagColumns != nil && !attributionTagKeys.isEmpty { tagValues = tags(reader, columns, keys: attributionTagKeySet) }
        let fields = [Array(product.utf8)] + [resource, account, regionCode, region, usageType].map { column in field(column) { Array($0) } }
            + attributionTagKeys.indices.map { index in tagValue(index) { Array($0) } }
        var rowRegion = String(decoding: fields[3], as: UTF8.self)
        if rowRegion.isEmpty { rowRegion = String(decoding: fields[4], as: UTF8.self) }
        // Without a rule that reads it, the resource is its ARN's region alone: `arn:::<region>` keeps that.
        let resourceText = String(decoding: fields[1], as: UTF8.self)
        let function = attribution.function(
            product: product, resource: resourceDecides ? resourceText : (resourceText.isEmpty ? "" : "arn:::" + resourceText), account: String(decoding: fields[2], as: UTF8.self),
            region: rowRegion, tags: tagValues.filter { !$0.value.isEmpty })
        let target = function.map { function in
            OtherServiceTarget(functionSlot: accumulator.functionSlot(function),
                               charge: OtherServiceCharge(productCode: product, usageType: String(decoding: fields[5], as: UTF8.self)))
        }
        var key: [UInt8] = []
        for field in fields { key += field.withUnsafeBufferPointer { Cache.key($0) } }
        otherServiceTargetCache.insert(target, hash: hash, key: key)
        return target
    }

    /// Whether the row may hold a value of the function tag: its tag column is not empty, or the file's tag map is
    /// not (a map is only read where a row may be tied).
    private func mayHaveFunctionTag<Record: CURRecord>(_ reader: Record, _ columns: CURColumns) -> Bool {
        guard let key = attribution.functionTag else { return false }
        if let column = columns.tagColumn(key), !reader.isEmpty(column) { return true }
        if let map = columns.tagMap { return !reader.isEmpty(map) }
        return false
    }

    /// The region field of an ARN's bytes (`arn:aws:apigateway:us-east-1::…` → `us-east-1`); empty when the bytes
    /// are not an ARN with a region.
    static func arnRegionRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard bytes.starts(with: "arn:".utf8) else { return 0..<0 }
        var colons = 0
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: ":") {
            colons += 1
            if colons == 3 { start = index + 1 }
            if colons == 4 { return start..<index }
        }
        return 0..<0
    }

    /// The row's values of the tags `keys` (spelled as the report spells tag keys), from tag columns or a tag map.
    private func tags<Record: CURRecord>(_ reader: Record, _ columns: CURColumns, keys: Set<String>) -> [String: String] {
        var values: [String: String] = [:]
        for (column, key) in columns.tagColumns where keys.contains(key) && !reader.isEmpty(column) {
            values[key] = reader.lossyString(column)
        }
        if let mapColumn = columns.tagMap, !reader.isEmpty(mapColumn) {
            let entries = reader.mapEntries(mapColumn)
            for (key, (_, value)) in zip(CURColumns.distinctTagKeys(entries.map(\.key)), entries) where keys.contains(key) {
                values[key] = value
            }
        }
        return values
    }
}
