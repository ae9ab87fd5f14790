extension Double {
    /// The shortest decimal that reads back as this double, written without an exponent: `7.39e-08` becomes
    /// `0.0000000739`, `1e+20` becomes `100000000000000000000`, `2.0` becomes `2`. `nil` for NaN and infinities.
    /// (These are the digits Athena and the CSV deliveries print for a DOUBLE.)
    public var plainDecimalText: String? {
        var bytes: [UInt8] = []
        guard appendPlainDecimalText(to: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of ``plainDecimalText`` to `output`; `false` (nothing appended) for NaN and infinities.
    /// Works on bytes, without building strings, since a Parquet reader prints every DOUBLE of a column.
    public func appendPlainDecimalText(to output: inout [UInt8]) -> Bool {
        guard isFinite else { return false }
        if self == 0 {
            output.append(UInt8(ascii: "0"))
            return true
        }
        // Swift's description gives the shortest round-trip digits, as `d.ddd`, `ddd.d` or `d.ddde±xx`.
        var text = magnitude.description
        return text.withUTF8 { description -> Bool in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: description.count) { digits -> Bool in
                var count = 0
                var pointPosition = -1  // digits before the decimal point
                var exponent = 0
                var index = 0
                while index < description.count {
                    let byte = description[index]
                    if byte == UInt8(ascii: ".") {
                        pointPosition = count
                    } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                        var sign = 1
                        index += 1
                        if index < description.count, description[index] == UInt8(ascii: "-") || description[index] == UInt8(ascii: "+") {
                            sign = description[index] == UInt8(ascii: "-") ? -1 : 1
                            index += 1
                        }
                        while index < description.count {
                            exponent = exponent * 10 + Int(description[index] &- UInt8(ascii: "0"))
                            index += 1
                        }
                        exponent *= sign
                        break
                    } else {
                        digits[count] = byte
                        count += 1
                    }
                    index += 1
                }
                if pointPosition < 0 { pointPosition = count }
                pointPosition += exponent
                // Strip leading zeros (keeping the point position right) and trailing zeros.
                var start = 0
                while count - start > 1, digits[start] == UInt8(ascii: "0") {
                    start += 1
                    pointPosition -= 1
                }
                while count - start > 1, digits[count - 1] == UInt8(ascii: "0"), count - start > max(pointPosition, 1) { count -= 1 }
                let significant = count - start
                if sign == .minus { output.append(UInt8(ascii: "-")) }
                let zero = UInt8(ascii: "0")
                if pointPosition <= 0 {
                    output.append(zero)
                    output.append(UInt8(ascii: "."))
                    for _ in 0..<(-pointPosition) { output.append(zero) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<count]))
                } else if pointPosition >= significant {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<count]))
                    for _ in 0..<(pointPosition - significant) { output.append(zero) }
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<(start + pointPosition)]))
                    output.append(UInt8(ascii: "."))
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(start + pointPosition)..<count]))
                }
                return true
            }
        }
    }
}
