/// How numbers are presented: rounding happens here and only here, half away from zero.
public enum Format {
    /// `$1,234.57` (cents, thousands separators), `-$0.30`.
    public static func usd(_ value: FixedDecimal) -> String {
        // `-1234.50` → `-$1,234.50` (the report formats millions of amounts).
        groupingThousands(value.formatted(places: 2), prefix: "$")
    }

    /// A small amount with up to 6 decimals (`$0.0012`), for per-invocation prices; cents when ≥ $1.
    public static func usdFine(_ value: FixedDecimal) -> String {
        let magnitude = max(value, -value)
        if magnitude >= FixedDecimal(1) || magnitude.isZero { return usd(value) }
        var text = value.formatted(places: 6)
        while text.hasSuffix("0") && text.split(separator: ".").last!.count > 2 { text.removeLast() }
        return text.hasPrefix("-") ? "-$" + text.dropFirst() : "$" + text
    }

    /// A price per unit with the digits it needs: rounded to ``rateSignificantDigits`` significant digits (every
    /// catalog rate has fewer, so they show exactly), trailing zeros dropped to at least two decimals, then
    /// `/unit`: `$0.0000041667/GB-s`, `$0.0000002/request`, `$0.20/hour`.
    public static func rate(_ value: FixedDecimal, per unit: String) -> String {
        let negative = value.isNegative
        let magnitude = negative ? -value : value
        let whole = magnitude.formatted(places: FixedDecimal.fractionDigits)
        let parts = whole.split(separator: ".", maxSplits: 1)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var places: Int
        if integer != "0" {
            places = max(0, rateSignificantDigits - integer.count)
        } else if let first = fraction.firstIndex(where: { $0 != "0" }) {
            places = fraction.distance(from: fraction.startIndex, to: first) + rateSignificantDigits
        } else {
            places = 2
        }
        places = min(max(places, 2), FixedDecimal.fractionDigits)
        var text = magnitude.formatted(places: places)
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text.removeLast()
        }
        let split = text.split(separator: ".", maxSplits: 1)
        let sign = negative && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + "$" + groupingThousands(String(split[0])) + "." + split[1] + "/" + unit
    }

    /// Significant digits a rate keeps (AWS publishes Lambda rates with at most six: 0.0000166667).
    static let rateSignificantDigits = 6

    /// A quantity with thousands separators and `places` decimals: `1,234,567.500`.
    public static func quantity(_ value: FixedDecimal, places: Int) -> String {
        groupingThousands(value.formatted(places: places))
    }

    /// A plain decimal (`-1234567.5`) with thousands separators in its integer part (`-1,234,567.5`), byte by byte;
    /// `prefix` (such as `$`) goes after the sign.
    static func groupingThousands(_ plain: String, prefix: String = "") -> String {
        var plain = plain
        return plain.withUTF8 { bytes in
            let negative = bytes.first == UInt8(ascii: "-")
            let digits = bytes[(negative ? 1 : 0)...]
            let point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.endIndex
            let integer = point - digits.startIndex
            var prefix = prefix
            return prefix.withUTF8 { prefix in
                // Written straight into the string's storage (a short amount is a small string: nothing allocated).
                String(unsafeUninitializedCapacity: bytes.count + prefix.count + max(0, integer - 1) / 3) { result in
                    var count = 0
                    func put(_ byte: UInt8) {
                        result[count] = byte
                        count += 1
                    }
                    if negative { put(UInt8(ascii: "-")) }
                    for byte in prefix { put(byte) }
                    for (offset, byte) in digits[..<point].enumerated() {
                        if offset > 0 && (integer - offset) % 3 == 0 { put(UInt8(ascii: ",")) }
                        put(byte)
                    }
                    for byte in digits[point...] { put(byte) }
                    return count
                }
            }
        }
    }

    /// A fraction as a percentage with one decimal (`0.1234` → `12.3 %`); `–` when there is none.
    public static func percent(_ share: FixedDecimal?) -> String {
        share.map { "\(($0 * 100).formatted(places: 1)) %" } ?? "–"
    }

    /// Money in data files: a plain decimal with 10 places (the precision AWS bills in).
    public static func csvMoney(_ value: FixedDecimal) -> String { value.formatted(places: 10) }

    /// Quantities in data files: a plain decimal with 6 places.
    public static func csvQuantity(_ value: FixedDecimal) -> String { value.formatted(places: 6) }
}
