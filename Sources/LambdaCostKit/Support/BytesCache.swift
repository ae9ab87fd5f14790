/// A map from byte strings (one or several CSV fields) to values, looked up without allocating: the
/// caller hashes the fields with ``hash(_:)`` and compares a stored key with ``matches(_:_:)``. Used to
/// turn repeated field values (usage types, ARNs) into parsed values once per distinct value.
///
/// The entries are found through an open-addressing table indexed by the caller's hash (no second hash per
/// lookup), probed linearly; it stays at most half full.
struct BytesCache<Value> {
    private var hashes: [UInt64] = []
    /// The keys one after another, entry `i`'s from `keyStarts[i]` to `keyStarts[i + 1]` (a lookup compares a key
    /// where it lies, without retaining an array of its own).
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    private var values: [Value] = []
    /// Entry index + 1 per table slot; 0: empty. Its size is a power of two.
    private var table = [Int32](repeating: 0, count: 16)

    /// A hash over the fields, each preceded by its length (so that no two different field lists hash or
    /// compare alike, whatever bytes the fields hold).
    static func hash(_ fields: UnsafeBufferPointer<UInt8>...) -> UInt64 {
        fields.reduce(seed) { hash($0, appending: $1) }
    }

    /// The start of an incremental ``hash(_:appending:)``.
    static var seed: UInt64 { 0xcbf2_9ce4_8422_2325 }

    /// Continues a hash with one more field, the same way ``hash(_:)`` does: a key whose fields live in
    /// different buffers is hashed without copying them together. Eight bytes at a time (the last ones padded
    /// with zeros, which the length before them tells apart), each word multiplied in and folded.
    @inline(__always)
    static func hash(_ hash: UInt64, appending field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let product = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            return product ^ (product >> 29)
        }
        var hash = mix(hash, UInt64(field.count))
        guard let base = field.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= field.count {
            hash = mix(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < field.count {
            var last: UInt64 = 0
            withUnsafeMutableBytes(of: &last) { $0.baseAddress!.copyMemory(from: raw + offset, byteCount: field.count - offset) }
            hash = mix(hash, UInt64(littleEndian: last))
        }
        return hash
    }

    /// Whether `key` continues at `offset` with `field` (its length, then its bytes); advances `offset` past it.
    @inline(__always)
    static func matches(_ key: UnsafeBufferPointer<UInt8>, at offset: inout Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard offset + 4 + field.count <= key.count else { return false }
        let length = Int(UInt32(littleEndian: UnsafeRawPointer(key.baseAddress! + offset).loadUnaligned(as: UInt32.self)))
        guard length == field.count else { return false }
        if field.count > 0 && !ByteComparison.equal(key.baseAddress! + offset + 4, field.baseAddress!, count: field.count) { return false }
        offset += 4 + field.count
        return true
    }

    /// The same, of a key held in an array.
    static func matches(_ key: [UInt8], at offset: inout Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        key.withUnsafeBufferPointer { matches($0, at: &offset, field) }
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
    static func matches(_ key: UnsafeBufferPointer<UInt8>, _ fields: UnsafeBufferPointer<UInt8>...) -> Bool {
        var offset = 0
        for field in fields where !matches(key, at: &offset, field) { return false }
        return offset == key.count
    }

    /// Whether a stored key equals one field.
    @inline(__always)
    static func matches(_ key: UnsafeBufferPointer<UInt8>, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        return matches(key, at: &offset, field) && offset == key.count
    }

    /// The same, of a key held in an array.
    static func matches(_ key: [UInt8], _ fields: UnsafeBufferPointer<UInt8>...) -> Bool {
        key.withUnsafeBufferPointer { key in
            var offset = 0
            for field in fields where !matches(key, at: &offset, field) { return false }
            return offset == key.count
        }
    }

    /// The table slot a hash starts probing at (its top bits, after one more multiplication).
    @inline(__always)
    private func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0xFF51_AFD7_ED55_8CCD) >> UInt64(64 - table.count.trailingZeroBitCount))
    }

    /// The value of the entry of hash `hash` whose stored key `matches`, if there is one. Mutating only so that a
    /// cache held by a class is read in place: a non-mutating call on a class's stored property works on a copy,
    /// which retains and releases each of its arrays on every lookup.
    mutating func value(hash: UInt64, where matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> Value? {
        let mask = table.count - 1
        var slot = home(hash)
        return keyBytes.withUnsafeBufferPointer { keyBytes in
            while true {
                let entry = Int(table[slot]) - 1
                if entry < 0 { return nil }
                if hashes[entry] == hash
                    && matches(UnsafeBufferPointer(rebasing: keyBytes[keyStarts[entry]..<keyStarts[entry + 1]]))
                {
                    return values[entry]
                }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func insert(_ value: Value, hash: UInt64, key: [UInt8]) {
        hashes.append(hash)
        keyBytes += key
        keyStarts.append(keyBytes.count)
        values.append(value)
        if hashes.count * 2 > table.count {
            table = [Int32](repeating: 0, count: table.count * 2)
            for entry in hashes.indices { place(entry) }
        } else {
            place(hashes.count - 1)
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = table.count - 1
        var slot = home(hashes[entry])
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = Int32(entry + 1)
    }
}
