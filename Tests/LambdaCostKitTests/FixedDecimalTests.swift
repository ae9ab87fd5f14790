import Testing
@testable import LambdaCostKit

@Suite struct FixedDecimalTests {
    func parse(_ text: String) -> FixedDecimal.Parsed? {
        var text = text
        guard case .success(let parsed) = text.withUTF8({ FixedDecimal.parse($0) }) else { return nil }
        return parsed
    }

    @Test(arguments: [
        ("0.0000166667", "0.0000166667"), ("1.501875", "1.501875"), ("-12.5", "-12.5"), ("2e-7", "0.0000002"),
        ("7.39e-8", "0.0000000739"), ("7.39E-8", "0.0000000739"), ("+3", "3"), ("0", "0"), ("-0", "0"),
        ("1.", "1"), (".5", "0.5"), ("1e3", "1000"), ("0.0000000000", "0"), ("123456789012.34", "123456789012.34"),
        ("4.1666700000000003e-6", "0.0000041666700000000003"),
    ])
    func parsesWhatCURFilesWrite(text: String, expected: String) {
        #expect(parse(text)?.value.description == expected)
        #expect(parse(text)?.wasRounded == false)
    }

    @Test(arguments: ["", "-", "abc", "1.2.3", "1e", "1e+", "--1", "1,5", "NaN", "Inf", " 1", "1 "])
    func rejectsWhatIsNotANumber(text: String) {
        #expect(parse(text) == nil)
    }

    /// The scale and the magnitude limit are written out as literals (constants in the binary): they are 10²⁴ and 10¹².
    @Test func theWrittenOutConstantsAreThePowersOfTen() {
        #expect(FixedDecimal.scale == powerOfTen(FixedDecimal.fractionDigits))
        #expect(FixedDecimal(1).units == powerOfTen(24))
        #expect(MagnitudeGuard.limit.units == powerOfTen(12) * powerOfTen(24))
        #expect(MagnitudeGuard.limit.description == "1000000000000")
    }

    @Test func rejectsValuesOutOfRange() {
        var text = "200000000000000"  // 2e14 > 1.7e14
        #expect(text.withUTF8 { FixedDecimal.parse($0) } == .failure(.outOfRange))
    }

    @Test func roundsDigitsBeyondTwentyFourPlacesHalfAwayFromZero() {
        let up = parse("0.0000000000000000000000015")  // 1.5e-24
        #expect(up?.value.units == 2)
        #expect(up?.wasRounded == true)
        let down = parse("-0.0000000000000000000000014")
        #expect(down?.value.units == -1)
        #expect(parse("1.2345678901234567e-9")?.value.description == "0.000000001234567890123457")
    }

    @Test func sumsExactlyWhereDoublesDoNot() {
        let tenth = FixedDecimal(parsing: "0.1")!
        var sum = FixedDecimal.zero
        for _ in 0..<10 { sum += tenth }
        #expect(sum == FixedDecimal(1))
        #expect(FixedDecimal(parsing: "0.0000007572")! + FixedDecimal(parsing: "1.9539")! == FixedDecimal(parsing: "1.9539007572")!)
    }

    @Test func multipliesQuantityByRateExactly() {
        // 1,536 MB for 3,000,000 requests of 120 ms = 540,000 GB-s at $0.0000166667 = $9.000018 (hand-checked).
        let gbSeconds = FixedDecimal(3_000_000) * FixedDecimal(parsing: "0.12")! * FixedDecimal(parsing: "1.5")!
        #expect(gbSeconds == FixedDecimal(540_000))
        #expect((gbSeconds * FixedDecimal(parsing: "0.0000166667")!).description == "9.000018")
        // 1.501875 GB-s × 0.0000166667 = 0.0000250313 (the real sample's public on-demand cost, rounded by AWS).
        #expect((FixedDecimal(parsing: "1.501875")! * FixedDecimal(parsing: "0.0000166667")!).description == "0.0000250313000625")
    }

    @Test func dividesWithRoundingHalfAwayFromZero() {
        #expect(FixedDecimal(2).divided(by: 3).description == "0.666666666666666666666667")
        #expect(FixedDecimal(-2).divided(by: 3).description == "-0.666666666666666666666667")
        #expect(FixedDecimal(1536).divided(by: FixedDecimal(1024)).description == "1.5")
    }

    @Test(arguments: [
        ("1.005", "1.01"), ("1.004999", "1.00"), ("-1.005", "-1.01"), ("2.5", "2.50"), ("0.0049", "0.00"),
        ("-0.0050", "-0.01"), ("123.455", "123.46"),
    ])
    func roundsToCentsHalfAwayFromZero(value: String, cents: String) {
        #expect(FixedDecimal(parsing: value)!.formatted(places: 2) == cents)
    }

    @Test func formatsForPeople() {
        #expect(Format.usd(FixedDecimal(parsing: "1234567.895")!) == "$1,234,567.90")
        #expect(Format.usd(FixedDecimal(parsing: "-0.3")!) == "-$0.30")
        #expect(Format.usd(.zero) == "$0.00")
        #expect(Format.quantity(FixedDecimal(parsing: "27637.75")!, places: 1) == "27,637.8")
        // Every digit count, both signs, half-cent rounding: a comma before each group of three integer digits.
        for (text, shown) in [("0.005", "$0.01"), ("-999.994", "-$999.99"), ("999.995", "$1,000.00"), ("12", "$12.00"),
                              ("-1234", "-$1,234.00"), ("12345.6", "$12,345.60"), ("-123456", "-$123,456.00"),
                              ("100000000000", "$100,000,000,000.00"), ("-99999999999.999", "-$100,000,000,000.00")] {
            #expect(Format.usd(FixedDecimal(parsing: text)!) == shown, "\(text)")
        }
    }

    @Test func ceilingRoundsUpToWholeUnits() {
        #expect(FixedDecimal(parsing: "1.001")!.ceiling == FixedDecimal(2))
        #expect(FixedDecimal(parsing: "-1.5")!.ceiling == FixedDecimal(-1))
        #expect(FixedDecimal(3).ceiling == FixedDecimal(3))
    }

    /// The digits of any value, at the ends of the range and across the 10¹² and 2⁶⁴ boundaries of the halves the
    /// formatting divides in, are those of the value written out by plain 128-bit division and `String(_:)`.
    @Test func writesTheDigitsOfAnyValue() {
        func written(_ units: Int128, minimumPlaces: Int) -> String {
            let scale: UInt128 = 1_000_000_000_000_000_000_000_000
            let fraction = String(units.magnitude % scale)
            var digits = String(repeating: "0", count: 24 - fraction.count) + fraction
            while digits.count > minimumPlaces, digits.hasSuffix("0") { digits.removeLast() }
            return (units < 0 ? "-" : "") + String(units.magnitude / scale) + (digits.isEmpty ? "" : "." + digits)
        }
        var values: [Int128] = [0, 1, -1, 9, 10, 999_999_999_999, 1_000_000_000_000, 1_000_000_000_001,
                                FixedDecimal.scale - 1, FixedDecimal.scale, FixedDecimal.scale + 1, Int128(UInt64.max),
                                Int128(UInt64.max) + 1, Int128.max, Int128.min, Int128.min + 1]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for _ in 0..<2_000 {
            let value = Int128(truncatingIfNeeded: UInt128(next()) << 64 | UInt128(next()))
            values.append(value >> Int(next() % 127))
        }
        for value in values + values.map { $0 == .min ? .max : -$0 } {
            #expect(FixedDecimal(units: value).description == written(value, minimumPlaces: 0), "\(value)")
            // Rounding at the very ends of the range would leave it.
            guard value.magnitude < UInt128(1) << 126 else { continue }
            let places = Int(UInt64(truncatingIfNeeded: value.magnitude) % 25)
            let rounded = FixedDecimal(units: value).rounded(places: places)
            #expect(FixedDecimal(units: value).formatted(places: places) == written(rounded.units, minimumPlaces: places), "\(value)")
        }
    }
}
