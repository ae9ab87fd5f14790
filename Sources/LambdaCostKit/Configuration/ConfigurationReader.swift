import Foundation
import TOMLKit

/// Turns TOML text into a ``ReportConfiguration``: TOMLKit checks the syntax and gives the values, a
/// ``TOMLSourceIndex`` gives where each was written (and the exact text of numbers). Every problem is collected.
struct ConfigurationReader {
    typealias Path = TOMLSourceIndex.Path

    /// A check on a decimal value, with the phrase that explains it (`must be <requirement>`).
    struct DecimalRule: Sendable {
        var requirement: String
        var accepts: @Sendable (FixedDecimal) -> Bool

        static let positive = DecimalRule(requirement: "greater than 0") { $0 > .zero }
        static let nonNegative = DecimalRule(requirement: "at least 0") { !$0.isNegative }
        static let atLeastOne = DecimalRule(requirement: "at least 1") { $0 >= FixedDecimal(1) }
        static let share = DecimalRule(requirement: "between 0 and 1") { !$0.isNegative && $0 <= FixedDecimal(1) }
        static let positiveShare = DecimalRule(requirement: "greater than 0 and at most 1") { $0 > .zero && $0 <= FixedDecimal(1) }
        static let percent = DecimalRule(requirement: "greater than 0 and at most 1000 (percent)") { $0 > .zero && $0 <= FixedDecimal(1000) }
        static let goalPercent = DecimalRule(requirement: "from 0 to 100 (percent)") { !$0.isNegative && $0 <= FixedDecimal(100) }
    }

    /// The largest number a configuration value may have (10⁹): no budget, commitment or factor comes near it.
    static let largestNumber = FixedDecimal(1_000_000_000)

    let file: String
    let index: TOMLSourceIndex
    let knownRegions: Set<String>
    let knownGroups: Set<String>
    private(set) var diagnostics: [Diagnostic] = []

    static func read(_ text: String, file: String, knownRegions: Set<String>, knownGroups: Set<String>) -> Result<ReportConfiguration, ConfigurationError> {
        let root: TOMLTable
        do {
            if let problem = TOMLPreflight.problem(in: text) {
                // A place toml++ would abort on or stop at: it reads the text before it alone, and an error it
                // finds there comes first (toml++ stops at its first error); one at the cut is the cut's.
                do {
                    _ = try TOMLTable(string: String(decoding: text.utf8.prefix(problem.offset), as: UTF8.self))
                } catch let error as TOMLParseError {
                    let position = parseErrorPosition(line: Int(error.source.begin.line), column: Int(error.source.begin.column), in: text)
                    if (position.line, position.column) < (problem.line, problem.column) { throw error }
                }
                let location = SourceLocation(file: file, line: problem.line, column: problem.column)
                return .failure(ConfigurationError([Diagnostic(.error, at: location, problem.message)]))
            }
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = parseErrorPosition(line: Int(error.source.begin.line), column: Int(error.source.begin.column), in: text)
            let location = SourceLocation(file: file, line: position.line, column: position.column)
            return .failure(ConfigurationError([Diagnostic(.error, at: location, "invalid TOML: \(error.description)")]))
        } catch {
            return .failure(ConfigurationError([Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "invalid TOML: \(error)")]))
        }
        var reader = ConfigurationReader(file: file, index: TOMLSourceIndex(text), knownRegions: knownRegions, knownGroups: knownGroups)
        let configuration = reader.configuration(root)
        guard reader.diagnostics.isEmpty else {
            let sorted = reader.diagnostics.enumerated().sorted { lhs, rhs in
                let left = lhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
                let right = rhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            return .failure(ConfigurationError(sorted.map(\.element)))
        }
        return .success(configuration)
    }

    /// Where a syntax error is, from toml++'s position: at the end of a file that ends with a line break, toml++
    /// counts the break as a column of its line and names the column after it (`a = [` and a newline: 1:7 on a
    /// line of 5 characters), so a column past the end of its line is the start of the next line; a line past the
    /// last is the end of the text, no line its start. Columns count Unicode scalars from 1, as toml++ does.
    static func parseErrorPosition(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        var lengths = [0]  // Unicode scalars of each line, without the line break
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lengths.append(0) } else { lengths[lengths.count - 1] += 1 }
        }
        guard line >= 1 else { return (1, 1) }
        guard line <= lengths.count else { return (lengths.count, lengths[lengths.count - 1] + 1) }
        if column > lengths[line - 1] + 1 {
            return line < lengths.count ? (line + 1, 1) : (line, lengths[line - 1] + 1)
        }
        return (line, max(column, 1))
    }

    // MARK: Tables

    mutating func configuration(_ root: TOMLTable) -> ReportConfiguration {
        var configuration = ReportConfiguration()
        checkKeys(root, at: [], allowed: ConfigurationSchema.root, context: "at the top level")
        if let table = table(root, "scenarios", at: []) { readScenarios(table, into: &configuration.scenarios) }
        if let table = table(root, "graviton", at: []) { readGraviton(table, into: &configuration) }
        if let table = table(root, "regions", at: []) { configuration.regions = readRegions(table) }
        if let table = table(root, "savings_plans", at: []) { configuration.savingsPlans = readSavingsPlans(table) }
        if let table = table(root, "teams", at: []) { configuration.teams = readTeams(table) }
        if let table = table(root, "showback", at: []) { configuration.showback = readShowback(table) }
        if let table = table(root, "report", at: []) { readReport(table, into: &configuration) }
        if let table = table(root, "kpi", at: []) { configuration.kpi = readKPI(table) }
        if let table = table(root, "attribution", at: []) { configuration.attribution = readAttribution(table) }
        if let table = table(root, "alternatives", at: []) { configuration.alternatives = readAlternatives(table) }
        return configuration
    }

    /// `[attribution]`: the function tag, and the `[[attribution.map]]` entries (docs/attribution.md).
    mutating func readAttribution(_ table: TOMLTable) -> AttributionRules {
        let path: Path = [.key("attribution")]
        checkKeys(table, at: path, allowed: ConfigurationSchema.attribution, context: "in [attribution]")
        var rules = AttributionRules()
        // `function_tag = ""`: no tag names functions.
        if table["function_tag"]?.string?.trimmingSpaces.isEmpty == true {
            rules.functionTag = nil
        } else if let key = tagKey(table, "function_tag", at: path, example: "function") {
            rules.functionTag = key
        }
        for (entry, entryPath) in arrayOfTables(table, "map", at: path) {
            let context = "[[attribution.map]]"
            checkKeys(entry, at: entryPath, allowed: ConfigurationSchema.attributionMap, context: "in \(context)")
            func text(_ key: String, _ what: String) -> String? { nonEmptyText(entry, key, at: entryPath, what: what) }
            let product = text("product", "a product code such as 'AmazonApiGateway'")
            var resource: ResourcePattern?
            if let pattern = text("resource", "a resource ID pattern such as 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3*'") {
                do { resource = try ResourcePattern(parsing: pattern) } catch {
                    self.error("resource '\(pattern)': \(error.reason)", at: entryPath + [.key("resource")])
                }
            }
            var tag: TagSelector?
            if let selector = text("tag", "key=value") {
                tag = TagSelector(parsing: selector)
                if tag == nil { error("tag must be key=value, such as 'app=checkout'; found '\(selector)'", at: entryPath + [.key("tag")]) }
            }
            if entry["resource"] == nil && entry["tag"] == nil {
                error("\(context) needs 'resource' or 'tag' (or both): a product alone would tie all of it to one function", at: entryPath)
            }
            var function: FunctionTarget?
            if let target = text("function", "a function name or account/region/name") {
                do { function = try FunctionTarget(parsing: target) } catch {
                    self.error("function '\(target)': \(error.reason)", at: entryPath + [.key("function")])
                }
            } else if entry["function"] == nil {
                error("\(context) needs 'function'", at: entryPath)
            }
            if let function, resource != nil || tag != nil {
                rules.mappings.append(AttributionMapping(product: product, resource: resource, tag: tag, function: function))
            }
        }
        return rules
    }

    mutating func readScenarios(_ table: TOMLTable, into settings: inout ScenarioSettings) {
        let path: Path = [.key("scenarios")]
        checkKeys(table, at: path, allowed: ConfigurationSchema.scenarios, context: "in [scenarios]")
        if let value = decimal(table, "memory_headroom", at: path, rule: .nonNegative) { settings.memoryHeadroom = value }
        if let value = decimal(table, "max_p99_slowdown", at: path, rule: .atLeastOne) { settings.maximumP99Slowdown = value }
        if let value: ScenarioSettings.Strategy = choice(table, "strategy", at: path) { settings.strategy = value }
        if let value = decimal(table, "balanced_weight", at: path, rule: .share) { settings.balancedWeight = value }
        if let value = decimal(table, "idle_cpu_share", at: path, rule: .share) { settings.idleCPUShare = value }
        if let value = wholeNumber(table, "batch_factor", at: path, range: 1...10_000) { settings.batchFactor = value }
        if let value = decimal(table, "request_cost_share", at: path, rule: .share) { settings.requestCostShare = value }
        if let value = decimal(table, "anomaly_factor", at: path, rule: .atLeastOne) { settings.anomalyFactor = value }
        if let value = decimal(table, "anomaly_minimum_extra_usd", at: path, rule: .nonNegative) { settings.anomalyMinimumExtra = value }
        if let value = decimal(table, "region_move_minimum_share", at: path, rule: .share) { settings.regionMoveMinimumShare = value }
    }

    mutating func readGraviton(_ table: TOMLTable, into configuration: inout ReportConfiguration) {
        let path: Path = [.key("graviton")]
        checkKeys(table, at: path, allowed: ConfigurationSchema.graviton, context: "in [graviton]")
        if let value = decimal(table, "duration_factor", at: path, rule: .positive) { configuration.scenarios.armDurationFactor = value }
        for (entry, entryPath) in arrayOfTables(table, "override", at: path) {
            let context = "[[graviton.override]]"
            checkKeys(entry, at: entryPath, allowed: ConfigurationSchema.gravitonOverride, context: "in \(context)")
            let selector = selector(entry, at: entryPath, context: context)
            let factor = decimal(entry, "duration_factor", at: entryPath, rule: .positive)
            if entry["duration_factor"] == nil { error("\(context) needs 'duration_factor'", at: entryPath) }
            if let selector, let factor {
                configuration.armDurationOverrides.append(ArmDurationOverride(selector: selector, durationFactor: factor))
            }
        }
        for (entry, entryPath) in arrayOfTables(table, "incompatible", at: path) {
            let context = "[[graviton.incompatible]]"
            checkKeys(entry, at: entryPath, allowed: ConfigurationSchema.gravitonIncompatible, context: "in \(context)")
            let selector = selector(entry, at: entryPath, context: context)
            var reason: String?
            if let value = entry["reason"] {
                if let text = value.string, !text.trimmingSpaces.isEmpty {
                    reason = text
                } else {
                    error("reason must be a non-empty string; found \(found(value, at: entryPath + [.key("reason")]))", at: entryPath + [.key("reason")])
                }
            } else {
                error("\(context) needs 'reason' (shown in the report)", at: entryPath)
            }
            if let selector, let reason { configuration.arm64Incompatible.append(Arm64Incompatibility(selector: selector, reason: reason)) }
        }
    }

    mutating func readRegions(_ table: TOMLTable) -> RegionPolicy {
        let path: Path = [.key("regions")]
        var policy = RegionPolicy()
        checkKeys(table, at: path, allowed: ConfigurationSchema.regions, context: "in [regions]")
        if table["default_policy"]?.string == "same_geography" {
            let keyPath = path + [.key("default_policy")]
            error("default_policy 'same_geography' is no longer offered: moves across a move group (country or EU) cross a data-residency border; use 'same_group', and [[regions.allow]] groups or [regions] pairs for wider moves", at: keyPath)
        } else if let value: RegionPolicy.DefaultPolicy = choice(table, "default_policy", at: path) {
            policy.defaultPolicy = value
        }
        if let value = table["pairs"] { policy.pairs = regionPairs(value, at: path + [.key("pairs")]) ?? [] }
        for (entry, entryPath) in arrayOfTables(table, "allow", at: path) {
            let context = "[[regions.allow]]"
            checkKeys(entry, at: entryPath, allowed: ConfigurationSchema.regionsAllow, context: "in \(context)")
            let selector = selector(entry, at: entryPath, context: context)
            let regions = entry["regions"].map { regionList($0, at: entryPath + [.key("regions")]) } ?? []
            let groups = entry["groups"].map { groupList($0, at: entryPath + [.key("groups")]) } ?? []
            if entry["regions"] == nil, entry["groups"] == nil {
                error("\(context) needs 'regions' or 'groups', where the functions may move", at: entryPath)
            }
            if let selector, let regions, let groups {
                policy.allow.append(RegionPolicy.AllowRule(selector: selector, regions: regions, groups: groups))
            }
        }
        return policy
    }

    mutating func readSavingsPlans(_ table: TOMLTable) -> SavingsPlanOptions {
        let path: Path = [.key("savings_plans")]
        var options = SavingsPlanOptions()
        checkKeys(table, at: path, allowed: ConfigurationSchema.savingsPlans, context: "in [savings_plans]")
        if let terms: [SavingsPlanRate.Term] = choiceList(table, "terms", at: path) { options.terms = terms }
        if let payments: [SavingsPlanRate.PaymentOption] = choiceList(table, "payment_options", at: path) { options.paymentOptions = payments }
        options.commitmentPerHour = decimal(table, "commitment_usd_per_hour", at: path, rule: .positive)
        if let mode: SavingsPlanOptions.CommitmentMode = choice(table, "commitment_mode", at: path) {
            options.commitmentMode = mode
            if mode == .instead, table["commitment_usd_per_hour"] == nil {
                error("commitment_mode 'instead' needs commitment_usd_per_hour", at: path + [.key("commitment_mode")])
            }
        }
        return options
    }

    /// A string that is not blank, without its surrounding spaces; `nil` when absent or not such a string (an error
    /// then: `<key> must be <what>`).
    mutating func nonEmptyText(_ table: TOMLTable, _ key: String, at path: Path, what: String) -> String? {
        guard let value = table[key] else { return nil }
        if let text = value.string, !text.trimmingSpaces.isEmpty { return text.trimmingSpaces }
        error("\(key) must be \(what); found \(found(value, at: path + [.key(key)]))", at: path + [.key(key)])
        return nil
    }

    /// A key naming a tag (`tag_key`, `function_tag`), spelled as the report spells tag keys; `nil` when absent or
    /// not a tag key (an error then).
    mutating func tagKey(_ table: TOMLTable, _ key: String, at path: Path, example: String) -> String? {
        guard let value = table[key] else { return nil }
        let keyPath = path + [.key(key)]
        if let text = value.string, !CURColumns.userTagKey(text).isEmpty { return CURColumns.userTagKey(text) }
        error("\(key) must be a tag key such as '\(example)'; found \(found(value, at: keyPath))", at: keyPath)
        return nil
    }

    mutating func readTeams(_ table: TOMLTable) -> TeamBudgets {
        let path: Path = [.key("teams")]
        var teams = TeamBudgets()
        checkKeys(table, at: path, allowed: ConfigurationSchema.teams, context: "in [teams]")
        if let key = tagKey(table, "tag_key", at: path, example: "team") { teams.tagKey = key }
        if let levels = alertLevels(table, at: path) { teams.alertLevels = levels }
        guard let budgets = self.table(table, "budgets", at: path) else { return teams }
        let budgetsPath = path + [.key("budgets")]
        for team in budgets.keys.sorted() {
            guard let value = budgets[team] else { continue }
            let teamPath = budgetsPath + [.key(team)]
            if team.trimmingSpaces.isEmpty {
                error("a team name must not be empty", at: teamPath, onKey: true)
                continue
            }
            switch value.type {
            case .int, .double:
                if let amount = decimal(value, at: teamPath, name: "budget of team '\(team)'", rule: .positive) {
                    teams.budgets.append(TeamBudget(team: team, monthlyUSD: amount, alertLevels: teams.alertLevels))
                }
            case .table:
                let entry = value.table!
                checkKeys(entry, at: teamPath, allowed: ConfigurationSchema.teamBudget, context: "in [teams.budgets.\(Self.tableKey(team))]")
                let amount = decimal(entry, "monthly_usd", at: teamPath, rule: .positive)
                if entry["monthly_usd"] == nil { error("the budget of team '\(team)' needs 'monthly_usd'", at: teamPath) }
                let levels = alertLevels(entry, at: teamPath)
                if let amount { teams.budgets.append(TeamBudget(team: team, monthlyUSD: amount, alertLevels: levels ?? teams.alertLevels)) }
            default:
                error("the budget of team '\(team)' must be an amount in USD or a table with monthly_usd; found \(found(value, at: teamPath))", at: teamPath)
            }
        }
        // Budgets given as plain amounts take [teams] alert_levels wherever that key is written.
        return teams
    }

    /// `[showback]`: `tag_keys`, an array of distinct tag keys (compared as the report spells them), at most
    /// ``ShowbackTags/maximumKeys``; `[]` turns the showback off.
    mutating func readShowback(_ table: TOMLTable) -> ShowbackTags {
        let path: Path = [.key("showback")]
        checkKeys(table, at: path, allowed: ConfigurationSchema.showback, context: "in [showback]")
        guard let value = table["tag_keys"] else { return ShowbackTags() }
        let keysPath = path + [.key("tag_keys")]
        guard let array = value.array else {
            error("tag_keys must be an array of tag keys such as [\"team\", \"project\"]; found \(found(value, at: keysPath))", at: keysPath)
            return ShowbackTags()
        }
        guard array.count <= ShowbackTags.maximumKeys else {
            error("tag_keys may name at most \(ShowbackTags.maximumKeys) tag keys; found \(array.count)", at: keysPath)
            return ShowbackTags()
        }
        var keys: [String] = []
        var valid = true
        for (position, element) in array.enumerated() {
            let elementPath = keysPath + [.index(position)]
            guard let text = element.string, !CURColumns.userTagKey(text).isEmpty else {
                error("tag_keys entries must be tag keys such as 'project'; found \(found(element, at: elementPath))", at: elementPath)
                valid = false
                continue
            }
            let key = CURColumns.userTagKey(text)
            if keys.contains(key) {
                let spelling = key == text ? "" : " (as the report spells '\(text)')"
                error("tag_keys names the tag key '\(key)'\(spelling) twice", at: elementPath)
                valid = false
                continue
            }
            keys.append(key)
        }
        return valid ? ShowbackTags(tagKeys: keys) : ShowbackTags()
    }

    /// `[report]`: the base URL of the published HTML reports, an absolute http(s) URL without query or fragment;
    /// how many functions and opportunities the index and team pages show.
    mutating func readReport(_ table: TOMLTable, into configuration: inout ReportConfiguration) {
        let path: Path = [.key("report")]
        checkKeys(table, at: path, allowed: ConfigurationSchema.report, context: "in [report]")
        if let value = wholeNumber(table, "top_rows", at: path, range: 1...ReportConfiguration.maximumTopRows) {
            configuration.topRows = value
        }
        guard let value = table["html_base_url"] else { return }
        let keyPath = path + [.key("html_base_url")]
        if let text = value.string, let problem = HTMLReportLinks.problem(baseURL: text) {
            error("html_base_url must be an http or https URL such as 'https://wiki.example.com/lambda-cost/' (\(problem)); found \(found(value, at: keyPath))", at: keyPath)
            return
        }
        guard let text = value.string else {
            error("html_base_url must be an http or https URL such as 'https://wiki.example.com/lambda-cost/'; found \(found(value, at: keyPath))", at: keyPath)
            return
        }
        configuration.htmlBaseURL = text
    }

    /// `[kpi]`: the goals of the site of all months, percents from 0 to 100.
    mutating func readKPI(_ table: TOMLTable) -> KPIGoals {
        let path: Path = [.key("kpi")]
        var goals = KPIGoals()
        checkKeys(table, at: path, allowed: ConfigurationSchema.kpi, context: "in [kpi]")
        if let value = decimal(table, "graviton_coverage_goal", at: path, rule: .goalPercent) { goals.gravitonCoverage = value }
        goals.savingsPlansCoverage = decimal(table, "savings_plans_coverage_goal", at: path, rule: .goalPercent)
        goals.savingsPlansUtilization = decimal(table, "savings_plans_utilization_goal", at: path, rule: .goalPercent)
        return goals
    }

    /// `[alternatives]`: how Lambda Managed Instances are priced for a function that waits (docs/alternatives.md).
    mutating func readAlternatives(_ table: TOMLTable) -> WaitingAlternativesSettings {
        let path: Path = [.key("alternatives")]
        var settings = WaitingAlternativesSettings()
        checkKeys(table, at: path, allowed: ConfigurationSchema.alternatives, context: "in [alternatives]")
        if let type = nonEmptyText(table, "managed_instances_type", at: path, what: "an instance type such as 'm7g.xlarge'") {
            settings.instanceType = type
        }
        if let value: InstancePrice.Purchase = choice(table, "managed_instances_purchase", at: path) { settings.purchase = value }
        if let value = decimal(table, "managed_instances_target_utilization", at: path, rule: .positiveShare) {
            settings.targetUtilization = value
        }
        if let value = wholeNumber(table, "managed_instances_minimum", at: path, range: 0...10_000) { settings.minimumInstances = value }
        return settings
    }

    // MARK: Rules

    /// `functions` and `tag` of a rule; `nil` (with errors) when neither is given or one is bad.
    mutating func selector(_ table: TOMLTable, at path: Path, context: String) -> FunctionSelector? {
        var valid = true
        var patterns: [FunctionPattern] = []
        if let value = table["functions"] {
            let functionsPath = path + [.key("functions")]
            var texts: [(String, Path)] = []
            if let text = value.string {
                texts = [(text, functionsPath)]
            } else if let array = value.array {
                if array.isEmpty {
                    error("functions must list at least one pattern", at: functionsPath)
                    valid = false
                }
                for (position, element) in array.enumerated() {
                    let elementPath = functionsPath + [.index(position)]
                    if let text = element.string {
                        texts.append((text, elementPath))
                    } else {
                        error("functions entries must be patterns (strings); found \(found(element, at: elementPath))", at: elementPath)
                        valid = false
                    }
                }
            } else {
                error("functions must be a pattern or an array of patterns; found \(found(value, at: functionsPath))", at: functionsPath)
                valid = false
            }
            for (text, textPath) in texts {
                do {
                    patterns.append(try FunctionPattern(parsing: text, knownRegions: knownRegions))
                } catch {
                    self.error("bad function pattern '\(text)': \(error.reason)", at: textPath)
                    valid = false
                }
            }
        }
        var tag: TagSelector?
        if let value = table["tag"] {
            let tagPath = path + [.key("tag")]
            if let text = value.string, let selector = TagSelector(parsing: text) {
                tag = selector
            } else {
                error("tag must be 'key=value', for example 'team=payments'; found \(found(value, at: tagPath))", at: tagPath)
                valid = false
            }
        }
        if table["functions"] == nil, table["tag"] == nil {
            error("\(context) needs 'functions' or 'tag' to say which functions it applies to", at: path)
            return nil
        }
        return valid ? FunctionSelector(patterns: patterns, tag: tag) : nil
    }

    /// A list of known region codes, duplicates dropped.
    mutating func regionList(_ value: TOMLValueConvertible, at path: Path) -> [String]? {
        guard let array = value.array else {
            error("regions must be an array of region codes; found \(found(value, at: path))", at: path)
            return nil
        }
        var regions: [String] = []
        var valid = true
        for (position, element) in array.enumerated() {
            let elementPath = path + [.index(position)]
            guard let region = element.string else {
                error("regions entries must be region codes (strings); found \(found(element, at: elementPath))", at: elementPath)
                valid = false
                continue
            }
            guard knownRegions.contains(region) else {
                error(ReportConfiguration.unknownRegionMessage(region, knownRegions: knownRegions), at: elementPath)
                valid = false
                continue
            }
            if !regions.contains(region) { regions.append(region) }
        }
        return valid ? regions : nil
    }

    /// A list of known move groups, duplicates dropped.
    mutating func groupList(_ value: TOMLValueConvertible, at path: Path) -> [String]? {
        guard let array = value.array else {
            error("groups must be an array of move groups; found \(found(value, at: path))", at: path)
            return nil
        }
        var groups: [String] = []
        var valid = true
        for (position, element) in array.enumerated() {
            let elementPath = path + [.index(position)]
            guard let group = element.string else {
                error("groups entries must be move groups (strings); found \(found(element, at: elementPath))", at: elementPath)
                valid = false
                continue
            }
            guard knownGroups.contains(group) else {
                error(ReportConfiguration.unknownGroupMessage(group, knownGroups: knownGroups), at: elementPath)
                valid = false
                continue
            }
            if !groups.contains(group) { groups.append(group) }
        }
        return valid ? groups : nil
    }

    /// `[regions] pairs`: an array of `[from, to]` pairs of two different known regions.
    mutating func regionPairs(_ value: TOMLValueConvertible, at path: Path) -> [RegionPolicy.Pair]? {
        let shape = "pairs must be an array of [from, to] region pairs such as [[\"eu-west-2\", \"eu-west-1\"]]"
        guard let array = value.array else {
            error("\(shape); found \(found(value, at: path))", at: path)
            return nil
        }
        var pairs: [RegionPolicy.Pair] = []
        var valid = true
        for (position, element) in array.enumerated() {
            let pairPath = path + [.index(position)]
            guard let pair = element.array, pair.count == 2 else {
                error("\(shape); found \(found(element, at: pairPath))\(element.array.map { " of \($0.count) entr\($0.count == 1 ? "y" : "ies")" } ?? "")", at: pairPath)
                valid = false
                continue
            }
            var ends: [String] = []
            for (side, end) in [pair[0], pair[1]].enumerated() {
                let endPath = pairPath + [.index(side)]
                guard let region = end.string else {
                    error("pairs entries must be region codes (strings); found \(found(end, at: endPath))", at: endPath)
                    continue
                }
                guard knownRegions.contains(region) else {
                    error(ReportConfiguration.unknownRegionMessage(region, knownRegions: knownRegions), at: endPath)
                    continue
                }
                ends.append(region)
            }
            guard ends.count == 2 else {
                valid = false
                continue
            }
            guard ends[0] != ends[1] else {
                error("a pair must name two different regions; found '\(ends[0])' twice", at: pairPath)
                valid = false
                continue
            }
            let entry = RegionPolicy.Pair(from: ends[0], to: ends[1])
            if !pairs.contains(entry) { pairs.append(entry) }
        }
        return valid ? pairs : nil
    }

    /// `alert_levels` of `table`: percents, strictly increasing; `nil` when absent or bad.
    mutating func alertLevels(_ table: TOMLTable, at path: Path) -> [FixedDecimal]? {
        guard let value = table["alert_levels"] else { return nil }
        let levelsPath = path + [.key("alert_levels")]
        guard let array = value.array else {
            error("alert_levels must be an array of percents such as [60, 85, 100]; found \(found(value, at: levelsPath))", at: levelsPath)
            return nil
        }
        var levels: [FixedDecimal] = []
        var valid = true
        for (position, element) in array.enumerated() {
            let elementPath = levelsPath + [.index(position)]
            guard let level = decimal(element, at: elementPath, name: "alert_levels entries", rule: .percent) else {
                valid = false
                continue
            }
            if let previous = levels.last, level <= previous {
                error("alert_levels must be in increasing order without repeats; found \(found(element, at: elementPath)) after \(previous)", at: elementPath)
                valid = false
            }
            levels.append(level)
        }
        return valid ? levels : nil
    }

    // MARK: Values

    /// `table[key]` as a table; an error when it is something else.
    mutating func table(_ parent: TOMLTable, _ key: String, at path: Path) -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        let keyPath = path + [.key(key)]
        guard let table = value.table else {
            error("\(Self.dotted(keyPath)) must be a table; found \(found(value, at: keyPath))", at: keyPath)
            return nil
        }
        return table
    }

    /// `table[key]` as an array of tables (`[[…]]` sections or an array of inline tables).
    mutating func arrayOfTables(_ parent: TOMLTable, _ key: String, at path: Path) -> [(TOMLTable, Path)] {
        guard let value = parent[key] else { return [] }
        let keyPath = path + [.key(key)]
        let name = Self.dotted(keyPath)
        guard let array = value.array else {
            error("\(name) must be an array of tables ([[\(name)]]); found \(found(value, at: keyPath))", at: keyPath)
            return []
        }
        var tables: [(TOMLTable, Path)] = []
        for (position, element) in array.enumerated() {
            let elementPath = keyPath + [.index(position)]
            if let table = element.table {
                tables.append((table, elementPath))
            } else {
                error("\(name) entries must be tables; found \(found(element, at: elementPath))", at: elementPath)
            }
        }
        return tables
    }

    mutating func checkKeys(_ table: TOMLTable, at path: Path, allowed: [String], context: String) {
        for key in table.keys where !allowed.contains(key) {
            error("unknown key '\(key)' \(context); valid keys: \(allowed.joined(separator: ", "))", at: path + [.key(key)], onKey: true)
        }
    }

    mutating func decimal(_ table: TOMLTable, _ key: String, at path: Path, rule: DecimalRule) -> FixedDecimal? {
        guard let value = table[key] else { return nil }
        return decimal(value, at: path + [.key(key)], name: key, rule: rule)
    }

    /// An exact decimal from an integer or a float, read from the text as written.
    mutating func decimal(_ value: TOMLValueConvertible, at path: Path, name: String, rule: DecimalRule) -> FixedDecimal? {
        guard value.type == .int || value.type == .double else {
            error("\(name) must be a number; found \(found(value, at: path))", at: path)
            return nil
        }
        let written = found(value, at: path)
        var parsed: FixedDecimal.Parsed?
        if let literal = index[path]?.literal {
            var text = literal.filter { $0 != "_" }
            if case .success(let result) = text.withUTF8({ FixedDecimal.parse($0) }) { parsed = result }
        }
        if parsed == nil {  // hexadecimal, octal or binary integers; or a value the scan did not find
            if let integer = value.int, integer.magnitude <= 100_000_000_000_000 {
                parsed = FixedDecimal.Parsed(value: FixedDecimal(integer), wasRounded: false)
            } else if let double = value.double, double.isFinite, let result = FixedDecimal(parsing: "\(double)") {
                parsed = FixedDecimal.Parsed(value: result, wasRounded: false)
            } else if let double = value.double, !double.isFinite {
                error("\(name) must be a finite number; found \(written)", at: path)
                return nil
            } else {
                error("\(name) is out of range; found \(written)", at: path)
                return nil
            }
        }
        guard let parsed, !parsed.wasRounded else {
            error("\(name) has more than \(FixedDecimal.fractionDigits) decimal places; found \(written)", at: path)
            return nil
        }
        // Every amount, share and factor stays far inside what the report computes exactly (a budget of 10¹³ USD
        // times a percentage would not).
        guard (parsed.value.isNegative ? .zero - parsed.value : parsed.value) <= Self.largestNumber else {
            error("\(name) is out of range (at most 1,000,000,000 in absolute value); found \(written)", at: path)
            return nil
        }
        guard rule.accepts(parsed.value) else {
            error("\(name) must be \(rule.requirement); found \(written)", at: path)
            return nil
        }
        return parsed.value
    }

    mutating func wholeNumber(_ table: TOMLTable, _ key: String, at path: Path, range: ClosedRange<Int>) -> Int? {
        guard let value = table[key] else { return nil }
        let keyPath = path + [.key(key)]
        guard let number = value.int, range.contains(number) else {
            error("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound); found \(found(value, at: keyPath))", at: keyPath)
            return nil
        }
        return number
    }

    /// A string naming one case of `Choice`.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ table: TOMLTable, _ key: String, at path: Path) -> Choice?
    where Choice.RawValue == String {
        guard let value = table[key] else { return nil }
        let keyPath = path + [.key(key)]
        let valid = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = value.string, let choice = Choice(rawValue: text) else {
            error("\(key) must be one of \(valid); found \(found(value, at: keyPath))", at: keyPath)
            return nil
        }
        return choice
    }

    /// A non-empty array of strings naming cases of `Choice`, returned in `allCases` order without repeats.
    mutating func choiceList<Choice: RawRepresentable & CaseIterable & Equatable>(_ table: TOMLTable, _ key: String, at path: Path) -> [Choice]?
    where Choice.RawValue == String {
        guard let value = table[key] else { return nil }
        let keyPath = path + [.key(key)]
        let valid = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        guard let array = value.array else {
            error("\(key) must be an array of \(valid); found \(found(value, at: keyPath))", at: keyPath)
            return nil
        }
        guard !array.isEmpty else {
            error("\(key) must list at least one of \(valid)", at: keyPath)
            return nil
        }
        var chosen: [Choice] = []
        var validList = true
        for (position, element) in array.enumerated() {
            let elementPath = keyPath + [.index(position)]
            guard let text = element.string, let choice = Choice(rawValue: text) else {
                error("\(key) entries must be one of \(valid); found \(found(element, at: elementPath))", at: elementPath)
                validList = false
                continue
            }
            chosen.append(choice)
        }
        return validList ? Choice.allCases.filter { chosen.contains($0) } : nil
    }

    // MARK: Diagnostics

    mutating func error(_ message: String, at path: Path, onKey: Bool = false) {
        let position = index.nearest(path).map { onKey ? $0.key : $0.value }
        let location = SourceLocation(file: file, line: position?.line ?? 1, column: position?.column ?? 1)
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    /// How a value was written, for messages: strings quoted with `'`, numbers and booleans as written, anything
    /// else by its kind.
    func found(_ value: TOMLValueConvertible, at path: Path) -> String {
        switch value.type {
        case .string: return "'\(value.string ?? "")'"
        case .int, .double, .bool:
            if let literal = index[path]?.literal, !literal.isEmpty { return literal }
            return value.debugDescription
        case .table: return "a table"
        case .array: return "an array"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }

    /// `graviton.override`, with array indices left out.
    static func dotted(_ path: Path) -> String {
        path.compactMap { component -> String? in
            if case .key(let key) = component { return tableKey(key) }
            return nil
        }.joined(separator: ".")
    }

    /// A key as it would be written in a table header (quoted unless bare).
    static func tableKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.utf8.allSatisfy { FunctionPattern.isNameByte($0) }
        return bare ? key : "\"\(key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
    }
}
