/// A map from byte strings (one or several CSV fields) to values, looked up without allocating: the
/// caller hashes the fields with ``hash(_:)`` and compares a stored key with ``matches(_:_:)``. Used to
/// turn repeated field values (usage types, ARNs) into parsed values once per distinct value.
struct BytesCache<Value> {
    private var buckets: [UInt64: [(key: [UInt8], value: Value)]] = [:]

    /// FNV-1a over the fields, with a separator between them.
    static func hash(_ fields: UnsafeBufferPointer<UInt8>...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for field in fields {
            for byte in field { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1F) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The start of an incremental ``hash(_:appending:)``.
    static var seed: UInt64 { 0xcbf2_9ce4_8422_2325 }

    /// Continues a hash with one more field, the same way ``hash(_:)`` does: a key whose fields live in
    /// different buffers is hashed without copying them together.
    static func hash(_ hash: UInt64, appending field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = hash
        for byte in field { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (hash ^ 0x1F) &* 0x100_0000_01b3
    }

    /// Whether `key` continues at `offset` with `field` and its separator; advances `offset` past them.
    static func matches(_ key: [UInt8], at offset: inout Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset + field.count < key.count else { return false }
        for byte in field {
            if key[offset] != byte { return false }
            offset += 1
        }
        guard key[offset] == 0x1F else { return false }
        offset += 1
        return true
    }

    /// The fields joined with the separator, as stored keys are.
    static func key(_ fields: UnsafeBufferPointer<UInt8>...) -> [UInt8] {
        var key: [UInt8] = []
        for field in fields {
            key.append(contentsOf: field)
            key.append(0x1F)
        }
        return key
    }

    /// Whether a stored key equals the fields.
    static func matches(_ key: [UInt8], _ fields: UnsafeBufferPointer<UInt8>...) -> Bool {
        var offset = 0
        for field in fields {
            guard offset + field.count < key.count else { return false }
            for byte in field {
                if key[offset] != byte { return false }
                offset += 1
            }
            if key[offset] != 0x1F { return false }
            offset += 1
        }
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
