import Foundation

/// The settings of one report, read from `lambda-cost-report.toml` (`--config FILE`); see `docs/configuration.md`
/// for the layout and `data/config/lambda-cost-report.example.toml` for every key with its default.
///
/// A missing key keeps its default, so an empty file gives `ReportConfiguration()`. Unknown keys and bad values
/// are errors: reading reports all of them at once, each as `file:line:column: error: …`. Amounts, shares and
/// factors are exact: a float is taken from its text as written (`0.2` is exactly 0.2), never through `Double`.
public struct ReportConfiguration: Equatable, Sendable {
    /// The file name the tool looks for.
    public static let defaultFileName = "lambda-cost-report.toml"

    /// `[scenarios]`, plus `[graviton] duration_factor` as `armDurationFactor`.
    public var scenarios: ScenarioSettings
    /// `[[graviton.override]]`, in file order (the first match wins).
    public var armDurationOverrides: [ArmDurationOverride]
    /// `[[graviton.incompatible]]`, in file order (the first match wins).
    public var arm64Incompatible: [Arm64Incompatibility]
    /// `[regions]`.
    public var regions: RegionPolicy
    /// `[savings_plans]`.
    public var savingsPlans: SavingsPlanOptions
    /// `[teams]`.
    public var teams: TeamBudgets
    /// `[showback]`: the tags cost is totalled by; ``ShowbackTags/keys(teamTagKey:monthKeys:)`` resolves the default.
    public var showback = ShowbackTags()
    /// `[report] html_base_url`: where the HTML reports are published (`<base>/<month>/index.html`); the wiki
    /// pages link to them. `nil`: the wiki pages say where the HTML report lies instead.
    public var htmlBaseURL: String?
    /// `[report] top_rows`: how many functions and opportunities the index and team pages show (the costliest,
    /// the largest savings); the paged full lists, the CSV files and the workbook have them all.
    public var topRows: Int
    /// `[kpi]`: the goals the site of all months draws the KPI history against.
    public var kpi: KPIGoals
    /// `[attribution]`: how other services' rows are tied to functions (docs/attribution.md).
    public var attribution = AttributionRules()
    /// `[alternatives]`: how the alternatives to a function that waits are priced (docs/alternatives.md).
    public var alternatives = WaitingAlternativesSettings()

    /// The default of `[report] top_rows`.
    public static let defaultTopRows = 100
    /// The most `[report] top_rows` allows: the index page stays small (under 1.5 MB) at any fleet size.
    public static let maximumTopRows = 300

    /// The defaults.
    public init(scenarios: ScenarioSettings = ScenarioSettings(), armDurationOverrides: [ArmDurationOverride] = [],
                arm64Incompatible: [Arm64Incompatibility] = [], regions: RegionPolicy = RegionPolicy(),
                savingsPlans: SavingsPlanOptions = SavingsPlanOptions(), teams: TeamBudgets = TeamBudgets(),
                htmlBaseURL: String? = nil, topRows: Int = defaultTopRows, kpi: KPIGoals = KPIGoals()) {
        self.scenarios = scenarios
        self.armDurationOverrides = armDurationOverrides
        self.arm64Incompatible = arm64Incompatible
        self.regions = regions
        self.savingsPlans = savingsPlans
        self.teams = teams
        self.htmlBaseURL = htmlBaseURL
        self.topRows = topRows
        self.kpi = kpi
    }

    /// Reads a configuration from TOML text. `file` is the path diagnostics name; `knownRegions` the region codes
    /// that patterns, allow-lists and pairs may use, `knownGroups` the move groups allow rules may name (the
    /// catalog's, or the built-in ones).
    public init(parsing text: String, file: String = defaultFileName,
                knownRegions: Set<String> = defaultKnownRegions, knownGroups: Set<String> = defaultKnownGroups) throws(ConfigurationError) {
        self = try ConfigurationReader.read(text, file: file, knownRegions: knownRegions, knownGroups: knownGroups).get()
    }

    /// Reads a configuration file.
    public init(contentsOfFile path: String, knownRegions: Set<String> = defaultKnownRegions,
                knownGroups: Set<String> = defaultKnownGroups) throws(ConfigurationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError([Diagnostic(.error, at: nil, "cannot read the configuration file '\(path)'")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError([Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "the configuration file is not UTF-8 text")])
        }
        try self.init(parsing: text, file: path, knownRegions: knownRegions, knownGroups: knownGroups)
    }

    /// The region codes of the built-in region table (the same as `data/pricing/regions.csv`).
    public static var defaultKnownRegions: Set<String> { Set(RegionTable.builtIn.prefixByRegion.keys) }

    /// The move groups of `data/pricing/regions.csv` (`move_group`).
    public static let defaultKnownGroups: Set<String> = [
        "ae", "au", "bh", "br", "ca", "ch", "cn", "eu", "hk", "id", "il", "in", "jp", "kr", "mx", "my", "nz", "sg", "th",
        "tw", "uk", "us", "us-gov", "za",
    ]

    // MARK: Per-function settings

    /// The expected arm64/x86_64 duration ratio of a function: the first matching `[[graviton.override]]`, else
    /// `[graviton] duration_factor`.
    public func armDurationFactor(for function: FunctionIdentity, tags: [String: String] = [:]) -> FixedDecimal {
        armDurationOverrides.first { $0.selector.matches(function, tags: tags) }?.durationFactor ?? scenarios.armDurationFactor
    }

    /// The first `[[graviton.incompatible]]` entry that matches a function (its `reason` goes into the report), or
    /// `nil` when the function may move to arm64.
    public func arm64Incompatibility(for function: FunctionIdentity, tags: [String: String] = [:]) -> Arm64Incompatibility? {
        arm64Incompatible.first { $0.selector.matches(function, tags: tags) }
    }

    /// Where a function may move (see ``RegionPolicy/targets(for:tags:)``).
    public func regionMoveTargets(for function: FunctionIdentity, tags: [String: String] = [:]) -> RegionMoveTargets {
        regions.targets(for: function, tags: tags)
    }

    /// The team that owns a function (the value of its `[teams] tag_key` tag).
    public func team(of tags: [String: String]) -> String? { teams.team(of: tags) }

    // MARK: Messages

    /// `unknown region 'eu-west-9'; valid regions: af-south-1, …`
    static func unknownRegionMessage(_ region: String, knownRegions: Set<String>) -> String {
        "unknown region '\(region)'; valid regions: \(knownRegions.sorted().joined(separator: ", "))"
    }

    /// `unknown move group 'europe'; valid groups: ae, au, …`
    static func unknownGroupMessage(_ group: String, knownGroups: Set<String>) -> String {
        "unknown move group '\(group)'; valid groups (move_group of regions.csv): \(knownGroups.sorted().joined(separator: ", "))"
    }
}
