/// Decodes DELTA_BINARY_PACKED integers (also the lengths inside DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY): a
/// header (block size, miniblocks per block, value count, first value), then blocks of a minimum delta, one bit
/// width per miniblock, and the miniblocks' bit-packed deltas above the minimum.
struct DeltaBinaryPackedDecoder {
    private let bytes: UnsafeRawBufferPointer
    /// Where the next unread byte is; after ``decode(maximumCount:)``, the first byte after the encoded values.
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    private mutating func varint() throws(ParquetErrorMessage) -> UInt64 {
        guard case .success(let value) = ULEB128.read(bytes, at: &offset, end: bytes.count, maximumBits: 64) else {
            throw ParquetErrorMessage("a DELTA_BINARY_PACKED header cut short or too long")
        }
        return value
    }

    private mutating func zigzag() throws(ParquetErrorMessage) -> UInt64 {
        let value = try varint()
        return (value >> 1) ^ (0 &- (value & 1))
    }

    /// Decodes the values (as 64-bit two's complement; an INT32 column truncates them), at most `maximumCount`.
    mutating func decode(maximumCount: Int) throws(ParquetErrorMessage) -> [UInt64] {
        let blockSize = try varint(), miniblocks = try varint(), total = try varint()
        var previous = try zigzag()
        guard blockSize > 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
            (blockSize / miniblocks) % 8 == 0
        else {
            throw ParquetErrorMessage("a DELTA_BINARY_PACKED block of \(blockSize) values in \(miniblocks) miniblocks")
        }
        guard total <= UInt64(maximumCount) else {
            throw ParquetErrorMessage("\(total) DELTA_BINARY_PACKED values where at most \(maximumCount) are expected")
        }
        let count = Int(total), perMiniblock = Int(blockSize / miniblocks)
        var values: [UInt64] = []
        values.reserveCapacity(count)
        if count > 0 { values.append(previous) }
        while values.count < count {
            let minimumDelta = try zigzag()
            guard bytes.count - offset >= Int(miniblocks) else { throw ParquetErrorMessage("DELTA_BINARY_PACKED bit widths cut short") }
            let widthsStart = offset
            offset += Int(miniblocks)
            for miniblock in 0..<Int(miniblocks) where values.count < count {
                let width = Int(bytes[widthsStart + miniblock])
                guard width <= 64 else { throw ParquetErrorMessage("a DELTA_BINARY_PACKED bit width of \(width)") }
                let used = min(perMiniblock, count - values.count)
                guard bytes.count - offset >= (used * width + 7) / 8 else {
                    throw ParquetErrorMessage("a DELTA_BINARY_PACKED miniblock cut short")
                }
                var bit = 0
                for _ in 0..<used {
                    var delta: UInt64 = 0
                    var gathered = 0
                    while gathered < width {
                        let position = bit + gathered
                        let take = min(8 - position % 8, width - gathered)
                        let bits = (UInt64(bytes[offset + position / 8]) >> UInt64(position % 8)) & ((1 << UInt64(take)) - 1)
                        delta |= bits << UInt64(gathered)
                        gathered += take
                    }
                    bit += width
                    previous = previous &+ minimumDelta &+ delta
                    values.append(previous)
                }
                // A miniblock is padded to its full size; the last one may be cut by a lenient writer.
                offset += min(perMiniblock * width / 8, bytes.count - offset)
            }
        }
        return values
    }
}
