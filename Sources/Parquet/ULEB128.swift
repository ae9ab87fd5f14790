/// Unsigned LEB128 varints, as Thrift's compact protocol, RLE run headers and DELTA_BINARY_PACKED headers write
/// them: seven bits a byte, lowest first, the high bit set on every byte but the last.
enum ULEB128 {
    /// Why no varint could be read.
    enum Failure: Error { case cutShort, tooLong }

    /// The varint at `offset` (which moves past it) in `bytes[..<end]`, of at most `maximumBits` bits.
    static func read<Bytes: RandomAccessCollection>(_ bytes: Bytes, at offset: inout Int, end: Int, maximumBits: Int)
        -> Result<UInt64, Failure> where Bytes.Index == Int, Bytes.Element == UInt8
    {
        var result: UInt64 = 0
        var shift = 0
        while true {
            guard offset < end else { return .failure(.cutShort) }
            let byte = bytes[offset]
            offset += 1
            guard shift < maximumBits else { return .failure(.tooLong) }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return .success(result) }
            shift += 7
        }
    }
}
