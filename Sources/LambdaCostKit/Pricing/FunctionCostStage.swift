/// Stage 2b: sums the ledger per function (attributable rows) and per account (rows of no function).
public struct FunctionCostStage: PipelineStage {
    public struct Output: Sendable {
        /// Functions sorted by account, region, name.
        public var functions: [FunctionCost]
        /// Lambda cost not attributable to a function (negations, credits, tax, data transfer), billed and
        /// effective, by what it is: the charge type, and for usage rows the usage kind (`Usage: data_transfer`).
        public var unattributed: [String: UnattributedCost]
    }

    public let name = "pricing"

    public init() {}

    public func run(_ input: IngestResult) throws -> Output {
        var functions: [FunctionCost] = []
        var unattributed: [String: UnattributedCost] = [:]
        input.ledger.forEachFunction { function, cells in
            if function.isUnattributed {
                for (key, amounts) in cells {
                    let label = key.charge.isUsage ? "\(key.charge.rawValue): \(key.kind.rawValue)" : key.charge.rawValue
                    unattributed[label, default: UnattributedCost()].unblendedCost += amounts.unblendedCost
                    unattributed[label, default: UnattributedCost()].effectiveCost += amounts.effectiveCost
                }
                return
            }
            var cost = FunctionCost(
                function: function, architectures: [], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
                provisionedDurationGBSeconds: .zero, unblendedCost: .zero, effectiveCost: .zero, onDemandCost: .zero,
                freeTierValue: .zero, tags: input.ledger.tags(of: function),
                qualifiers: (input.ledger.qualifiers[function] ?? []).sorted(), metrics: input.metrics[function],
                powerTuning: input.powerTuning[function], computeOptimizer: input.computeOptimizer[function],
                usage: [:], catalog: nil, payerAccountID: input.ledger.payers[function.accountID])
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
            functions.append(cost)
        }
        return Output(functions: functions.sorted { $0.function < $1.function }, unattributed: unattributed)
    }
}
