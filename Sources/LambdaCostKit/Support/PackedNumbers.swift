/// Up to 32 optional `Int128` fields (a ``FixedDecimal``'s units, or a whole number) in a few bytes each: a
/// bit per field says whether it is present, and the present values follow one another in field order, each as
/// its count of trailing decimal zeros (one byte) and the rest as a zigzag LEB128 varint. `1.5` as units
/// (1.5 × 10²⁴) takes 3 bytes instead of the 32 of a `FixedDecimal?`.
///
/// The encoding of a set of values is unique, so two equal sets compare equal byte for byte.
struct PackedNumbers: Equatable, Sendable {
    static let capacity = 32
    private var present: UInt32 = 0
    private var bytes: [UInt8] = []

    init() {}

    subscript(field: Int) -> Int128? {
        get {
            precondition((0..<Self.capacity).contains(field))
            guard present & (1 << field) != 0 else { return nil }
            var offset = 0
            for _ in 0..<(present & ((1 << field) - 1)).nonzeroBitCount { offset = Self.skip(bytes, from: offset) }
            return Self.decode(bytes, from: offset).value
        }
        set {
            precondition((0..<Self.capacity).contains(field))
            let bit = UInt32(1) << field
            if let newValue, present & ~(bit - 1) == 0 {
                // Past every present field (the usual order of a reader): appended.
                Self.encode(newValue, into: &bytes)
                present |= bit
                return
            }
            guard newValue != nil || present & bit != 0 else { return }
            var values: [(field: Int, value: Int128)] = []
            var offset = 0
            for index in 0..<Self.capacity where present & (1 << index) != 0 {
                let decoded = Self.decode(bytes, from: offset)
                offset = decoded.end
                if index != field { values.append((index, decoded.value)) }
            }
            if let newValue { values.append((field, newValue)) }
            values.sort { $0.field < $1.field }
            present = 0
            bytes = []
            for (index, value) in values {
                present |= 1 << index
                Self.encode(value, into: &bytes)
            }
        }
    }

    private static func encode(_ value: Int128, into bytes: inout [UInt8]) {
        var significand = value
        var zeros = 0
        if significand != 0 {
            for step in [32, 16, 8, 4, 2, 1] where zeros + step <= 38 {
                let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: powerOfTen(step))
                if remainder == 0 {
                    significand = quotient
                    zeros += step
                }
            }
        }
        bytes.append(UInt8(zeros))
        var zigzag = UInt128(bitPattern: (significand << 1) ^ (significand >> 127))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    private static func decode(_ bytes: [UInt8], from start: Int) -> (value: Int128, end: Int) {
        let zeros = Int(bytes[start])
        var zigzag: UInt128 = 0
        var shift: UInt128 = 0
        var offset = start + 1
        while true {
            let byte = bytes[offset]
            offset += 1
            zigzag |= UInt128(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        let significand = Int128(bitPattern: zigzag >> 1) ^ -Int128(bitPattern: zigzag & 1)
        return (significand * powerOfTen(zeros), offset)
    }

    private static func skip(_ bytes: [UInt8], from start: Int) -> Int {
        var offset = start + 1
        while bytes[offset] >= 0x80 { offset += 1 }
        return offset + 1
    }
}
