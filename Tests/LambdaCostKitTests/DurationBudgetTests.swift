import Testing

@testable import LambdaCostKit

/// The function page's cost at p99 beside the average (issue 19 item 5), at tier-1 list prices.
@Suite struct DurationBudgetTests {
    static let identity = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "backup-router")

    static func function(architectures: [Architecture] = [.x86_64], _ configure: (inout FunctionMetrics) -> Void) -> FunctionCost {
        var metrics = FunctionMetrics(function: identity)
        metrics.invocations = FixedDecimal(203_512)
        metrics.memoryMB = 3008
        metrics.averageBilledDurationMs = FixedDecimal(parsing: "2501.172")
        metrics.averageDurationMs = FixedDecimal(parsing: "2498.874")
        metrics.p99DurationMs = FixedDecimal(parsing: "7146.778")
        configure(&metrics)
        return FunctionCost(
            function: identity, architectures: architectures, requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero, onDemandCost: .zero,
            freeTierValue: .zero, tags: [:], qualifiers: [], metrics: metrics, usage: [:], catalog: nil)
    }

    @Test func theAverageAndP99CostsAreHandChecked() throws {
        // us-east-1 x86_64: $0.20 per million requests, $0.0000166667 per GB-s (tier 1).
        // Average billed: 2,501.172 ms × 3,008 MB = 7,523,525.376; × 0.0000166667 ÷ 1,024,000 = 0.000122453457406425
        // per invocation; + 0.0000002 = 0.000122653457406425; × 203,512 = 24.9614504236963646.
        // p99 7,146.778 ms is billed as 7,147 ms: × 3,008 = 21,498,176; × 0.0000166667 ÷ 1,024,000 =
        // 0.00034990590814375; + 0.0000002 = 0.00035010590814375; × 203,512 = 71.25075357815085 (2.85×).
        let budget = DurationBudget.make(Self.function { _ in }, catalog: RepricingTests.catalog)
        #expect(budget == .priced(atAverage: FixedDecimal(parsing: "24.9614504236963646")!, atP99: FixedDecimal(parsing: "71.25075357815085")!,
                                  averageMs: FixedDecimal(parsing: "2501.172")!, p99BilledMs: FixedDecimal(7147)))
        let page = ItemPageModels.durationBudget(budget, invocations: FixedDecimal(203_512))
        #expect(page["at_average"] as? String == "$24.96")
        #expect(page["at_p99"] as? String == "$71.25")
        #expect(page["p99_ms"] as? String == "7,147")
        #expect(page["ratio"] as? String == "2.85×")
    }

    @Test func theRepricingStageSetsIt() throws {
        let output = try RepricingStage().run(.init(functions: [Self.function { _ in }], catalog: RepricingTests.catalog, billHasPublicOnDemandCost: true))
        guard case .priced(_, let atP99, _, _)? = output.functions.first?.catalog?.durationBudget else {
            Issue.record("expected a priced budget")
            return
        }
        #expect(atP99 == FixedDecimal(parsing: "71.25075357815085"))
    }

    /// Without the billed average the average duration is used: 2,498.874 ms × 3,008 × 0.0000166667 ÷ 1,024,000 =
    /// 0.00012234095... per invocation.
    @Test func theAverageDurationStandsInForTheBilledOne() {
        let budget = DurationBudget.make(Self.function { $0.averageBilledDurationMs = nil }, catalog: RepricingTests.catalog)
        guard case .priced(let atAverage, _, let averageMs, _) = budget else {
            Issue.record("expected a priced budget")
            return
        }
        #expect(averageMs == FixedDecimal(parsing: "2498.874"))
        let perInvocation = (FixedDecimal(parsing: "2498.874")! * FixedDecimal(3008) * FixedDecimal(parsing: "0.0000166667")!)
            .divided(by: FixedDecimal(1_024_000))
        #expect(atAverage == (FixedDecimal(parsing: "0.0000002")! + perInvocation) * FixedDecimal(203_512))
    }

    /// A missing metric or price is said, never priced as zero.
    @Test func whatIsMissingIsNotChecked() {
        let catalog = RepricingTests.catalog
        #expect(DurationBudget.make(Self.function { $0.p99DurationMs = nil }, catalog: catalog) == .notChecked("the metrics have no p99_duration_ms"))
        #expect(DurationBudget.make(Self.function { $0.memoryMB = nil }, catalog: catalog) == .notChecked("the metrics need invocations and memory_mb"))
        #expect(DurationBudget.make(Self.function(architectures: [.arm64, .x86_64]) { _ in }, catalog: catalog)
            == .notChecked("no single architecture with request and duration prices in the catalog"))
        let page = ItemPageModels.durationBudget(.notChecked("the metrics have no p99_duration_ms"), invocations: nil)
        #expect(page["priced"] as? Bool == false && page["not_checked"] as? String == "the metrics have no p99_duration_ms")
    }
}
