/// A 256 KiB byte buffer that hands full chunks to a sink, so output streams with bounded memory.
final class SampleOutputBuffer {
    static let capacity = 256 * 1024
    /// Room that must be free before a row is started; rows are far shorter.
    static let rowReserve = 16 * 1024

    private let storage: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    /// Bytes handed to the sink so far.
    private(set) var flushedBytes = 0
    private let sink: (UnsafeRawBufferPointer) throws -> Void

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        storage = .allocate(capacity: Self.capacity)
        self.sink = sink
    }

    deinit { storage.deallocate() }

    /// Total bytes produced (flushed and pending).
    var totalBytes: Int { flushedBytes + count }

    /// Flushes when less than ``rowReserve`` bytes are free.
    @inline(__always)
    func reserveRow() throws {
        if count > Self.capacity - Self.rowReserve { try flush() }
    }

    func flush() throws {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(start: storage, count: count))
        flushedBytes += count
        count = 0
    }

    /// The next free byte; callers write at most the reserve and then ``advance(by:)``.
    @inline(__always)
    var cursor: UnsafeMutablePointer<UInt8> { storage + count }

    @inline(__always)
    func advance(by length: Int) { count += length }

    @inline(__always)
    func append(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        precondition(bytes.count <= Self.capacity - count, "a field exceeds the output buffer")
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private static let powersOfTen: [UInt64] = (0..<20).map { exponent in
        var value: UInt64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Writes an unsigned integer in decimal.
    @inline(__always)
    func appendInteger(_ value: UInt64) {
        var digits = 1
        while digits < 20 && value >= Self.powersOfTen[digits] { digits += 1 }
        var rest = value
        var index = count + digits - 1
        for _ in 0..<digits {
            storage[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
            index -= 1
        }
        count += digits
    }

    /// Writes `value` exactly in plain decimal notation, keeping at least `minimumPlaces` fractional digits
    /// (0: the same text as `FixedDecimal.description`; 10 for a 10-decimal rate like `0.0000166667`).
    func appendDecimal(_ value: FixedDecimal, minimumPlaces: Int = 0) {
        let units = value.units
        if units < 0 { append(UInt8(ascii: "-")) }
        let (upper, low) = Self.divide(units.magnitude, by: 1_000_000_000_000)
        let (integer, high) = Self.divide(upper, by: 1_000_000_000_000)
        precondition(integer <= UInt128(UInt64.max))
        appendInteger(UInt64(integer))
        guard high != 0 || low != 0 || minimumPlaces > 0 else { return }
        storage[count] = UInt8(ascii: ".")
        let start = count + 1
        if low == 0 {  // at most 12 decimals, the usual case (costs have 10)
            var digits = 12
            var value = high
            while digits > minimumPlaces && value % 10 == 0 {
                value /= 10
                digits -= 1
            }
            var index = start + digits - 1
            while index >= start {
                storage[index] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
                value /= 10
                index -= 1
            }
            count = start + digits
            return
        }
        Self.writeTwelveDigits(high, to: storage + start)
        Self.writeTwelveDigits(low, to: storage + start + 12)
        var keep = 24
        while keep > minimumPlaces && storage[start + keep - 1] == 0x30 { keep -= 1 }
        count = start + keep
    }

    @inline(__always)
    private static func writeTwelveDigits(_ value: UInt64, to output: UnsafeMutablePointer<UInt8>) {
        var rest = value
        var index = 11
        while index >= 0 {
            output[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
            index -= 1
        }
    }

    /// 128-by-64-bit division with hardware 64-bit steps.
    @inline(__always)
    private static func divide(_ value: UInt128, by divisor: UInt64) -> (quotient: UInt128, remainder: UInt64) {
        let high = UInt64(truncatingIfNeeded: value >> 64)
        let low = UInt64(truncatingIfNeeded: value)
        let highQuotient = high / divisor
        let (lowQuotient, remainder) = divisor.dividingFullWidth((high % divisor, low))
        return ((UInt128(highQuotient) << 64) | UInt128(lowQuotient), remainder)
    }
}
