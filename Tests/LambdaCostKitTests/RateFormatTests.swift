import Testing
@testable import LambdaCostKit

/// `Format.rate`: per-unit prices with the digits they need, never rounded to a few decimals.
struct RateFormatTests {
    private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

    @Test(arguments: [
        ("0.0000041667", "GB-s", "$0.0000041667/GB-s"),  // the provisioned-concurrency rate usdFine showed as $0.000004
        ("0.0000166667", "GB-s", "$0.0000166667/GB-s"),
        ("0.0000133334", "GB-s", "$0.0000133334/GB-s"),
        ("0.0000002", "request", "$0.0000002/request"),
        ("0.2", "hour", "$0.20/hour"),
        ("0.285", "hour", "$0.285/hour"),
        ("1234.5", "month", "$1,234.50/month"),
        ("0", "GB-s", "$0.00/GB-s"),
        ("-0.0000041667", "GB-s", "-$0.0000041667/GB-s"),
    ])
    func catalogRatesShowExactly(value: String, unit: String, expected: String) {
        #expect(Format.rate(d(value), per: unit) == expected)
    }

    @Test func aComputedRateKeepsSixSignificantDigitsRoundedHalfAwayFromZero() {
        // A blended or divided rate has many digits: six significant ones are kept.
        #expect(Format.rate(d("0.000004166666666666"), per: "GB-s") == "$0.00000416667/GB-s")
        #expect(Format.rate(d("0.0000123456500"), per: "GB-s") == "$0.0000123457/GB-s")
        #expect(Format.rate(d("12.34567"), per: "hour") == "$12.3457/hour")
        // The smallest FixedDecimal still shows.
        #expect(Format.rate(FixedDecimal(units: 1), per: "GB-s") == "$0.000000000000000000000001/GB-s")
        // A value that rounds to zero at six significant digits cannot happen: digits start at the first non-zero.
        #expect(Format.rate(d("-0.00000000123"), per: "GB-s") == "-$0.00000000123/GB-s")
    }
}
