/// The position of each cell of a ledger held in memory, by its packed 64-bit key (``UsageLedger``): an
/// open-addressing table probed linearly, kept at most half full, that hashes a key with one multiplication
/// (a `Dictionary` hashes each key with a seeded SipHash: most of the cost of adding a row to a ledger).
struct PackedKeyIndex {
    /// Key and position + 1 per slot; a position of 0 is an empty slot. The size is a power of two.
    private var keys = [UInt64](repeating: 0, count: 16)
    private var positions = [Int32](repeating: 0, count: 16)
    private(set) var count = 0

    @inline(__always)
    private func home(_ key: UInt64, shift: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The position stored for `key`; setting one adds the key or replaces its position.
    subscript(key: UInt64) -> Int32? {
        get {
            let mask = keys.count - 1
            var slot = home(key, shift: 64 - keys.count.trailingZeroBitCount)
            while true {
                let position = positions[slot]
                if position == 0 { return nil }
                if keys[slot] == key { return position - 1 }
                slot = (slot + 1) & mask
            }
        }
        set {
            precondition(newValue != nil, "a key is never removed alone")
            if (count + 1) * 2 > keys.count { grow() }
            store(key, newValue! + 1)
        }
    }

    /// Adds or replaces without growing (there is room).
    private mutating func store(_ key: UInt64, _ stored: Int32) {
        let mask = keys.count - 1
        var slot = home(key, shift: 64 - keys.count.trailingZeroBitCount)
        while positions[slot] != 0 {
            if keys[slot] == key {
                positions[slot] = stored
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        positions[slot] = stored
        count += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldPositions = positions
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        positions = [Int32](repeating: 0, count: oldKeys.count * 2)
        count = 0
        for slot in oldKeys.indices where oldPositions[slot] != 0 { store(oldKeys[slot], oldPositions[slot]) }
    }

    /// Forgets every key; with `keepingCapacity`, keeps the table's size.
    mutating func removeAll(keepingCapacity: Bool = false) {
        count = 0
        if keepingCapacity {
            positions.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            keys = [UInt64](repeating: 0, count: 16)
            positions = [Int32](repeating: 0, count: 16)
        }
    }
}
