import GoldenFiles
import Testing
@testable import LambdaCostKit

@Suite struct RepricingTests {
    static let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)

    static func function(_ name: String, region: String = "us-east-1", account: String = "004519876321",
                         _ slices: [(Architecture, UsageKind, quantity: String, free: String, onDemand: String)]) -> FunctionCost {
        var usage: [UsageSlice.Key: UsageSlice] = [:]
        for (architecture, kind, quantity, free, onDemand) in slices {
            usage[.init(architecture, kind)] = UsageSlice(
                quantity: FixedDecimal(parsing: quantity)!, freeTierQuantity: FixedDecimal(parsing: free)!,
                onDemandCost: FixedDecimal(parsing: onDemand)!)
        }
        return FunctionCost(
            function: .init(accountID: account, region: region, name: name), architectures: [.x86_64], requests: .zero, gbSeconds: .zero,
            provisionedGBSeconds: .zero, provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero,
            onDemandCost: .zero, freeTierValue: .zero, tags: [:], qualifiers: [], metrics: nil, usage: usage, catalog: nil)
    }

    func run(_ functions: [FunctionCost], publicOnDemand: Bool = true) throws -> RepricingStage.Output {
        try RepricingStage().run(.init(functions: functions, catalog: Self.catalog, billHasPublicOnDemandCost: publicOnDemand))
    }

    @Test func allocationAddsUpExactly() {
        let shares = FixedDecimal(1).allocated(proportionalTo: [FixedDecimal(1), FixedDecimal(1), FixedDecimal(1)])
        #expect(shares.map(\.description) == ["0.333333333333333333333334", "0.333333333333333333333333", "0.333333333333333333333333"])
        #expect(FixedDecimal.sum(shares) == FixedDecimal(1))
        let negative = FixedDecimal(-10).allocated(proportionalTo: [FixedDecimal(3), .zero, FixedDecimal(1)])
        #expect(negative.map(\.description) == ["-7.5", "0", "-2.5"])
        #expect(FixedDecimal(5).allocated(proportionalTo: [.zero, .zero]) == [.zero, .zero])
    }

    @Test func tierDiscountIsSharedInProportionToDuration() throws {
        // us-east-1 x86: 5e9 + 3e9 = 8e9 GB-s. Flat: 8e9 × 0.0000166667 = 133,333.6.
        // Tiered: 6e9 × 0.0000166667 + 2e9 × 0.000015 = 100,000.2 + 30,000 = 130,000.2. Discount 3,333.4:
        // 5/8 → 2,083.375 and 3/8 → 1,250.025.
        let output = try run([
            Self.function("big", [(.x86_64, .duration, "5000000000", "0", "83333.5")]),
            Self.function("small", [(.x86_64, .duration, "3000000000", "0", "50000.1")]),
        ])
        #expect(output.functions.map { $0.catalog!.tierDiscount.description } == ["2083.375", "1250.025"])
        #expect(output.functions.map { $0.catalog!.listCost.description } == ["83333.5", "50000.1"])
        #expect(output.functions.map { $0.catalog!.netCost.description } == ["81250.125", "48750.075"])
        #expect(output.gaps.isEmpty)
    }

    @Test func poolsAreSeparatePerAccount() throws {
        // The same 8e9 GB-s split over two accounts the input names no payer for (each is its own payer, so
        // each its own pool) stays in tier 1: no discount. Accounts of one payer: PayerPoolingTests.
        let output = try run([
            Self.function("big", account: "111111111111", [(.x86_64, .duration, "5000000000", "0", "83333.5")]),
            Self.function("small", account: "222222222222", [(.x86_64, .duration, "3000000000", "0", "50000.1")]),
        ])
        #expect(output.functions.allSatisfy { $0.catalog!.tierDiscount.isZero })
    }

    @Test func freeTierIsSharedInProportionToListCost() throws {
        // "early" ran first and got all 1,000,000 free requests ($0.20) and 400,000 free GB-s ($6.66668).
        // Requests list: early 2,000,000 × 0.0000002 = 0.4; late 2,000,000 → 0.4: 0.2 split 0.1 / 0.1.
        // Duration list: early 600,000 × 0.0000166667 = 10.00002; late 200,000 × 0.0000166667 = 3.33334 (3 : 1):
        // 6.66668 × 3/4 = 5.00001 and 6.66668 × 1/4 = 1.66667.
        let output = try run([
            Self.function("early", [(.x86_64, .requests, "2000000", "1000000", "0.4"), (.x86_64, .duration, "600000", "400000", "10.00002")]),
            Self.function("late", [(.x86_64, .requests, "2000000", "0", "0.4"), (.x86_64, .duration, "200000", "0", "3.33334")]),
        ])
        #expect(output.functions.map { $0.catalog!.freeTierAllocation.description } == ["5.10001", "1.76667"])
        let net = FixedDecimal.sum(output.functions.map { $0.catalog!.netCost })
        #expect(net.description == "7.26668")  // list 0.8 + 13.33336, less 0.2 + 6.66668 of free tier
    }

    @Test func aStaleCatalogShowsAsAGap() throws {
        // The bill priced 1,000,000 GB-s at 0.0000180000: 18 against the catalog's 16.6667 → gap 1.3333.
        let output = try run([Self.function("f", [(.x86_64, .duration, "1000000", "0", "18")])])
        #expect(output.gaps.count == 1)
        #expect(output.gaps.first?.gap.description == "1.3333")
        #expect(output.gaps.first?.summary == "duration x86_64 in us-east-1: the bill lists $18.00 at public on-demand rates, the catalog $16.67 (gap $1.33)")
        // Without the public on-demand column the comparison is not made.
        #expect(try run([Self.function("f", [(.x86_64, .duration, "1000000", "0", "18")])], publicOnDemand: false).gaps.isEmpty)
    }

    @Test func aMissingPriceIsReportedNotAssumed() throws {
        // arm64 provisioned concurrency has no price in eu-west-3.
        let output = try run([Self.function("f", region: "eu-west-3", [(.arm64, .provisionedConcurrency, "3600", "0", "0.01")])])
        #expect(output.functions.first?.catalog?.missingPrices == ["arm64 provisioned_concurrency"])
        #expect(output.functions.first?.catalog?.listCost == .zero)
        #expect(output.gaps.first?.catalogCost == nil)
        #expect(output.gaps.first?.summary.hasPrefix("the catalog has no provisioned_concurrency price for arm64 in eu-west-3") == true)
    }
}
