import Testing
@testable import LambdaCostKit

/// The configuration file reaching the scenarios: per-function arm64 factors and exclusions, region allow-lists.
/// Prices from the catalog: us-east-1 x86_64 duration 0.0000166667, arm64 0.0000133334 per GB-s; Asia Pacific
/// requests and duration 0.0000002 / 0.0000166667 (ap-southeast-2, ap-northeast-1), 0.00000018 / 0.000015
/// (ap-east-2, ap-southeast-5, ap-southeast-7), 0.00000021 / 0.0000175 (ap-southeast-6).
@Suite struct ConfiguredScenarioTests {
    static let catalog = ScenarioTests.catalog

    static func configuration(_ toml: String) throws -> ReportConfiguration {
        try ReportConfiguration(parsing: toml, file: "test.toml")
    }

    static func function(_ name: String, region: String = "us-east-1", tags: [String: String] = [:], paid: [UsageKind: String]) -> FunctionCost {
        var function = ScenarioTests.function(name, region: region, paid: paid)
        function.tags = tags
        return function
    }

    // MARK: Graviton

    @Test func aPerFunctionFactorChangesTheSavingByTheExactAmount() throws {
        let configuration = try Self.configuration("""
            [[graviton.override]]
            functions = "image-*"
            duration_factor = 1.2

            [[graviton.override]]
            tag = "team=ml"
            duration_factor = 0.8
            """)
        let image = Self.function("image-resize", paid: [.duration: "1000000"])
        let other = Self.function("orders", paid: [.duration: "1000000"])
        let model = Self.function("embedder", tags: ["team": "ml"], paid: [.duration: "1000000"])
        let result = GravitonScenario(configuration: configuration).evaluate([image, other, model], catalog: Self.catalog)
        let savings = Dictionary(uniqueKeysWithValues: result.opportunities.map { ($0.function.name, $0.monthlySavings.description) })
        // Factor 1 (no rule matches): 1,000,000 × (0.0000166667 − 0.0000133334) = 16.6667 − 13.3334 = 3.3333.
        #expect(savings["orders"] == "3.3333")
        // Factor 1.2: 16.6667 − 1,200,000 × 0.0000133334 = 16.6667 − 16.00008 = 0.66662, i.e. 3.3333 less
        // 0.2 × 1,000,000 × 0.0000133334 = 2.66668.
        #expect(savings["image-resize"] == "0.66662")
        #expect(FixedDecimal(parsing: "3.3333")! - FixedDecimal(parsing: "0.66662")! == FixedDecimal(parsing: "2.66668")!)
        // Factor 0.8 by tag: 16.6667 − 800,000 × 0.0000133334 = 16.6667 − 10.66672 = 5.99998.
        #expect(savings["embedder"] == "5.99998")
        // The factor used is among the formula inputs, with the rule it came from.
        let inputs = { (name: String) in
            Dictionary(uniqueKeysWithValues: (result.opportunities.first { $0.function.name == name }?.inputs ?? []).map { ($0.name, $0.value) })
        }
        #expect(inputs("image-resize")["arm64 duration factor"] == "1.2")
        #expect(inputs("image-resize")["arm64 duration factor from"] == "[[graviton.override]] image-*")
        #expect(inputs("embedder")["arm64 duration factor"] == "0.8")
        #expect(inputs("embedder")["arm64 duration factor from"] == "[[graviton.override]] tag team=ml")
        #expect(inputs("orders")["arm64 duration factor"] == "1")
        #expect(inputs("orders")["arm64 duration factor from"] == nil)
    }

    @Test func theGlobalFactorAppliesWithoutAnOverride() throws {
        // [graviton] duration_factor = 0.9: 16.6667 − 900,000 × 0.0000133334 = 16.6667 − 12.00006 = 4.66664.
        let configuration = try Self.configuration("[graviton]\nduration_factor = 0.9\n")
        let result = GravitonScenario(configuration: configuration).evaluate([Self.function("api", paid: [.duration: "1000000"])], catalog: Self.catalog)
        #expect(result.opportunities.map(\.monthlySavings.description) == ["4.66664"])
        #expect(result.opportunities.first?.inputs.contains { $0.name == "arm64 duration factor" && $0.value == "0.9" } == true)
    }

    @Test func anIncompatibleFunctionIsSkippedWithItsReason() throws {
        let configuration = try Self.configuration("""
            [[graviton.incompatible]]
            functions = "legacy-*"
            reason = "ships an x86_64-only native library"
            """)
        let legacy = Self.function("legacy-billing", paid: [.duration: "1000000"])
        let modern = Self.function("orders", paid: [.duration: "1000000"])
        let result = GravitonScenario(configuration: configuration).evaluate([legacy, modern], catalog: Self.catalog)
        #expect(result.opportunities.map(\.function.name) == ["orders"])
        #expect(result.skipped.map(\.function.name) == ["legacy-billing"])
        #expect(result.skipped.map(\.scenario) == ["graviton"])
        #expect(result.skipped.map(\.reason) == ["cannot run on arm64 (configuration): ships an x86_64-only native library"])
    }

    @Test func theScenarioStageCarriesTheConfiguration() throws {
        let configuration = try Self.configuration("""
            [[graviton.incompatible]]
            tag = "runtime=dotnet-native"
            reason = "native AOT build for x86_64 only"

            [[regions.allow]]
            functions = "*"
            regions = []
            """)
        let tagged = Self.function("native", region: "ap-southeast-2", tags: ["runtime": "dotnet-native"], paid: [.duration: "1000000"])
        let output = try ScenarioStage().run(ScenarioStage.Input(
            functions: [tagged], catalog: Self.catalog, configuration: configuration))
        #expect(output.opportunities.filter { $0.scenario == "graviton" || $0.scenario == "region" }.isEmpty)
        #expect(output.skipped.filter { $0.scenario == "graviton" }.map(\.reason) == ["cannot run on arm64 (configuration): native AOT build for x86_64 only"])
    }

    // MARK: Region

    static let sydney = function("sydney", region: "ap-southeast-2", paid: [.requests: "1000000", .duration: "1000000"])

    @Test func anAllowListRestrictsTheMove() throws {
        // Today: 1,000,000 × 0.0000002 + 1,000,000 × 0.0000166667 = 0.2 + 16.6667 = 16.8667. By default no move: the
        // cheaper ap-east-2 (Taipei, 15.18) is in another move group. Allowed ap-southeast-6 (0.21 + 17.5 = 17.71,
        // dearer) and ap-southeast-7 (15.18): ap-southeast-7, saving 1.6867.
        #expect(RegionMoveScenario().evaluate([Self.sydney], catalog: Self.catalog).isEmpty)
        let configuration = try Self.configuration("""
            [[regions.allow]]
            functions = "sydney"
            regions = ["ap-southeast-6", "ap-southeast-7"]
            """)
        let moves = RegionMoveScenario(configuration: configuration).evaluate([Self.sydney], catalog: Self.catalog)
        #expect(moves.map(\.monthlySavings.description) == ["1.6867"])
        #expect(moves.first?.summary.hasPrefix("Run sydney in ap-southeast-7") == true)
        #expect(moves.first?.risk.hasPrefix("Data residency: the data would leave move group au for Asia Pacific (Thailand) (group th), as the configuration allows.") == true)
        #expect(moves.first?.inputs.last.map { "\($0.name): \($0.value)" } == "allowed regions ([[regions.allow]]): ap-southeast-6, ap-southeast-7")
    }

    @Test func anAllowListOfNoCheaperRegionGivesNoMove() throws {
        // ap-southeast-6 costs 17.71 and ap-northeast-1 16.8667, neither less than 16.8667: no move.
        let configuration = try Self.configuration("""
            [[regions.allow]]
            tag = "team=payments"
            regions = ["ap-southeast-6", "ap-northeast-1"]
            """)
        let payments = Self.function("sydney", region: "ap-southeast-2", tags: ["team": "payments"], paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario(configuration: configuration).evaluate([payments], catalog: Self.catalog).isEmpty)
        // A function the rule does not select keeps the default policy (same group), where nothing is cheaper.
        #expect(RegionMoveScenario(configuration: configuration).evaluate([Self.sydney], catalog: Self.catalog).isEmpty)
    }

    @Test func allowedGroupsAndPairsOpenMovesAcrossGroups() throws {
        // Zurich (ch): 1,000,000 × 0.00000022 + 1,000,000 × 0.0000183334 = 18.5534; any EU region or London costs
        // 16.8667. Saving 1.6867.
        let zurich = Self.function("zurich", region: "eu-central-2", paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario().evaluate([zurich], catalog: Self.catalog).isEmpty)
        // Allowed the group eu: the cheapest EU region first by name, eu-central-1.
        let groups = try Self.configuration("[[regions.allow]]\nfunctions = \"zurich\"\ngroups = [\"eu\"]\n")
        let byGroup = RegionMoveScenario(configuration: groups).evaluate([zurich], catalog: Self.catalog)
        #expect(byGroup.map(\.monthlySavings.description) == ["1.6867"])
        #expect(byGroup.first?.summary.hasPrefix("Run zurich in eu-central-1 ") == true)
        #expect(byGroup.first?.inputs.last.map { "\($0.name): \($0.value)" } == "allowed groups ([[regions.allow]]): eu")
        // A pair from Zurich to London adds that one move to the default policy.
        let pair = try Self.configuration("[regions]\npairs = [[\"eu-central-2\", \"eu-west-2\"]]\n")
        let byPair = RegionMoveScenario(configuration: pair).evaluate([zurich], catalog: Self.catalog)
        #expect(byPair.map(\.monthlySavings.description) == ["1.6867"])
        #expect(byPair.first?.summary.hasPrefix("Run zurich in eu-west-2 ") == true)
        #expect(byPair.first?.inputs.last.map { "\($0.name): \($0.value)" } == "paired regions ([regions] pairs): eu-west-2")
        // The pair goes one way only: a London function stays.
        let london = Self.function("london", region: "eu-west-2", paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario(configuration: pair).evaluate([london], catalog: Self.catalog).isEmpty)
    }

    @Test func anEmptyAllowListPreventsTheMove() throws {
        let configuration = try Self.configuration("""
            [[regions.allow]]
            functions = "*/ap-southeast-2/*"
            regions = []
            """)
        #expect(RegionMoveScenario(configuration: configuration).evaluate([Self.sydney], catalog: Self.catalog).isEmpty)
        let stay = try Self.configuration("[regions]\ndefault_policy = \"stay\"\n")
        let milan = Self.function("milan", region: "eu-south-1", paid: [.requests: "1000000", .duration: "1000000"])
        #expect(RegionMoveScenario().evaluate([milan], catalog: Self.catalog).count == 1)
        #expect(RegionMoveScenario(configuration: stay).evaluate([milan], catalog: Self.catalog).isEmpty)
    }
}
