/// Region moves: the function's paid usage (requests, duration, provisioned concurrency and duration,
/// ephemeral storage) priced at the tier-1 prices of each other region of the same move group (`move_group` of
/// `data/pricing/regions.csv`: one country, or the EU, so the data stays in one jurisdiction), or of the regions
/// the configuration allows the function (`[[regions.allow]]` regions and groups, `[regions] pairs`; the `stay`
/// policy: no move but the pairs). A move across groups is never proposed unless configured. Only moves that
/// save at least `regionMoveMinimumShare` appear; a region lacking any needed price (or billed in another
/// currency) is not considered. Data residency and latency are called out, not priced.
public struct RegionMoveScenario: Sendable {
    public static let identifier = "region"
    static let movedKinds: [UsageKind] = [.requests, .duration, .provisionedConcurrency, .provisionedDuration, .ephemeralStorage]

    /// The knobs (`scenarios`) and where functions may move (`regions`).
    public var configuration: ReportConfiguration
    public var settings: ScenarioSettings { configuration.scenarios }

    public init(configuration: ReportConfiguration = ReportConfiguration()) { self.configuration = configuration }

    public init(settings: ScenarioSettings) { self.init(configuration: ReportConfiguration(scenarios: settings)) }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> [Opportunity] {
        var opportunities: [Opportunity] = []
        for function in functions {
            guard let architecture = DurationRates.architecture(of: function),
                let home = catalog.regions[function.function.region]
            else { continue }
            let quantities = Self.movedKinds.compactMap { kind -> (UsageKind, FixedDecimal)? in
                let quantity = function.paidQuantity(architecture, kind)
                return quantity.isZero ? nil : (kind, quantity)
            }
            guard !quantities.isEmpty, let current = cost(quantities, in: home.region, architecture, catalog) else { continue }
            let targets = configuration.regionMoveTargets(for: function.function, tags: function.tags)
            if targets.isEmpty { continue }
            let candidates = catalog.regions.values
                .filter { $0.currency == home.currency && targets.allows($0, from: home) }
                .compactMap { region in cost(quantities, in: region.region, architecture, catalog).map { (region, $0) } }
                .sorted { ($0.1, $0.0.region) < ($1.1, $1.0.region) }
            guard let (target, proposed) = candidates.first else { continue }
            let savings = current - proposed
            guard savings > .zero, savings >= current * settings.regionMoveMinimumShare else { continue }
            let residency = target.moveGroup == home.moveGroup
                ? "Data residency: the data would be processed in \(target.location), in the same move group as \(home.region) (\(home.moveGroup))."
                : "Data residency: the data would leave move group \(home.moveGroup) for \(target.location) (group \(target.moveGroup)), as the configuration allows."
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: current, confidence: .modeled,
                summary: "Run \(function.function.name) in \(target.region) (\(target.location)) instead of \(home.region): the same usage costs \(Format.usd(proposed)) there against \(Format.usd(current)).",
                effort: "Deploy the function and what it calls in \(target.region); move its triggers and data.",
                risk: "\(residency) Latency: callers and data stores in \(home.region) are farther away; cross-region data transfer is charged and not included.",
                inputs: quantities.map { .init(name: "\($0.0.rawValue) (paid)", value: $0.1.formatted(places: 3)) } + [
                    .init(name: "cost in \(home.region)", value: current.formatted(places: 6)),
                    .init(name: "cost in \(target.region)", value: proposed.formatted(places: 6)),
                    .init(name: "move groups (regions.csv)", value: "\(home.region): \(home.moveGroup), \(target.region): \(target.moveGroup)"),
                ] + Self.targetInputs(targets),
                actsOn: Set(quantities.map(\.0)),
                tracked: TrackedChange(measure: .region, now: home.region, target: target.region)))
        }
        return opportunities
    }

    /// The configured targets among the formula inputs (none for the plain same-group default).
    static func targetInputs(_ targets: RegionMoveTargets) -> [Opportunity.FormulaInput] {
        var inputs: [Opportunity.FormulaInput] = []
        if targets.fromAllowRule {
            inputs.append(.init(name: "allowed regions ([[regions.allow]])", value: targets.regions.isEmpty ? "none" : targets.regions.joined(separator: ", ")))
            if !targets.groups.isEmpty { inputs.append(.init(name: "allowed groups ([[regions.allow]])", value: targets.groups.joined(separator: ", "))) }
        } else if !targets.regions.isEmpty {
            inputs.append(.init(name: "paired regions ([regions] pairs)", value: targets.regions.joined(separator: ", ")))
        }
        return inputs
    }

    private func cost(_ quantities: [(UsageKind, FixedDecimal)], in region: String, _ architecture: Architecture, _ catalog: PriceCatalog) -> FixedDecimal? {
        var total = FixedDecimal.zero
        for (kind, quantity) in quantities {
            guard let rate = catalog.listPrice(region: region, architecture: architecture, charge: kind) else { return nil }
            total += quantity * rate
        }
        return total
    }
}
