extension FixedDecimal {
    /// Why bytes are not a decimal number.
    public enum ParseFailure: Error, Equatable, Sendable {
        case empty
        case invalidCharacter(offset: Int)
        case outOfRange

        /// A phrase for diagnostics.
        public var reason: String {
            switch self {
            case .empty: "an empty value"
            case .invalidCharacter(let offset): "an invalid character at offset \(offset)"
            case .outOfRange: "a value out of range (more than ±1.7e14)"
            }
        }
    }

    /// The result of parsing: the value, and whether digits beyond 10⁻²⁴ were rounded away.
    public struct Parsed: Equatable, Sendable {
        public var value: FixedDecimal
        public var wasRounded: Bool
    }

    /// Parses a decimal number from text: `12`, `-12.5`, `0.0000166667`, `2e-7`, `7.39E-8`, `+1.`.
    public init?(parsing text: String) {
        var text = text
        let parsed = text.withUTF8 { Self.parse($0) }
        guard case .success(let result) = parsed else { return nil }
        self = result.value
    }

    /// Parses a decimal number from UTF-8 bytes without allocating. Digits below 10⁻²⁴ are rounded
    /// half away from zero and reported in ``Parsed/wasRounded``.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parsed, ParseFailure> {
        if let plain = parsePlain(bytes) { return .success(Parsed(value: plain, wasRounded: false)) }
        return parseInFull(bytes)
    }

    /// ``parse(_:)`` without its fast path (``parsePlain(_:)``), for any text.
    static func parseInFull(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parsed, ParseFailure> {
        let count = bytes.count
        guard count > 0 else { return .failure(.empty) }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        // Below 10³⁷ another digit always fits; above, a digit is kept while the mantissa does not overflow, so
        // every digit down to 10⁻²⁴ of an in-range value (up to 39 significant digits) is kept.
        let mantissaLimit: UInt128 = 10_000_000_000_000_000_000_000_000_000_000_000_000
        var mantissa: UInt128 = 0
        var exponent = 0  // value = mantissa × 10^exponent
        var digitCount = 0
        var firstDropped: UInt8 = 0  // the most significant digit that did not fit, for rounding
        var droppedNonZero = false  // any dropped digit after the first was non-zero
        var droppedAny = false
        var seenPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                let digit = byte &- 0x30
                digitCount += 1
                if mantissa < mantissaLimit || (!droppedAny && mantissa <= (UInt128.max - UInt128(digit)) / 10) {
                    mantissa = mantissa * 10 + UInt128(digit)
                    if seenPoint { exponent -= 1 }
                } else {
                    if !seenPoint { exponent += 1 }
                    if !droppedAny {
                        firstDropped = digit
                        droppedAny = true
                    } else if digit != 0 {
                        droppedNonZero = true
                    }
                }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                return .failure(.invalidCharacter(offset: index))
            }
            index += 1
        }
        guard digitCount > 0 else {
            return .failure(count == index ? .empty : .invalidCharacter(offset: index))
        }
        if index < count {  // exponent part
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < count else { return .failure(.invalidCharacter(offset: index)) }
            var written = 0
            while index < count {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return .failure(.invalidCharacter(offset: index)) }
                if written < 10_000 { written = written * 10 + Int(byte &- 0x30) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        var wasRounded = droppedAny && (firstDropped != 0 || droppedNonZero)
        let shift = exponent + fractionDigits
        var magnitude: UInt128
        if mantissa == 0 {
            magnitude = 0
        } else if shift >= 0 {
            guard shift <= 38 else { return .failure(.outOfRange) }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: UInt128(powerOfTen(shift)))
            guard !overflow else { return .failure(.outOfRange) }
            magnitude = product
            // Dropped digits sit just below the last kept one; they only matter for rounding.
            if droppedAny && shift == 0 && firstDropped >= 5 {
                guard magnitude <= UInt128(Int128.max) else { return .failure(.outOfRange) }
                magnitude += 1
            }
        } else {
            let drop = -shift
            if drop > 38 {
                magnitude = 0
                wasRounded = true
            } else {
                let divisor = UInt128(powerOfTen(drop))
                let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
                magnitude = quotient
                if remainder != 0 || (droppedAny && (firstDropped != 0 || droppedNonZero)) { wasRounded = true }
                if remainder >= divisor / 2 { magnitude += 1 }  // half away from zero
            }
        }
        guard magnitude <= UInt128(Int128.max) else { return .failure(.outOfRange) }
        let units = negative ? -Int128(magnitude) : Int128(magnitude)
        return .success(Parsed(value: FixedDecimal(units: units), wasRounded: wasRounded))
    }

    /// The common case of ``parse(_:)`` on a fast path: an optional sign, at most 19 digits with at most one point and
    /// at most 24 of them after it, no exponent, in range: the exact value (nothing to round), as ``parse(_:)`` gives
    /// it. `nil` for anything else, which ``parse(_:)`` then reads (or refuses) in full.
    @inline(__always)
    static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> FixedDecimal? {
        let count = bytes.count
        guard count > 0, count <= 21, let base = bytes.baseAddress else { return nil }
        var index = 0
        let negative = base[0] == UInt8(ascii: "-")
        if negative || base[0] == UInt8(ascii: "+") { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var pointAt = -1
        while index < count {
            let byte = base[index]
            if byte &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
            } else if byte == UInt8(ascii: ".") && pointAt < 0 {
                pointAt = digits
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, digits <= 19 else { return nil }
        let fraction = pointAt < 0 ? 0 : digits - pointAt
        guard fraction <= fractionDigits else { return nil }
        let (product, overflow) = UInt128(mantissa).multipliedReportingOverflow(by: UInt128(powerOfTen(fractionDigits - fraction)))
        guard !overflow, product <= UInt128(Int128.max) else { return nil }
        return FixedDecimal(units: negative ? -Int128(product) : Int128(product))
    }
}

