import Testing
@testable import LambdaCostKit

/// The fast paths of the per-row parsing give what the full parse gives: ``FixedDecimal/parsePlain(_:)`` (for the text
/// it takes) against ``FixedDecimal/parseInFull(_:)``, and ``UsageHourCache`` against ``UsageHour/parse(_:truncating:)``.
@Suite struct ParseFastPathTests {
    static func parsed(_ text: String, _ parse: (UnsafeBufferPointer<UInt8>) -> FixedDecimal?) -> FixedDecimal? {
        Array(text.utf8).withUnsafeBufferPointer(parse)
    }

    /// Texts near every edge of the fast path: signs, points, zeros, 19 and 20 digits, 24 and 25 places, the range.
    static let edges = [
        "0", "-0", "+0", "1", "-1", "+7.", ".5", "-.5", "0.0000166667", "1206.42225", "0.0201070777", "0000000000000000012",
        "1234567890123456789", "12345678901234567890", "0.123456789012345678", "-9.999999999999999999",
        "0.000000000000000000000001", "0.0000000000000000000000001", "170141183460469.2317", "170141183460469.2318",
        "-170141183460469.2318", "170141183460470", "99999999999999999.99", "1.", ".", "-", "+", "", "1..2", "1e5", "1,5",
        "١", " 1", "1 ", "0x10", "--1",
    ]

    @Test func thePlainPathGivesWhatTheFullParseGives() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+e".utf8)
        var texts = Self.edges
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...22, using: &generator)
            var bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x30...0x39, using: &generator) : alphabet.randomElement(using: &generator)!
            }
            if Int.random(in: 0..<4, using: &generator) == 0 { bytes = bytes.filter { $0 >= 0x30 && $0 <= 0x39 } + [0x2E, 0x35] }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        var taken = 0
        for text in texts {
            let full = Array(text.utf8).withUnsafeBufferPointer { FixedDecimal.parseInFull($0) }
            guard let plain = Self.parsed(text, FixedDecimal.parsePlain) else { continue }
            taken += 1
            #expect(full == .success(FixedDecimal.Parsed(value: plain, wasRounded: false)), "\(text)")
        }
        // The fast path takes most of these texts' plain numbers, not none.
        #expect(taken > 1_000)
        #expect(Self.parsed("1206.42225", FixedDecimal.parsePlain) == FixedDecimal(parsing: "1206.42225"))
        #expect(Self.parsed("12345678901234567890", FixedDecimal.parsePlain) == nil)
        #expect(Self.parsed("170141183460470", FixedDecimal.parsePlain) == nil)  // out of range: the full parse says so
    }

    @Test func theHourCacheGivesWhatTheParseGives() {
        var cache = UsageHourCache()
        let texts = ["2026-10-01T00:00:00Z", "2026-10-01T00:00:00Z", "2026-10-01T01:00:00Z", "2026-10-01T01:00:00Z",
                     "2026-10-01T01:30:00Z", "2026-10-01T01:00:00.000000000", "garbage", "2026-10-01T01:00:00Z",
                     "2026-10-31T23:00:00Z", "2026-10-31T23:00:00Z", "", "2026-10-31T23:00:00Z", "2026-10-01T24:00:00Z",
                     "2026-10-01T01:00:00Z"]
        for text in texts {
            let bytes = Array(text.utf8)
            let cached = bytes.withUnsafeBufferPointer { cache.parse($0) }
            let parsed = bytes.withUnsafeBufferPointer { UsageHour.parse($0, truncating: true) }
            #expect(cached == parsed, "\(text)")
        }
    }
}
