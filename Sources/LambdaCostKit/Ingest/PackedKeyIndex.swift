/// The position of each cell a ledger holds in memory (``UsageLedger``), found by its packed 64-bit key: an
/// open-addressing table of positions alone, probed linearly and kept at most half full, whose keys are read from
/// the cells themselves (which adding a row touches anyway), so a lookup costs one access to a small table and a key
/// one multiplication (a `Dictionary` hashes each key with a seeded SipHash and keeps keys of its own).
struct PackedKeyIndex {
    /// Position + 1 per slot; 0: an empty slot. The size is a power of two.
    private var positions = [Int32](repeating: 0, count: 16)
    private(set) var count = 0

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - positions.count.trailingZeroBitCount))
    }

    /// The position in `cells` of the cell with `key`, if the index holds it.
    @inline(__always)
    func position(of key: UInt64, in cells: UnsafeBufferPointer<LedgerRun.Cell>) -> Int? {
        positions.withUnsafeBufferPointer { positions in
            let mask = positions.count - 1
            var slot = home(key)
            while true {
                let position = Int(positions[slot]) - 1
                if position < 0 { return nil }
                if cells[position].key == key { return position }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds the cell at `position` of `cells`, whose key the index does not hold yet.
    mutating func insert(_ position: Int, of cells: UnsafeBufferPointer<LedgerRun.Cell>) {
        if (count + 1) * 2 > positions.count {
            let old = positions
            positions = [Int32](repeating: 0, count: old.count * 2)
            for stored in old where stored != 0 { place(stored, key: cells[Int(stored) - 1].key) }
        }
        place(Int32(position + 1), key: cells[position].key)
        count += 1
    }

    private mutating func place(_ stored: Int32, key: UInt64) {
        let mask = positions.count - 1
        var slot = home(key)
        while positions[slot] != 0 { slot = (slot + 1) & mask }
        positions[slot] = stored
    }

    /// Indexes every cell of `cells` (distinct keys) anew, as after they were reordered.
    mutating func rebuild(_ cells: UnsafeBufferPointer<LedgerRun.Cell>) {
        removeAll(keepingCapacity: true)
        for position in cells.indices { insert(position, of: cells) }
    }

    /// Forgets every cell; with `keepingCapacity`, keeps the table's size.
    mutating func removeAll(keepingCapacity: Bool = false) {
        count = 0
        if keepingCapacity {
            positions.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            positions = [Int32](repeating: 0, count: 16)
        }
    }
}
