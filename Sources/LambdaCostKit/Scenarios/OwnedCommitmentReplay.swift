/// The commitment owned re-applied, hour by hour, to the Savings-Plans-eligible spend the combined plan leaves
/// (see ``CombinedPlan``). Amounts are on-demand values unless named effective or commitment.
///
/// Each hour the commitment Lambda used this month (`C`: the effective cost of its covered usage) covers the
/// eligible spend of that hour as AWS applies a plan: the usage with the highest discount first, each dollar of
/// commitment covering `1 ÷ (1 − discount)` of on-demand spend; commitment an hour does not use is lost. A slice's
/// discount (region, architecture, charge) is the rate the bill shows for its covered usage; a slice the plan did not
/// cover takes the month's rate over all covered usage.
struct OwnedCommitmentReplay {
    /// The hours of the month.
    let hours: Int
    /// The index of each eligible slice in ``eligible`` and ``reductions``.
    private var slices: [PriceCatalog.Key: Int] = [:]
    /// Per slice, the month's eligible spend per hour (`E`), usage the owned plans covered included.
    private var eligible: [[FixedDecimal]] = []
    /// Per slice, what the plan's changes remove from each hour.
    private var reductions: [[FixedDecimal]] = []
    /// Per slice, the covered usage of the month (on-demand value, effective cost): the slice's discount.
    private var covered: [(onDemand: FixedDecimal, effective: FixedDecimal)] = []
    /// The commitment Lambda used per hour (`C`), paid whether used or not.
    private(set) var commitment: [FixedDecimal]
    /// Paid usage the plans never cover (requests, ephemeral storage, …) at on-demand rates, and what the
    /// changes remove from it.
    private(set) var paid = FixedDecimal.zero
    private(set) var paidReduction = FixedDecimal.zero

    init(hours: Int) {
        self.hours = hours
        commitment = Array(repeating: .zero, count: hours)
    }

    /// The slot of a slice, for the methods below; a new slice starts with nothing eligible.
    mutating func slot(_ slice: PriceCatalog.Key) -> Int {
        if let index = slices[slice] { return index }
        slices[slice] = eligible.count
        eligible.append(Array(repeating: .zero, count: hours))
        reductions.append(Array(repeating: .zero, count: hours))
        covered.append((.zero, .zero))
        return eligible.count - 1
    }

    mutating func addEligible(hour: Int, slot: Int, onDemand: FixedDecimal) {
        eligible[slot][hour] += onDemand
    }

    /// Usage the plans owned covered: its on-demand value (already added as eligible) and what it cost.
    mutating func cover(hour: Int, slot: Int, onDemand: FixedDecimal, effective: FixedDecimal) {
        covered[slot].onDemand += onDemand
        covered[slot].effective += effective
        commitment[hour] += effective
    }

    mutating func addPaid(_ amount: FixedDecimal) { paid += amount }
    mutating func reducePaid(by amount: FixedDecimal) { paidReduction += amount }
    mutating func reduceEligible(hour: Int, slot: Int, by amount: FixedDecimal) {
        reductions[slot][hour] += amount
    }

    /// The month's eligible spend per slice (on-demand value, covered usage included).
    var eligibleBySlice: [PriceCatalog.Key: FixedDecimal] {
        slices.mapValues { FixedDecimal.sum(eligible[$0]) }
    }

    /// Adds another replay of the same hours: its slices' spend, reductions and covered usage, its commitment and
    /// paid usage (a run of functions replayed apart, see ``CommitmentStage``).
    mutating func add(_ other: OwnedCommitmentReplay) {
        precondition(other.hours == hours, "replays of different months")
        for (slice, otherSlot) in other.slices {
            let slot = slot(slice)
            for hour in 0..<hours {
                eligible[slot][hour] += other.eligible[otherSlot][hour]
                reductions[slot][hour] += other.reductions[otherSlot][hour]
            }
            covered[slot].onDemand += other.covered[otherSlot].onDemand
            covered[slot].effective += other.covered[otherSlot].effective
        }
        for hour in 0..<hours { commitment[hour] += other.commitment[hour] }
        paid += other.paid
        paidReduction += other.paidReduction
    }

    /// `E`: the month's eligible spend per hour, all slices.
    var eligibleTotal: [FixedDecimal] { (0..<hours).map { hour in FixedDecimal.sum(eligible.map { $0[hour] }) } }

    /// `E′`: each hour's eligible spend after the changes, all slices.
    var eligibleAfterTotal: [FixedDecimal] {
        (0..<hours).map { hour in FixedDecimal.sum(eligible.indices.map { eligible[$0][hour] - reductions[$0][hour] }) }
    }

    /// A slice's rate as the bill shows it: `effective ÷ onDemand` (1 − discount), kept as the two amounts so the
    /// replay of an hour the bill covered in full gives back its effective cost exactly.
    private struct Rate {
        var effective: FixedDecimal
        var onDemand: FixedDecimal
    }

    /// The slices in the order a plan covers them: highest discount (lowest rate) first, ties by slice.
    private var coverOrder: [(index: Int, rate: Rate)] {
        let month = Rate(effective: FixedDecimal.sum(covered.map(\.effective)), onDemand: FixedDecimal.sum(covered.map(\.onDemand)))
        guard month.onDemand > .zero, month.effective > .zero else { return [] }
        return slices.sorted { $0.key < $1.key }.map { slice, index in
            let own = covered[index]
            return (index, own.onDemand > .zero && own.effective > .zero ? Rate(effective: own.effective, onDemand: own.onDemand) : month)
        }
        .sorted { $0.rate.effective * $1.rate.onDemand < $1.rate.effective * $0.rate.onDemand }  // stable: ties keep the slice order
    }

    /// One hour replayed: the on-demand value the commitment covers, and the commitment left unused.
    private func replay(hour: Int, order: [(index: Int, rate: Rate)], after: Bool) -> (covered: FixedDecimal, unused: FixedDecimal) {
        var left = commitment[hour]
        var coveredValue = FixedDecimal.zero
        for (index, rate) in order where left > .zero {
            let spend = max(eligible[index][hour] - (after ? reductions[index][hour] : .zero), .zero)
            guard spend > .zero else { continue }
            let cost = spend.multiplied(by: rate.effective, dividedBy: rate.onDemand)
            if cost <= left {
                coveredValue += spend
                left -= cost
            } else {
                coveredValue += left.multiplied(by: rate.onDemand, dividedBy: rate.effective)
                left = .zero
            }
        }
        return (coveredValue, left)
    }

    /// The month replayed before and after the changes.
    struct Outcome {
        /// Today: the commitment used, eligible spend it does not cover on demand, other paid usage.
        var costBefore: FixedDecimal
        /// After the changes: the same commitment (used or not), eligible spend it does not cover, other paid usage.
        var costAfter: FixedDecimal
        /// The on-demand value of the covered usage the changes remove and the commitment covers nothing else
        /// with: commitment freed, still paid.
        var absorbed: FixedDecimal
        /// Hours in which the commitment would go less used than today.
        var hoursWithUnusedCommitment: Int
    }

    var outcome: Outcome {
        let order = coverOrder
        var outcome = Outcome(costBefore: paid, costAfter: paid - paidReduction, absorbed: .zero, hoursWithUnusedCommitment: 0)
        for hour in 0..<hours {
            let spend = FixedDecimal.sum(eligible.map { $0[hour] })
            let spendAfter = spend - FixedDecimal.sum(reductions.map { $0[hour] })
            let before = replay(hour: hour, order: order, after: false)
            let after = replay(hour: hour, order: order, after: true)
            outcome.costBefore += commitment[hour] + spend - before.covered
            outcome.costAfter += commitment[hour] + spendAfter - after.covered
            outcome.absorbed += before.covered - after.covered
            if after.unused > before.unused { outcome.hoursWithUnusedCommitment += 1 }
        }
        return outcome
    }
}
