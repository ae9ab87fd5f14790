/// Where the bytes that matter to the CSV grammar (quote, comma, LF, CR) are in a block of 64 bytes, as one bit per
/// byte: what ``CSVReader`` walks a record by, bit by bit, instead of byte by byte.
enum CSVSpecialBytes {
    /// The bytes a block holds.
    static let blockSize = 64

    /// Bit `i` is set when byte `i` of the 64 bytes at `bytes` is a quote, comma, LF or CR.
    @inline(__always)
    static func mask(_ bytes: UnsafePointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawPointer(bytes)
        return mask16(raw) | mask16(raw + 16) << 16 | mask16(raw + 32) << 32 | mask16(raw + 48) << 48
    }

    /// Walks the special bytes of a buffer in order from an offset, a block at a time, as far as whole blocks lie
    /// before `end`.
    struct Cursor {
        let bytes: UnsafePointer<UInt8>
        let end: Int
        /// The offset of the block whose bits are in ``bits``.
        private(set) var block: Int
        /// The block's special bytes not walked past yet.
        private(set) var bits: UInt64

        /// A cursor at `offset`: its block starts there.
        init?(bytes: UnsafePointer<UInt8>, end: Int, at offset: Int) {
            guard offset + blockSize <= end else { return nil }
            self.init(bytes: bytes, end: end, block: offset, bits: mask(bytes + offset))
        }

        /// A cursor that goes on from a block and its bits left.
        init(bytes: UnsafePointer<UInt8>, end: Int, block: Int, bits: UInt64) {
            self.bytes = bytes
            self.end = end
            self.block = block
            self.bits = bits
        }

        /// The offset of the next special byte (walked past), or -1 when it is not in a whole block before `end`.
        @inline(__always)
        mutating func next() -> Int {
            while bits == 0 {
                block += blockSize
                if block + blockSize > end { return -1 }
                bits = mask(bytes + block)
            }
            let offset = block + bits.trailingZeroBitCount
            bits &= bits &- 1
            return offset
        }
    }

    /// The same for 16 bytes: compared lane by lane (vector instructions), each lane 1 or 0, then the eight lanes of
    /// each half gathered into a byte by one multiplication (lane `j` lands on bit 56 + `j`, no two products overlap).
    @inline(__always)
    private static func mask16(_ raw: UnsafeRawPointer) -> UInt64 {
        // Each constant typed in full: `SIMD16(repeating:)` with the lane type inferred picks the generic comparison,
        // which compares lane by lane in a loop.
        let lanes = raw.loadUnaligned(as: SIMD16<UInt8>.self)
        let quotes = SIMD16<UInt8>(repeating: 0x22), commas = SIMD16<UInt8>(repeating: 0x2C)
        let lineFeeds = SIMD16<UInt8>(repeating: 0x0A), returns = SIMD16<UInt8>(repeating: 0x0D)
        let special = (lanes .== quotes) .| (lanes .== commas) .| (lanes .== lineFeeds) .| (lanes .== returns)
        let ones = SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: special)
        let halves = unsafeBitCast(ones, to: SIMD2<UInt64>.self)
        let gather: UInt64 = 0x0102_0408_1020_4080
        return (halves[0] &* gather) >> 56 | ((halves[1] &* gather) >> 56) << 8
    }
}
