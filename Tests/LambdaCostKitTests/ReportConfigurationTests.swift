import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

private func parse(_ text: String) throws -> ReportConfiguration {
    try ReportConfiguration(parsing: text, file: "lambda-cost-report.toml")
}

/// The diagnostics of a text that must not parse, one printed line each.
/// The diagnostics of reading `text` as a configuration file named `file`; empty when it reads.
func configurationErrors(_ text: String, file: String = "lambda-cost-report.toml") -> [String] {
    do {
        _ = try ReportConfiguration(parsing: text, file: file)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

private func function(_ name: String, account: String = "123456789012", region: String = "eu-west-1") -> FunctionIdentity {
    FunctionIdentity(accountID: account, region: region, name: name)
}

@Suite struct ReportConfigurationTests {
    /// Numbers beyond 10⁹ would overflow the exact sums the report forms with them (a budget of 10¹³ times a
    /// percentage crashed the run): they are located errors instead.
    @Test func numbersBeyondAMilliardAreOutOfRange() {
        #expect(configurationErrors("[teams.budgets]\npayments = 1e13") == [
            "lambda-cost-report.toml:2:12: error: budget of team 'payments' is out of range (at most 1,000,000,000 in absolute value); found 1e13"])
        #expect(configurationErrors("[savings_plans]\ncommitment_usd_per_hour = 10_000_000_000") == [
            "lambda-cost-report.toml:2:27: error: commitment_usd_per_hour is out of range (at most 1,000,000,000 in absolute value); found 10_000_000_000"])
        #expect(configurationErrors("[teams.budgets]\npayments = 1000000000").isEmpty)
    }

    // MARK: Defaults and values

    @Test func emptyOrCommentOnlyTextGivesTheDefaults() throws {
        #expect(try parse("") == ReportConfiguration())
        #expect(try parse("# nothing here\n\n   # still nothing\n") == ReportConfiguration())
        #expect(try parse("[scenarios]\n[graviton]\n[regions]\n[savings_plans]\n[teams]\n[teams.budgets]\n") == ReportConfiguration())
        let defaults = ReportConfiguration()
        #expect(defaults.scenarios == ScenarioSettings())
        #expect(defaults.savingsPlans.terms == [.oneYear, .threeYears])
        #expect(defaults.savingsPlans.paymentOptions == [.noUpfront, .partialUpfront, .allUpfront])
        #expect(defaults.savingsPlans.commitmentPerHour == nil)
        #expect(defaults.savingsPlans.commitmentMode == .inAddition)
        #expect(defaults.teams.tagKey == "team")
        #expect(defaults.teams.alertLevels == [d("60"), d("85"), d("100")])
        #expect(defaults.regions.defaultPolicy == .sameGroup)
        #expect(defaults.regions.pairs.isEmpty)
    }

    @Test func everyScenarioValueIsReadExactly() throws {
        let configuration = try parse("""
            [scenarios]
            memory_headroom = 0.1
            max_p99_slowdown = 1.35
            strategy = "balanced"
            balanced_weight = 0.7
            idle_cpu_share = 0.15
            batch_factor = 25
            request_cost_share = 0.6
            anomaly_factor = 2.5
            anomaly_minimum_extra_usd = 0.01
            region_move_minimum_share = 1e-1

            [graviton]
            duration_factor = 0.9
            """)
        let settings = configuration.scenarios
        #expect(settings.memoryHeadroom == d("0.1"))
        #expect(settings.memoryHeadroom.units == 100_000_000_000_000_000_000_000)  // exactly 0.1, not the binary float
        #expect(settings.maximumP99Slowdown == d("1.35"))
        #expect(settings.strategy == .balanced)
        #expect(settings.balancedWeight == d("0.7"))
        #expect(settings.idleCPUShare == d("0.15"))
        #expect(settings.batchFactor == 25)
        #expect(settings.requestCostShare == d("0.6"))
        #expect(settings.anomalyFactor == d("2.5"))
        #expect(settings.anomalyMinimumExtra == d("0.01"))
        #expect(settings.regionMoveMinimumShare == d("0.1"))
        #expect(settings.armDurationFactor == d("0.9"))
    }

    @Test func numbersKeepTheirWrittenDigits() throws {
        // 0.1 + 0.2 is exactly 0.3 only when both were read from their text.
        let configuration = try parse("scenarios.memory_headroom = 0.1\nscenarios.idle_cpu_share = 0.2\n")
        #expect(configuration.scenarios.memoryHeadroom + configuration.scenarios.idleCPUShare == d("0.3"))
        #expect(try parse("scenarios.anomaly_minimum_extra_usd = 1_000.000_1").scenarios.anomalyMinimumExtra == d("1000.0001"))
        #expect(try parse("scenarios.anomaly_minimum_extra_usd = 12").scenarios.anomalyMinimumExtra == d("12"))
        #expect(try parse("scenarios.anomaly_minimum_extra_usd = 0x10").scenarios.anomalyMinimumExtra == d("16"))
        #expect(try parse("scenarios.anomaly_minimum_extra_usd = +2.5E-3").scenarios.anomalyMinimumExtra == d("0.0025"))
        #expect(try parse("scenarios.anomaly_minimum_extra_usd = 0.123456789012345678901234").scenarios.anomalyMinimumExtra
            == d("0.123456789012345678901234"))
        #expect(try parse("teams.budgets.payments = 1234.56").teams.budgets.first?.monthlyUSD.units
            == 1_234_560_000_000_000_000_000_000_000)
    }

    @Test func sectionsMayBeDottedKeysOrInlineTables() throws {
        let headers = try parse("""
            [scenarios]
            strategy = "speed"
            [[graviton.override]]
            functions = "a-*"
            duration_factor = 0.8
            """)
        let inline = try parse("""
            scenarios = { strategy = "speed" }
            graviton = { override = [ { functions = "a-*", duration_factor = 0.8 } ] }
            """)
        let dotted = try parse("""
            scenarios.strategy = "speed"
            graviton.override = [
              { functions = "a-*", duration_factor = 0.8 },  # one rule
            ]
            """)
        #expect(headers == inline)
        #expect(headers == dotted)
        #expect(headers.scenarios.strategy == .speed)
        #expect(headers.armDurationOverrides.map(\.durationFactor) == [d("0.8")])
    }

    // MARK: Graviton

    @Test func armDurationFactorTakesTheFirstMatchingOverride() throws {
        let configuration = try parse("""
            [graviton]
            duration_factor = 0.95

            [[graviton.override]]
            functions = "123456789012/eu-west-1/image-resize"
            duration_factor = 1.1

            [[graviton.override]]
            functions = ["image-*", "thumb?"]
            duration_factor = 0.8

            [[graviton.override]]
            tag = "team=ml"
            duration_factor = 0.7

            [[graviton.override]]
            functions = "batch-*"
            tag = "Team=ml"
            duration_factor = 0.6
            """)
        #expect(configuration.armDurationFactor(for: function("image-resize")) == d("1.1"))
        #expect(configuration.armDurationFactor(for: function("image-resize", region: "us-east-1")) == d("0.8"))
        #expect(configuration.armDurationFactor(for: function("image-crop")) == d("0.8"))
        #expect(configuration.armDurationFactor(for: function("thumbs")) == d("0.8"))
        #expect(configuration.armDurationFactor(for: function("thumbnail")) == d("0.95"))
        #expect(configuration.armDurationFactor(for: function("api"), tags: ["team": "ml"]) == d("0.7"))
        #expect(configuration.armDurationFactor(for: function("api"), tags: ["team": "web"]) == d("0.95"))
        // Both selectors given: both must match (the first matching rule wins, so ml's 0.7 comes first).
        #expect(configuration.armDurationOverrides[3].selector.matches(function("batch-1"), tags: ["team": "ml"]))
        #expect(!configuration.armDurationOverrides[3].selector.matches(function("batch-1"), tags: [:]))
        #expect(!configuration.armDurationOverrides[3].selector.matches(function("api"), tags: ["team": "ml"]))
        #expect(configuration.armDurationOverrides[3].selector.description == "batch-* with tag team=ml")
    }

    @Test func arm64IncompatibleFunctionsCarryTheirReason() throws {
        let configuration = try parse("""
            [[graviton.incompatible]]
            functions = "legacy-*"
            reason = "ships an x86_64-only native library"

            [[graviton.incompatible]]
            tag = "runtime=dotnet-framework"
            reason = "needs .NET Framework"
            """)
        #expect(configuration.arm64Incompatibility(for: function("legacy-pdf"))?.reason == "ships an x86_64-only native library")
        #expect(configuration.arm64Incompatibility(for: function("api"), tags: ["runtime": "dotnet-framework"])?.reason == "needs .NET Framework")
        #expect(configuration.arm64Incompatibility(for: function("api")) == nil)
        #expect(configuration.arm64Incompatibility(for: function("legacy-pdf"))?.selector.description == "legacy-*")
    }

    // MARK: Patterns

    @Test(arguments: [
        ("image-*", "image-resize", true), ("image-*", "image-", true), ("image-*", "images", false),
        ("image-*", "my-image-resize", false), ("*-worker", "sqs-worker", true), ("*", "anything_1", true),
        ("thumb?", "thumbs", true), ("thumb?", "thumb", false), ("thumb?", "thumbs2", false),
        ("api-[abc]", "api-b", true), ("api-[abc]", "api-d", false), ("api-[a-c]", "api-c", true),
        ("api-[!a-c]", "api-d", true), ("api-[!a-c]", "api-a", false), ("Api", "api", false),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("**x", "x", true),
    ])
    func nameGlobs(pattern: String, name: String, matches: Bool) throws {
        #expect(try FunctionPattern(parsing: pattern).matches(function(name)) == matches)
    }

    @Test func accountRegionNamePatterns() throws {
        let exact = try FunctionPattern(parsing: "123456789012/eu-west-1/image-resize")
        #expect(exact.matches(function("image-resize")))
        #expect(!exact.matches(function("image-resize", account: "210987654321")))
        #expect(!exact.matches(function("image-resize", region: "eu-west-2")))
        #expect(!exact.matches(function("image-resizer")))
        let wild = try FunctionPattern(parsing: "*/eu-*/image-?")
        #expect(wild.matches(function("image-a", account: "000000000001", region: "eu-central-1")))
        #expect(!wild.matches(function("image-a", region: "us-east-1")))
        #expect(try FunctionPattern(parsing: "1234*/us-east-1/*").matches(function("x", account: "123400000000", region: "us-east-1")))
    }

    @Test(arguments: [
        ("", "the pattern is empty"),
        ("image.resize", "'.' cannot appear in the name; a function name is letters, digits, '-' and '_', with the wildcards *, ? and [...]"),
        ("image-[ab", "unclosed '[' in the name"),
        ("image-[]", "empty '[]' in the name"),
        ("image-[z-a]", "the range 'z-a' in the name is reversed"),
        ("eu-west-1/image", "expected a function name or account/region/name, found 2 parts separated by '/'"),
        ("1/2/3/4", "expected a function name or account/region/name, found 4 parts separated by '/'"),
        ("/eu-west-1/x", "the account is empty"),
        ("12345/eu-west-1/x", "the account must be 12 digits or a wildcard pattern such as *"),
        ("12345678901a/eu-west-1/x", "'a' cannot appear in the account; an account is 12 digits, or a pattern of digits and the wildcards *, ? and [...]"),
        ("*/EU-west-1/x", "'E' cannot appear in the region; a region is lower-case letters, digits and '-', with the wildcards *, ? and [...]"),
        ("*/eu-west-9/x", "unknown region 'eu-west-9'; valid regions: \(allRegions)"),
        ("*/eu-west-1/", "the name is empty"),
    ])
    func badPatterns(pattern: String, reason: String) {
        #expect(throws: FunctionPattern.Problem(reason: reason)) { try FunctionPattern(parsing: pattern) }
    }

    static let allRegions = ReportConfiguration.defaultKnownRegions.sorted().joined(separator: ", ")

    // MARK: Regions

    @Test func regionAllowListsByTagAndPattern() throws {
        let configuration = try parse("""
            [[regions.allow]]
            tag = "user:Team=payments"
            regions = ["eu-west-1", "eu-central-1", "eu-west-1"]

            [[regions.allow]]
            functions = "*/us-east-1/edge-*"
            regions = []
            """)
        #expect(configuration.regions.allow[0].selector.tag == TagSelector(key: "team", value: "payments"))
        let payments = RegionMoveTargets(sameGroup: false, regions: ["eu-west-1", "eu-central-1"], fromAllowRule: true)
        let sameGroup = RegionMoveTargets(sameGroup: true)
        #expect(configuration.regionMoveTargets(for: function("charge"), tags: ["team": "payments"]) == payments)
        #expect(configuration.regionMoveTargets(for: function("charge"), tags: ["team": "search"]) == sameGroup)
        #expect(configuration.regionMoveTargets(for: function("edge-auth", region: "us-east-1")) == RegionMoveTargets(sameGroup: false, fromAllowRule: true))
        #expect(configuration.regionMoveTargets(for: function("edge-auth", region: "us-east-1")).isEmpty)
        #expect(configuration.regionMoveTargets(for: function("edge-auth", region: "us-east-2")) == sameGroup)
        // The tag rule comes first, so it wins for a payments function at the edge.
        #expect(configuration.regionMoveTargets(for: function("edge-pay", region: "us-east-1"), tags: ["team": "payments"]) == payments)

        let stay = try parse("regions.default_policy = \"stay\"\n[[regions.allow]]\nfunctions = \"mover\"\nregions = [\"us-west-2\"]\n")
        #expect(stay.regionMoveTargets(for: function("other")).isEmpty)
        #expect(stay.regionMoveTargets(for: function("mover")).regions == ["us-west-2"])
    }

    @Test func allowRulesNameGroupsAndPairsWidenTheDefault() throws {
        let configuration = try parse("""
            [regions]
            pairs = [["eu-central-2", "eu-central-1"], ["eu-central-2", "eu-west-1"], ["eu-west-2", "eu-west-1"], ["eu-central-2", "eu-central-1"]]

            [[regions.allow]]
            tag = "team=payments"
            groups = ["eu", "uk", "eu"]

            [[regions.allow]]
            functions = "*/ap-southeast-2/*"
            regions = ["ap-southeast-1"]
            groups = ["au"]
            """)
        #expect(configuration.regions.pairs == [
            RegionPolicy.Pair(from: "eu-central-2", to: "eu-central-1"), RegionPolicy.Pair(from: "eu-central-2", to: "eu-west-1"),
            RegionPolicy.Pair(from: "eu-west-2", to: "eu-west-1"),
        ])
        #expect(configuration.regionMoveTargets(for: function("x"), tags: ["team": "payments"])
            == RegionMoveTargets(sameGroup: false, groups: ["eu", "uk"], fromAllowRule: true))
        #expect(configuration.regionMoveTargets(for: function("x", region: "ap-southeast-2"))
            == RegionMoveTargets(sameGroup: false, groups: ["au"], regions: ["ap-southeast-1"], fromAllowRule: true))
        // Pairs add to the default policy, for the functions of their first region only.
        #expect(configuration.regionMoveTargets(for: function("x", region: "eu-central-2"))
            == RegionMoveTargets(sameGroup: true, regions: ["eu-central-1", "eu-west-1"]))
        #expect(configuration.regionMoveTargets(for: function("x", region: "eu-west-1")) == RegionMoveTargets(sameGroup: true))
        let stay = try parse("[regions]\ndefault_policy = \"stay\"\npairs = [[\"eu-west-2\", \"eu-west-1\"]]\n")
        #expect(stay.regionMoveTargets(for: function("x", region: "eu-west-2")) == RegionMoveTargets(sameGroup: false, regions: ["eu-west-1"]))
        #expect(stay.regionMoveTargets(for: function("x", region: "eu-west-3")).isEmpty)
    }

    @Test func badGroupsAndPairsAreLocated() {
        #expect(configurationErrors("""
            [regions]
            default_policy = "same_geography"
            pairs = [["eu-west-2", "eu-west-1"], ["eu-west-2"], ["eu-west-2", "eu-west-2"], ["mars-north-1", 4], "eu-west-1"]

            [[regions.allow]]
            functions = "x"
            groups = ["eu", "europe", 7]

            [[regions.allow]]
            functions = "y"
            groups = "eu"

            [[regions.allow]]
            functions = "z"
            """) == [
            "lambda-cost-report.toml:2:18: error: default_policy 'same_geography' is no longer offered: moves across a move group (country or EU) cross a data-residency border; use 'same_group', and [[regions.allow]] groups or [regions] pairs for wider moves",
            "lambda-cost-report.toml:3:38: error: pairs must be an array of [from, to] region pairs such as [[\"eu-west-2\", \"eu-west-1\"]]; found an array of 1 entry",
            "lambda-cost-report.toml:3:53: error: a pair must name two different regions; found 'eu-west-2' twice",
            "lambda-cost-report.toml:3:82: error: unknown region 'mars-north-1'; valid regions: \(Self.allRegions)",
            "lambda-cost-report.toml:3:98: error: pairs entries must be region codes (strings); found 4",
            "lambda-cost-report.toml:3:102: error: pairs must be an array of [from, to] region pairs such as [[\"eu-west-2\", \"eu-west-1\"]]; found 'eu-west-1'",
            "lambda-cost-report.toml:7:17: error: unknown move group 'europe'; valid groups (move_group of regions.csv): \(Self.allGroups)",
            "lambda-cost-report.toml:7:27: error: groups entries must be move groups (strings); found 7",
            "lambda-cost-report.toml:11:10: error: groups must be an array of move groups; found 'eu'",
            "lambda-cost-report.toml:13:1: error: [[regions.allow]] needs 'regions' or 'groups', where the functions may move",
        ])
    }

    static let allGroups = ReportConfiguration.defaultKnownGroups.sorted().joined(separator: ", ")

    @Test func regionsAreCheckedAgainstTheGivenTable() throws {
        let text = "[[regions.allow]]\nfunctions = \"*\"\nregions = [\"xx-test-1\"]\n"
        let configuration = try ReportConfiguration(parsing: text, knownRegions: ["xx-test-1"])
        #expect(configuration.regions.allow.first?.regions == ["xx-test-1"])
        #expect(configurationErrors(text) == ["lambda-cost-report.toml:3:12: error: unknown region 'xx-test-1'; valid regions: \(Self.allRegions)"])
        // The built-in table is the one of data/pricing/regions.csv.
        let csv = try String(contentsOfFile: RepositoryPaths.pricing + "/regions.csv", encoding: .utf8)
        let csvRegions = csv.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(Set(csvRegions) == ReportConfiguration.defaultKnownRegions)
        // So are the built-in move groups; a group unknown to the given set is an error.
        let catalog = try CatalogLoader().run(RepositoryPaths.pricing)
        #expect(Set(catalog.regions.values.map(\.moveGroup)) == ReportConfiguration.defaultKnownGroups)
        let groups = "[[regions.allow]]\nfunctions = \"*\"\ngroups = [\"xx\"]\n"
        #expect(try ReportConfiguration(parsing: groups, knownGroups: ["xx"]).regions.allow.first?.groups == ["xx"])
        #expect(configurationErrors(groups) == ["lambda-cost-report.toml:3:11: error: unknown move group 'xx'; valid groups (move_group of regions.csv): \(Self.allGroups)"])
    }

    // MARK: Savings Plans

    @Test func savingsPlanOptions() throws {
        let configuration = try parse("""
            [savings_plans]
            terms = ["3yr", "1yr", "3yr"]
            payment_options = ["all_upfront", "no_upfront"]
            commitment_usd_per_hour = 2.75
            commitment_mode = "instead"
            """)
        #expect(configuration.savingsPlans == SavingsPlanOptions(
            terms: [.oneYear, .threeYears], paymentOptions: [.noUpfront, .allUpfront],
            commitmentPerHour: d("2.75"), commitmentMode: .instead))
        #expect(try parse("savings_plans.terms = [\"1yr\"]").savingsPlans.terms == [.oneYear])
    }

    // MARK: Teams

    @Test func teamBudgetsAndAlertLevels() throws {
        let configuration = try parse("""
            [teams]
            tag_key = "Cost-Center"

            [teams.budgets]
            payments = 1200
            search = { monthly_usd = 800.50, alert_levels = [75, 100, 120.5] }
            "data platform" = 3000

            [teams.budgets.ml]
            monthly_usd = 99.99
            """)
        #expect(configuration.teams.tagKey == "cost_center")
        #expect(configuration.team(of: ["cost_center": "payments", "team": "x"]) == "payments")
        #expect(configuration.teams.budgets == [
            TeamBudget(team: "data platform", monthlyUSD: d("3000")),
            TeamBudget(team: "ml", monthlyUSD: d("99.99")),
            TeamBudget(team: "payments", monthlyUSD: d("1200"), alertLevels: [d("60"), d("85"), d("100")]),
            TeamBudget(team: "search", monthlyUSD: d("800.5"), alertLevels: [d("75"), d("100"), d("120.5")]),
        ])
        // [teams] alert_levels applies to every budget without its own, wherever it is written.
        let levels = try parse("teams.budgets.a = 10\nteams.budgets.b = { monthly_usd = 5, alert_levels = [] }\nteams.alert_levels = [50]\n")
        #expect(levels.teams.budget(for: "a")?.alertLevels == [d("50")])
        #expect(levels.teams.budget(for: "b")?.alertLevels == [])
        #expect(levels.teams.budget(for: "c") == nil)
    }

    @Test func reachedAlertLevelsAreExact() {
        let budget = TeamBudget(team: "payments", monthlyUSD: d("1200"))
        #expect(budget.reachedAlertLevels(spent: d("719.99")) == [])
        #expect(budget.reachedAlertLevels(spent: d("720")) == [d("60")])
        #expect(budget.reachedAlertLevels(spent: d("1019.999999")) == [d("60")])
        #expect(budget.reachedAlertLevels(spent: d("1020")) == [d("60"), d("85")])
        #expect(budget.reachedAlertLevels(spent: d("5000")) == [d("60"), d("85"), d("100")])
    }

    // MARK: Errors

    @Test func unknownKeysAtEveryLevel() {
        #expect(configurationErrors("""
            scenario = 1
            [scenarios]
            headrom = 0.2
            [graviton]
            factor = 1
            [[graviton.override]]
            functions = "a"
            duration_factor = 1
            factr = 2
            [regions]
            allowed = []
            [savings_plans]
            term = ["1yr"]
            [teams]
            tag = "team"
            [teams.budgets.ml]
            monthly = 5
            monthly_usd = 5
            """) == [
            "lambda-cost-report.toml:1:1: error: unknown key 'scenario' at the top level; valid keys: scenarios, graviton, regions, savings_plans, teams, showback, report, kpi, attribution, alternatives",
            "lambda-cost-report.toml:3:1: error: unknown key 'headrom' in [scenarios]; valid keys: memory_headroom, max_p99_slowdown, strategy, balanced_weight, idle_cpu_share, batch_factor, request_cost_share, anomaly_factor, anomaly_minimum_extra_usd, region_move_minimum_share",
            "lambda-cost-report.toml:5:1: error: unknown key 'factor' in [graviton]; valid keys: duration_factor, override, incompatible",
            "lambda-cost-report.toml:9:1: error: unknown key 'factr' in [[graviton.override]]; valid keys: functions, tag, duration_factor",
            "lambda-cost-report.toml:11:1: error: unknown key 'allowed' in [regions]; valid keys: default_policy, pairs, allow",
            "lambda-cost-report.toml:13:1: error: unknown key 'term' in [savings_plans]; valid keys: terms, payment_options, commitment_usd_per_hour, commitment_mode",
            "lambda-cost-report.toml:15:1: error: unknown key 'tag' in [teams]; valid keys: tag_key, alert_levels, budgets",
            "lambda-cost-report.toml:17:1: error: unknown key 'monthly' in [teams.budgets.ml]; valid keys: monthly_usd, alert_levels",
        ])
        // Inside inline tables and dotted keys the column is the key's own.
        // Columns count characters, not bytes.
        #expect(configurationErrors("scenarios = { \"é\" = 2, \"ü\" = 3 }").map { String($0.prefix(33)) } == [
            "lambda-cost-report.toml:1:15: err", "lambda-cost-report.toml:1:24: err",
        ])
        #expect(configurationErrors("graviton = { override = [ { functions = \"a\", duration_factor = 1, why = 2 } ] }\nscenarios.x.y = 1\n") == [
            "lambda-cost-report.toml:1:67: error: unknown key 'why' in [[graviton.override]]; valid keys: functions, tag, duration_factor",
            "lambda-cost-report.toml:2:11: error: unknown key 'x' in [scenarios]; valid keys: memory_headroom, max_p99_slowdown, strategy, balanced_weight, idle_cpu_share, batch_factor, request_cost_share, anomaly_factor, anomaly_minimum_extra_usd, region_move_minimum_share",
        ])
    }

    @Test func positionsSurviveMultilineValuesAndLineEndings() {
        #expect(configurationErrors(#"""
            [[graviton.incompatible]]
            functions = [
              "legacy-*",   # the old ones
              'batch_[0-9]',
            ]
            reason = """
            ships an "x86_64" library \
            [not a table] """""
            tag = 'team=a#b'  # comment
            wrong = 1
            """#) == [
            "lambda-cost-report.toml:10:1: error: unknown key 'wrong' in [[graviton.incompatible]]; valid keys: functions, tag, reason",
        ])
        #expect(configurationErrors("[scenarios]\r\n\r\n  headrom = 1\r\nstrategy = 'x'\r\n") == [
            "lambda-cost-report.toml:3:3: error: unknown key 'headrom' in [scenarios]; valid keys: memory_headroom, max_p99_slowdown, strategy, balanced_weight, idle_cpu_share, batch_factor, request_cost_share, anomaly_factor, anomaly_minimum_extra_usd, region_move_minimum_share",
            "lambda-cost-report.toml:4:12: error: strategy must be one of cost, speed, balanced; found 'x'",
        ])
        #expect(configurationErrors("[teams.budgets]\n\"a.b\" = -1\n[teams.budgets.'c \"d\"']\nmonthly_usd = 1\nx = 2\n") == [
            "lambda-cost-report.toml:2:9: error: budget of team 'a.b' must be greater than 0; found -1",
            "lambda-cost-report.toml:5:1: error: unknown key 'x' in [teams.budgets.\"c \\\"d\\\"\"]; valid keys: monthly_usd, alert_levels",
        ])
    }

    @Test func badScenarioValuesAreAllReported() {
        #expect(configurationErrors("""
            [scenarios]
            memory_headroom = -0.1
            max_p99_slowdown = 0.9
            strategy = "fastest"
            balanced_weight = 1.5
            idle_cpu_share = "0.2"
            batch_factor = 2.5
            request_cost_share = -1
            anomaly_factor = inf
            anomaly_minimum_extra_usd = 0.0000000000000000000000001
            region_move_minimum_share = true

            [graviton]
            duration_factor = 0
            """, file: "config/x.toml") == [
            "config/x.toml:2:19: error: memory_headroom must be at least 0; found -0.1",
            "config/x.toml:3:20: error: max_p99_slowdown must be at least 1; found 0.9",
            "config/x.toml:4:12: error: strategy must be one of cost, speed, balanced; found 'fastest'",
            "config/x.toml:5:19: error: balanced_weight must be between 0 and 1; found 1.5",
            "config/x.toml:6:18: error: idle_cpu_share must be a number; found '0.2'",
            "config/x.toml:7:16: error: batch_factor must be a whole number from 1 to 10000; found 2.5",
            "config/x.toml:8:22: error: request_cost_share must be between 0 and 1; found -1",
            "config/x.toml:9:18: error: anomaly_factor must be a finite number; found inf",
            "config/x.toml:10:29: error: anomaly_minimum_extra_usd has more than 24 decimal places; found 0.0000000000000000000000001",
            "config/x.toml:11:29: error: region_move_minimum_share must be a number; found true",
            "config/x.toml:14:19: error: duration_factor must be greater than 0; found 0",
        ])
        #expect(configurationErrors("scenarios.batch_factor = 0\nscenarios.anomaly_factor = 1e20\n") == [
            "lambda-cost-report.toml:1:26: error: batch_factor must be a whole number from 1 to 10000; found 0",
            "lambda-cost-report.toml:2:28: error: anomaly_factor is out of range; found 1e20",
        ])
    }

    @Test func badRulesAreAllReported() {
        #expect(configurationErrors("""
            [[graviton.override]]
            functions = "image.*"
            duration_factor = -1

            [[graviton.override]]
            duration_factor = 0.8

            [[graviton.override]]
            functions = ["ok-*", 7, "x/y"]
            tag = "team"

            [[graviton.incompatible]]
            functions = []
            reason = ""

            [[graviton.incompatible]]
            functions = "legacy"

            [[regions.allow]]
            tag = "team=payments"
            regions = ["eu-west-1", "mars-north-1", 3]

            [[regions.allow]]
            functions = { name = "x" }
            regions = "eu-west-1"

            [[regions.allow]]
            functions = "x"
            """) == [
            "lambda-cost-report.toml:2:13: error: bad function pattern 'image.*': '.' cannot appear in the name; a function name is letters, digits, '-' and '_', with the wildcards *, ? and [...]",
            "lambda-cost-report.toml:3:19: error: duration_factor must be greater than 0; found -1",
            "lambda-cost-report.toml:5:1: error: [[graviton.override]] needs 'functions' or 'tag' to say which functions it applies to",
            "lambda-cost-report.toml:8:1: error: [[graviton.override]] needs 'duration_factor'",
            "lambda-cost-report.toml:9:22: error: functions entries must be patterns (strings); found 7",
            "lambda-cost-report.toml:9:25: error: bad function pattern 'x/y': expected a function name or account/region/name, found 2 parts separated by '/'",
            "lambda-cost-report.toml:10:7: error: tag must be 'key=value', for example 'team=payments'; found 'team'",
            "lambda-cost-report.toml:13:13: error: functions must list at least one pattern",
            "lambda-cost-report.toml:14:10: error: reason must be a non-empty string; found ''",
            "lambda-cost-report.toml:16:1: error: [[graviton.incompatible]] needs 'reason' (shown in the report)",
            "lambda-cost-report.toml:21:25: error: unknown region 'mars-north-1'; valid regions: \(Self.allRegions)",
            "lambda-cost-report.toml:21:41: error: regions entries must be region codes (strings); found 3",
            "lambda-cost-report.toml:24:13: error: functions must be a pattern or an array of patterns; found a table",
            "lambda-cost-report.toml:25:11: error: regions must be an array of region codes; found 'eu-west-1'",
            "lambda-cost-report.toml:27:1: error: [[regions.allow]] needs 'regions' or 'groups', where the functions may move",
        ])
    }

    @Test func badSectionShapes() {
        #expect(configurationErrors("""
            scenarios = 3
            [graviton]
            override = { functions = "a", duration_factor = 1 }
            incompatible = [1]
            [[teams]]
            tag_key = "team"
            """) == [
            "lambda-cost-report.toml:1:13: error: scenarios must be a table; found 3",
            "lambda-cost-report.toml:3:12: error: graviton.override must be an array of tables ([[graviton.override]]); found a table",
            "lambda-cost-report.toml:4:17: error: graviton.incompatible entries must be tables; found 1",
            "lambda-cost-report.toml:5:1: error: teams must be a table; found an array",
        ])
    }

    @Test func badSavingsPlanValues() {
        #expect(configurationErrors("""
            [savings_plans]
            terms = ["2yr", "1yr"]
            payment_options = []
            commitment_mode = "instead"
            """) == [
            "lambda-cost-report.toml:2:10: error: terms entries must be one of 1yr, 3yr; found '2yr'",
            "lambda-cost-report.toml:3:19: error: payment_options must list at least one of no_upfront, partial_upfront, all_upfront",
            "lambda-cost-report.toml:4:19: error: commitment_mode 'instead' needs commitment_usd_per_hour",
        ])
        #expect(configurationErrors("savings_plans = { terms = \"1yr\", commitment_usd_per_hour = 0, commitment_mode = \"both\" }") == [
            "lambda-cost-report.toml:1:27: error: terms must be an array of 1yr, 3yr; found '1yr'",
            "lambda-cost-report.toml:1:60: error: commitment_usd_per_hour must be greater than 0; found 0",
            "lambda-cost-report.toml:1:81: error: commitment_mode must be one of in_addition, instead; found 'both'",
        ])
    }

    // MARK: Showback

    @Test func showbackTagKeysAreSpelledAsTagKeysAndDefaultToTheTeamTagAndTheUsualTagsOfTheMonth() throws {
        func keys(_ text: String, month: Set<String> = ["team", "project", "env", "Name", "function", "tenant_id"]) throws -> [String] {
            let configuration = try parse(text)
            return configuration.showback.keys(teamTagKey: configuration.teams.tagKey, monthKeys: month)
        }
        #expect(try keys("""
            [showback]
            tag_keys = ["Team", "user:Project", "model-tier", "tenant_id"]
            """) == ["team", "project", "model_tier", "tenant_id"])
        // Not given: the team tag, whatever it is named, then the usual allocation tags the month carries, in the
        // usual tags' order (not `Name`, not `function`, not one the month lacks).
        #expect(try keys("") == ["team", "project", "env", "tenant_id"])
        #expect(try keys("", month: []) == ["team"])
        #expect(try keys("[teams]\ntag_key = \"Owner\"\n") == ["owner", "project", "env", "tenant_id"])
        #expect(try keys("[teams]\ntag_key = \"project\"\n") == ["project", "env", "tenant_id"])
        // Given, it does not follow the team tag or the month; [] turns the showback off.
        #expect(try keys("[teams]\ntag_key = \"owner\"\n[showback]\ntag_keys = [\"env\"]\n") == ["env"])
        #expect(try keys("[showback]\ntag_keys = [\"cost_center\"]\n") == ["cost_center"])
        #expect(try keys("[showback]\ntag_keys = []\n") == [])
    }

    @Test func badShowbackTagKeysAreLocated() {
        #expect(configurationErrors("""
            [showback]
            tag_keys = ["team", 3, "::", "Team", "project"]
            tags = ["x"]
            """) == [
            "lambda-cost-report.toml:2:21: error: tag_keys entries must be tag keys such as 'project'; found 3",
            "lambda-cost-report.toml:2:24: error: tag_keys entries must be tag keys such as 'project'; found '::'",
            "lambda-cost-report.toml:2:30: error: tag_keys names the tag key 'team' (as the report spells 'Team') twice",
            "lambda-cost-report.toml:3:1: error: unknown key 'tags' in [showback]; valid keys: tag_keys",
        ])
        #expect(configurationErrors("showback.tag_keys = \"team\"\n") == [
            "lambda-cost-report.toml:1:21: error: tag_keys must be an array of tag keys such as [\"team\", \"project\"]; found 'team'",
        ])
        let many = (1...21).map { "\"k\($0)\"" }.joined(separator: ", ")
        #expect(configurationErrors("[showback]\ntag_keys = [\(many)]\n") == [
            "lambda-cost-report.toml:2:12: error: tag_keys may name at most 20 tag keys; found 21",
        ])
        #expect(configurationErrors("showback = 1\n") == ["lambda-cost-report.toml:1:12: error: showback must be a table; found 1"])
    }

    @Test func badBudgetsAndAlertLevels() {
        #expect(configurationErrors("""
            [teams]
            tag_key = "::"
            alert_levels = [0, 85, 85, 1001]

            [teams.budgets]
            payments = -5
            search = "800"
            ml = { alert_levels = [50] }
            web = { monthly_usd = 10, alert_levels = 90 }
            """) == [
            "lambda-cost-report.toml:2:11: error: tag_key must be a tag key such as 'team'; found '::'",
            "lambda-cost-report.toml:3:17: error: alert_levels entries must be greater than 0 and at most 1000 (percent); found 0",
            "lambda-cost-report.toml:3:24: error: alert_levels must be in increasing order without repeats; found 85 after 85",
            "lambda-cost-report.toml:3:28: error: alert_levels entries must be greater than 0 and at most 1000 (percent); found 1001",
            "lambda-cost-report.toml:6:12: error: budget of team 'payments' must be greater than 0; found -5",
            "lambda-cost-report.toml:7:10: error: the budget of team 'search' must be an amount in USD or a table with monthly_usd; found '800'",
            "lambda-cost-report.toml:8:6: error: the budget of team 'ml' needs 'monthly_usd'",
            "lambda-cost-report.toml:9:42: error: alert_levels must be an array of percents such as [60, 85, 100]; found 90",
        ])
    }

    @Test func syntaxErrorsCarryTheParsersPosition() {
        #expect(configurationErrors("[scenarios]\nstrategy = \"cost\"\nmemory_headroom = = 1\n") == [
            "lambda-cost-report.toml:3:19: error: invalid TOML: Error while parsing value: could not determine value type",
        ])
        #expect(configurationErrors("[scenarios]\nstrategy = \"cost\"\nstrategy = \"speed\"\n") == [
            "lambda-cost-report.toml:3:12: error: invalid TOML: Error while parsing key-value pair: cannot redefine existing string 'strategy'",
        ])
        #expect(configurationErrors("[teams]\n[teams]\n") == [
            "lambda-cost-report.toml:2:1: error: invalid TOML: Error while parsing table header: cannot redefine existing table 'teams'",
        ])
    }

    /// toml++ 3.4 aborted the process on a table header whose key does not start with a key character (found by
    /// the `configuration_reader` fuzz target: `[` and a line break); it is a located syntax error, and an earlier
    /// syntax error is still the one reported.
    @Test func aTableHeaderWithoutAKeyIsAnError() {
        let expected = "error: invalid TOML: Error while parsing table header: expected bare key starting character or string delimiter, saw"
        #expect(configurationErrors("[\n") == ["lambda-cost-report.toml:1:2: \(expected) '\\n'"])
        #expect(configurationErrors("[scenarios]\nstrategy = \"cost\"\n[[[1]]]\n") == ["lambda-cost-report.toml:3:3: \(expected) '['"])
        #expect(configurationErrors("\u{FEFF}[ =\n") == ["lambda-cost-report.toml:1:3: \(expected) '='"])
        #expect(configurationErrors("[teams]\n  [[ é]]\r\n") == ["lambda-cost-report.toml:2:6: \(expected) 'é'"])
        #expect(configurationErrors("[scenarios]\nstrategy = = 1\n[\n") == [
            "lambda-cost-report.toml:2:12: error: invalid TOML: Error while parsing value: could not determine value type",
        ])
        #expect(configurationErrors("[\u{A0}a]\n") == ["lambda-cost-report.toml:1:2: error: invalid TOML: Error while parsing table header: expected space or tab, saw '\\u00A0'"])
    }

    /// toml++ 3.4 also aborted on an array value that starts with `}` or a Unicode line break (found by the
    /// `configuration_reader` fuzz target: `l=[}`); an error before it on its line is still the one reported.
    @Test func anArrayValueThatEndsBeforeItStartsIsAnError() {
        let expected = "error: invalid TOML: Error while parsing array: expected value or closing ']', saw"
        #expect(configurationErrors("l=[}") == ["lambda-cost-report.toml:1:4: \(expected) '}'"])
        #expect(configurationErrors("[teams]\nalert_levels = [60, # comment\r\n  }]\n") == ["lambda-cost-report.toml:3:3: \(expected) '}'"])
        #expect(configurationErrors("a = { b = [\u{2028}] }") == ["lambda-cost-report.toml:1:12: \(expected) '\\u{2028}'"])
        #expect(configurationErrors("a = [1,\u{85}]") == ["lambda-cost-report.toml:1:8: \(expected) '\\u{85}'"])
        #expect(configurationErrors("a = [,}") == ["lambda-cost-report.toml:1:6: error: invalid TOML: Error while parsing array: expected value or closing ']', saw comma"])
        #expect(configurationErrors("a = [1 }") == ["lambda-cost-report.toml:1:8: error: invalid TOML: Error while parsing array: expected comma or closing ']', saw '}'"])
    }

    /// A `[` that starts a line inside an array, a string or a comment is not a table header.
    @Test func bracketsInsideValuesAreNotTableHeaders() throws {
        let configuration = try parse(#"""
            [regions]
            pairs = [ # [
              [
                "eu-west-2", "eu-west-1" # }
              ],
            ["eu-west-3", 'eu-west-1'] ]
            [[graviton.incompatible]]
            functions = "a"
            reason = "\"[\n"
            [[graviton.incompatible]]
            functions = "b"
            reason = """
            [
            \"""["""
            [[graviton.incompatible]]
            functions = "c"
            reason = '''
            [ =
            ''''
            """#)
        #expect(configuration.regions.pairs == [RegionPolicy.Pair(from: "eu-west-2", to: "eu-west-1"), RegionPolicy.Pair(from: "eu-west-3", to: "eu-west-1")])
        #expect(configuration.arm64Incompatible.map(\.reason) == ["\"[\n", "[\n\"\"\"[", "[ =\n'"])
    }

    /// TOMLKit hands the text to toml++ as a C string: whatever followed a NUL character was silently ignored
    /// (seen in TOMLKit's C interface while fixing the header abort; the `configuration_reader` fuzz target now
    /// checks that nothing at the end of a file is left unread).
    @Test func aNULCharacterIsAnError() {
        #expect(configurationErrors("[report]\ntop_rows = 5\n\u{0}\n[nonsense]\n") == [
            "lambda-cost-report.toml:3:1: error: the configuration holds a NUL character (U+0000), which TOML does not allow",
        ])
        #expect(configurationErrors("[[graviton.incompatible]]\nfunctions = \"x\"\nreason = \"é\u{0}\"\n") == [
            "lambda-cost-report.toml:3:12: error: the configuration holds a NUL character (U+0000), which TOML does not allow",
        ])
    }

    /// At the end of a file that ends with a line break toml++ names the column after the break (found by the
    /// `configuration_reader` fuzz target: an unclosed multi-line string, 6:2009 on a line of 2,007 characters):
    /// the error is at the start of the next line, where the file ends.
    @Test func aSyntaxErrorAtTheEndOfTheFileIsWithinTheFile() {
        #expect(configurationErrors("a = [\n") == [
            "lambda-cost-report.toml:2:1: error: invalid TOML: Error while parsing array: encountered end-of-file",
        ])
        #expect(configurationErrors("[teams]\nreason = \"\"\"x\n\n") == [
            "lambda-cost-report.toml:4:1: error: invalid TOML: Error while parsing string: encountered end-of-file",
        ])
        #expect(configurationErrors("a = [ # é\r\n") == [
            "lambda-cost-report.toml:2:1: error: invalid TOML: Error while parsing array: encountered end-of-file",
        ])
        #expect(configurationErrors("a = [") == [
            "lambda-cost-report.toml:1:6: error: invalid TOML: Error while parsing array: encountered end-of-file",
        ])
        #expect(ConfigurationReader.parseErrorPosition(line: 9, column: 4, in: "a\nbc") == (2, 3))
        #expect(ConfigurationReader.parseErrorPosition(line: 0, column: 0, in: "a\nbc") == (1, 1))
        #expect(ConfigurationReader.parseErrorPosition(line: 2, column: 0, in: "a\nbc") == (2, 1))
        #expect(ConfigurationReader.parseErrorPosition(line: 2, column: 5, in: "a\nbc") == (2, 3))
    }

    @Test func unreadableFilesAreReported() {
        #expect(throws: ConfigurationError([Diagnostic(.error, at: nil, "cannot read the configuration file '/nonexistent/lambda-cost-report.toml'")])) {
            try ReportConfiguration(contentsOfFile: "/nonexistent/lambda-cost-report.toml")
        }
    }

    /// `[report] top_rows`: how many functions and opportunities the index and team pages show.
    @Test func topRowsIsAWholeNumberWithinItsRange() throws {
        #expect(ReportConfiguration().topRows == 100)
        #expect(try ReportConfiguration(parsing: "[report]\ntop_rows = 25\n").topRows == 25)
        #expect(try ReportConfiguration(parsing: "[report]\ntop_rows = 300\n").topRows == ReportConfiguration.maximumTopRows)
        for value in ["0", "301", "-5", "2.5", "\"50\""] {
            var printed: [String] = []
            do { _ = try ReportConfiguration(parsing: "[report]\nhtml_base_url = \"https://x.example/\"\ntop_rows = \(value)\n") } catch {
                printed = error.diagnostics.map(\.description)
            }
            let found = value.hasPrefix("\"") ? "'50'" : value
            #expect(printed == ["lambda-cost-report.toml:3:12: error: top_rows must be a whole number from 1 to 300; found \(found)"], "\(value)")
        }
    }

    /// `[kpi]`: the goals of the site of all months, percents from 0 to 100; Graviton coverage 20 % by default, the
    /// Savings Plans goals none.
    @Test func kpiGoalsArePercentsFrom0To100() throws {
        #expect(ReportConfiguration().kpi == KPIGoals(gravitonCoverage: d("20"), savingsPlansCoverage: nil, savingsPlansUtilization: nil))
        let read = try parse("[kpi]\ngraviton_coverage_goal = 35.5\nsavings_plans_coverage_goal = 0\nsavings_plans_utilization_goal = 100\n")
        #expect(read.kpi == KPIGoals(gravitonCoverage: d("35.5"), savingsPlansCoverage: .zero, savingsPlansUtilization: d("100")))
        #expect(try parse("[kpi]\nsavings_plans_coverage_goal = 80\n").kpi == KPIGoals(savingsPlansCoverage: d("80")))
        #expect(configurationErrors("[kpi]\ngraviton_coverage_goal = 100.5\nsavings_plans_coverage_goal = -1\nsavings_plans_utilization_goal = \"90\"\ngoal = 20\n") == [
            "lambda-cost-report.toml:2:26: error: graviton_coverage_goal must be from 0 to 100 (percent); found 100.5",
            "lambda-cost-report.toml:3:31: error: savings_plans_coverage_goal must be from 0 to 100 (percent); found -1",
            "lambda-cost-report.toml:4:34: error: savings_plans_utilization_goal must be a number; found '90'",
            "lambda-cost-report.toml:5:1: error: unknown key 'goal' in [kpi]; valid keys: graviton_coverage_goal, savings_plans_coverage_goal, savings_plans_utilization_goal",
        ])
        #expect(configurationErrors("kpi = 20\n").count == 1)
    }

    // MARK: The shipped example and the documentation

    static let examplePath = RepositoryPaths.root + "/data/config/lambda-cost-report.example.toml"
    static let docsPath = RepositoryPaths.root + "/docs/configuration.md"

    @Test func theExampleFileGivesExactlyTheDefaults() throws {
        let configuration = try ReportConfiguration(contentsOfFile: Self.examplePath)
        #expect(configuration == ReportConfiguration())
    }

    /// The example's switched-off lines (`# …`, as opposed to notes `## …`) switched on give the values they show.
    @Test func theExampleFilesExamplesParse() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let switchedOn = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("# ") ? $0.dropFirst(2) : $0 }.joined(separator: "\n")
        let configuration = try ReportConfiguration(parsing: switchedOn, file: Self.examplePath)
        var expected = ReportConfiguration()
        expected.armDurationOverrides = [ArmDurationOverride(
            selector: FunctionSelector(patterns: [try FunctionPattern(parsing: "image-*"), try FunctionPattern(parsing: "123456789012/eu-west-1/thumbnailer")]),
            durationFactor: d("0.8"))]
        expected.arm64Incompatible = [Arm64Incompatibility(
            selector: FunctionSelector(patterns: [try FunctionPattern(parsing: "legacy-*")]), reason: "ships an x86_64-only native library")]
        expected.regions.allow = [RegionPolicy.AllowRule(selector: FunctionSelector(tag: TagSelector(key: "team", value: "payments")),
            regions: ["eu-west-1", "eu-central-1"], groups: ["uk"])]
        expected.regions.pairs = [RegionPolicy.Pair(from: "eu-west-2", to: "eu-west-1")]
        expected.savingsPlans.commitmentPerHour = d("2.5")
        expected.htmlBaseURL = "https://wiki.example.com/lambda-cost/"
        expected.teams.budgets = [
            TeamBudget(team: "payments", monthlyUSD: d("1200")),
            TeamBudget(team: "search", monthlyUSD: d("800.5"), alertLevels: [d("50"), d("100")]),
        ]
        expected.showback.tagKeys = ["team", "project", "env", "model_tier"]
        expected.kpi.savingsPlansCoverage = d("80")
        expected.kpi.savingsPlansUtilization = d("95")
        expected.attribution = AttributionRules(functionTag: "function", mappings: [AttributionMapping(
            product: "AmazonApiGateway", resource: try ResourcePattern(parsing: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5*"),
            function: try FunctionTarget(parsing: "orders-api"))])
        #expect(configuration == expected)
    }

    /// The keys of the documentation's tables (first column) are exactly the keys the reader knows.
    @Test func theDocumentationDescribesExactlyTheKnownKeys() throws {
        let docs = try String(contentsOfFile: Self.docsPath, encoding: .utf8)
        var documented: [String] = []
        var inKeyTable = false
        for line in docs.split(separator: "\n") {
            if line.hasPrefix("| key |") { inKeyTable = true }
            if !line.hasPrefix("|") { inKeyTable = false }
            guard inKeyTable, line.hasPrefix("| `") else { continue }
            documented.append(String(line.dropFirst(3).prefix { $0 != "`" }))
        }
        #expect(documented.count > 30)
        let known = ConfigurationSchema.allKeys
        #expect(documented.filter { !known.contains($0) } == [], "documented but unknown to the reader")
        #expect(known.filter { !documented.contains($0) && !ConfigurationSchema.root.contains($0) } == [], "known to the reader but not documented")
    }

    /// Every TOML example of the documentation is a valid configuration, and its sample errors are the reader's.
    @Test func theDocumentationsExamplesAreValid() throws {
        let docs = try String(contentsOfFile: Self.docsPath, encoding: .utf8)
        let blocks = Self.codeBlocks(docs, language: "toml")
        #expect(blocks.count >= 5)
        for block in blocks {
            #expect(configurationErrors(block) == [], "\(block)")
        }
        let full = try parse(blocks.joined(separator: "\n"))
        #expect(full.scenarios.balancedWeight == d("0.7"))
        #expect(full.armDurationFactor(for: function("thumbnailer")) == d("0.8"))
        #expect(full.teams.budget(for: "data platform")?.monthlyUSD == d("3000"))

        let sample = """
            # a configuration with three mistakes
            [scenarios]
            memory_headroom = 0.2



            headrom = 0.3
            max_p99_slowdown = 1.2
            strategy = "fastest"

            [[graviton.override]]
            functions = "image-*"

            duration_factor = 0
            """
        let printed = Self.codeBlocks(docs, language: "text").first?.split(separator: "\n").map(String.init) ?? []
        #expect(configurationErrors(sample) == printed)
        // The unknown move group of the [regions] section.
        let texts = Self.codeBlocks(docs, language: "text")
        #expect(texts.count == 2)
        #expect(configurationErrors("[[regions.allow]]\nfunctions = \"x\"\ngroups = [\"europe\"]\n") == [texts.last ?? ""])
    }

    static func codeBlocks(_ markdown: String, language: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if current == nil, trimmed == "```\(language)" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current!.append(String(trimmed))
            }
        }
        return blocks
    }
}
