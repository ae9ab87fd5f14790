/// How a chart writes its values: in value labels and text alternatives with their unit, and on axis ticks
/// with as many decimals as the tick step needs (the unit is then in the axis label). Always through
/// ``Format``, so charts and tables show the same text for the same amount.
public enum ChartValueFormat: Sendable, Equatable {
    /// US dollars with cents: `$1,234.57`, `-$0.30`.
    case usd
    /// Small US dollar amounts with up to 6 decimals below $1 (`$0.0012`), cents from $1 (``Format/usdFine(_:)``).
    case usdFine
    /// US dollars per unit of something, with the digits the rate has (``Format/rate(_:per:)``): `$0.285/hour`.
    case usdPer(String)
    /// A quantity with thousands separators, `places` decimals and a unit after a space: `1,024 MB`.
    /// An empty unit writes the number alone.
    case quantity(places: Int, unit: String)
    /// A ratio written as a percentage: 0.253 with 1 place is `25.3%`.
    case percent(places: Int)
    /// A month, as a whole number of months after `origin` (0 is `origin` itself): `2026-10`. The time axis of the
    /// site's KPI history; an axis in this format has ticks on whole months only (see ``ChartAxisDrawing``).
    case month(from: BillingMonth)

    /// The value with its unit, as value labels and text alternatives show it.
    public func format(_ value: FixedDecimal) -> String {
        switch self {
        case .usd: return Format.usd(value)
        case .usdFine: return Format.usdFine(value)
        case .usdPer(let unit): return Format.rate(value, per: unit)
        case .quantity(let places, let unit):
            let number = Format.quantity(value, places: Self.clamped(places))
            return unit.isEmpty ? number : number + " " + unit
        case .percent(let places): return Format.quantity(value * 100, places: Self.clamped(places)) + "%"
        case .month(let origin): return Self.month(value, from: origin) ?? Format.quantity(value, places: 1)
        }
    }

    /// An axis tick: the number with as many decimals as `step` has (at least cents for dollars), without a
    /// unit suffix but with the dollar sign.
    func tick(_ value: FixedDecimal, step: FixedDecimal) -> String {
        let stepPlaces = Self.decimalPlaces(step)
        switch self {
        case .usd, .usdFine, .usdPer:
            if stepPlaces <= 2 { return Format.usd(value) }
            let number = Format.quantity(max(value, -value), places: stepPlaces)
            return (value.isNegative ? "-$" : "$") + number
        case .quantity:
            return Format.quantity(value, places: stepPlaces)
        case .percent:
            return Format.quantity(value * 100, places: max(0, stepPlaces - 2)) + "%"
        case .month(let origin):
            return Self.month(value, from: origin) ?? ""
        }
    }

    /// The month `value` whole months after `origin`; `nil` for a fraction or a month out of range.
    static func month(_ value: FixedDecimal, from origin: BillingMonth) -> String? {
        guard value.rounded(places: 0) == value, value >= .zero, value <= FixedDecimal(12 * 10_000) else { return nil }
        let offset = Int(value.formatted(places: 0))!
        let index = origin.year * 12 + (origin.month - 1) + offset
        return BillingMonth(year: index / 12, month: index % 12 + 1)?.description
    }

    /// Whether an axis in this format can have a tick every `step` (a month axis: whole months only).
    func allowsTickStep(_ step: FixedDecimal) -> Bool {
        guard case .month = self else { return true }
        return step.rounded(places: 0) == step
    }

    /// Number of decimals of the exact value (`0.25` → 2, `100` → 0).
    static func decimalPlaces(_ value: FixedDecimal) -> Int {
        // The description is ASCII: its bytes after the point are its digits.
        let text = value.description.utf8
        guard let point = text.firstIndex(of: UInt8(ascii: ".")) else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }

    private static func clamped(_ places: Int) -> Int { min(max(places, 0), FixedDecimal.fractionDigits) }
}
