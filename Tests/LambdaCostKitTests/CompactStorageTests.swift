import Testing
@testable import LambdaCostKit

/// The compact per-function records (``PackedNumbers``, ``FunctionMetrics``, ``UsageSlices``, ``TagLocations``,
/// the copy-on-write ``FunctionCost`` and ``Opportunity``) read and write as the plain values they replace.
@Suite struct CompactStorageTests {
    static let extremes: [Int128] = [
        0, 1, -1, 10, -10, 127, 128, -129, 1_000_000, 123_456_789, Int128(Int64.max), Int128(Int64.min),
        Int128.max, Int128.min, Int128.max - 1, Int128.min + 1, FixedDecimal(parsing: "0.0000166667")!.units,
        FixedDecimal(parsing: "-12345.678")!.units, FixedDecimal(1).units, FixedDecimal(100_000_000_000_000).units,
    ]

    @Test func packedNumbersKeepEveryValueInAnyOrderOfWrites() {
        var packed = PackedNumbers()
        var plain = [Int128?](repeating: nil, count: PackedNumbers.capacity)
        // Writes out of field order, overwrites and removals, against a plain array.
        var generator = SplitMix(seed: 7)
        for step in 0..<2_000 {
            let field = Int(generator.next() % UInt64(PackedNumbers.capacity))
            let value: Int128? = generator.next() % 5 == 0 ? nil : Self.extremes[step % Self.extremes.count]
            packed[field] = value
            plain[field] = value
            for index in plain.indices { #expect(packed[index] == plain[index]) }
        }
    }

    @Test func packedNumbersCompareByValue() {
        var inOrder = PackedNumbers()
        var reversed = PackedNumbers()
        for field in 0..<PackedNumbers.capacity { inOrder[field] = Self.extremes[field % Self.extremes.count] }
        for field in (0..<PackedNumbers.capacity).reversed() { reversed[field] = Self.extremes[field % Self.extremes.count] }
        #expect(inOrder == reversed)
        reversed[3] = Self.extremes[3] + 1
        #expect(inOrder != reversed)
        reversed[3] = nil
        #expect(inOrder != reversed)
    }

    @Test func metricsFieldsAreIndependent() {
        var metrics = FunctionMetrics(function: .init(accountID: "004519876321", region: "us-east-1", name: "orders-api"))
        metrics.p99DurationMs = FixedDecimal(parsing: "1700.379")
        metrics.memoryMB = 1769
        metrics.invocations = FixedDecimal(parsing: "28981")
        metrics.errors = .zero
        #expect(metrics.p99DurationMs == FixedDecimal(parsing: "1700.379"))
        #expect(metrics.memoryMB == 1769)
        #expect(metrics.invocations == FixedDecimal(28981))
        #expect(metrics.errors == .zero)
        #expect(metrics.timeouts == nil && metrics.ephemeralMB == nil && metrics.sqsVisibilityTimeoutSeconds == nil)
        metrics.memoryMB = nil
        #expect(metrics.memoryMB == nil)
        #expect(metrics.p99DurationMs == FixedDecimal(parsing: "1700.379"))
    }

    @Test func usageSlicesReadLikeADictionary() {
        var dictionary: [UsageSlice.Key: UsageSlice] = [:]
        var slices = UsageSlices()
        let keys = Architecture.allCases.flatMap { architecture in UsageKind.allCases.map { UsageSlice.Key(architecture, $0) } }
        for (index, key) in keys.enumerated().reversed() where index % 3 != 1 {
            let slice = UsageSlice(quantity: FixedDecimal(index), unblendedCost: FixedDecimal(index * 2))
            dictionary[key] = slice
            slices[key] = slice
        }
        slices[keys[0]] = nil
        dictionary[keys[0]] = nil
        #expect(slices.count == dictionary.count)
        #expect(slices.keys == dictionary.keys.sorted())
        for key in keys { #expect(slices[key] == dictionary[key]) }
        #expect(UsageSlices(dictionary) == slices)
        #expect(slices.map(\.key) == slices.keys)
    }

    @Test func tagLocationsFindEachKey() {
        let first = SourceLocation(file: "cur.csv", line: 2, column: 51)
        let second = SourceLocation(file: "cur.csv", line: 9, column: 52)
        let locations = TagLocations(["team": first, "env": second])
        #expect(locations["team"] == first)
        #expect(locations["env"] == second)
        #expect(locations["owner"] == nil)
        #expect(TagLocations().isEmpty)
    }

    @Test func copiesOfAFunctionChangeAlone() {
        let original = RepricingTests.function("orders-api", [(.x86_64, .duration, "100", "0", "1")])
        var copy = original
        copy.unblendedCost = FixedDecimal(5)
        copy.usage[.init(.arm64, .requests)] = UsageSlice(quantity: FixedDecimal(3))
        copy.tags["team"] = "payments"
        #expect(original.unblendedCost == .zero)
        #expect(original.usage.count == 1 && copy.usage.count == 2)
        #expect(original.tags.isEmpty && copy.tags == ["team": "payments"])

        var opportunity = Opportunity(scenario: "graviton", function: original.function, monthlySavings: FixedDecimal(2),
                                      currentMonthlyCost: FixedDecimal(10), confidence: .modeled, summary: "s", effort: "e",
                                      risk: "r", inputs: [])
        let kept = opportunity
        opportunity.plan = PlannedSaving(order: 1, marginal: FixedDecimal(2), absorbedByOwnedCommitment: .zero)
        #expect(kept.plan == nil && opportunity.plan?.cash == FixedDecimal(2))
    }
}

/// A small deterministic generator for the test's write sequence.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
