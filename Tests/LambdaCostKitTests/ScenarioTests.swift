import GoldenFiles
import Testing
@testable import LambdaCostKit

private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

/// Every expected amount is worked out by hand in the comment beside it, from the catalog's us-east-1 and
/// Asia Pacific prices (x86 duration 0.0000166667, arm64 0.0000133334, requests 0.0000002 per request).
@Suite struct ScenarioTests {
    static let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)

    static func function(_ name: String, region: String = "us-east-1", architecture: Architecture = .x86_64,
                         paid: [UsageKind: String], metrics: ((inout FunctionMetrics) -> Void)? = nil,
                         powerTuning: [(Int, String)]? = nil) -> FunctionCost {
        let identity = FunctionIdentity(accountID: "004519876321", region: region, name: name)
        var usage: [UsageSlice.Key: UsageSlice] = [:]
        for (kind, quantity) in paid { usage[.init(architecture, kind)] = UsageSlice(quantity: FixedDecimal(parsing: quantity)!) }
        var functionMetrics: FunctionMetrics?
        if let metrics {
            var value = FunctionMetrics(function: identity)
            metrics(&value)
            functionMetrics = value
        }
        let tuning = powerTuning.map { points in
            PowerTuningResult(function: identity, bestMemoryMB: nil, measurements: points.map {
                .init(memoryMB: $0.0, averageDurationMs: FixedDecimal(parsing: $0.1)!, averagePrice: nil)
            }, source: "test")
        }
        return FunctionCost(
            function: identity, architectures: [architecture], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: FixedDecimal(100), effectiveCost: .zero, onDemandCost: FixedDecimal(100),
            freeTierValue: .zero, tags: [:], qualifiers: [], metrics: functionMetrics, powerTuning: tuning, computeOptimizer: nil,
            usage: usage, catalog: nil)
    }


    // MARK: Memory

    static let modeled = function("api", paid: [.duration: "1000000"]) {
        $0.memoryMB = 1024; $0.averageDurationMs = d("100"); $0.averageCPUTimeMs = d("20"); $0.maxMemoryUsedMB = d("200")
    }

    @Test func modeledMemoryRespectsTheLatencyLimit() {
        // Wait 80 ms, CPU 20 ms at 1024 MB. 256 MB: 80 + 20 × 4 = 160 ms > 1.2 × 100: not allowed.
        // 512 MB: 80 + 40 = 120 ms, 120 × 512 = 61,440 against 100 × 1024 = 102,400: 0.6 of today's cost.
        // Saving: 1,000,000 × 0.0000166667 × 0.4 = 6.66668.
        let result = MemoryScenario().evaluate([Self.modeled], catalog: Self.catalog)
        #expect(result.opportunities.map(\.monthlySavings.description) == ["6.66668"])
        #expect(result.opportunities.first?.confidence == .modeled)
        #expect(result.opportunities.first?.summary.hasPrefix("Set api to 512 MB (now 1024 MB)") == true)
        let curve = result.opportunities.first?.curve ?? []
        #expect(curve.first { $0.memoryMB == 256 }?.allowed == false)
        #expect(curve.first { $0.memoryMB == 128 }?.allowed == false)  // below the 240 MB floor
    }

    @Test func aLooserLatencyLimitAllowsTheCheapestSize() {
        // With p99 allowed to double, 256 MB (160 ms, 0.4 of today's cost) wins: 16.6667 × 0.6 = 10.00002.
        var settings = ScenarioSettings()
        settings.maximumP99Slowdown = FixedDecimal(2)
        let result = MemoryScenario(settings: settings).evaluate([Self.modeled], catalog: Self.catalog)
        #expect(result.opportunities.map(\.monthlySavings.description) == ["10.00002"])
    }

    @Test func theMemoryFloorBlocksACheaperSetting() {
        // Max used 900 MB + 20 % = 1,080 MB: every allowed size costs more than today's 1024 MB.
        let function = Self.function("big", paid: [.duration: "1000000"]) {
            $0.memoryMB = 1024; $0.averageDurationMs = d("100"); $0.averageCPUTimeMs = d("20"); $0.maxMemoryUsedMB = d("900")
        }
        #expect(MemoryScenario().evaluate([function], catalog: Self.catalog).opportunities.isEmpty)
    }

    @Test func measuredCurvesFollowTheStrategy() {
        // Power Tuning: 128 MB 503.9 ms (504 × 128 = 64,512), 256 MB 200 ms (51,200), 512 MB 120.35 ms
        // (121 × 512 = 61,952), 1024 MB 70 ms (71,680, today). Latency limit lifted to 10×.
        // cost: 256 MB, saving 7,000,000 × 0.0000166667 × (1 − 51,200 / 71,680) = 116.6669 × 2/7 = 33.3334.
        let function = Self.function("tuned", paid: [.duration: "7000000"], metrics: {
            $0.memoryMB = 1024; $0.maxMemoryUsedMB = d("100")
        }, powerTuning: [(128, "503.9"), (256, "200"), (512, "120.35"), (1024, "70")])
        var settings = ScenarioSettings()
        settings.maximumP99Slowdown = FixedDecimal(10)
        let cost = MemoryScenario(settings: settings).evaluate([function], catalog: Self.catalog).opportunities
        #expect(cost.map(\.monthlySavings.description) == ["33.3334"])
        #expect(cost.first?.confidence == .measured)
        // speed: 1024 MB is already the fastest, nothing to do.
        settings.strategy = .speed
        #expect(MemoryScenario(settings: settings).evaluate([function], catalog: Self.catalog).opportunities.isEmpty)
        // balanced 0.5: scores 0.95, 0.5556, 0.5516, 0.5695 → 512 MB.
        settings.strategy = .balanced
        #expect(MemoryScenario(settings: settings).evaluate([function], catalog: Self.catalog).opportunities.first?.summary.contains("to 512 MB") == true)
    }

    @Test func withoutMetricsMemorySaysSoAndGravitonStillRuns() {
        let bare = Self.function("bare", paid: [.duration: "1000000"])
        let memory = MemoryScenario().evaluate([bare], catalog: Self.catalog)
        #expect(memory.opportunities.isEmpty)
        #expect(memory.skipped.map(\.reason) == ["needs memory_mb and max_memory_used_mb from the metrics file"])
        // Graviton: 1,000,000 × (0.0000166667 − 0.0000133334) = 3.3333.
        #expect(GravitonScenario().evaluate([bare], catalog: Self.catalog).opportunities.map(\.monthlySavings.description) == ["3.3333"])
    }

    @Test func anArmFunctionHasNoGravitonSaving() {
        let arm = Self.function("arm", architecture: .arm64, paid: [.duration: "1000000", .requests: "1000000"])
        #expect(GravitonScenario().evaluate([arm], catalog: Self.catalog).opportunities.isEmpty)
    }

    // MARK: Region

    @Test func regionMovesStayInTheMoveGroup() {
        // eu-south-1 (Milan, group eu): 1,000,000 requests × 0.00000023 + 1,000,000 GB-s × 0.0000195172 = 19.7472.
        // eu-central-1, eu-north-1, eu-south-2, eu-west-1, eu-west-3: 0.2 + 16.6667 = 16.8667 each; the tie goes to
        // eu-central-1. Saving 2.8805. eu-west-2 (London, group uk) costs the same but is not in the group.
        let milan = Self.function("milan", region: "eu-south-1", paid: [.requests: "1000000", .duration: "1000000"])
        let moves = RegionMoveScenario().evaluate([milan], catalog: Self.catalog)
        #expect(moves.map(\.monthlySavings.description) == ["2.8805"])
        #expect(moves.first?.summary.hasPrefix("Run milan in eu-central-1 (EU (Frankfurt)) instead of eu-south-1") == true)
        #expect(moves.first?.risk.hasPrefix("Data residency: the data would be processed in EU (Frankfurt), in the same move group as eu-south-1 (eu).") == true)
        #expect(moves.first?.inputs.last.map { "\($0.name): \($0.value)" } == "move groups (regions.csv): eu-south-1: eu, eu-central-1: eu")
    }

    @Test func aMoveAcrossGroupsIsNotProposedByDefault() {
        // ap-southeast-2 (Sydney, group au) costs 0.2 + 16.6667 = 16.8667; ap-east-2 (Taipei), ap-southeast-5 and
        // ap-southeast-7 cost 15.18, but in other countries; ap-southeast-4 (Melbourne, au) costs the same. No move.
        let sydney = Self.function("sydney", region: "ap-southeast-2", paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario().evaluate([sydney], catalog: Self.catalog).isEmpty)
        // eu-central-2 (Zurich, group ch) is dearer than the EU regions (0.22 + 18.3334 = 18.5534) but alone in its group.
        let zurich = Self.function("zurich", region: "eu-central-2", paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario().evaluate([zurich], catalog: Self.catalog).isEmpty)
        // us-east-1 is already the cheapest in the us group: no move.
        #expect(RegionMoveScenario().evaluate([Self.modeled], catalog: Self.catalog).isEmpty)
    }

    @Test func aRegionWithoutAPriceIsNotConsidered() throws {
        // Allowed the groups tw, my and th, with provisioned concurrency: only ap-southeast-5 (my) of the cheap regions
        // has a PC price: 0.18 + 15 + 1,000,000 × 0.0000046791 = 19.8591 against 0.2 + 16.6667 + 5.236 = 22.1027.
        // Saving 2.2436.
        let configuration = try ReportConfiguration(parsing: "[[regions.allow]]\nfunctions = \"*\"\ngroups = [\"tw\", \"my\", \"th\"]\n")
        let function = Self.function("sydney-pc", region: "ap-southeast-2", paid: [.requests: "1000000", .duration: "1000000", .provisionedConcurrency: "1000000"])
        let moves = RegionMoveScenario(configuration: configuration).evaluate([function], catalog: Self.catalog)
        #expect(moves.map(\.monthlySavings.description) == ["2.2436"])
        #expect(moves.first?.summary.hasPrefix("Run sydney-pc in ap-southeast-5") == true)
    }

    // MARK: Findings

    @Test func timeoutFindingsCarryTheMoneyAtRisk() {
        // 1 GB behind API Gateway with a 60 s timeout: 31 s × 0.0000166667 = 0.0005166677 per overrun,
        // 10 timeouts → 0.005166677. Timed out: 10 × 60 s × 0.0000166667 = 0.01000002.
        let api = Self.function("slow-api", paid: [.duration: "1000"]) {
            $0.memoryMB = 1024; $0.timeoutSeconds = d("60"); $0.trigger = "api-gateway"; $0.timeouts = d("10"); $0.p99DurationMs = d("200")
        }
        let queue = Self.function("worker", paid: [.duration: "1000"]) {
            $0.memoryMB = 1024; $0.timeoutSeconds = d("10"); $0.trigger = "sqs"; $0.sqsVisibilityTimeoutSeconds = d("30")
        }
        let findings = TimeoutScenario().evaluate([api, queue], catalog: Self.catalog)
        #expect(findings.map(\.kind) == ["timeout-api-gateway", "timeout-far-above-p99", "timeouts", "sqs-visibility-timeout"])
        #expect(findings.map { $0.moneyAtRisk?.description } == ["0.005166677", nil, "0.01000002", nil])
        #expect(findings[3].summary.contains("Raise it to at least 60 s"))
    }

    @Test func idleWaitPricesTheWaitAndTheSmallestSizeThatFits() {
        // CPU 160 of 4,000 ms (4 %) at 2048 MB: 0.96 × 16.6667 = 16.000032 paid for waiting.
        // Smallest size over 300 MB × 1.2 = 360 MB is 512 MB: 3,840 + 160 × 1769 / 512 = 4,392.8125 ms →
        // 4,393 × 512 = 2,249,216 against 4,000 × 2048 = 8,192,000: saving 16.6667 × 0.7254375 = 12.09064918125.
        let function = Self.function("llm", paid: [.duration: "1000000"]) {
            $0.memoryMB = 2048; $0.averageDurationMs = d("4000"); $0.averageCPUTimeMs = d("160"); $0.maxMemoryUsedMB = d("300")
        }
        let result = IdleWaitScenario().evaluate([function], catalog: Self.catalog)
        #expect(result.findings.map { $0.moneyAtRisk?.description } == ["16.000032"])
        #expect(result.opportunities.map(\.monthlySavings.description) == ["12.09064918125"])
        // A CPU-bound function is not idle-waiting.
        #expect(IdleWaitScenario().evaluate([Self.modeled], catalog: Self.catalog).findings.isEmpty)
        #expect(result.findings[0].section == .alternatives)

        // A wrapper of a model: the finding names the tokens and points to the function page's comparison.
        var wrapper = function
        var share = OtherServiceCosts.FunctionShare()
        share.charges[.bedrockInput] = .init(cost: d("1.25"), rows: 3)
        share.charges[.bedrockOutput] = .init(cost: d("2.5"), rows: 3)
        wrapper.otherServices = share
        let linked = IdleWaitScenario().evaluate([wrapper], catalog: Self.catalog).findings
        #expect(linked.map { $0.moneyAtRisk?.description } == ["16.000032"])
        #expect(linked[0].section == .modelTokens)
        #expect(linked[0].summary.hasSuffix("a model whose tokens cost $3.75 ($1.25 of input tokens, $2.50 of output tokens) this month, against \(Format.usd(wrapper.effectiveCost)) of Lambda."))
    }

    @Test func batchingSavesTheRequestChargeOfRequestHeavyQueueConsumers() {
        // 10,000,000 requests × 0.0000002 = 2 against 10,000 GB-s × 0.0000166667 = 0.166667 of duration.
        // A batch of 10 keeps a tenth of the request charge: saving 1.8.
        let consumer = Self.function("tiny", paid: [.requests: "10000000", .duration: "10000"]) { $0.trigger = "sqs" }
        let result = BatchingScenario().evaluate([consumer], catalog: Self.catalog)
        #expect(result.opportunities.map(\.monthlySavings.description) == ["1.8"])
        #expect(result.opportunities.first?.confidence == .heuristic)
        let http = Self.function("tiny-api", paid: [.requests: "10000000", .duration: "10000"]) { $0.trigger = "api-gateway" }
        let skipped = BatchingScenario().evaluate([http], catalog: Self.catalog)
        #expect(skipped.opportunities.isEmpty)
        #expect(skipped.skipped.first?.reason.hasPrefix("requests are 92 % of its cost") == true)
    }

    @Test func anomaliesAreDaysFarAboveTheMedian() throws {
        // Ten days at 1.00 and one at 5.00: median 1.00, the spike is 5× and 4.00 above it.
        var ledger = UsageLedger(month: BillingMonth("2026-10")!)
        let function = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "loop")
        for day in 1...11 {
            let cost = day == 7 ? "5" : "1"
            try ledger.add(.init(quantity: FixedDecimal(1), unblendedCost: d(cost), onDemandCost: d(cost), effectiveCost: d(cost), rows: 1),
                at: .init(function: function, architecture: .x86_64, kind: .duration, charge: .usage, hour: UsageHour(year: 2026, month: 10, day: day, hour: 9)))
        }
        let findings = AnomalyScenario().evaluate(ledger)
        #expect(findings.map { $0.moneyAtRisk?.description } == ["4"])
        #expect(findings.first?.summary == "loop cost $5.00 on 2026-10-07, 5.0× its median day of $1.00 (costliest hour 09:00 UTC, $5.00): $4.00 above its baseline. Look for a recursive invocation loop, a retry storm or a traffic spike.")
    }

    @Test func changesOfOneFunctionApplyOneAfterAnother() {
        // A function paying 80 for duration and 20 for requests. Memory saves 40 of the duration alone (a
        // share of 1/2), Graviton 16 (1/5), batching 10 of the requests (1/2). Plan order is by saving alone:
        // memory 40 (80 × 1/2), then Graviton: 1/5 of the 40 left = 8; batching acts on requests only: 10.
        // Duration keeps 80 − 48 = 32 = 80 × (1 − 1/2)(1 − 1/5); nothing is counted twice.
        let f = FunctionIdentity(accountID: "1", region: "us-east-1", name: "f")
        func change(_ scenario: String, _ savings: Int, _ kinds: Set<UsageKind>) -> Opportunity {
            Opportunity(scenario: scenario, function: f, monthlySavings: FixedDecimal(savings), currentMonthlyCost: .zero,
                        confidence: .modeled, summary: "", effort: "", risk: "", inputs: [], actsOn: kinds)
        }
        let plan = FunctionPlan(
            [change("graviton", 16, [.duration]), change("batching", 10, [.requests]), change("memory", 40, [.duration])],
            costs: [.duration: FixedDecimal(80), .requests: FixedDecimal(20)])
        #expect(plan.steps.map(\.opportunity.scenario) == ["memory", "graviton", "batching"])
        #expect(plan.steps.map(\.marginal) == [FixedDecimal(40), FixedDecimal(8), FixedDecimal(10)])
        #expect(plan.reductionByKind == [.duration: FixedDecimal(48), .requests: FixedDecimal(10)])
    }

    @Test func aChangeNeverSavesMoreThanTheCostItActsOn() {
        // A saving alone of 150 on a kind that costs 100 in the bill is capped at 100; what follows saves nothing.
        let f = FunctionIdentity(accountID: "1", region: "us-east-1", name: "f")
        let big = Opportunity(scenario: "region", function: f, monthlySavings: FixedDecimal(150), currentMonthlyCost: FixedDecimal(150),
                              confidence: .modeled, summary: "", effort: "", risk: "", inputs: [], actsOn: [.duration])
        var small = big
        small.scenario = "memory"
        small.monthlySavings = FixedDecimal(5)
        let plan = FunctionPlan([small, big], costs: [.duration: FixedDecimal(100)])
        #expect(plan.steps.map(\.marginal) == [FixedDecimal(100), .zero])
        #expect(plan.reductionByKind == [.duration: FixedDecimal(100)])
    }
}

extension ScenarioTests {
    @Test func provisionedConcurrencyCountsAsComputeForBatching() {
        // 40,000 requests (0.008) against no on-demand duration but 36,000 PC GB-s × 0.0000041667 = 0.1500012:
        // requests are not dominant.
        let pc = Self.function("pc", paid: [.requests: "40000", .provisionedConcurrency: "36000"]) { $0.trigger = "sqs" }
        #expect(BatchingScenario().evaluate([pc], catalog: Self.catalog).opportunities.isEmpty)
    }
}
