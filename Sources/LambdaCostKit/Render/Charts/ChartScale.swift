/// A linear axis scale with "nice" ticks (1, 2 or 5 × 10ⁿ apart), computed exactly on ``FixedDecimal`` units, so
/// tick labels are exact values. Only the position of a value along the axis (``fraction(_:)``) is a `Double`:
/// that is pixel geometry, never money.
///
/// Every step is overflow-checked: values near the ends of ``FixedDecimal``'s range give a range that stops
/// at the data instead of at a nice multiple, never a trap.
struct ChartScale: Equatable {
    /// The ends of the axis; every value given is inside.
    var lower: FixedDecimal
    var upper: FixedDecimal
    /// The distance between ticks.
    var step: FixedDecimal
    /// The tick values, ascending, all multiples of ``step`` inside the range.
    var ticks: [FixedDecimal]

    /// The smallest tick step considered: 10⁻¹⁰ (the precision AWS bills in).
    private static let smallestStepExponent = FixedDecimal.fractionDigits - 10
    /// The largest: 10¹⁴, about the end of ``FixedDecimal``'s range.
    private static let largestStepExponent = 38

    /// A scale covering `values` (and zero when `includeZero`) with at most about `maximumIntervals` intervals
    /// between ticks. No values gives the range 0…1.
    init(values: [FixedDecimal], includeZero: Bool, maximumIntervals: Int = 5) {
        var low = values.min()?.units ?? 0
        var high = values.max()?.units ?? 0
        if includeZero || values.isEmpty {
            low = min(low, 0)
            high = max(high, 0)
        }
        let intervals = UInt128(max(1, maximumIntervals))
        var span = Self.offset(high, from: low)
        if span == 0 {
            // One value: a range of about its size around it (0…1 for zero).
            if low == 0 { high = FixedDecimal(1).units; span = UInt128(high) } else { span = low.magnitude }
        }
        let step = Self.niceStep(span: span, intervals: intervals)
        var lower = Self.floorMultiple(low, of: step) ?? low
        var upper = Self.ceilingMultiple(high, of: step) ?? high
        if lower == upper {
            lower = lower.subtractingReportingOverflow(step).overflow ? lower : lower - step
            upper = upper.addingReportingOverflow(step).overflow ? upper : upper + step
        }
        var ticks: [FixedDecimal] = []
        if var tick = Self.ceilingMultiple(lower, of: step) {
            while tick <= upper && ticks.count <= 100 {
                ticks.append(FixedDecimal(units: tick))
                let (next, overflow) = tick.addingReportingOverflow(step)
                if overflow { break }
                tick = next
            }
        }
        self.lower = FixedDecimal(units: lower)
        self.upper = FixedDecimal(units: upper)
        self.step = FixedDecimal(units: step)
        self.ticks = ticks
    }

    /// The scale with the most ticks (at most 6 intervals) whose labels, `labelExtent(tick label index)` long
    /// along the axis, fit in `length` with some space between them.
    static func fitting(values: [FixedDecimal], includeZero: Bool, length: Double,
                        labelExtent: (ChartScale) -> Double) -> ChartScale {
        var scale = ChartScale(values: values, includeZero: includeZero, maximumIntervals: 6)
        for intervals in stride(from: 6, through: 1, by: -1) {
            scale = ChartScale(values: values, includeZero: includeZero, maximumIntervals: intervals)
            let spacing = length / Double(max(1, scale.ticks.count - 1))
            if scale.ticks.count <= 2 || spacing >= labelExtent(scale) + 8 { return scale }
        }
        return scale
    }

    /// Where `value` lies between ``lower`` (0) and ``upper`` (1), for geometry only.
    func fraction(_ value: FixedDecimal) -> Double {
        let span = Self.offset(upper.units, from: lower.units)
        guard span > 0 else { return 0.5 }
        // Pixel geometry only: a Double is fine here (money is never computed with it).
        if value >= lower { return Self.double(Self.offset(value.units, from: lower.units)) / Self.double(span) }
        return -Self.double(Self.offset(lower.units, from: value.units)) / Self.double(span)
    }

    /// `Double(value)`, rounded to nearest as that conversion is, but through `UInt64` (the generic 128-bit
    /// conversion is slow, and a dollar is 10²⁴ units, so most values need more than 64 bits): the top 64
    /// significant bits, with a sticky bit for the rest, round the same way, and scaling by a power of two is exact.
    static func double(_ value: UInt128) -> Double {
        let high = UInt64(truncatingIfNeeded: value >> 64)
        guard high != 0 else { return Double(UInt64(truncatingIfNeeded: value)) }
        let shift = high.leadingZeroBitCount
        let normalized = value << shift
        let top = UInt64(truncatingIfNeeded: normalized >> 64)
        let sticky: UInt64 = UInt64(truncatingIfNeeded: normalized) == 0 ? 0 : 1
        return Double(top | sticky) * Double(sign: .plus, exponent: 64 - shift, significand: 1)
    }

    /// Maps `value` onto the pixel range `start…end` (which may run backwards, as a y axis does).
    func position(_ value: FixedDecimal, from start: Double, to end: Double) -> Double {
        start + (end - start) * fraction(value)
    }

    // MARK: - Exact arithmetic on units

    /// `high - low` for `high ≥ low`, exact even when it exceeds `Int128.max`.
    static func offset(_ high: Int128, from low: Int128) -> UInt128 {
        UInt128(bitPattern: high) &- UInt128(bitPattern: low)
    }

    /// The smallest 1, 2 or 5 × 10ⁿ step that splits `span` into at most `intervals` intervals.
    private static func niceStep(span: UInt128, intervals: UInt128) -> Int128 {
        for exponent in smallestStepExponent...largestStepExponent {
            for multiplier: UInt128 in [1, 2, 5] {
                let (step, overflow) = UInt128(powerOfTen(exponent)).multipliedReportingOverflow(by: multiplier)
                guard !overflow, step <= UInt128(Int128.max) else { continue }
                let (quotient, remainder) = span.quotientAndRemainder(dividingBy: step)
                if quotient + (remainder > 0 ? 1 : 0) <= intervals { return Int128(step) }
            }
        }
        return powerOfTen(largestStepExponent)
    }

    /// The largest multiple of `step` not above `value`, or `nil` when it is out of range.
    static func floorMultiple(_ value: Int128, of step: Int128) -> Int128? {
        var (quotient, remainder) = value.quotientAndRemainder(dividingBy: step)
        if remainder < 0 { quotient -= 1 }
        let (result, overflow) = quotient.multipliedReportingOverflow(by: step)
        return overflow ? nil : result
    }

    /// The smallest multiple of `step` not below `value`, or `nil` when it is out of range.
    static func ceilingMultiple(_ value: Int128, of step: Int128) -> Int128? {
        var (quotient, remainder) = value.quotientAndRemainder(dividingBy: step)
        if remainder > 0 { quotient += 1 }
        let (result, overflow) = quotient.multipliedReportingOverflow(by: step)
        return overflow ? nil : result
    }
}
