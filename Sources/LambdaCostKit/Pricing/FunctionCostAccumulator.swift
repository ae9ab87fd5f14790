/// The first pass's function costs: sums the ledger per function (attributable rows) and per charge (rows of no
/// function), as ``FunctionCostStage`` hands it each function.
struct FunctionCostAccumulator: LedgerConsumer {
    let ingest: IngestResult
    private(set) var functions: [FunctionCost] = []
    private(set) var unattributed: [String: UnattributedCost] = [:]
    /// Each distinct set of tags once: the functions with the same tags share one dictionary (a fleet repeats a
    /// few teams and environments).
    private var tagSets: Set<[String: String]> = []
    /// The same for the architectures (three lists in all).
    private var architectureSets: Set<[Architecture]> = []

    init(ingest: IngestResult) { self.ingest = ingest }

    mutating func consume(_ function: FunctionIdentity, _ cells: UsageLedger.FunctionCells) {
        if function.isUnattributed {
            for (key, amounts) in cells {
                let label = key.charge.isUsage ? "\(key.charge.rawValue): \(key.kind.rawValue)" : key.charge.rawValue
                unattributed[label, default: UnattributedCost()].unblendedCost += amounts.unblendedCost
                unattributed[label, default: UnattributedCost()].effectiveCost += amounts.effectiveCost
            }
            return
        }
        var metrics = ingest.metrics[function]
        metrics?.function = function  // the ledger's identity: its name shared, not a second copy per function
        var cost = FunctionCost(
            function: function, architectures: [], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero, onDemandCost: .zero,
            freeTierValue: .zero, tags: tagSets.insert(ingest.ledger.tags(of: function)).memberAfterInsert,
            qualifiers: (ingest.ledger.qualifiers[function] ?? []).sorted(), metrics: metrics,
            powerTuning: ingest.powerTuning[function], computeOptimizer: ingest.computeOptimizer[function],
            usage: [:], catalog: nil, payerAccountID: ingest.ledger.payers[function.accountID],
            tagLocations: ingest.ledger.tagLocations(of: function))
        cost.otherServices = ingest.otherServices.attributed[function]
        for (key, amounts) in cells {
            cost.unblendedCost += amounts.unblendedCost
            cost.effectiveCost += amounts.effectiveCost
            guard key.charge.isUsage else { continue }
            cost.onDemandCost += amounts.onDemandCost
            if [.requests, .duration, .provisionedConcurrency, .provisionedDuration].contains(key.kind),
                !cost.architectures.contains(key.architecture)
            {
                cost.architectures.append(key.architecture)
                cost.architectures.sort()
            }
            switch key.kind {
            case .requests: cost.requests += amounts.quantity
            case .duration: cost.gbSeconds += amounts.quantity
            case .provisionedConcurrency: cost.provisionedGBSeconds += amounts.quantity
            case .provisionedDuration: cost.provisionedDurationGBSeconds += amounts.quantity
            default: break
            }
            if key.charge == .freeTierUsage { cost.freeTierValue += amounts.onDemandCost }
            var slice = cost.usage[UsageSlice.Key(key.architecture, key.kind)] ?? UsageSlice()
            slice.quantity += amounts.quantity
            if key.charge == .freeTierUsage { slice.freeTierQuantity += amounts.quantity }
            if key.charge == .savingsPlanCoveredUsage { slice.coveredQuantity += amounts.quantity }
            slice.unblendedCost += amounts.unblendedCost
            slice.onDemandCost += amounts.onDemandCost
            slice.effectiveCost += amounts.effectiveCost
            cost.usage[UsageSlice.Key(key.architecture, key.kind)] = slice
        }
        cost.architectures = architectureSets.insert(cost.architectures).memberAfterInsert
        functions.append(cost)
    }
}
