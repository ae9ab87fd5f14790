/// How numbers are presented: rounding happens here and only here, half away from zero.
public enum Format {
    /// `$1,234.57` (cents, thousands separators), `-$0.30`.
    public static func usd(_ value: FixedDecimal) -> String {
        let text = value.formatted(places: 2)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        return (negative ? "-$" : "$") + grouped(String(parts[0])) + "." + parts[1]
    }

    /// A small amount with up to 6 decimals (`$0.0012`), for per-invocation prices; cents when ≥ $1.
    public static func usdFine(_ value: FixedDecimal) -> String {
        let magnitude = max(value, -value)
        if magnitude >= FixedDecimal(1) || magnitude.isZero { return usd(value) }
        var text = value.formatted(places: 6)
        while text.hasSuffix("0") && text.split(separator: ".").last!.count > 2 { text.removeLast() }
        return text.hasPrefix("-") ? "-$" + text.dropFirst() : "$" + text
    }

    /// A quantity with thousands separators and `places` decimals: `1,234,567.500`.
    public static func quantity(_ value: FixedDecimal, places: Int) -> String {
        let text = value.formatted(places: places)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        let integer = grouped(String(parts[0]))
        return (negative ? "-" : "") + integer + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A fraction as a percentage with one decimal (`0.1234` → `12.3 %`); `–` when there is none.
    public static func percent(_ share: FixedDecimal?) -> String {
        share.map { "\(($0 * 100).formatted(places: 1)) %" } ?? "–"
    }

    /// Money in data files: a plain decimal with 10 places (the precision AWS bills in).
    public static func csvMoney(_ value: FixedDecimal) -> String { value.formatted(places: 10) }

    /// Quantities in data files: a plain decimal with 6 places.
    public static func csvQuantity(_ value: FixedDecimal) -> String { value.formatted(places: 6) }

    static func grouped(_ digits: String) -> String {
        var result: [Character] = []
        for (offset, character) in digits.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
