/// What one CUR file bills, compactly: the payer and billing period pairs it covers, and a deterministic
/// sample (1 in 32) of its `(identity/LineItemId, identity/TimeInterval)` pairs, which are unique per line
/// item in a delivery. Parts of one delivery share no line items and sit in one folder; two files that
/// share line items, or cover the same payer and period from different folders, would count money twice.
struct DeliveryFingerprint {
    let path: String
    /// `payer|YYYY-MM` → first line seen.
    private(set) var periods: [String: Int] = [:]
    private(set) var sampledLineItems: Set<UInt64> = []
    private var lastPeriodHash: UInt64 = 0

    init(path: String) { self.path = path }

    /// The folder part of the path.
    var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    mutating func record(_ reader: CSVReader, _ columns: CURColumns) {
        if let idColumn = columns.lineItemID, let intervalColumn = columns.timeInterval, !reader.isEmpty(idColumn) {
            var hash = Self.fnvOffset
            reader.withField(idColumn) { hash = Self.fnv(hash, $0) }
            hash = Self.fnv(hash, 0x2F)
            reader.withField(intervalColumn) { hash = Self.fnv(hash, $0) }
            if hash % 32 == 0 { sampledLineItems.insert(hash) }
        }
        var periodHash = Self.fnvOffset
        if let payer = columns.payerAccountID { reader.withField(payer) { periodHash = Self.fnv(periodHash, $0) } }
        if let period = columns.billingPeriodStart { reader.withField(period) { periodHash = Self.fnv(periodHash, UnsafeBufferPointer(rebasing: $0.prefix(7))) } }
        if periodHash != lastPeriodHash {
            lastPeriodHash = periodHash
            let payer = columns.payerAccountID.map { reader.lossyString($0) } ?? "unknown payer"
            let period = columns.billingPeriodStart.map { String(reader.lossyString($0).prefix(7)) } ?? "unknown period"
            if periods["\(payer)|\(period)"] == nil { periods["\(payer)|\(period)"] = reader.line }
        }
    }

    /// Why two files cannot both be read, or `nil` when they look like parts of one delivery.
    func conflict(with other: DeliveryFingerprint) -> String? {
        let shared = sampledLineItems.intersection(other.sampledLineItems).count
        if shared > 0 {
            return "\(other.path) holds line items that \(path) holds too (\(shared) sampled (identity/LineItemId, identity/TimeInterval) pairs): reading both would count their cost twice"
        }
        let common = Set(periods.keys).intersection(other.periods.keys).sorted()
        if let first = common.first, folder != other.folder {
            let parts = first.split(separator: "|")
            return "\(other.path) and \(path) both bill payer \(parts[0]) for \(parts[1]) from different folders: they look like two deliveries of the same report; give the files of one delivery only"
        }
        return nil
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fnv(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    static func fnv(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
}
