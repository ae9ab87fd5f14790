/// A SplitMix64 pseudo-random generator: small, fast and identical on every machine.
///
/// Independent streams come from hashing the seed with stream keys, so the usage of a function in an
/// hour can be recomputed without replaying the whole month.
struct SampleRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for the stream identified by `keys` under `seed`.
    init(seed: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) {
        var hash = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        hash = Self.mix(hash ^ (a &+ 0x632B_E59B_D9B4_E019))
        hash = Self.mix(hash ^ (b &+ 0x8CB9_2BA7_2F3D_8DD7))
        hash = Self.mix(hash ^ (c &+ 0xD6E8_FEB8_6659_FD93))
        state = hash
    }

    /// The SplitMix64 finalizer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit hash of text (FNV-1a, then mixed), independent of the process.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return mix(hash)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A value in `0..<bound` (multiply-high reduction; the tiny bias is irrelevant here).
    mutating func next(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + next(below: range.upperBound - range.lowerBound + 1)
    }

    /// `true` with a probability of `percent` / 100.
    mutating func chance(percent: Int) -> Bool { next(below: 100) < percent }

    /// A random element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T { elements[next(below: elements.count)] }

    /// An index drawn with the given integer weights.
    mutating func index(weights: [Int]) -> Int {
        var draw = next(below: weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    private static let base32: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// Writes a 52-character lowercase base32 identifier (256 random bits, like `identity/LineItemId`).
    mutating func writeLineItemID(to output: UnsafeMutablePointer<UInt8>) {
        let w0 = next(), w1 = next(), w2 = next(), w3 = next()
        @inline(__always) func word(_ index: Int) -> UInt64 {
            index == 0 ? w0 : index == 1 ? w1 : index == 2 ? w2 : w3
        }
        var character = 0
        while character < 51 {
            let bit = character * 5
            let index = bit >> 6
            let offset = bit & 63
            let value: UInt64
            if offset <= 59 {
                value = word(index) >> UInt64(59 - offset)
            } else {
                value = (word(index) << UInt64(offset - 59)) | (word(index + 1) >> UInt64(123 - offset))
            }
            output[character] = Self.base32[Int(value & 31)]
            character += 1
        }
        output[51] = Self.base32[Int((w3 & 1) << 4)]  // the last bit, zero-padded like real IDs
    }
}
