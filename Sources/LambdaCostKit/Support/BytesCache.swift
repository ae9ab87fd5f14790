/// A map from byte strings (one or several CSV fields) to values, looked up without allocating: the
/// caller hashes the fields with ``hash(_:)`` and compares a stored key with ``matches(_:_:)``. Used to
/// turn repeated field values (usage types, ARNs) into parsed values once per distinct value.
struct BytesCache<Value> {
    private var buckets: [UInt64: [(key: [UInt8], value: Value)]] = [:]

    /// FNV-1a over the fields, each preceded by its length (so that no two different field lists hash or
    /// compare alike, whatever bytes the fields hold).
    static func hash(_ fields: UnsafeBufferPointer<UInt8>...) -> UInt64 {
        fields.reduce(seed) { hash($0, appending: $1) }
    }

    /// The start of an incremental ``hash(_:appending:)``.
    static var seed: UInt64 { 0xcbf2_9ce4_8422_2325 }

    /// Continues a hash with one more field, the same way ``hash(_:)`` does: a key whose fields live in
    /// different buffers is hashed without copying them together.
    static func hash(_ hash: UInt64, appending field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = (hash ^ UInt64(field.count)) &* 0x100_0000_01b3
        for byte in field { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Whether `key` continues at `offset` with `field` (its length, then its bytes); advances `offset` past it.
    static func matches(_ key: [UInt8], at offset: inout Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset + 4 + field.count <= key.count else { return false }
        let length = Int(key[offset]) | Int(key[offset + 1]) << 8 | Int(key[offset + 2]) << 16 | Int(key[offset + 3]) << 24
        guard length == field.count else { return false }
        offset += 4
        for byte in field {
            if key[offset] != byte { return false }
            offset += 1
        }
        return true
    }

    /// The fields as stored keys hold them: each one's length (4 bytes, little-endian), then its bytes.
    static func key(_ fields: UnsafeBufferPointer<UInt8>...) -> [UInt8] {
        var key: [UInt8] = []
        for field in fields {
            precondition(field.count < 1 << 32, "a field longer than 4 GiB")
            withUnsafeBytes(of: UInt32(field.count).littleEndian) { key.append(contentsOf: $0) }
            key.append(contentsOf: field)
        }
        return key
    }

    /// Whether a stored key equals the fields.
    static func matches(_ key: [UInt8], _ fields: UnsafeBufferPointer<UInt8>...) -> Bool {
        var offset = 0
        for field in fields where !matches(key, at: &offset, field) { return false }
        return offset == key.count
    }

    func value(hash: UInt64, where matches: ([UInt8]) -> Bool) -> Value? {
        guard let bucket = buckets[hash] else { return nil }
        for entry in bucket where matches(entry.key) { return entry.value }
        return nil
    }

    mutating func insert(_ value: Value, hash: UInt64, key: [UInt8]) {
        buckets[hash, default: []].append((key, value))
    }
}
