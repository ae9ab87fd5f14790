import Foundation

/// What one CUR file bills, compactly: the payer and billing period pairs it covers, and a deterministic
/// sample (every hash at first, thinned to 1 in 2, 4, … so that it never holds more than ``maximumSample``
/// hashes) of its `(identity/LineItemId, identity/TimeInterval)` pairs, which are unique per line item
/// in a delivery — or, in a file without line item IDs (CUR 2.0 columns are chosen by the user, aggregates
/// have none), of its records' decoded fields. Parts of one delivery share no line items and sit in one folder;
/// two files that share line items or most of their records (one month as `cur.csv` and `cur.csv.gz`), or cover
/// the same payer and period from different folders, would count money twice.
struct DeliveryFingerprint {
    /// A payer and billing period a file bills; either may be unknown (a file without those columns).
    struct Period: Hashable, Comparable {
        var payer: String?
        var month: String?

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.payer ?? "", lhs.month ?? "") < (rhs.payer ?? "", rhs.month ?? "") }
    }

    let path: String
    /// Payer and period → first line seen (the first ``maximumPeriods`` of them: a real file bills a few).
    private(set) var periods: [Period: Int] = [:]
    static let maximumPeriods = 1_024
    private(set) var sampledLineItems: Set<UInt64> = []
    /// Whether the sample holds whole records' hashes (no line item IDs in the file) rather than line items'.
    private(set) var samplesRecords = false
    /// A pair is sampled when its hash is a multiple of this power of two.
    private(set) var sampleModulus: UInt64 = 1
    /// The sample's bound, so that memory does not grow with the file.
    var maximumSample = 1 << 14
    private var lastPeriodHash: UInt64 = 0
    /// Whether the file is an hourly aggregate (docs/scale-out.md): it has no line items, only payer and periods.
    var isAggregate = false

    init(path: String) { self.path = path }

    /// Records the payer and billing period (`YYYY-MM`) of an aggregate record.
    mutating func record(payer: String, period: String, line: Int) {
        let key = Period(payer: payer, month: period)
        if periods[key] == nil && periods.count < Self.maximumPeriods { periods[key] = line }
    }

    /// Samples a record of a file without line item IDs by the hash of all its decoded fields.
    mutating func recordContent(_ reader: some CURRecord) {
        samplesRecords = true
        var hash = Self.fnvOffset
        for field in 0..<reader.fieldCount {
            reader.withField(field) { hash = Self.fnv(hash, $0) }
            hash = Self.fnv(hash, 0x1F)
        }
        sample(Self.avalanche(hash))
    }

    /// Samples a record of a CUR or FOCUS file without line item IDs by what it bills, parsed: the usage hour, the
    /// account, line item type, product, operation, usage type, region and resource, and the cost and quantity as exact
    /// amounts. The same record gives the same hash whatever wrote it (CSV text or Parquet values, `1000` or
    /// `1000.000000`, `2026-10-01T05:00:00Z` or `2026-10-01 05:00:00.000000000`), so a month given as CSV and as Parquet
    /// is told to be one copy.
    mutating func recordCanonically(_ record: some CURRecord, _ columns: CURColumns) {
        samplesRecords = true
        var hash = Self.fnvOffset
        func mix(_ column: Int?) {
            if let column, column < record.fieldCount { record.withField(column) { hash = Self.fnv(hash, $0) } }
            hash = Self.fnv(hash, 0x1F)
        }
        func mix(amount column: Int) {
            if case .success(let parsed) = record.withField(column, { FixedDecimal.parse($0) }) {
                withUnsafeBytes(of: parsed.value.units) { hash = Self.fnv(hash, $0.bindMemory(to: UInt8.self)) }
            } else {
                mix(column)
            }
            hash = Self.fnv(hash, 0x1F)
        }
        if case .success(let hour) = record.withField(columns.usageStart, { UsageHour.parse($0, truncating: true) }) {
            withUnsafeBytes(of: hour.hoursSinceEpoch) { hash = Self.fnv(hash, $0.bindMemory(to: UInt8.self)) }
            hash = Self.fnv(hash, 0x1F)
        } else {
            mix(columns.usageStart)
        }
        for column in [columns.usageAccountID, columns.lineItemType, columns.productCode, columns.operation, columns.usageType,
                       columns.regionCode ?? columns.region, columns.resourceID] {
            mix(column)
        }
        mix(amount: columns.unblendedCost)
        mix(amount: columns.usageAmount)
        sample(Self.avalanche(hash))
    }

    /// The folder of the file, resolved (`a/`, `./a/`, `a//` and a symlink to it are one folder).
    var folder: String {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        return URL(fileURLWithPath: directory.isEmpty ? "/" : directory).resolvingSymlinksInPath().standardizedFileURL.path
    }

    mutating func record(_ reader: some CURRecord, _ columns: CURColumns) {
        if let idColumn = columns.lineItemID, let intervalColumn = columns.timeInterval {
            if !reader.isEmpty(idColumn) {
                var hash = Self.fnvOffset
                reader.withField(idColumn) { hash = Self.fnv(hash, $0) }
                hash = Self.fnv(hash, 0x2F)
                reader.withField(intervalColumn) { hash = Self.fnv(hash, $0) }
                sample(Self.avalanche(hash))
            }
        } else {
            recordCanonically(reader, columns)
        }
        var periodHash = Self.fnvOffset
        if let payer = columns.payerAccountID { reader.withField(payer) { periodHash = Self.fnv(periodHash, $0) } }
        if let period = columns.billingPeriodStart { reader.withField(period) { periodHash = Self.fnv(periodHash, UnsafeBufferPointer(rebasing: $0.prefix(7))) } }
        if periodHash != lastPeriodHash {
            lastPeriodHash = periodHash
            let payer = columns.payerAccountID.map { reader.lossyString($0) }.flatMap { $0.isEmpty ? nil : $0 }
            let period = columns.billingPeriodStart.map { String(reader.lossyString($0).prefix(7)) }.flatMap { $0.isEmpty ? nil : $0 }
            let key = Period(payer: payer, month: period)
            if periods[key] == nil && periods.count < Self.maximumPeriods { periods[key] = reader.partLine }
        }
    }

    /// Keeps a line item's hash when it falls in the sample; thins the sample when it grows too large.
    mutating func sample(_ hash: UInt64) {
        guard hash & (sampleModulus - 1) == 0 else { return }
        sampledLineItems.insert(hash)
        if sampledLineItems.count > maximumSample {
            sampleModulus *= 2
            sampledLineItems = sampledLineItems.filter { $0 & (sampleModulus - 1) == 0 }
        }
    }

    /// Whether ``absorb(_:lineOffset:)`` of `other` (a later part of the same file) gives what reading its records in turn
    /// would: it saw fewer payer and period pairs than it keeps.
    func canAbsorb(_ other: DeliveryFingerprint) -> Bool { other.periods.count < Self.maximumPeriods }

    /// Adds what a later part of the same file recorded: its periods first seen there (by line: `lineOffset` lines
    /// come before the part's first line), its sample (the sample of all hashes under the smallest modulus that keeps
    /// it small, as one pass would end with).
    mutating func absorb(_ other: DeliveryFingerprint, lineOffset: Int = 0) {
        for (period, line) in other.periods.sorted(by: { $0.value < $1.value })
        where periods[period] == nil && periods.count < Self.maximumPeriods {
            periods[period] = line + lineOffset
        }
        lastPeriodHash = other.lastPeriodHash
        samplesRecords = samplesRecords || other.samplesRecords
        sampleModulus = max(sampleModulus, other.sampleModulus)
        sampledLineItems = sampledLineItems.union(other.sampledLineItems).filter { $0 & (sampleModulus - 1) == 0 }
        while sampledLineItems.count > maximumSample {
            sampleModulus *= 2
            sampledLineItems = sampledLineItems.filter { $0 & (sampleModulus - 1) == 0 }
        }
    }

    /// Why two files cannot both be read, or `nil` when they look like parts of one delivery.
    func conflict(with other: DeliveryFingerprint) -> String? {
        // Both samples thinned to the coarser of the two moduli hold the same hashes of the common items.
        let modulus = max(sampleModulus, other.sampleModulus)
        let mine = sampledLineItems.filter { $0 & (modulus - 1) == 0 }
        let theirs = other.sampledLineItems.filter { $0 & (modulus - 1) == 0 }
        let shared = mine.intersection(theirs).count
        if samplesRecords || other.samplesRecords {
            // Without line item IDs two parts could hold an identical record by chance; most records shared is a copy.
            if shared > 0 && samplesRecords == other.samplesRecords && shared * 2 >= min(mine.count, theirs.count) {
                return "\(other.path) holds the same records as \(path) (\(shared) of \(min(mine.count, theirs.count)) sampled records): reading both would count their cost twice"
            }
        } else if shared > 0 {
            return "\(other.path) holds line items that \(path) holds too (\(shared) sampled (identity/LineItemId, identity/TimeInterval) pairs): reading both would count their cost twice"
        }
        // A file without payer or billing period columns says nothing about which delivery it belongs to.
        let common = Set(periods.keys).intersection(other.periods.keys).filter { $0.payer != nil && $0.month != nil }.sorted()
        if let first = common.first, let payer = first.payer, let month = first.month, isAggregate != other.isAggregate {
            let (aggregate, cur) = isAggregate ? (path, other.path) : (other.path, path)
            return "\(aggregate) is an aggregate of payer \(payer) for \(month), which \(cur) bills too: reading both would count their cost twice; give the CUR files or their aggregate"
        }
        if let first = common.first, let payer = first.payer, let month = first.month, folder != other.folder {
            return "\(other.path) and \(path) both bill payer \(payer) for \(month) from different folders: they look like two deliveries of the same report; give the files of one delivery only"
        }
        return nil
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes bytes into the hash sixteen at a time, in two lanes (FNV-style multiply on words, the lanes
    /// independent so that their multiplies overlap), the last bytes as one word: line item IDs are long, and this
    /// runs for every row. Its result goes through ``avalanche(_:)`` before it is sampled (by its low bits).
    static func fnv(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return hash }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        func word(at offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var first = hash
        var second = hash ^ 0x9e37_79b9_7f4a_7c15
        var index = 0
        while index + 16 <= count {
            first = (first ^ word(at: index)) &* 0x100_0000_01b3
            second = (second ^ word(at: index + 8)) &* 0xff51_afd7_ed55_8ccd
            first ^= first >> 29
            second ^= second >> 31
            index += 16
        }
        if index + 8 <= count {
            first = (first ^ word(at: index)) &* 0x100_0000_01b3
            first ^= first >> 29
            index += 8
        }
        if index < count {
            // The last 1 to 7 bytes in the low bits of one word: read as the last eight bytes when there are
            // eight, else byte by byte.
            let left = count - index
            var tail: UInt64 = 0
            if count >= 8 {
                tail = word(at: count - 8) >> UInt64(8 * (8 - left))
            } else {
                for offset in 0..<left { tail |= UInt64(base[index + offset]) << UInt64(8 * offset) }
            }
            second = (second ^ tail) &* 0xff51_afd7_ed55_8ccd
        }
        return (first ^ (second << 32 | second >> 32) ^ UInt64(count)) &* 0x100_0000_01b3
    }

    /// Spreads every bit of `hash` over the low bits, which decide whether it is sampled (MurmurHash3's finalizer).
    static func avalanche(_ hash: UInt64) -> UInt64 {
        var hash = hash
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        return hash ^ hash >> 33
    }

    static func fnv(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
}
