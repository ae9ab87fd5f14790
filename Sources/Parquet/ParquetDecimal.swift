/// An exact DECIMAL value: an unscaled integer and its scale (`12345` at scale 2 is 123.45).
public struct ParquetDecimal: Sendable, Hashable, CustomStringConvertible {
    public var unscaled: Int128
    public var scale: Int

    public init(unscaled: Int128, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// A DECIMAL stored as a big-endian two's-complement BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY; `nil` when it has
    /// more than 16 bytes of significance (beyond precision 38) or no bytes.
    public init?(bigEndian bytes: some Collection<UInt8>, scale: Int) {
        guard let first = bytes.first else { return nil }
        let sign: UInt8 = first & 0x80 == 0 ? 0x00 : 0xFF
        var significant = bytes[...]
        // Leading sign-extension bytes add nothing (a 17-byte encoding of a 38-digit value is accepted).
        while significant.count > 16, significant.first == sign { significant = significant.dropFirst() }
        guard significant.count <= 16 else { return nil }
        if let lead = significant.first, (lead & 0x80 == 0) != (sign == 0) { return nil }
        var value: UInt128 = sign == 0 ? 0 : .max
        for byte in significant { value = value << 8 | UInt128(byte) }
        self.init(unscaled: Int128(bitPattern: value), scale: scale)
    }

    /// `-123.45`: plain decimal text with exactly `scale` decimals (a negative scale multiplies).
    public var description: String {
        let digits = String(unscaled.magnitude)
        let sign = unscaled < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits + String(repeating: "0", count: unscaled == 0 ? 0 : -scale) }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }
}
