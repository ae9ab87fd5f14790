/// Decodes the RLE / bit-packed hybrid encoding (levels, dictionary indices, RLE booleans): runs of one repeated
/// value, and groups of 8 values packed at `bitWidth` bits, least significant bit first.
struct RLEHybridDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private let bitWidth: Int

    /// A decoder of `bytes` at `bitWidth` bits a value (0 ... 32).
    init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) throws(ParquetErrorMessage) {
        guard (0...32).contains(bitWidth) else { throw ParquetErrorMessage("a bit width of \(bitWidth) (0 to 32 expected)") }
        self.bytes = bytes
        self.bitWidth = bitWidth
    }

    private mutating func readVarint() throws(ParquetErrorMessage) -> UInt64 {
        guard case .success(let value) = ULEB128.read(bytes, at: &offset, end: bytes.count, maximumBits: 35) else {
            throw ParquetErrorMessage("a run header cut short or too long")
        }
        return value
    }

    /// Decodes `count` values, calling `body` with each.
    mutating func decode(count: Int, _ body: (UInt32) throws(ParquetErrorMessage) -> Void) throws(ParquetErrorMessage) {
        var left = count
        if bitWidth == 0 {  // every value is 0 and takes no bits (a column with one level, one dictionary entry)
            for _ in 0..<count { try body(0) }
            return
        }
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        while left > 0 {
            guard offset < bytes.count else {
                throw ParquetErrorMessage("the encoded values end after \(count - left) of \(count)")
            }
            let header = try readVarint()
            if header & 1 == 0 {
                let runLength = Int(header >> 1)
                let width = (bitWidth + 7) / 8
                guard bytes.count - offset >= width else { throw ParquetErrorMessage("a run's value cut short") }
                var value: UInt64 = 0
                for index in 0..<width { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
                offset += width
                guard value <= mask else { throw ParquetErrorMessage("a run value wider than \(bitWidth) bits") }
                for _ in 0..<min(runLength, left) { try body(UInt32(value)) }
                left -= min(runLength, left)
            } else {
                let groups = Int(header >> 1)
                let valuesInRun = groups * 8
                let used = min(valuesInRun, left)
                // The last run may be cut after its last needed value; it must hold at least those.
                let bytesNeeded = (used * bitWidth + 7) / 8
                guard bytes.count - offset >= bytesNeeded else {
                    throw ParquetErrorMessage("a bit-packed run of \(valuesInRun) values cut short")
                }
                var bitOffset = 0
                for _ in 0..<used {
                    var value: UInt64 = 0
                    var gathered = 0
                    while gathered < bitWidth {
                        let byteIndex = offset + (bitOffset + gathered) / 8
                        let bitInByte = (bitOffset + gathered) % 8
                        let take = min(8 - bitInByte, bitWidth - gathered)
                        let bits = (UInt64(bytes[byteIndex]) >> UInt64(bitInByte)) & ((1 << UInt64(take)) - 1)
                        value |= bits << UInt64(gathered)
                        gathered += take
                    }
                    bitOffset += bitWidth
                    try body(UInt32(value & mask))
                }
                offset += min(groups * bitWidth, bytes.count - offset)
                left -= used
            }
        }
    }

    /// The number of bits needed for values up to `maximum`.
    static func bitWidth(forMaximum maximum: Int) -> Int {
        maximum <= 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
    }
}
