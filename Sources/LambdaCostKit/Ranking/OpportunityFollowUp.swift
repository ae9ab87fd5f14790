/// What became of an earlier report's opportunities this month: each one acted on, still open, gone (its function
/// had no usage), or not checked (its measure is missing), and for those acted on the saving realized.
///
/// **Acted on** is measured, not declared: the figure the opportunity meant to move (``TrackedChange``, written in
/// the earlier `opportunities.csv`) is measured again this month and must have gone at least halfway from its value
/// then to its target, in the target's direction (going past the target counts):
/// - Graviton: arm64's share of the function's duration and provisioned GB-seconds, from the bill (0 → 1: at least
///   half on arm64);
/// - memory and idle wait: `memory_mb` of this month's metrics (not checked without it);
/// - provisioned concurrency: provisioned GB-seconds per hour of the month, from the bill;
/// - Savings Plans: the commitment owned per hour (the fee rows' total commitment ÷ the month's hours);
/// - batching: duration GB-seconds per invocation, from the bill. Batching `f` events saves `1 − 1/f` of the
///   request charge, so halfway in saving terms is `f' = 2f ÷ (f + 1)` events an invocation (1.82 for 10): acted on
///   when GB-seconds per invocation reached `f'` × their value then;
/// - region moves: the function (same account and name) runs in the target region, with at least as many
///   invocations there as left in the old one.
///
/// **Realized saving**, against the month before and at this month's volume: a function's cost at public on-demand
/// rates (`on_demand_cost_usd`, which neither Savings Plans nor the free tier move) per invocation then × its
/// invocations now − its cost now; per duration GB-second instead when batching is among its changes acted on
/// (batching lowers the invocations themselves, while the work, its GB-seconds, stays); the plain difference of the
/// two months' costs when either month lacks the volume. Several changes acted on for one function share its saving in proportion to their expected savings
/// (the last one takes the remainder, so the parts add up exactly). A Savings Plan's realized saving is what the
/// plans owned saved net of unused commitment this month (``ExistingSavingsPlanUsage/netSavings``) − the same the
/// month before (`kpis.json`). Opportunities not acted on realize nothing; a function gone is not counted as a
/// saving (nobody can tell from the bill why it stopped).
public struct OpportunityFollowUp: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case actedOn = "acted on"
        case open
        case gone
        case notChecked = "not checked"
    }

    /// One earlier opportunity, followed up.
    public struct Outcome: Sendable, Equatable {
        public var scenario: String
        public var function: FunctionIdentity
        /// The earlier report's monthly saving.
        public var expectedSaving: FixedDecimal
        /// The first month it was proposed in (of the run of months it stayed open).
        public var openSince: BillingMonth
        public var measure: TrackedChange.Measure?
        /// The measure in the earlier month, its target, and this month (`nil` where unknown).
        public var before: String?
        public var target: String?
        public var now: String?
        public var status: Status
        /// For an opportunity acted on; `nil` when the earlier report lacks what it takes (see ``note``).
        public var realizedSaving: FixedDecimal?
        /// How the status was decided, or why it could not be.
        public var note: String
        /// Whether this month's report proposes it again (the same ``Opportunity/id``).
        public var proposedAgain: Bool

        /// ``Opportunity/id``.
        public var id: String { Opportunity.id(scenario: scenario, function: function) }
    }

    public var previousMonth: BillingMonth
    /// The earlier report's folder.
    public var source: String
    /// In the earlier report's rank order.
    public var outcomes: [Outcome]
    /// The first month of the run of months each of this month's opportunities proposed before has been open in, by
    /// ``Opportunity/id``; an opportunity not in it is new this month.
    public var openSince: [String: BillingMonth]

    /// The realized savings of the opportunities acted on.
    public var realizedSavings: FixedDecimal { FixedDecimal.sum(outcomes.compactMap(\.realizedSaving)) }

    /// How many outcomes have `status`, and their expected savings (without copying them).
    public func total(_ status: Status) -> (count: Int, expectedSavings: FixedDecimal) {
        var count = 0
        var expected = FixedDecimal.zero
        for outcome in outcomes where outcome.status == status {
            count += 1
            expected += outcome.expectedSaving
        }
        return (count, expected)
    }

    /// What this month's report knows that the follow-up needs.
    public struct Current {
        public var month: BillingMonth
        public var functions: [FunctionCost]
        public var opportunities: [Opportunity]
        /// The Savings Plans commitment owned this month, USD per hour; `nil` without a Savings Plans analysis.
        public var savingsPlanCommitmentPerHour: FixedDecimal?
        /// What the plans owned saved net of unused commitment this month; zero without a plan.
        public var savingsPlanNetSavings: FixedDecimal

        public init(month: BillingMonth, functions: [FunctionCost], opportunities: [Opportunity],
                    savingsPlanCommitmentPerHour: FixedDecimal?, savingsPlanNetSavings: FixedDecimal) {
            self.month = month
            self.functions = functions
            self.opportunities = opportunities
            self.savingsPlanCommitmentPerHour = savingsPlanCommitmentPerHour
            self.savingsPlanNetSavings = savingsPlanNetSavings
        }
    }

    public init(previous: PreviousReport, current: Current) {
        previousMonth = previous.month
        source = previous.folder
        let functions = Dictionary(current.functions.map { ($0.function, $0) }, uniquingKeysWith: { first, _ in first })
        // Region moves look the function up by account and name (a table made only when there is one to follow up).
        var byAccountAndName: [String: [FunctionCost]] = [:]
        if previous.opportunities.contains(where: { $0.tracked?.measure == .region }) {
            for function in current.functions { byAccountAndName[function.function.accountID + "\u{1F}" + function.function.name, default: []].append(function) }
        }
        let currentIDs = Set(current.opportunities.map(\.id))
        let hours = current.month.hourCount

        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(previous.opportunities.count)
        // Where each acted-on function change's saving is measured: the earlier function and the one now.
        var measuredAt: [Int: FunctionIdentity] = [:]
        for earlier in previous.opportunities {
            var outcome = Outcome(
                scenario: earlier.scenario, function: earlier.function, expectedSaving: earlier.monthlySavings,
                openSince: earlier.openSince, measure: earlier.tracked?.measure,
                before: earlier.tracked?.now, target: earlier.tracked?.target, now: nil, status: .notChecked, realizedSaving: nil,
                note: "", proposedAgain: currentIDs.contains(earlier.id))
            defer { outcomes.append(outcome) }
            guard let tracked = earlier.tracked else {
                outcome.note = previous.hasFollowUpColumns
                    ? "the earlier report gives no measure for this change"
                    : "the earlier report was made before opportunities carried a measure to follow up"
                continue
            }
            switch tracked.measure {
            case .savingsPlanCommitmentPerHour:
                guard let now = current.savingsPlanCommitmentPerHour else {
                    outcome.note = "no Savings Plans analysis this month (no eligible usage)"
                    continue
                }
                outcome.now = now.description
                outcome.status = Self.reached(tracked, now: now) ? .actedOn : .open
                outcome.note = Self.measureNote(tracked.measure) + (outcome.status == .open ? Self.needed(tracked) : "")
                if outcome.status == .actedOn {
                    if let before = previous.savingsPlanNetSavings {
                        outcome.realizedSaving = current.savingsPlanNetSavings - before
                        outcome.note += "; realized: net savings of the plans owned \(Format.usd(current.savingsPlanNetSavings)) against \(Format.usd(before)) in \(previous.month)"
                    } else {
                        outcome.note += "; realized saving not measured: the earlier report's kpis.json lacks the plans' net savings"
                    }
                }
            case .region:
                let home = byAccountAndName[earlier.function.accountID + "\u{1F}" + earlier.function.name] ?? []
                let there = home.first { $0.function.region == tracked.target }
                let left = home.first { $0.function.region == earlier.function.region }
                outcome.now = [left, there].compactMap { $0?.function.region }.joined(separator: "+")
                if let there, there.requests >= (left?.requests ?? .zero) {
                    outcome.status = .actedOn
                    outcome.note = "runs in \(tracked.target) now"
                    measuredAt[outcomes.count] = there.function
                } else if left != nil {
                    outcome.status = .open
                    outcome.note = there == nil ? "still runs in \(earlier.function.region) only" : "most invocations still in \(earlier.function.region)"
                } else {
                    outcome.status = .gone
                    outcome.note = "no usage this month in \(earlier.function.region) or \(tracked.target)"
                }
            case .arm64Share, .memoryMB, .gbSecondsPerRequest, .provisionedGBSecondsPerHour:
                guard let function = functions[earlier.function] else {
                    outcome.status = .gone
                    outcome.note = "no usage this month (function removed, renamed or idle): not counted as a saving"
                    continue
                }
                guard let text = tracked.measure.value(of: function, hours: hours), let now = FixedDecimal(parsing: text) else {
                    outcome.note = tracked.measure == .memoryMB
                        ? "this month's metrics give no memory_mb for the function"
                        : "this month's bill has no \(tracked.measure == .gbSecondsPerRequest ? "invocations" : "duration GB-seconds") for the function"
                    continue
                }
                outcome.now = now.description
                outcome.status = Self.reached(tracked, now: now) ? .actedOn : .open
                outcome.note = Self.measureNote(tracked.measure) + (outcome.status == .open ? Self.needed(tracked) : "")
                if outcome.status == .actedOn { measuredAt[outcomes.count] = function.function }
            }
        }
        Self.realize(&outcomes, measuredAt: measuredAt, previous: previous.functions, current: functions)
        self.outcomes = outcomes

        // Open and proposed again: it keeps the month it was first proposed in.
        var openSince: [String: BillingMonth] = [:]
        for outcome in outcomes where outcome.status == .open && outcome.proposedAgain {
            openSince[outcome.id] = min(openSince[outcome.id] ?? outcome.openSince, outcome.openSince)
        }
        self.openSince = openSince
    }

    /// Whether `now` went at least halfway from the earlier value to the target, in the target's direction (for
    /// batching, halfway in saving terms; see the type's documentation).
    static func reached(_ change: TrackedChange, now: FixedDecimal) -> Bool {
        guard let before = FixedDecimal(parsing: change.now), let target = FixedDecimal(parsing: change.target), before != target else {
            return false
        }
        if change.measure == .gbSecondsPerRequest {
            guard before > .zero, target > before else { return false }
            // f = target ÷ before; threshold = before × 2f ÷ (f + 1) = 2 × before × target ÷ (before + target).
            return now >= (before + before).multiplied(by: target, dividedBy: before + target)
        }
        let midpoint = (before + target).divided(by: 2)
        return target > before ? now >= midpoint : now <= midpoint
    }

    /// What an open change's measure must reach to count as acted on: `: acted on at 0.5 or more`.
    static func needed(_ change: TrackedChange) -> String {
        guard let before = FixedDecimal(parsing: change.now), let target = FixedDecimal(parsing: change.target), before != target else {
            return ""
        }
        if change.measure == .gbSecondsPerRequest, before > .zero {
            let threshold = (before + before).multiplied(by: target, dividedBy: before + target)
            return "; acted on at \(threshold.formatted(places: 4)) or more"
        }
        let midpoint = (before + target).divided(by: 2)
        return "; acted on at \(midpoint.description) or \(target > before ? "more" : "less")"
    }

    static func measureNote(_ measure: TrackedChange.Measure) -> String {
        switch measure {
        case .arm64Share: return "arm64 share of GB-seconds, from the bill"
        case .memoryMB: return "memory from this month's metrics"
        case .gbSecondsPerRequest: return "GB-seconds per invocation, from the bill"
        case .provisionedGBSecondsPerHour: return "provisioned GB-seconds per hour, from the bill"
        case .savingsPlanCommitmentPerHour: return "commitment owned per hour, from the Savings Plans fee rows"
        case .region: return "the region the function runs in"
        }
    }

    /// Sets the realized saving of each function change acted on: the function's saving against the month before,
    /// shared by its changes acted on in proportion to their expected savings.
    private static func realize(_ outcomes: inout [Outcome], measuredAt: [Int: FunctionIdentity],
                                previous: [FunctionIdentity: PreviousReport.Function]?, current: [FunctionIdentity: FunctionCost]) {
        // By the function then and the function now (the same but for a region move).
        var groups: [[FunctionIdentity]: [Int]] = [:]
        for index in measuredAt.keys.sorted() { groups[[outcomes[index].function, measuredAt[index]!], default: []].append(index) }
        for (pair, indices) in groups {
            let earlierFunction = pair[0]
            guard let now = current[pair[1]] else { continue }
            guard let then = previous?[earlierFunction] else {
                for index in indices {
                    outcomes[index].note += previous == nil
                        ? "; realized saving not measured: the earlier functions.csv predates on_demand_cost_usd"
                        : "; realized saving not measured: the earlier functions.csv does not list the function"
                }
                continue
            }
            let saving: FixedDecimal
            let basis: String
            // The volume the month's work is measured in: invocations, or GB-seconds when the invocations themselves changed.
            let batched = indices.contains { outcomes[$0].measure == .gbSecondsPerRequest }
            let (volumeThen, volumeNow, unit) = batched
                ? (then.gbSeconds, now.gbSeconds, "GB-s") : (then.requests, now.requests, "invocation")
            if volumeThen > .zero, volumeNow > .zero {
                saving = then.onDemandCost.multiplied(by: volumeNow, dividedBy: volumeThen) - now.onDemandCost
                basis = "on-demand cost \(Format.rate(then.onDemandCost.divided(by: volumeThen), per: unit)) then, \(Format.rate(now.onDemandCost.divided(by: volumeNow), per: unit)) now, × \(Format.quantity(volumeNow, places: 0)) \(unit == "GB-s" ? "GB-s" : "invocations") now"
            } else {
                saving = then.onDemandCost - now.onDemandCost
                basis = "on-demand cost \(Format.usd(then.onDemandCost)) then, \(Format.usd(now.onDemandCost)) now (no \(unit == "GB-s" ? "GB-seconds" : "invocations") to scale by)"
            }
            let expected = FixedDecimal.sum(indices.map { outcomes[$0].expectedSaving })
            var assigned = FixedDecimal.zero
            for (position, index) in indices.enumerated() {
                let share: FixedDecimal
                if position == indices.count - 1 {
                    share = saving - assigned
                } else if expected.isZero {
                    share = saving.divided(by: indices.count)
                } else {
                    share = saving.multiplied(by: outcomes[index].expectedSaving, dividedBy: expected)
                }
                assigned += share
                outcomes[index].realizedSaving = share
                outcomes[index].note += "; realized: " + basis + (indices.count > 1 ? " (shared with the function's other changes acted on, by expected saving)" : "")
            }
        }
    }
}
