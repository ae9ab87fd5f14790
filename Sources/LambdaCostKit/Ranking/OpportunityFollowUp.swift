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
/// - region moves: the function (same account and name) runs in the target region, which gained at least as many
///   invocations since the month before as are left in the old one; its other changes are then followed up there.
///
/// A measure that is missing this month (no `memory_mb`, an unknown commitment), or a change whose target equals its
/// value then (a schedule with the same average level), is **not checked**.
///
/// **Realized saving**, against the month before and at this month's volume: a function's cost at public on-demand
/// rates (`on_demand_cost_usd`, which neither Savings Plans nor the free tier move) per invocation then × its
/// invocations now − its cost now; per duration GB-second instead when batching is among its changes acted on
/// (batching lowers the invocations themselves, while the work, its GB-seconds, stays); the plain difference of the
/// two months' costs when either month lacks the volume or the scaled cost would pass ``MagnitudeGuard/limit``. A
/// function that moved region is measured over both regions. Several changes acted on for one function share its saving in proportion to their expected savings
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
        let currentIDs = Set(current.opportunities.map(\.id))
        let hours = current.month.hourCount

        var outcomes = previous.opportunities.map { earlier in
            Outcome(
                scenario: earlier.scenario, function: earlier.function, expectedSaving: earlier.monthlySavings,
                openSince: earlier.openSince, measure: earlier.tracked?.measure,
                before: earlier.tracked?.now, target: earlier.tracked?.target, now: nil, status: .notChecked, realizedSaving: nil,
                note: "", proposedAgain: currentIDs.contains(earlier.id))
        }
        var sharedNotes: [String: String] = [:]
        // Where each acted-on function change's saving is measured: the function now (moved, for a region move).
        var measuredAt: [Int: FunctionIdentity] = [:]
        // Region moves first: a function that moved is followed up where it runs now, for its other changes too.
        var movedTo: [FunctionIdentity: FunctionIdentity] = [:]
        for (index, earlier) in previous.opportunities.enumerated() where earlier.tracked?.measure == .region {
            let target = FunctionIdentity(accountID: earlier.function.accountID, region: earlier.tracked!.target, name: earlier.function.name)
            let (left, there) = (functions[earlier.function], functions[target])
            outcomes[index].now = [left, there].compactMap { $0?.function.region }.joined(separator: "+")
            // What the target region gained since the month before (the function may have run there already).
            let gained = (there?.requests ?? .zero) - (previous.functions?[target]?.requests ?? .zero)
            if there != nil, gained > .zero, gained >= (left?.requests ?? .zero) {
                outcomes[index].status = .actedOn
                outcomes[index].note = "runs in \(target.region) now"
                measuredAt[index] = target
                movedTo[earlier.function] = target
            } else if left != nil {
                outcomes[index].status = .open
                outcomes[index].note = there == nil ? "still runs in \(earlier.function.region) only" : "most invocations still in \(earlier.function.region)"
            } else {
                outcomes[index].status = .gone
                outcomes[index].note = "no usage this month in \(earlier.function.region) or \(target.region)"
            }
        }
        for (index, earlier) in previous.opportunities.enumerated() where earlier.tracked?.measure != .region {
            guard let tracked = earlier.tracked else {
                outcomes[index].note = previous.hasFollowUpColumns
                    ? "the earlier report gives no measure for this change"
                    : "the earlier report was made before opportunities carried a measure to follow up"
                continue
            }
            if let before = FixedDecimal(parsing: tracked.now), let target = FixedDecimal(parsing: tracked.target), before == target {
                outcomes[index].note = "the change keeps its measure where it was (\(tracked.measure.rawValue) \(tracked.now)): the bill cannot show whether it was made"
                continue
            }
            let now: FixedDecimal
            // The function whose saving an acted-on change is measured on (none for a commitment).
            var followedAt: FunctionIdentity?
            if tracked.measure == .savingsPlanCommitmentPerHour {
                guard let commitment = current.savingsPlanCommitmentPerHour else {
                    outcomes[index].note = "this month's bill does not give the commitment owned (Savings Plans fee rows with savingsPlan/TotalCommitmentToDate)"
                    continue
                }
                now = commitment
            } else {
                let identity = movedTo[earlier.function] ?? earlier.function
                guard let function = functions[identity] else {
                    outcomes[index].status = .gone
                    outcomes[index].note = "no usage this month (function removed, renamed or idle): not counted as a saving"
                    continue
                }
                guard let text = tracked.measure.value(of: function, hours: hours), let value = FixedDecimal(parsing: text) else {
                    outcomes[index].note = tracked.measure == .memoryMB
                        ? "this month's metrics give no memory_mb for the function"
                        : "this month's bill has no \(tracked.measure == .gbSecondsPerRequest ? "invocations" : "duration GB-seconds") for the function"
                    continue
                }
                now = value
                followedAt = identity
            }
            outcomes[index].now = now.description
            outcomes[index].status = Self.reached(tracked, now: now) ? .actedOn : .open
            if outcomes[index].status == .actedOn, let followedAt { measuredAt[index] = followedAt }
            // Open changes of a fleet share a few notes: each is kept once (tens of thousands of copies otherwise).
            let note = Self.measureNote(tracked.measure) + (outcomes[index].status == .open ? Self.needed(tracked) : "")
            if let kept = sharedNotes[note] {
                outcomes[index].note = kept
            } else {
                sharedNotes[note] = note
                outcomes[index].note = note
            }
            if let moved = movedTo[earlier.function], tracked.measure != .savingsPlanCommitmentPerHour {
                outcomes[index].note += " (in \(moved.region), where the function moved)"
            }
            if tracked.measure == .savingsPlanCommitmentPerHour, outcomes[index].status == .actedOn {
                if let before = previous.savingsPlanNetSavings {
                    outcomes[index].realizedSaving = current.savingsPlanNetSavings - before
                    outcomes[index].note += "; realized: net savings of the plans owned \(Format.usd(current.savingsPlanNetSavings)) against \(Format.usd(before)) in \(previous.month)"
                } else {
                    outcomes[index].note += "; realized saving not measured: the earlier report's kpis.json lacks the plans' net savings"
                }
            }
        }
        Self.realize(&outcomes, measuredAt: measuredAt, previous: previous.functions, current: functions)
        self.outcomes = outcomes

        // Open (or not checked) and proposed again: it keeps the month it was first proposed in.
        var openSince: [String: BillingMonth] = [:]
        for outcome in outcomes where outcome.status == .open || outcome.status == .notChecked {
            guard outcome.proposedAgain else { continue }
            openSince[outcome.id] = min(openSince[outcome.id] ?? outcome.openSince, outcome.openSince)
        }
        self.openSince = openSince
    }

    /// The value the measure must reach for the change to count as acted on: halfway from the earlier value to the
    /// target, and whether at or above it (`rising`) or at or below; for batching, halfway in saving terms (see the
    /// type's documentation). `nil` when the change does not move its measure.
    static func threshold(_ change: TrackedChange) -> (value: FixedDecimal, rising: Bool)? {
        guard let before = FixedDecimal(parsing: change.now), let target = FixedDecimal(parsing: change.target), before != target else {
            return nil
        }
        if change.measure == .gbSecondsPerRequest {
            guard before > .zero, target > before else { return nil }
            // f = target ÷ before; threshold = before × 2f ÷ (f + 1) = 2 × before × target ÷ (before + target).
            return ((before + before).multiplied(by: target, dividedBy: before + target), true)
        }
        return ((before + target).divided(by: 2), target > before)
    }

    /// Whether `now` reached the change's ``threshold(_:)``.
    static func reached(_ change: TrackedChange, now: FixedDecimal) -> Bool {
        guard let threshold = threshold(change) else { return false }
        return threshold.rising ? now >= threshold.value : now <= threshold.value
    }

    /// What an open change's measure must reach to count as acted on: `; acted on at 50.0 % or more`.
    static func needed(_ change: TrackedChange) -> String {
        guard let threshold = threshold(change) else { return "" }
        return "; acted on at \(change.measure.displayed(threshold.value.description)) or \(threshold.rising ? "more" : "less")"
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
            // A move is measured over both regions together, then and now (the function may have run in both).
            let identities = pair[0] == pair[1] ? [pair[0]] : pair
            var then = PreviousReport.Function(requests: .zero, gbSeconds: .zero, onDemandCost: .zero)
            var listed = false
            for identity in identities {
                guard let figures = previous?[identity] else { continue }
                listed = true
                then.requests += figures.requests
                then.gbSeconds += figures.gbSeconds
                then.onDemandCost += figures.onDemandCost
            }
            guard listed else {
                for index in indices {
                    outcomes[index].note += previous == nil
                        ? "; realized saving not measured: the earlier functions.csv predates on_demand_cost_usd"
                        : "; realized saving not measured: the earlier functions.csv does not list the function"
                }
                continue
            }
            var now = PreviousReport.Function(requests: .zero, gbSeconds: .zero, onDemandCost: .zero)
            for function in identities.compactMap({ current[$0] }) {
                now.requests += function.requests
                now.gbSeconds += function.gbSeconds
                now.onDemandCost += function.onDemandCost
            }
            // The volume the month's work is measured in: invocations, or GB-seconds when the invocations themselves changed.
            let batched = indices.contains { outcomes[$0].measure == .gbSecondsPerRequest }
            let (volumeThen, volumeNow, unit, units) = batched
                ? (then.gbSeconds, now.gbSeconds, "GB-s", "GB-s") : (then.requests, now.requests, "invocation", "invocations")
            let saving: FixedDecimal
            let basis: String
            // Scaled only when the result stays within the bound of any amount (a tiny volume then cannot blow it up).
            if volumeThen > .zero, volumeNow > .zero,
               let scaled = then.onDemandCost.multipliedIfRepresentable(by: volumeNow, dividedBy: volumeThen),
               (scaled.isNegative ? -scaled : scaled) <= MagnitudeGuard.limit,
               let rateThen = then.onDemandCost.multipliedIfRepresentable(by: FixedDecimal(1), dividedBy: volumeThen) {
                saving = scaled - now.onDemandCost
                let rateNow = now.onDemandCost.multipliedIfRepresentable(by: FixedDecimal(1), dividedBy: volumeNow)
                basis = "on-demand cost \(Format.rate(rateThen, per: unit)) then, \(rateNow.map { Format.rate($0, per: unit) } ?? Format.usd(now.onDemandCost)) now, × \(Format.quantity(volumeNow, places: 0)) \(units) now"
            } else {
                saving = then.onDemandCost - now.onDemandCost
                basis = "on-demand cost \(Format.usd(then.onDemandCost)) then, \(Format.usd(now.onDemandCost)) now (\(volumeThen > .zero && volumeNow > .zero ? "the \(units) then too few" : "no \(units)") to scale by)"
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
