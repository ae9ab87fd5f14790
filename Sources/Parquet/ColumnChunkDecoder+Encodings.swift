/// The encodings newer writers choose for some columns: DELTA_BINARY_PACKED (INT32, INT64),
/// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (byte arrays), BYTE_STREAM_SPLIT (fixed-width values).
extension ColumnChunkDecoder {
    /// The most bytes DELTA_BYTE_ARRAY values may expand to in one page (each value repeats a prefix of the one
    /// before, so a few bytes can claim many).
    static let maximumExpandedBytes = maximumBytes

    mutating func appendDeltaBinaryPacked(_ count: Int, _ bytes: UnsafeRawBufferPointer) throws(ParquetErrorMessage) {
        var decoder = DeltaBinaryPackedDecoder(bytes)
        let values = try decoder.decode(maximumCount: count)
        guard values.count == count else { throw ParquetErrorMessage("\(values.count) DELTA_BINARY_PACKED values where \(count) are expected") }
        switch type {
        case .int32: int32s += values.map { Int32(truncatingIfNeeded: $0) }
        case .int64: int64s += values.map { Int64(bitPattern: $0) }
        default: throw ParquetErrorMessage("DELTA_BINARY_PACKED for a \(type) column (INT32 or INT64 expected)")
        }
    }

    /// Lengths (DELTA_BINARY_PACKED), then the values' bytes one after the other; returns the values' ranges.
    private func lengthsAndData(_ count: Int, _ bytes: UnsafeRawBufferPointer, from start: Int) throws(ParquetErrorMessage) -> (ranges: [Range<Int>], end: Int) {
        var decoder = DeltaBinaryPackedDecoder(bytes, offset: start)
        let lengths = try decoder.decode(maximumCount: count)
        guard lengths.count == count else { throw ParquetErrorMessage("\(lengths.count) lengths where \(count) are expected") }
        var cursor = decoder.offset
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for length in lengths {
            guard length <= UInt64(bytes.count - cursor) else { throw ParquetErrorMessage("a value of \(Int64(bitPattern: length)) bytes past the page's end") }
            ranges.append(cursor..<cursor + Int(length))
            cursor += Int(length)
        }
        return (ranges, cursor)
    }

    mutating func appendDeltaLengthByteArray(_ count: Int, _ bytes: UnsafeRawBufferPointer) throws(ParquetErrorMessage) {
        guard type == .byteArray else { throw ParquetErrorMessage("DELTA_LENGTH_BYTE_ARRAY for a \(type) column (BYTE_ARRAY expected)") }
        for range in try lengthsAndData(count, bytes, from: 0).ranges {
            byteArrays.append(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
    }

    mutating func appendDeltaByteArray(_ count: Int, _ bytes: UnsafeRawBufferPointer) throws(ParquetErrorMessage) {
        guard type == .byteArray || type == .fixedLengthByteArray else {
            throw ParquetErrorMessage("DELTA_BYTE_ARRAY for a \(type) column (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY expected)")
        }
        var decoder = DeltaBinaryPackedDecoder(bytes)
        let prefixes = try decoder.decode(maximumCount: count)
        guard prefixes.count == count else { throw ParquetErrorMessage("\(prefixes.count) prefix lengths where \(count) are expected") }
        let suffixes = try lengthsAndData(count, bytes, from: decoder.offset).ranges
        var previous: [UInt8] = []
        var expanded = 0
        for (prefix, suffix) in zip(prefixes, suffixes) {
            guard prefix <= UInt64(previous.count) else {
                throw ParquetErrorMessage("a prefix of \(Int64(bitPattern: prefix)) bytes of a \(previous.count)-byte value")
            }
            var value = Array(previous[..<Int(prefix)])
            value += UnsafeRawBufferPointer(rebasing: bytes[suffix])
            expanded += value.count
            guard expanded <= Self.maximumExpandedBytes else {
                throw ParquetErrorMessage("DELTA_BYTE_ARRAY values expanding past \(Self.maximumExpandedBytes) bytes")
            }
            if type == .fixedLengthByteArray, value.count != fixedLength {
                throw ParquetErrorMessage("a value of \(value.count) bytes in a FIXED_LEN_BYTE_ARRAY(\(fixedLength)) column")
            }
            value.withUnsafeBytes { byteArrays.append($0) }
            previous = value
        }
    }

    /// BYTE_STREAM_SPLIT: the first bytes of every value, then the second bytes, …
    mutating func appendByteStreamSplit(_ count: Int, _ bytes: UnsafeRawBufferPointer) throws(ParquetErrorMessage) {
        let width: Int
        switch type {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLengthByteArray: width = fixedLength
        default: throw ParquetErrorMessage("BYTE_STREAM_SPLIT for a \(type) column")
        }
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, size <= bytes.count else {
            throw ParquetErrorMessage("\(count) BYTE_STREAM_SPLIT values of \(width) bytes in \(bytes.count) bytes")
        }
        var joined = [UInt8](repeating: 0, count: size)
        for value in 0..<count {
            for byte in 0..<width { joined[value * width + byte] = bytes[byte * count + value] }
        }
        _ = try joined.withBytes { (plain) throws(ParquetErrorMessage) in try appendPlain(count, from: plain, storeOnly: false) }
    }
}
