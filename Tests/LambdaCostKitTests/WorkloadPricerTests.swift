import GoldenFiles
import Testing
@testable import LambdaCostKit

/// Every expected amount below was worked out by hand from the catalog prices quoted in the comment.
@Suite struct WorkloadPricerTests {
    static let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)
    let pricer = WorkloadPricer(catalog: Self.catalog)

    func bill(_ region: String = "us-east-1", _ architecture: Architecture = .x86_64, memory: Int, requests: Int, ms: String,
              ephemeral: Int = 512, freeTier: Bool = false, pc: Int = 0, hours: Int = 0, pcRequests: Int = 0, pcMs: String = "0") throws -> WorkloadPricer.Bill {
        try pricer.price(.init(
            region: region, architecture: architecture, memoryMB: memory, requests: FixedDecimal(requests),
            durationMs: FixedDecimal(parsing: ms)!, ephemeralMB: ephemeral, freeTier: freeTier,
            provisionedConcurrency: FixedDecimal(pc), provisionedHours: FixedDecimal(hours),
            provisionedRequests: FixedDecimal(pcRequests), provisionedDurationMs: FixedDecimal(parsing: pcMs)!))
    }

    @Test func x86WithoutFreeTier() throws {
        // 3,000,000 × 0.12 s × 1.5 GB = 540,000 GB-s × 0.0000166667 = 9.000018; requests 3,000,000 × 0.0000002 = 0.6
        let result = try bill(memory: 1536, requests: 3_000_000, ms: "120")
        #expect(result.duration.description == "9.000018")
        #expect(result.requests.description == "0.6")
        #expect(result.total.description == "9.600018")
        #expect(result.total.formatted(places: 2) == "9.60")
    }

    @Test func x86WithFreeTier() throws {
        // (540,000 − 400,000) × 0.0000166667 = 2.333338; (3,000,000 − 1,000,000) × 0.0000002 = 0.4
        let result = try bill(memory: 1536, requests: 3_000_000, ms: "120", freeTier: true)
        #expect(result.total.description == "2.733338")
        // A workload inside the free tier costs nothing.
        #expect(try bill(memory: 128, requests: 900_000, ms: "50", freeTier: true).total == .zero)
    }

    @Test func durationIsRoundedUpToWholeMilliseconds() throws {
        // 120.2 ms bills as 121 ms: 1,000,000 × 0.121 s × 1 GB = 121,000 GB-s × 0.0000166667 = 2.0166707
        let result = try bill(memory: 1024, requests: 1_000_000, ms: "120.2")
        #expect(result.onDemandGBSeconds == FixedDecimal(121_000))
        #expect(result.duration.description == "2.0166707")
    }

    @Test func arm64() throws {
        // 540,000 GB-s × 0.0000133334 = 7.200036; requests cost the same as x86: 0.6
        let result = try bill("us-east-1", .arm64, memory: 1536, requests: 3_000_000, ms: "120")
        #expect(result.duration.description == "7.200036")
        #expect(result.requests.description == "0.6")
    }

    @Test func x86CrossesTheSixBillionBoundary() throws {
        // 700,000,000 × 1 s × 10 GB = 7e9 GB-s: 6e9 × 0.0000166667 = 100,000.2 + 1e9 × 0.000015 = 15,000
        let result = try bill(memory: 10_240, requests: 700_000_000, ms: "1000")
        #expect(result.duration.description == "115000.2")
        #expect(result.requests.description == "140")
    }

    @Test func x86CrossesTheFifteenBillionBoundary() throws {
        // 20e9 GB-s: 6e9 × 0.0000166667 = 100,000.2; 9e9 × 0.000015 = 135,000; 5e9 × 0.0000133334 = 66,667
        let result = try bill(memory: 10_240, requests: 2_000_000_000, ms: "1000")
        #expect(result.duration.description == "301667.2")
        #expect(result.total.description == "302067.2")
    }

    @Test func arm64CrossesBothBoundaries() throws {
        // 20e9 GB-s: 7.5e9 × 0.0000133334 = 100,000.5; 11.25e9 × 0.0000120001 = 135,001.125; 1.25e9 × 0.0000106667 = 13,333.375
        let result = try bill("us-east-1", .arm64, memory: 10_240, requests: 2_000_000_000, ms: "1000")
        #expect(result.duration.description == "248335")
    }

    @Test func ephemeralStorageIsBilledOnSecondsNotMemory() throws {
        // 1,000,000 × 1 s = 1,000,000 s × (2048 − 512) / 1024 = 1.5 GB → 1,500,000 GB-s × 0.0000000309 = 0.04635
        let result = try bill(memory: 512, requests: 1_000_000, ms: "1000", ephemeral: 2048)
        #expect(result.storageGBSeconds == FixedDecimal(1_500_000))
        #expect(result.ephemeralStorage.description == "0.04635")
        #expect(result.duration.description == "8.33335")  // 500,000 GB-s × 0.0000166667
        #expect(result.total.description == "8.5797")
        #expect(try bill(memory: 512, requests: 1_000_000, ms: "1000", ephemeral: 512).ephemeralStorage == .zero)
    }

    @Test func provisionedConcurrencyWithOnDemandSpillOver() throws {
        // PC: 10 × 1 GB × 744 h × 3600 = 26,784,000 GB-s × 0.0000041667 = 111.6008928
        // 4,000,000 PC invocations × 0.1 s × 1 GB = 400,000 GB-s × 0.0000097222 = 3.88888
        // 1,000,000 on demand × 0.1 s × 1 GB = 100,000 GB-s × 0.0000166667 = 1.66667
        // 5,000,000 requests × 0.0000002 = 1
        let result = try bill(memory: 1024, requests: 5_000_000, ms: "100", pc: 10, hours: 744, pcRequests: 4_000_000, pcMs: "100")
        #expect(result.provisionedConcurrency.description == "111.6008928")
        #expect(result.provisionedDuration.description == "3.88888")
        #expect(result.duration.description == "1.66667")
        #expect(result.requests.description == "1")
        #expect(result.total.description == "118.1564428")
        #expect(result.total.formatted(places: 2) == "118.16")
    }

    @Test func provisionedConcurrencyWithoutSpillOverAndFreeTierUntouched() throws {
        // All 4,000,000 invocations on PC: the free tier does not apply to PC, PC duration or their requests.
        let result = try bill(memory: 1024, requests: 4_000_000, ms: "100", freeTier: true, pc: 10, hours: 744, pcRequests: 4_000_000, pcMs: "100")
        #expect(result.duration == .zero)
        #expect(result.requests.description == "0.8")
        #expect(result.total.description == "116.2897728")  // 111.6008928 + 3.88888 + 0.8
    }

    @Test func higherPricedRegions() throws {
        // ap-east-1: 3,000,000 × 0.00000028 = 0.84; 540,000 × 0.00002292 = 12.3768
        #expect(try bill("ap-east-1", memory: 1536, requests: 3_000_000, ms: "120").total.description == "13.2168")
        // af-south-1: 3,000,000 × 0.00000027 = 0.81; 540,000 × 0.0000221 = 11.934
        #expect(try bill("af-south-1", memory: 1536, requests: 3_000_000, ms: "120").total.description == "12.744")
    }

    @Test func aMissingPriceIsAnErrorNotZero() {
        #expect(throws: WorkloadPricer.Failure.missingPrice(region: "eu-west-3", architecture: .arm64, charge: .provisionedConcurrency)) {
            try bill("eu-west-3", .arm64, memory: 1024, requests: 10, ms: "1", pc: 1, hours: 1)
        }
    }

    @Test func invalidWorkloadsAreRefused() {
        #expect(throws: WorkloadPricer.Failure.unknownRegion("mars-1")) { try bill("mars-1", memory: 128, requests: 1, ms: "1") }
        #expect(throws: WorkloadPricer.Failure.self) { try bill(memory: 127, requests: 1, ms: "1") }
        #expect(throws: WorkloadPricer.Failure.self) { try bill(memory: 10_241, requests: 1, ms: "1") }
        #expect(throws: WorkloadPricer.Failure.self) { try bill(memory: 128, requests: -1, ms: "1") }
        #expect(throws: WorkloadPricer.Failure.self) { try bill(memory: 128, requests: 10, ms: "1", pc: 1, hours: 1, pcRequests: 11, pcMs: "1") }
    }
}
