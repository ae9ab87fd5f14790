/// A signed 256-bit integer (two's complement), just wide enough to hold exact products of two
/// ``FixedDecimal`` unit counts and sums of a few of them. The Savings Plans and provisioned concurrency
/// optimizers compare candidate costs with it, so no rounding can decide between two candidates.
struct WideInteger: Comparable, Sendable {
    var high: Int128
    var low: UInt128

    static let zero = WideInteger(high: 0, low: 0)

    init(high: Int128, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The exact product `a × b`.
    init(_ a: Int128, times b: Int128) {
        let product = a.multipliedFullWidth(by: b)
        self.init(high: product.high, low: product.low)
    }

    /// The exact product of two values, in units of 10⁻⁴⁸.
    init(_ a: FixedDecimal, times b: FixedDecimal) { self.init(a.units, times: b.units) }

    static func + (lhs: Self, rhs: Self) -> Self {
        let (low, carry) = lhs.low.addingReportingOverflow(rhs.low)
        return Self(high: lhs.high &+ rhs.high &+ (carry ? 1 : 0), low: low)
    }

    static prefix func - (value: Self) -> Self {
        let low = ~value.low &+ 1
        return Self(high: ~value.high &+ (low == 0 ? 1 : 0), low: low)
    }

    static func - (lhs: Self, rhs: Self) -> Self { lhs + (-rhs) }

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    /// `self ÷ divisor`, rounded half away from zero (traps when the quotient leaves `Int128`).
    func dividedRounded(by divisor: Int128) -> Int128 { FixedDecimal.divideRounded((high, low), by: divisor) }

    /// `⌊self ÷ divisor⌋` and whether the division left a remainder, for a non-negative value and a positive
    /// divisor larger than the value's upper 128 bits.
    func flooredQuotient(by divisor: Int128) -> (quotient: Int128, isExact: Bool) {
        precondition(high >= 0 && divisor > 0)
        let (quotient, remainder) = UInt128(divisor).dividingFullWidth((UInt128(high), low))
        return (Int128(quotient), remainder == 0)
    }
}
