extension Double {
    /// The shortest decimal that reads back as this double, written without an exponent: `7.39e-08` becomes
    /// `0.0000000739`, `1e+20` becomes `100000000000000000000`, `2.0` becomes `2`. `nil` for NaN and infinities.
    /// (These are the digits Athena and the CSV deliveries print for a DOUBLE.)
    public var plainDecimalText: String? {
        guard isFinite else { return nil }
        if self == 0 { return "0" }
        // Swift's description gives the shortest round-trip digits, as `d.ddd`, `ddd.d` or `d.ddde±xx`.
        var text = magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var integer = text, fraction = ""
        if let point = text.firstIndex(of: ".") {
            integer = String(text[..<point])
            fraction = String(text[text.index(after: point)...])
        }
        var digits = integer + fraction
        var pointPosition = integer.count + exponent  // digits before the decimal point
        // Strip leading zeros (keeping the point position right) and trailing zeros.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0", digits.count > max(pointPosition, 1) { digits.removeLast() }
        let result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            result = digits.prefix(pointPosition) + "." + digits.dropFirst(pointPosition)
        }
        return (sign == .minus ? "-" : "") + result
    }
}
