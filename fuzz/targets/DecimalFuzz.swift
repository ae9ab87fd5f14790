// libFuzzer target for the decimal parser (Sources/LambdaCostKit/Support/FixedDecimal+Parsing.swift) and the
// formatter, compiled by scripts/fuzz with the FixedDecimal sources into one module (-sanitize=fuzzer,address).
//
// Invariants for any input bytes:
//   - parse never traps; a value it returns formats canonically (`-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, no `-0`),
//     and that text parses back to the same value, exactly (not rounded): parse → format → parse round-trips;
//   - formatted(places:) parses back to rounded(places:) (for values not within 1 of the range limit, where
//     rounding up has no representable result);
//   - for a plain or exponent decimal of moderate size, the value equals a string-arithmetic reference: the
//     digits moved by the exponent, rounded half away from zero at the 24th decimal place, out of range
//     beyond ±(2^127 − 1) × 10^-24; and `wasRounded` is set exactly when a non-zero digit was dropped.
#if canImport(Glibc)
import Glibc
#endif

let fuzzTargetName = "decimal_parser"


private let maximumUnits = Array("170141183460469231731687303715884105727".utf8).map { $0 - 0x30 }

/// The reference: `[+-]?digits[.digits]([eE][+-]?digits)?` with at most 200 bytes and |exponent| ≤ 100, as
/// (negative, units as decimal digits without leading zeros, rounded) or `nil` when out of range; `.none` when
/// the text is not of that form.
func referenceDecimal(_ text: [UInt8]) -> (negative: Bool, units: [UInt8]?, rounded: Bool)?? {
    guard text.count <= 200 else { return .none }
    var index = 0
    var negative = false
    if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
        negative = text[index] == UInt8(ascii: "-")
        index += 1
    }
    var digits: [UInt8] = []
    var pointPosition: Int?
    while index < text.count {
        let byte = text[index]
        if byte >= 0x30 && byte <= 0x39 {
            digits.append(byte - 0x30)
        } else if byte == UInt8(ascii: "."), pointPosition == nil {
            pointPosition = digits.count
        } else {
            break
        }
        index += 1
    }
    guard !digits.isEmpty else { return .none }
    var exponent = 0
    if index < text.count {
        guard text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") else { return .none }
        index += 1
        var exponentNegative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            exponentNegative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < text.count else { return .none }
        while index < text.count {
            let byte = text[index]
            guard byte >= 0x30 && byte <= 0x39 else { return .none }
            exponent = exponent * 10 + Int(byte - 0x30)
            guard exponent <= 100 else { return .none }
            index += 1
        }
        if exponentNegative { exponent = -exponent }
    }
    // value = 0.digits × 10^(point), point = digits before the decimal point + exponent.
    let point = (pointPosition ?? digits.count) + exponent
    // Units = the digits shifted so that the point sits 24 places further right.
    let unitsPoint = point + 24
    var units: [UInt8]
    var dropped: [UInt8] = []
    if unitsPoint <= 0 {
        units = [0]
        dropped = [UInt8](repeating: 0, count: -unitsPoint) + digits
    } else if unitsPoint >= digits.count {
        units = digits + [UInt8](repeating: 0, count: unitsPoint - digits.count)
    } else {
        units = Array(digits[0..<unitsPoint])
        dropped = Array(digits[unitsPoint...])
    }
    let rounded = dropped.contains { $0 != 0 }
    if let first = dropped.first, first >= 5 {
        var position = units.count - 1
        while true {
            if position < 0 {
                units.insert(1, at: 0)
                break
            }
            if units[position] == 9 {
                units[position] = 0
                position -= 1
            } else {
                units[position] += 1
                break
            }
        }
    }
    while units.count > 1 && units[0] == 0 { units.removeFirst() }
    let inRange = units.count < maximumUnits.count || (units.count == maximumUnits.count && units.lexicographicallyPrecedes(maximumUnits) || units == maximumUnits)
    return .some((negative && units != [0], inRange ? units : nil, rounded))
}

/// The units of a value as decimal digits.
func unitDigits(_ value: FixedDecimal) -> (negative: Bool, digits: [UInt8]) {
    (value.units < 0, Array(String(value.units.magnitude).utf8).map { $0 - 0x30 })
}

func isCanonical(_ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    if bytes.first == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
        if bytes.elementsEqual(Array("0".utf8)) { return false }
    }
    let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
    guard let integer = parts.first, !integer.isEmpty, integer.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
    if integer.count > 1 && integer.first == 0x30 { return false }
    if parts.count == 2 {
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= 24, fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), fraction.last != 0x30 else { return false }
    }
    return true
}

func parseText(_ text: String) -> Result<FixedDecimal.Parsed, FixedDecimal.ParseFailure> {
    var text = text
    return text.withUTF8 { FixedDecimal.parse($0) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func decimalFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let buffer = UnsafeBufferPointer(start: count > 0 ? bytes : nil, count: count)
    let result = FixedDecimal.parse(buffer)
    let input = Array(buffer)
    let reference = referenceDecimal(input)

    switch result {
    case .success(let parsed):
        let value = parsed.value
        let text = value.description
        guard isCanonical(text) else { fail("not canonical: \(text)") }
        guard case .success(let again) = parseText(text) else { fail("\(text) does not parse back") }
        guard again.value == value, !again.wasRounded else { fail("\(text) parses back to \(again.value) (rounded: \(again.wasRounded))") }
        guard again.value.description == text else { fail("format is not stable: \(text) → \(again.value.description)") }
        // Rounding up within 1 of the range limit has no representable result (rounded(places:) traps there);
        // CUR amounts never come near it (the ingest refuses sums above 10^12).
        let roundable = value.units.magnitude <= UInt128(Int128.max) - UInt128(1_000_000_000_000_000_000_000_000)
        for places in [0, 2, 6, 10, 24] where roundable {
            let formatted = value.formatted(places: places)
            guard case .success(let back) = parseText(formatted), back.value == value.rounded(places: places), !back.wasRounded else {
                fail("formatted(places: \(places)) = \(formatted) does not parse back to \(value.rounded(places: places))")
            }
        }
        if case .some(.some(let expected)) = reference {
            guard let units = expected.units else { fail("\(String(decoding: input, as: UTF8.self)) is out of range, yet parsed as \(text)") }
            let actual = unitDigits(value)
            guard actual.digits == units, actual.negative == expected.negative else {
                fail("\(String(decoding: input, as: UTF8.self)) parsed as \(text); the reference has units \(units.map(String.init).joined())")
            }
            guard parsed.wasRounded == expected.rounded else {
                fail("\(String(decoding: input, as: UTF8.self)): wasRounded \(parsed.wasRounded), expected \(expected.rounded)")
            }
        }
    case .failure(let failure):
        if case .some(.some(let expected)) = reference, let units = expected.units {
            fail("\(String(decoding: input, as: UTF8.self)) failed (\(failure)), the reference has units \(units.map(String.init).joined())")
        }
        if case .some(.some(let expected)) = reference, expected.units == nil, failure != .outOfRange {
            fail("\(String(decoding: input, as: UTF8.self)) is out of range but failed with \(failure)")
        }
    }
    return 0
}
