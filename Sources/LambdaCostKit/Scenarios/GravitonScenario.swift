/// Graviton (arm64) for x86_64 functions: the same paid duration and provisioned GB-seconds priced at the
/// arm64 rates of the same region and tier. Requests cost the same on both architectures and are not
/// discounted. Rates are the ones of the tier the monthly x86 and arm64 duration totals of the function's payer
/// (consolidated bill) and region fall in (``TierPool``).
/// The expected arm64/x86_64 duration ratio is the function's own (`[[graviton.override]]`, else
/// `[graviton] duration_factor`); functions the configuration marks arm64-incompatible are skipped with its reason.
public struct GravitonScenario: Sendable {
    public static let identifier = "graviton"
    static let chargedKinds: [UsageKind] = [.duration, .provisionedConcurrency, .provisionedDuration]

    /// Per-function duration factors and arm64 exclusions.
    public var configuration: ReportConfiguration

    public init(configuration: ReportConfiguration = ReportConfiguration()) { self.configuration = configuration }

    /// One expected arm64/x86_64 duration ratio for every function (1.0 = the same speed).
    public init(durationFactor: FixedDecimal) {
        configuration = ReportConfiguration()
        configuration.scenarios.armDurationFactor = durationFactor
    }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> (opportunities: [Opportunity], skipped: [ScenarioSkip]) {
        // Tiers apply to the monthly on-demand duration of each payer, region and architecture.
        let poolTotals = TierPool.paidDurationTotals(functions)
        var opportunities: [Opportunity] = []
        var skipped: [ScenarioSkip] = []
        // The few distinct sets of kinds, each kept once for the fleet's opportunities.
        var kindSets: Set<Set<UsageKind>> = []
        for function in functions where function.architectures == [.x86_64] {
            guard Self.chargedKinds.contains(where: { !function.paidQuantity(.x86_64, $0).isZero }) else { continue }
            if let incompatibility = configuration.arm64Incompatibility(for: function.function, tags: function.tags) {
                skipped.append(ScenarioSkip(scenario: Self.identifier, function: function.function,
                    reason: "cannot run on arm64 (configuration): \(incompatibility.reason)"))
                continue
            }
            let durationFactor = configuration.armDurationFactor(for: function.function, tags: function.tags)
            let region = function.function.region
            var current = FixedDecimal.zero
            var proposed = FixedDecimal.zero
            var inputs: [Opportunity.FormulaInput] = []
            var missing: [String] = []
            for kind in Self.chargedKinds {
                let quantity = function.paidQuantity(.x86_64, kind)
                guard !quantity.isZero else { continue }
                let x86Key = PriceCatalog.Key(region: region, architecture: .x86_64, charge: kind)
                let armKey = PriceCatalog.Key(region: region, architecture: .arm64, charge: kind)
                let payer = function.payer
                guard let x86Rate = rate(x86Key, payer: payer, catalog: catalog, poolTotals: poolTotals) else {
                    missing.append("x86_64 \(kind.rawValue)")
                    continue
                }
                guard let armRate = rate(armKey, payer: payer, catalog: catalog, poolTotals: poolTotals) else {
                    missing.append("arm64 \(kind.rawValue)")
                    continue
                }
                let armQuantity = kind == .provisionedConcurrency ? quantity : quantity * durationFactor
                current += quantity * x86Rate
                proposed += armQuantity * armRate
                inputs.append(.init(name: "\(kind.rawValue) GB-s", value: quantity.formatted(places: 3)))
                inputs.append(.init(name: "\(kind.rawValue) x86_64 rate", value: Format.rate(x86Rate, per: "GB-s")))
                inputs.append(.init(name: "\(kind.rawValue) arm64 rate", value: Format.rate(armRate, per: "GB-s")))
            }
            if !missing.isEmpty {
                skipped.append(ScenarioSkip(scenario: Self.identifier, function: function.function,
                    reason: "price missing in the catalog for \(region): \(missing.joined(separator: ", "))"))
                continue
            }
            let savings = current - proposed
            guard savings > .zero else { continue }
            inputs.append(.init(name: "arm64 duration factor", value: durationFactor.description))
            if let override = configuration.armDurationOverrides.first(where: { $0.selector.matches(function.function, tags: function.tags) }) {
                inputs.append(.init(name: "arm64 duration factor from", value: "[[graviton.override]] \(override.selector)"))
            }
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: current, confidence: .modeled,
                summary: "Move \(function.function.name) to arm64 (Graviton): duration and provisioned GB-seconds at arm64 rates; requests unchanged.",
                effort: "Rebuild native dependencies for arm64 and redeploy with Architectures=[arm64].",
                risk: "Native binaries or layers built only for x86_64 fail on arm64; load-test before switching.",
                inputs: inputs,
                actsOn: kindSets.insert(Set(Self.chargedKinds.filter { !function.paidQuantity(.x86_64, $0).isZero })).memberAfterInsert,
                tracked: TrackedChange(measure: .arm64Share, now: TrackedChange.Measure.arm64Share(of: function) ?? .zero, target: FixedDecimal(1))))
        }
        return (opportunities, skipped)
    }

    /// The price of the tier the pool's monthly total falls in.
    private func rate(_ key: PriceCatalog.Key, payer: String, catalog: PriceCatalog, poolTotals: [TierPool: FixedDecimal]) -> FixedDecimal? {
        guard let tiers = catalog.tiers(key) else { return nil }
        let pool = TierPool(payer: payer, region: key.region, architecture: key.architecture)
        let total = key.charge == .duration ? poolTotals[pool] ?? .zero : .zero
        return tiers.last { total >= $0.start }?.price ?? tiers.first?.price
    }
}

