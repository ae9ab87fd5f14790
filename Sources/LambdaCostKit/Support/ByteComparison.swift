/// Byte equality for the fields compared on every row (a currency, a product code, a cached usage hour, a cache key's
/// fields, a tag value): a few to a hundred bytes, compared inline eight at a time, for which a call to `memcmp`
/// costs more than the comparison.
enum ByteComparison {
    /// Whether the `count` bytes at `lhs` and at `rhs` are the same.
    @inline(__always)
    static func equal(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, count: Int) -> Bool {
        if count >= 8 {
            var index = 0
            while index + 8 <= count {
                guard lhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) == rhs.loadUnaligned(fromByteOffset: index, as: UInt64.self) else {
                    return false
                }
                index += 8
            }
            // The last bytes as the last eight, which overlap the words compared already.
            return index == count
                || lhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == rhs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        for index in 0..<max(0, count) where lhs.load(fromByteOffset: index, as: UInt8.self) != rhs.load(fromByteOffset: index, as: UInt8.self) {
            return false
        }
        return true
    }
}
