import Foundation
import GoldenFiles
import Testing

@testable import LambdaCostKit

/// The alternatives to a function that waits (docs/alternatives.md), priced from the shipped catalog; every figure
/// below is worked out by hand from the catalog's prices.
@Suite struct WaitingAlternativesTests {
    static let catalog = ScenarioTests.catalog

    private func dec(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

    /// AWS's own example (the Lambda pricing page, "High-throughput API service"): 100 M requests a month, 2,000 hours
    /// of m7g.xlarge at the 3-year Compute Savings Plan rate, the 15 % management fee on the on-demand price:
    /// 100,000,000 × 0.0000002 = 20; 2,000 × 0.0457 = 91.40; 2,000 × 0.1632 × 0.15 = 48.96; 160.36 in all.
    @Test func theManagedInstancesExampleOfThePricingPage() throws {
        let catalog = Self.catalog
        let onDemand = try #require(catalog.instancePrice("m7g.xlarge", .onDemand, in: "us-east-1"))
        let plan = try #require(catalog.instancePrice("m7g.xlarge", .computeSavingsPlan3Year, in: "us-east-1"))
        let requestPrice = try #require(catalog.tiers(.managedInstancesRequests, in: "us-east-1")?.first?.price)
        let feeShare = try #require(catalog.tiers(.managedInstancesFeeShare, in: "us-east-1")?.first?.price)
        #expect([onDemand.pricePerHour, plan.pricePerHour, requestPrice, feeShare] == [dec("0.1632"), dec("0.0457"), dec("0.0000002"), dec("0.15")])
        let month = ManagedInstancesCost(requests: dec("100000000"), instanceHours: dec("2000"), requestPrice: requestPrice,
                                         hourlyPrice: plan.pricePerHour, onDemandHourlyPrice: onDemand.pricePerHour, feeShare: feeShare)
        #expect(month.requestCost == dec("20"))
        #expect(month.instanceCost == dec("91.4"))
        #expect(month.managementFee == dec("48.96"))
        #expect(month.total == dec("160.36"))
        #expect(Format.usd(month.total) == "$160.36")
    }

    /// A function in us-east-1 (x86_64, 2,048 MB) with 1,000,000 requests a month of 4,000 ms, 160 ms of them on the
    /// CPU (4 %), and 8,000,000 GB-s paid:
    /// - today: 1,000,000 × 0.0000002 + 8,000,000 × 0.0000166667 = 0.2 + 133.3336 = 133.5336;
    /// - Lambda in both asynchronous patterns: 2,000,000 requests × 0.0000002 = 0.4, and 1,000,000 × 0.16 s × 2 GB =
    ///   320,000 GB-s × 0.0000166667 = 5.333344;
    /// - WebSocket: 2,000,000 messages × 0.000001 = 2, 1,000,000 connection minutes (4 s is one whole minute) ×
    ///   0.00000025 = 0.25: 7.983344 in all;
    /// - callback: 3,000,000 transitions × 0.000025 = 75: 80.733344 in all;
    /// - Managed Instances over three hours of 14,400, 2,000,000 and 0 GB-s: 7,200, 1,000,000 and 0 busy seconds, 4 % of
    ///   them CPU (288, 40,000, 0) against 4 vCPU × 3,600 s × 0.5 = 7,200 CPU seconds per instance hour (1, 6, 0
    ///   instances), requests in flight 2, 277.8, 0 against 256 per instance (1, 2, 0), at least 3: 3 + 6 + 3 = 12
    ///   instance hours; on-demand 12 × 0.1632 = 1.9584, fee 12 × 0.1632 × 0.15 = 0.29376, requests 0.2: 2.45216.
    @Test func eachAlternativeIsPricedFromTheCatalog() throws {
        let function = ScenarioTests.function("llm", paid: [.requests: "1000000", .duration: "8000000"]) {
            $0.memoryMB = 2048; $0.averageDurationMs = FixedDecimal(4000); $0.averageCPUTimeMs = FixedDecimal(160)
        }
        let hours = [dec("14400"), dec("2000000"), .zero]
        let pricer = WaitingAlternativesPricer(catalog: Self.catalog, settings: WaitingAlternativesSettings())
        let priced = try #require(pricer.price(function, gbSecondsPerHour: hours))
        #expect(priced.todayAtListPrices == dec("133.5336"))
        #expect(priced.alternatives.map(\.kind) == [.webSocket, .callback, .managedInstances])
        #expect(priced.alternatives.map(\.monthlyCost) == [dec("7.983344"), dec("80.733344"), dec("2.45216")])
        #expect(priced.alternatives[0].parts.map(\.cost) == [dec("2"), dec("0.25"), dec("0.4"), dec("5.333344")])
        #expect(priced.alternatives[2].parts.map(\.quantity) == ["1,000,000", "12", "12"])
        #expect(priced.alternatives[2].assumptions[0].hasSuffix("12 instance hours, at most 6 at once"))
        #expect(priced.alternatives[2].assumptions.last == "the instances are arm64: the function, x86_64 today, needs a build for it")
        #expect(priced.cheapest?.kind == .managedInstances)

        // Bought with the 3-year Compute Savings Plan: 12 × 0.0457 = 0.5484, the fee stays on the on-demand price.
        var settings = WaitingAlternativesSettings()
        settings.purchase = .computeSavingsPlan3Year
        settings.minimumInstances = 0
        let planned = try #require(WaitingAlternativesPricer(catalog: Self.catalog, settings: settings).price(function, gbSecondsPerHour: hours))
        // At least 0 instances: 1 + 6 + 0 = 7 hours: 7 × 0.0457 = 0.3199, fee 7 × 0.02448 = 0.17136, requests 0.2.
        #expect(planned.alternatives[2].monthlyCost == dec("0.69126"))
    }

    /// The commitment stage prices the functions that wait, and only them, with their duration per hour from the
    /// ledger: 2,000,000 GB-s at 10:00 and 14,400 GB-s at 11:00 on the 1st need 6 and 3 instances (see above), every
    /// other hour of October the minimum 3: 6 + 3 + 742 × 3 = 2,235 instance hours; 2,235 × 0.1632 = 364.752 of EC2,
    /// 2,235 × 0.02448 = 54.7128 of fee, 0.2 of requests: 419.6648.
    @Test func theCommitmentStagePricesTheFunctionsThatWaitHourByHour() throws {
        let october = BillingMonth(year: 2026, month: 10)!
        var ledger = UsageLedger(month: october)
        let waiter = ScenarioTests.function("waiter", paid: [.requests: "1000000", .duration: "2014400"]) {
            $0.memoryMB = 2048; $0.averageDurationMs = FixedDecimal(4000); $0.averageCPUTimeMs = FixedDecimal(160)
        }
        let busy = ScenarioTests.function("busy", paid: [.requests: "1000000", .duration: "2014400"])
        for (function, hour, quantity) in [(waiter, 10, "2000000"), (waiter, 11, "14400"), (busy, 10, "2000000")] {
            let amounts = UsageLedger.Amounts(quantity: dec(quantity), unblendedCost: .zero, onDemandCost: .zero, effectiveCost: .zero, rows: 1)
            try ledger.add(amounts, at: .init(function: function.function, architecture: .x86_64, kind: .duration, charge: .usage,
                                              hour: UsageHour(year: 2026, month: 10, day: 1, hour: hour)))
        }
        ledger.finishWriting()
        var input = CommitmentStage.Input(ledger: ledger, functions: [busy, waiter], catalog: Self.catalog)
        input.waiting = [waiter.function]
        let output = try CommitmentStage().run(input)
        #expect(output.alternatives.map(\.function) == [waiter.function])
        let managed = try #require(output.alternatives.first?.alternatives.last)
        #expect(managed.kind == .managedInstances)
        #expect(managed.parts.map(\.quantity) == ["1,000,000", "2,235", "2,235"])
        #expect(managed.parts.map(\.cost) == [dec("0.2"), dec("364.752"), dec("54.7128")])
        #expect(managed.monthlyCost == dec("419.6648"))
    }

    /// A price the catalog does not have, or a metric the function lacks, is "not checked" with the reason; never
    /// zero, never a price of another region.
    @Test func whatCannotBePricedSaysWhy() throws {
        let function = ScenarioTests.function("llm", region: "eu-west-1", paid: [.requests: "1000000", .duration: "8000000"]) {
            $0.memoryMB = 2048; $0.averageDurationMs = FixedDecimal(4000); $0.averageCPUTimeMs = FixedDecimal(160)
        }
        let pricer = WaitingAlternativesPricer(catalog: Self.catalog, settings: WaitingAlternativesSettings())
        let priced = try #require(pricer.price(function, gbSecondsPerHour: [dec("14400")]))
        #expect(priced.alternatives.map(\.notChecked) == [
            "the catalog has no WebSocket API price for eu-west-1", nil,
            "the catalog has no on-demand price of m7g.xlarge in eu-west-1 (instance-prices.csv)",
        ])
        #expect(priced.alternatives.map(\.monthlyCost) == [nil, dec("80.733344"), nil])

        let withoutMetrics = ScenarioTests.function("llm", paid: [.requests: "1000000", .duration: "8000000"])
        let unpriced = try #require(pricer.price(withoutMetrics, gbSecondsPerHour: [dec("14400")]))
        #expect(unpriced.alternatives.allSatisfy { $0.notChecked == "needs avg_duration_ms, avg_cpu_time_ms and memory_mb in the metrics" })
        #expect(unpriced.cheapest == nil)
    }

    /// The catalog's two files of alternatives: a bad row is an error at its place; a catalog without them (made
    /// before them) loads and prices none.
    @Test func theCatalogFilesOfTheAlternatives() throws {
        let folder = NSTemporaryDirectory() + "alternatives-catalog-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: RepositoryPaths.pricing, toPath: folder)
        let alternatives = folder + "/alternatives-prices.csv"
        let header = "region,charge,tier,tier_start,tier_end,unit,price,currency,as_of,source\n"
        func loadError(_ rows: String, into path: String, header: String) -> String? {
            FileManager.default.createFile(atPath: path, contents: Data((header + rows).utf8))
            do {
                _ = try CatalogLoader().run(folder)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(loadError("xx-nowhere-1,websocket_messages,1,0,,message,0.000001,USD,,s\n", into: alternatives, header: header)?
            .contains("alternatives-prices.csv:2:1: error: region 'xx-nowhere-1' is not in regions.csv") == true)
        #expect(loadError("us-east-1,websocket_letters,1,0,,message,0.000001,USD,,s\n", into: alternatives, header: header)?
            .contains("alternatives-prices.csv:2:11: error: expected one of api_gateway_rest_requests") == true)
        #expect(loadError("us-east-1,websocket_messages,1,0,1000,message,0.000001,USD,,s\nus-east-1,websocket_messages,2,2000,,message,0.0000008,USD,,s\n",
                          into: alternatives, header: header)?
            .contains("the tiers of websocket_messages in us-east-1 must run from 0 to no end without gaps") == true)
        FileManager.default.createFile(atPath: alternatives, contents: Data(header.utf8))
        let instanceHeader = "region,instance_type,architecture,vcpus,memory_gib,purchase,price_per_hour,currency,as_of,source\n"
        #expect(loadError("us-east-1,m7g.xlarge,arm64,four,16,on_demand,0.1632,USD,,s\n", into: folder + "/instance-prices.csv", header: instanceHeader)?
            .contains("instance-prices.csv:2:28: error: expected a whole number of vCPUs from 1, found \"four\"") == true)

        try FileManager.default.removeItem(atPath: alternatives)
        try FileManager.default.removeItem(atPath: folder + "/instance-prices.csv")
        let old = try CatalogLoader().run(folder)
        #expect(old.alternativePrices.isEmpty && old.instancePrices.isEmpty)
        let function = ScenarioTests.function("llm", paid: [.requests: "1000000", .duration: "8000000"]) {
            $0.memoryMB = 2048; $0.averageDurationMs = FixedDecimal(4000); $0.averageCPUTimeMs = FixedDecimal(160)
        }
        let priced = try #require(WaitingAlternativesPricer(catalog: old, settings: WaitingAlternativesSettings()).price(function, gbSecondsPerHour: [.zero]))
        #expect(priced.alternatives.allSatisfy { $0.monthlyCost == nil && $0.notChecked?.hasPrefix("the catalog has no") == true })
    }

    /// `[alternatives]` is read with the other keys, and a bad value is an error at its place.
    @Test func configurationOfManagedInstances() throws {
        let configuration = try ReportConfiguration(parsing: """
            [alternatives]
            managed_instances_type = "c7g.xlarge"
            managed_instances_purchase = "compute_sp_3yr"
            managed_instances_target_utilization = 0.7
            managed_instances_minimum = 1
            """, file: "c.toml")
        #expect(configuration.alternatives.instanceType == "c7g.xlarge")
        #expect(configuration.alternatives.purchase == .computeSavingsPlan3Year)
        #expect(configuration.alternatives.targetUtilization == dec("0.7"))
        #expect(configuration.alternatives.minimumInstances == 1)
        #expect(ReportConfiguration().alternatives == WaitingAlternativesSettings())
        func errors(_ text: String) -> [String] { configurationErrors(text, file: "c.toml") }
        #expect(errors("[alternatives]\nmanaged_instances_target_utilization = 0\nmanaged_instances_purchase = \"spot\"\n") == [
            "c.toml:2:40: error: managed_instances_target_utilization must be greater than 0 and at most 1; found 0",
            "c.toml:3:30: error: managed_instances_purchase must be one of on_demand, compute_sp_1yr, compute_sp_3yr; found 'spot'",
        ])
    }
}
