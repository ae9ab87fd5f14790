/// The commitment owned re-applied, hour by hour, to the Savings-Plans-eligible spend the combined plan leaves
/// (see ``CombinedPlan``). Amounts are on-demand values unless named effective.
struct OwnedCommitmentReplay {
    /// The month's eligible spend per hour (`E`), usage the owned plans covered included.
    private(set) var eligible: [FixedDecimal]
    /// What the plan's changes remove from each hour's eligible spend.
    private(set) var reductions: [FixedDecimal]
    /// The usage the commitment owned covered per hour (`K`, on-demand value).
    private(set) var coveredOnDemand: [FixedDecimal]
    /// What that usage cost at the plan's rates: the commitment Lambda used, paid whether used or not.
    private(set) var coveredEffective = FixedDecimal.zero
    /// Paid usage the plans never cover (requests, ephemeral storage, …) at on-demand rates, and what the
    /// changes remove from it.
    private(set) var paid = FixedDecimal.zero
    private(set) var paidReduction = FixedDecimal.zero

    init(hours: Int) {
        eligible = Array(repeating: .zero, count: hours)
        reductions = eligible
        coveredOnDemand = eligible
    }

    mutating func addEligible(hour: Int, onDemand: FixedDecimal) { eligible[hour] += onDemand }

    mutating func cover(hour: Int, onDemand: FixedDecimal, effective: FixedDecimal) {
        coveredOnDemand[hour] += onDemand
        coveredEffective += effective
    }

    mutating func addPaid(_ amount: FixedDecimal) { paid += amount }
    mutating func reducePaid(by amount: FixedDecimal) { paidReduction += amount }
    mutating func reduceEligible(hour: Int, by amount: FixedDecimal) { reductions[hour] += amount }

    /// `E′`: each hour's eligible spend after the changes.
    var eligibleAfter: [FixedDecimal] { zip(eligible, reductions).map { $0 - $1 } }

    /// What the commitment owned still covers in an hour after the changes: `min(E′, K)`, never below zero.
    private func coveredAfter(_ hour: Int, _ after: FixedDecimal) -> FixedDecimal {
        max(min(after, coveredOnDemand[hour]), .zero)
    }

    /// The on-demand value of covered usage the changes remove: commitment freed, still paid (`Σ K − min(E′, K)`).
    var absorbed: FixedDecimal {
        FixedDecimal.sum(eligibleAfter.enumerated().map { coveredOnDemand[$0] - coveredAfter($0, $1) })
    }

    var hoursWithUnusedCommitment: Int {
        eligibleAfter.enumerated().filter { coveredOnDemand[$0] - coveredAfter($0, $1) > .zero }.count
    }

    /// Today: the commitment used, eligible spend above it on demand, other paid usage.
    var costBefore: FixedDecimal {
        coveredEffective + FixedDecimal.sum(zip(eligible, coveredOnDemand).map { $0 - $1 }) + paid
    }

    /// After the changes: the same commitment (used or not), eligible spend above what it covers, other paid usage.
    var costAfter: FixedDecimal {
        coveredEffective + FixedDecimal.sum(eligibleAfter.enumerated().map { $1 - coveredAfter($0, $1) }) + paid - paidReduction
    }
}
