import Testing

@testable import LambdaCostKit

/// The fast formatting (``FixedDecimal/description``, ``FixedDecimal/formatted(places:)``, ``Format/quantity(_:places:)``,
/// ``Format/usd(_:)``) against plain reference implementations, digit by digit, on extremes and random values.
@Suite struct DecimalFormattingTests {
    /// The fraction digit by digit in 128-bit arithmetic, as the formatter did before it worked in halves.
    static func referenceText(_ units: Int128, minimumPlaces: Int) -> String {
        let magnitude = units.magnitude
        let scale = UInt128(10).power(FixedDecimal.fractionDigits)
        var fraction = magnitude % scale
        var digits: [Character] = []
        for _ in 0..<FixedDecimal.fractionDigits {
            digits.append(Character(String(fraction % 10)))
            fraction /= 10
        }
        digits.reverse()
        while digits.count > minimumPlaces, digits.last == "0" { digits.removeLast() }
        return (units < 0 ? "-" : "") + String(magnitude / scale) + (digits.isEmpty ? "" : "." + String(digits))
    }

    /// Thousands separators with characters, as the formatter did before it worked on bytes.
    static func referenceGrouped(_ plain: String, prefix: String = "") -> String {
        let negative = plain.hasPrefix("-")
        let parts = (negative ? String(plain.dropFirst()) : plain).split(separator: ".", maxSplits: 1)
        var grouped: [Character] = []
        for (offset, character) in parts[0].reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + prefix + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    static var values: [FixedDecimal] {
        var values: [Int128] = [0, 1, -1, 9, 10, 999_999_999_999, 1_000_000_000_000, Int128.max, Int128.min + 1,
                                FixedDecimal(parsing: "0.0000166667")!.units, FixedDecimal(parsing: "-1234567.505")!.units,
                                FixedDecimal(parsing: "0.000000000000000000000001")!.units, FixedDecimal(parsing: "170141183460469.231731687303715884105727")?.units ?? 0]
        var generator = SplitMix(seed: 16)
        for _ in 0..<2_000 {
            let high = Int128(Int64(bitPattern: generator.next())) >> Int(generator.next() % 64)
            values.append(high << 64 | Int128(generator.next()))
            values.append(Int128(Int64(bitPattern: generator.next())) >> Int(generator.next() % 60))
        }
        return values.map(FixedDecimal.init(units:))
    }

    @Test func decimalTextMatchesTheReference() {
        for value in Self.values {
            #expect(value.description == Self.referenceText(value.units, minimumPlaces: 0))
            for places in [0, 1, 2, 6, 10, 24] where value.magnitudeFitsFormatting {
                #expect(value.formatted(places: places) == Self.referenceText(value.rounded(places: places).units, minimumPlaces: places))
            }
        }
    }

    @Test func groupedTextMatchesTheReference() {
        for value in Self.values where value.magnitudeFitsFormatting {
            #expect(Format.quantity(value, places: 3) == Self.referenceGrouped(value.formatted(places: 3)))
            #expect(Format.quantity(value, places: 0) == Self.referenceGrouped(value.formatted(places: 0)))
            #expect(Format.usd(value) == Self.referenceGrouped(value.formatted(places: 2), prefix: "$"))
        }
        #expect(Format.usd(FixedDecimal(parsing: "-1234.5")!) == "-$1,234.50")
        #expect(Format.quantity(FixedDecimal(parsing: "1234567.5")!, places: 1) == "1,234,567.5")
        #expect(Format.groupingThousands("1234") == "1,234" && Format.groupingThousands("123") == "123")
    }
}

private extension FixedDecimal {
    /// Rounding to whole units near `Int128`'s ends would overflow; those values are left to the decimal test.
    var magnitudeFitsFormatting: Bool { units.magnitude < UInt128(Int128.max) / 2 }
}

private extension UInt128 {
    func power(_ exponent: Int) -> UInt128 { (0..<exponent).reduce(1) { value, _ in value * self } }
}
