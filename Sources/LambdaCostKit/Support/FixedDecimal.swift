/// An exact signed decimal with 24 fractional digits, stored as an `Int128` count of 10⁻²⁴.
///
/// Every amount of money and every billed quantity in the project is a `FixedDecimal`: sums are exact,
/// and rounding happens only when a value is presented (``rounded(places:)``, half away from zero).
/// The range is about ±1.7 × 10¹⁴, ample for a month of usage and cost.
public struct FixedDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Number of fractional decimal digits held exactly.
    public static let fractionDigits = 24
    /// 10²⁴, written out: a constant the compiler places in the binary (a computed one is a lazy global, checked at
    /// every use, on every amount parsed).
    static let scale: Int128 = 1_000_000_000_000_000_000_000_000

    /// The value times 10²⁴.
    public var units: Int128

    /// Creates a value from its count of 10⁻²⁴.
    public init(units: Int128) { self.units = units }

    /// Creates an integral value.
    public init(_ integer: Int) { self.units = Int128(integer) * Self.scale }

    /// Creates `significand × 10^-fractionDigits` (for example `(166667, 10)` is 0.0000166667).
    public init(_ significand: Int128, fractionDigits: Int) {
        precondition((0...Self.fractionDigits).contains(fractionDigits))
        self.units = significand * powerOfTen(Self.fractionDigits - fractionDigits)
    }

    public static let zero = FixedDecimal(units: 0)

    public var isZero: Bool { units == 0 }
    public var isNegative: Bool { units < 0 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.units < rhs.units }
    public static func + (lhs: Self, rhs: Self) -> Self { Self(units: lhs.units + rhs.units) }
    public static func - (lhs: Self, rhs: Self) -> Self { Self(units: lhs.units - rhs.units) }
    public static prefix func - (value: Self) -> Self { Self(units: -value.units) }
    public static func += (lhs: inout Self, rhs: Self) { lhs.units += rhs.units }
    public static func -= (lhs: inout Self, rhs: Self) { lhs.units -= rhs.units }

    /// The product, rounded half away from zero to 24 fractional digits when it has more.
    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(units: divideRounded(lhs.units.multipliedFullWidth(by: rhs.units), by: scale))
    }

    /// Multiplies by an integer exactly.
    public static func * (lhs: Self, rhs: Int) -> Self { Self(units: lhs.units * Int128(rhs)) }

    /// The quotient, rounded half away from zero to 24 fractional digits.
    public func divided(by divisor: Self) -> Self {
        precondition(divisor.units != 0, "division by zero")
        return Self(units: Self.divideRounded(units.multipliedFullWidth(by: Self.scale), by: divisor.units))
    }

    /// `self × factor ÷ divisor` with one rounding (half away from zero) and the product held in 256 bits, so
    /// that only a result outside the range traps, not a large intermediate product.
    public func multiplied(by factor: Self, dividedBy divisor: Self) -> Self {
        precondition(divisor.units != 0, "division by zero")
        return Self(units: Self.divideRounded(units.multipliedFullWidth(by: factor.units), by: divisor.units))
    }

    /// ``multiplied(by:dividedBy:)``, or `nil` where its result would be outside the range (or `divisor` is zero)
    /// instead of trapping: for ratios of figures read from files, whose divisor can be tiny.
    public func multipliedIfRepresentable(by factor: Self, dividedBy divisor: Self) -> Self? {
        guard divisor.units != 0 else { return nil }
        return Self.divideRoundedIfRepresentable(units.multipliedFullWidth(by: factor.units), by: divisor.units).map(Self.init(units:))
    }

    /// Divides by an integer, rounding half away from zero to 24 fractional digits.
    public func divided(by divisor: Int) -> Self {
        precondition(divisor != 0, "division by zero")
        return Self(units: Self.divideRounded(units.multipliedFullWidth(by: 1), by: Int128(divisor)))
    }

    /// The smallest integer not below the value.
    public var ceiling: Self {
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: Self.scale)
        return Self(units: (quotient + (remainder > 0 ? 1 : 0)) * Self.scale)
    }

    /// The value rounded half away from zero to `places` fractional digits.
    public func rounded(places: Int) -> Self {
        precondition((0...Self.fractionDigits).contains(places))
        let step = powerOfTen(Self.fractionDigits - places)
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: step)
        var result = quotient
        if remainder.magnitude * 2 >= step.magnitude { result += units < 0 ? -1 : 1 }
        return Self(units: result * step)
    }

    /// The exact value in plain decimal notation with no trailing zeros (`"0.0000250313"`, `"-12.5"`, `"3"`).
    public var description: String { Self.format(units, minimumPlaces: 0) }

    /// The value rounded half away from zero to `places` digits and written with exactly that many
    /// (`formatted(places: 2)` of 1.005 is `"1.01"`).
    public func formatted(places: Int) -> String {
        Self.format(rounded(places: places).units, minimumPlaces: places)
    }

    /// The sign, the integer part and the fraction's digits down to the last non-zero one (at least
    /// `minimumPlaces`), written into one string. The report formats millions of amounts: the magnitude is divided
    /// by 10¹² twice in 64-bit halves (where it was divided as a 128-bit value four times), only the fraction digits
    /// written are made, and they go into one buffer that becomes the string.
    private static func format(_ units: Int128, minimumPlaces: Int) -> String {
        let magnitude = units.magnitude
        let twelve: UInt64 = 1_000_000_000_000
        // magnitude = (integer × 10¹² + high) × 10¹² + low.
        let (upperQuotient, upperRemainder) = UInt64(magnitude >> 64).quotientAndRemainder(dividingBy: twelve)
        let (middle, low) = twelve.dividingFullWidth((high: upperRemainder, low: UInt64(truncatingIfNeeded: magnitude)))
        // The quotient is below 2¹²⁸ / 10¹², so its upper half is below 10¹² and the integer part fits in 64 bits.
        let (integer, high) = twelve.dividingFullWidth((high: upperQuotient, low: middle))
        // [sign][integer digits] at most 21 bytes ending before `point`, then the point and at most 24 fraction digits.
        let point = 21
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: point + 1 + fractionDigits) { buffer in
            var start = point
            var rest = integer
            repeat {
                start -= 1
                buffer[start] = UInt8(rest % 10) + 0x30
                rest /= 10
            } while rest > 0
            if units < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            // How many fraction digits are written: down to the last non-zero one, at least `minimumPlaces`. Most
            // amounts have a few (cents), so only those are made.
            var keep = 0
            if low != 0 {
                keep = fractionDigits
                var rest = low
                while rest % 10 == 0 { rest /= 10; keep -= 1 }
            } else if high != 0 {
                keep = fractionDigits / 2
                var rest = high
                while rest % 10 == 0 { rest /= 10; keep -= 1 }
            }
            keep = max(keep, minimumPlaces)
            // The first `keep` of the 24 digits `high` (12, with leading zeros) then `low` (12) write out.
            func write(_ value: UInt64, digits count: Int, at offset: Int) {
                var rest = value
                for index in stride(from: count - 1, through: 0, by: -1) {
                    buffer[offset + index] = UInt8(rest % 10) + 0x30
                    rest /= 10
                }
            }
            let half = fractionDigits / 2
            if keep <= half {
                write(high / UInt64(powerOfTen(half - keep)), digits: keep, at: point + 1)
            } else {
                write(high, digits: half, at: point + 1)
                write(low / UInt64(powerOfTen(fractionDigits - keep)), digits: keep - half, at: point + 1 + half)
            }
            buffer[point] = UInt8(ascii: ".")
            let end = keep > 0 ? point + 1 + keep : point
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// Divides a 256-bit value by `divisor`, rounding half away from zero.
    static func divideRounded(_ dividend: (high: Int128, low: UInt128), by divisor: Int128) -> Int128 {
        guard let result = divideRoundedIfRepresentable(dividend, by: divisor) else { preconditionFailure("FixedDecimal overflow") }
        return result
    }

    /// ``divideRounded(_:by:)``, or `nil` when the quotient does not fit in 128 bits.
    static func divideRoundedIfRepresentable(_ dividend: (high: Int128, low: UInt128), by divisor: Int128) -> Int128? {
        let negative = (dividend.high < 0) != (divisor < 0)
        let dividendMagnitude = magnitude256(dividend)
        let divisorMagnitude = divisor.magnitude
        guard dividendMagnitude.high < divisorMagnitude else { return nil }
        let (quotient, remainder) = divisorMagnitude.dividingFullWidth(dividendMagnitude)
        var result = quotient
        if remainder >= divisorMagnitude - remainder {
            guard result < UInt128.max else { return nil }
            result += 1
        }
        guard result <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(result) : Int128(result)
    }

    private static func magnitude256(_ value: (high: Int128, low: UInt128)) -> (high: UInt128, low: UInt128) {
        if value.high >= 0 { return (UInt128(value.high), value.low) }
        let low = ~value.low &+ 1
        let high = ~UInt128(bitPattern: value.high) &+ (low == 0 ? 1 : 0)
        return (high, low)
    }
}

/// 10ⁿ as an `Int128`, for 0 ≤ n ≤ 38 (a table lookup: the decimal parser calls it for every amount).
func powerOfTen(_ exponent: Int) -> Int128 {
    precondition((0...38).contains(exponent))
    return powersOfTen[exponent]
}

private let powersOfTen: [Int128] = {
    var powers: [Int128] = [1]
    for _ in 1...38 { powers.append(powers.last! * 10) }
    return powers
}()

extension FixedDecimal {
    /// Sums a sequence of values exactly.
    public static func sum<S: Sequence>(_ values: S) -> FixedDecimal where S.Element == FixedDecimal {
        values.reduce(.zero, +)
    }
}

extension FixedDecimal: Codable {
    /// Encodes as the exact decimal string, so JSON readers never see a binary float.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = FixedDecimal(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a decimal number, found \"\(text)\"")
        }
        self = value
    }
}
