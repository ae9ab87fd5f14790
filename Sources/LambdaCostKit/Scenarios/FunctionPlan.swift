/// One function's proposed changes applied one after another, as the combined plan applies them.
///
/// Each change lowers the paid cost of the usage kinds it acts on by the share it saves alone
/// (``Opportunity/monthlySavings`` ÷ the bill's paid on-demand cost of those kinds, at most all of it); applied after
/// the changes before it, it saves that share of what they left. So the first change saves what it saves alone, and
/// the changes of one function never save more than the cost they act on.
struct FunctionPlan {
    struct Step {
        /// The opportunity, as given.
        var opportunity: Opportunity
        /// What it saves after the steps before it.
        var marginal: FixedDecimal
        /// ``marginal`` by the usage kind it comes from; the parts add up to it exactly.
        var reductionByKind: [UsageKind: FixedDecimal]
    }

    /// In plan order.
    var steps: [Step]
    /// The paid cost of each kind the plan lowers, summed over the steps: never above the kind's cost.
    var reductionByKind: [UsageKind: FixedDecimal]

    /// `opportunities` of one function, in any order; `costs`: the function's paid on-demand cost per usage kind,
    /// from the bill (usage, discounted usage and Savings-Plan-covered usage; the free tier is not paid).
    init(_ opportunities: [Opportunity], costs: [UsageKind: FixedDecimal]) {
        var remaining = costs.mapValues { max($0, .zero) }
        var steps: [Step] = []
        var total: [UsageKind: FixedDecimal] = [:]
        for opportunity in Self.ordered(opportunities) {
            let kinds = (opportunity.actsOn.isEmpty ? Set(remaining.keys) : opportunity.actsOn).sorted()
            let original = FixedDecimal.sum(kinds.map { max(costs[$0] ?? .zero, .zero) })
            let left = kinds.map { remaining[$0] ?? .zero }
            guard original > .zero, opportunity.monthlySavings > .zero else {
                steps.append(Step(opportunity: opportunity, marginal: .zero, reductionByKind: [:]))
                continue
            }
            // saving alone × left ÷ original, rounded once: the first change saves exactly its saving alone.
            let marginal = min(opportunity.monthlySavings.multiplied(by: FixedDecimal.sum(left), dividedBy: original), FixedDecimal.sum(left))
            var byKind: [UsageKind: FixedDecimal] = [:]
            for (kind, part) in zip(kinds, marginal.allocated(proportionalTo: left)) where !part.isZero {
                byKind[kind] = part
                remaining[kind, default: .zero] -= part
                total[kind, default: .zero] += part
            }
            steps.append(Step(opportunity: opportunity, marginal: marginal, reductionByKind: byKind))
        }
        self.steps = steps
        reductionByKind = total
    }

    /// The plan order of one function's changes: the function's own changes by saving alone (largest first; ties
    /// by scenario), then provisioned concurrency, which is planned on the hours that are left.
    static func ordered(_ opportunities: [Opportunity]) -> [Opportunity] {
        opportunities.sorted { lhs, rhs in
            let (left, right) = (lhs.scenario == CommitmentStage.provisionedConcurrencyScenario, rhs.scenario == CommitmentStage.provisionedConcurrencyScenario)
            if left != right { return right }
            if lhs.monthlySavings != rhs.monthlySavings { return lhs.monthlySavings > rhs.monthlySavings }
            return lhs.scenario < rhs.scenario
        }
    }
}
