/// Graviton (arm64) for x86_64 functions: the same paid duration and provisioned GB-seconds priced at the
/// arm64 rates of the same region and tier. Requests cost the same on both architectures and are not
/// discounted. Rates are the ones of the tier the account's monthly x86 and arm64 duration totals fall in.
public struct GravitonScenario: Sendable {
    public static let identifier = "graviton"
    static let chargedKinds: [UsageKind] = [.duration, .provisionedConcurrency, .provisionedDuration]

    /// Expected arm64 duration relative to x86_64 (1.0 = the same speed).
    public var durationFactor: FixedDecimal

    public init(durationFactor: FixedDecimal = FixedDecimal(1)) { self.durationFactor = durationFactor }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> (opportunities: [Opportunity], skipped: [ScenarioSkip]) {
        // Tiers apply to the monthly on-demand duration of each account, region and architecture.
        var poolTotals: [TierPool: FixedDecimal] = [:]
        for function in functions {
            for (key, slice) in function.usage where key.kind == .duration {
                let pool = TierPool(accountID: function.function.accountID, region: function.function.region, architecture: key.architecture)
                poolTotals[pool, default: .zero] += slice.paidQuantity
            }
        }
        var opportunities: [Opportunity] = []
        var skipped: [ScenarioSkip] = []
        for function in functions where function.architectures == [.x86_64] {
            guard Self.chargedKinds.contains(where: { !function.paidQuantity(.x86_64, $0).isZero }) else { continue }
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
                let account = function.function.accountID
                guard let x86Rate = rate(x86Key, account: account, catalog: catalog, poolTotals: poolTotals) else {
                    missing.append("x86_64 \(kind.rawValue)")
                    continue
                }
                guard let armRate = rate(armKey, account: account, catalog: catalog, poolTotals: poolTotals) else {
                    missing.append("arm64 \(kind.rawValue)")
                    continue
                }
                let armQuantity = kind == .provisionedConcurrency ? quantity : quantity * durationFactor
                current += quantity * x86Rate
                proposed += armQuantity * armRate
                inputs.append(.init(name: "\(kind.rawValue) GB-s", value: quantity.formatted(places: 3)))
                inputs.append(.init(name: "\(kind.rawValue) x86_64 rate", value: x86Rate.description))
                inputs.append(.init(name: "\(kind.rawValue) arm64 rate", value: armRate.description))
            }
            if !missing.isEmpty {
                skipped.append(ScenarioSkip(scenario: Self.identifier, function: function.function,
                    reason: "price missing in the catalog for \(region): \(missing.joined(separator: ", "))"))
                continue
            }
            let savings = current - proposed
            guard savings > .zero else { continue }
            inputs.append(.init(name: "arm64 duration factor", value: durationFactor.description))
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: function.unblendedCost, confidence: .modeled,
                summary: "Move \(function.function.name) to arm64 (Graviton): duration and provisioned GB-seconds at arm64 rates; requests unchanged.",
                effort: "Rebuild native dependencies for arm64 and redeploy with Architectures=[arm64].",
                risk: "Native binaries or layers built only for x86_64 fail on arm64; load-test before switching.",
                inputs: inputs))
        }
        return (opportunities, skipped)
    }

    /// The price of the tier the pool's monthly total falls in.
    private func rate(_ key: PriceCatalog.Key, account: String, catalog: PriceCatalog, poolTotals: [TierPool: FixedDecimal]) -> FixedDecimal? {
        guard let tiers = catalog.tiers(key) else { return nil }
        let pool = TierPool(accountID: account, region: key.region, architecture: key.architecture)
        let total = key.charge == .duration ? poolTotals[pool] ?? .zero : .zero
        return tiers.last { total >= $0.start }?.price ?? tiers.first?.price
    }
}

