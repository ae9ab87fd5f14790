import Testing

@testable import LambdaCostKit

/// The function page's cost at p99 beside the average (issue 19 item 5), at tier-1 list prices.
@Suite struct DurationBudgetTests {
    static let identity = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "backup-router")
    static let prices = ListPrices(RepricingTests.catalog)

    static func function(architectures: [Architecture] = [.x86_64], region: String = "us-east-1", provisionedGBSeconds: String = "0",
                         _ configure: (inout FunctionMetrics) -> Void) -> FunctionCost {
        let identity = FunctionIdentity(accountID: Self.identity.accountID, region: region, name: Self.identity.name)
        var metrics = FunctionMetrics(function: identity)
        metrics.invocations = FixedDecimal(203_512)
        metrics.memoryMB = 3008
        metrics.averageBilledDurationMs = FixedDecimal(parsing: "2501.172")
        metrics.averageDurationMs = FixedDecimal(parsing: "2498.874")
        metrics.p99DurationMs = FixedDecimal(parsing: "7146.778")
        configure(&metrics)
        return FunctionCost(
            function: identity, architectures: architectures, requests: .zero, gbSeconds: .zero,
            provisionedGBSeconds: FixedDecimal(parsing: provisionedGBSeconds)!,
            provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero, onDemandCost: .zero,
            freeTierValue: .zero, tags: [:], qualifiers: [], metrics: metrics, usage: [:], catalog: nil)
    }

    @Test func theAverageAndP99CostsAreHandChecked() throws {
        // us-east-1 x86_64: $0.20 per million requests, $0.0000166667 per GB-s (tier 1).
        // Average billed: 2,501.172 ms × 3,008 MB = 7,523,525.376; × 0.0000166667 ÷ 1,024,000 = 0.000122453457406425
        // per invocation; + 0.0000002 = 0.000122653457406425; × 203,512 = 24.9614504236963646.
        // p99 7,146.778 ms is billed as 7,147 ms: × 3,008 = 21,498,176; × 0.0000166667 ÷ 1,024,000 =
        // 0.00034990590814375; + 0.0000002 = 0.00035010590814375; × 203,512 = 71.25075357815085 (2.85×).
        let budget = DurationBudget.make(Self.function { _ in }, prices: Self.prices)
        #expect(budget == .priced(atAverage: FixedDecimal(parsing: "24.9614504236963646")!, atP99: FixedDecimal(parsing: "71.25075357815085")!,
                                  averageMs: FixedDecimal(parsing: "2501.172")!, averageIsBilled: true, p99BilledMs: FixedDecimal(7147),
                                  streaming: .notGiven))
        let page = ItemPageModels.durationBudget(budget, invocations: FixedDecimal(203_512))
        #expect(page["at_average"] as? String == "$24.96")
        #expect(page["at_p99"] as? String == "$71.25")
        #expect(page["p99_ms"] as? String == "7,147")
        #expect(page["ratio"] as? String == "2.85×")
    }

    /// The prices come from the catalog for the report (``ListPrices``): what the catalog has, nothing else.
    @Test func theReportsPricesAreTheCatalogs() {
        #expect(Self.prices.price(region: "us-east-1", architecture: .x86_64, charge: .duration) == FixedDecimal(parsing: "0.0000166667"))
        #expect(Self.prices.price(region: "us-east-1", architecture: .arm64, charge: .streamingBytes) == FixedDecimal(parsing: "0.008"))
        #expect(Self.prices.price(region: "eu-west-1", architecture: .x86_64, charge: .streamingBytes) == nil)
        #expect(Self.prices.price(region: "us-east-1", architecture: .x86_64, charge: .provisionedConcurrency) == nil)  // not taken
    }

    /// Without the billed average the average duration is used: 2,498.874 ms × 3,008 = 7,516,612.992; × 0.0000166667
    /// ÷ 1,024,000 = 0.0001223409509314125; + 0.0000002, × 203,512 = 24.9385540059536207. A p99 of 7,146.2 ms is billed
    /// as 7,147 ms (rounded up, not to the nearest): the same 71.25075357815085 as above.
    @Test func theAverageDurationStandsInForTheBilledOneAndP99IsRoundedUp() {
        let budget = DurationBudget.make(Self.function {
            $0.averageBilledDurationMs = nil
            $0.p99DurationMs = FixedDecimal(parsing: "7146.2")
        }, prices: Self.prices)
        #expect(budget == .priced(atAverage: FixedDecimal(parsing: "24.9385540059536207")!, atP99: FixedDecimal(parsing: "71.25075357815085")!,
                                  averageMs: FixedDecimal(parsing: "2498.874")!, averageIsBilled: false, p99BilledMs: FixedDecimal(7147),
                                  streaming: .notGiven))
        #expect(ItemPageModels.durationBudget(budget, invocations: FixedDecimal(203_512))["average_is_billed"] as? Bool == false)
    }

    /// A missing metric or price is said, never priced as zero.
    @Test func whatIsMissingIsNotChecked() {
        let prices = Self.prices
        #expect(DurationBudget.make(Self.function { $0.p99DurationMs = nil }, prices: prices) == .notChecked("the metrics have no p99_duration_ms"))
        #expect(DurationBudget.make(Self.function { $0.memoryMB = nil }, prices: prices) == .notChecked("the metrics have no memory_mb"))
        #expect(DurationBudget.make(Self.function { $0.memoryMB = 0 }, prices: prices) == .notChecked("the metrics have no memory_mb"))
        #expect(DurationBudget.make(Self.function { $0.invocations = nil }, prices: prices) == .notChecked("the metrics have no invocations"))
        #expect(DurationBudget.make(Self.function { $0.invocations = .zero }, prices: prices) == .notChecked("the metrics have no invocations"))
        #expect(DurationBudget.make(Self.function {
            $0.averageBilledDurationMs = nil
            $0.averageDurationMs = nil
        }, prices: prices) == .notChecked("the metrics have neither avg_billed_duration_ms nor avg_duration_ms"))
        #expect(DurationBudget.make(Self.function(architectures: [.arm64, .x86_64]) { _ in }, prices: prices)
            == .notChecked("it is billed on both architectures"))
        #expect(DurationBudget.make(Self.function(architectures: []) { _ in }, prices: prices)
            == .notChecked("the bill has no request or duration usage of it"))
        #expect(DurationBudget.make(Self.function(provisionedGBSeconds: "7200") { _ in }, prices: prices)
            == .notChecked("the function has provisioned concurrency, whose invocations are billed at other rates"))
        // A region the catalog does not price is not priced at zero.
        #expect(DurationBudget.make(Self.function(region: "xx-nowhere-1") { _ in }, prices: prices)
            == .notChecked("the catalog has no x86_64 request or duration price for xx-nowhere-1"))
        let page = ItemPageModels.durationBudget(.notChecked("the metrics have no p99_duration_ms"), invocations: nil)
        #expect(page["priced"] as? Bool == false && page["not_checked"] as? String == "the metrics have no p99_duration_ms")
        // A zero cost at the average (a catalog with free requests and a zero duration) has no ratio.
        let zero = ItemPageModels.durationBudget(
            .priced(atAverage: .zero, atP99: FixedDecimal(1), averageMs: .zero, averageIsBilled: true, p99BilledMs: FixedDecimal(1), streaming: .notGiven),
            invocations: FixedDecimal(1))
        #expect(zero["has_ratio"] as? Bool == false && zero["ratio"] as? String == "")
    }

    /// Streamed responses past the first 6 MB (6 × 2²⁰ bytes) at $0.008 per GB (2³⁰ bytes), us-east-1. Average
    /// 10,485,760 bytes: 4,194,304 past 6 MB = 0.00390625 GB × 0.008 = 0.00003125 per invocation, × 203,512 = 6.35975.
    /// p99 26,214,400 bytes: 19,922,944 = 0.0185546875 GB × 0.008 = 0.0001484375, × 203,512 = 30.2088125. Added to the
    /// duration budget above: 24.9614504236963646 + 6.35975 = 31.3212004236963646 and 71.25075357815085 + 30.2088125 =
    /// 101.45956607815085.
    @Test func streamedResponsesPastSixMegabytesAreAdded() {
        let budget = DurationBudget.make(Self.function {
            $0.averageStreamedBytes = FixedDecimal(10_485_760)
            $0.p99StreamedBytes = FixedDecimal(26_214_400)
        }, prices: Self.prices)
        #expect(budget == .priced(
            atAverage: FixedDecimal(parsing: "31.3212004236963646")!, atP99: FixedDecimal(parsing: "101.45956607815085")!,
            averageMs: FixedDecimal(parsing: "2501.172")!, averageIsBilled: true, p99BilledMs: FixedDecimal(7147),
            streaming: .priced(atAverage: FixedDecimal(parsing: "6.35975")!, atP99: FixedDecimal(parsing: "30.2088125")!,
                               averageBytes: FixedDecimal(10_485_760), p99Bytes: FixedDecimal(26_214_400))))
        let page = ItemPageModels.durationBudget(budget, invocations: FixedDecimal(203_512))
        #expect(page["streamed_at_average"] as? String == "$6.36" && page["streamed_at_p99"] as? String == "$30.21")
        #expect(page["streamed_average_mb"] as? String == "10.0" && page["streamed_p99_mb"] as? String == "25.0")
        #expect(page["at_p99"] as? String == "$101.46")
    }

    /// A response under 6 MB costs nothing more; a bill with streamed responses but no sizes, one size without the
    /// other, or a region without a streaming price is said, not priced.
    @Test func streamingIsFreeUnderSixMegabytesAndNotGuessed() {
        let prices = Self.prices
        let small = DurationBudget.streamingCost(
            Self.function { $0.averageStreamedBytes = FixedDecimal(6 << 20); $0.p99StreamedBytes = FixedDecimal((6 << 20) + (1 << 30)) }.metrics!,
            invocations: FixedDecimal(10), region: "us-east-1", architecture: .x86_64, streamsInBill: true, prices: prices)
        // 1 GB past 6 MB at p99: 0.008 × 10 invocations = 0.08.
        #expect(small == .priced(atAverage: .zero, atP99: FixedDecimal(parsing: "0.08")!, averageBytes: FixedDecimal(6 << 20),
                                 p99Bytes: FixedDecimal((6 << 20) + (1 << 30))))
        let none = Self.function { _ in }.metrics!
        #expect(DurationBudget.streamingCost(none, invocations: FixedDecimal(1), region: "us-east-1", architecture: .x86_64,
                                             streamsInBill: false, prices: prices) == .notGiven)
        #expect(DurationBudget.streamingCost(none, invocations: FixedDecimal(1), region: "us-east-1", architecture: .x86_64,
                                             streamsInBill: true, prices: prices)
            == .notChecked("the bill has streamed responses, but the metrics have no avg_streamed_bytes and p99_streamed_bytes"))
        let onlyP99 = Self.function { $0.p99StreamedBytes = FixedDecimal(1) }.metrics!
        #expect(DurationBudget.streamingCost(onlyP99, invocations: FixedDecimal(1), region: "us-east-1", architecture: .x86_64,
                                             streamsInBill: true, prices: prices)
            == .notChecked("the metrics give only one of avg_streamed_bytes and p99_streamed_bytes"))
        let sizes = Self.function { $0.averageStreamedBytes = FixedDecimal(1); $0.p99StreamedBytes = FixedDecimal(2) }.metrics!
        #expect(DurationBudget.streamingCost(sizes, invocations: FixedDecimal(1), region: "eu-west-1", architecture: .x86_64,
                                             streamsInBill: true, prices: prices)
            == .notChecked("the catalog has no x86_64 response streaming price for eu-west-1"))
        let page = ItemPageModels.durationBudget(
            .priced(atAverage: FixedDecimal(1), atP99: FixedDecimal(2), averageMs: FixedDecimal(1), averageIsBilled: true, p99BilledMs: FixedDecimal(1),
                    streaming: .notChecked("the catalog has no x86_64 response streaming price for eu-west-1")), invocations: FixedDecimal(1))
        #expect(page["has_streaming_not_checked"] as? Bool == true && page["streaming_priced"] as? Bool == false)
    }
}
