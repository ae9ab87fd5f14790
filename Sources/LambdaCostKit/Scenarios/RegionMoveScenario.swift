/// Region moves: the function's paid usage (requests, duration, provisioned concurrency and duration,
/// ephemeral storage) priced at the tier-1 prices of each other region of the same geography, or of the
/// regions the configuration allows the function (`[[regions.allow]]`; an empty list or the `stay` policy: no
/// move). Only moves that save at least `regionMoveMinimumShare` appear; a region lacking any needed price (or
/// billed in another currency) is not considered. Data residency and latency are called out, not priced.
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
            let allowed = configuration.allowedRegions(for: function.function, tags: function.tags)
            if allowed?.isEmpty == true { continue }
            let candidates = catalog.regions.values
                .filter { region in
                    guard region.region != home.region, region.currency == home.currency else { return false }
                    return allowed.map { $0.contains(region.region) } ?? (region.geography == home.geography)
                }
                .compactMap { region in cost(quantities, in: region.region, architecture, catalog).map { (region, $0) } }
                .sorted { ($0.1, $0.0.region) < ($1.1, $1.0.region) }
            guard let (target, proposed) = candidates.first else { continue }
            let savings = current - proposed
            guard savings > .zero, savings >= current * settings.regionMoveMinimumShare else { continue }
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: current, confidence: .modeled,
                summary: "Run \(function.function.name) in \(target.region) (\(target.location)) instead of \(home.region): the same usage costs \(Format.usd(proposed)) there against \(Format.usd(current)).",
                effort: "Deploy the function and what it calls in \(target.region); move its triggers and data.",
                risk: "Data residency: the data would be processed in \(target.location). Latency: callers and data stores in \(home.region) are farther away; cross-region data transfer is charged and not included.",
                inputs: quantities.map { .init(name: "\($0.0.rawValue) (paid)", value: $0.1.formatted(places: 3)) } + [
                    .init(name: "cost in \(home.region)", value: current.formatted(places: 6)),
                    .init(name: "cost in \(target.region)", value: proposed.formatted(places: 6)),
                ] + (allowed.map { [.init(name: "allowed regions ([[regions.allow]])", value: $0.joined(separator: ", "))] } ?? []),
                actsOn: Set(quantities.map(\.0))))
        }
        return opportunities
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
