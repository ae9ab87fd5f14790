/// A priced what-if for one function (or the fleet), with what a reviewer needs to check it.
public struct Opportunity: Sendable {
    /// How far the number can be trusted.
    public enum Confidence: String, Sendable, Comparable {
        case measured, modeled, heuristic

        public static func < (lhs: Self, rhs: Self) -> Bool {
            [Self.measured, .modeled, .heuristic].firstIndex(of: lhs)! < [Self.measured, .modeled, .heuristic].firstIndex(of: rhs)!
        }
    }

    /// A named input of the formula, already formatted for people.
    public struct FormulaInput: Sendable {
        public var name: String
        public var value: String
    }

    /// The fields, behind one reference that copies share until one of them changes (copy on write): the
    /// opportunities are listed in several orders and groupings (ranked, by function, by team), each copy then a
    /// pointer.
    private var storage: CopyOnWrite<Fields>

    /// The scenario's stable identifier (`graviton`, `memory`, …) as used in `opportunities.csv`.
    public var scenario: String {
        get { storage.value.scenario }
        _modify { yield &storage.value.scenario }
    }
    public var function: FunctionIdentity {
        get { storage.value.function }
        _modify { yield &storage.value.function }
    }
    /// What the change saves on its own, against today's usage.
    public var monthlySavings: FixedDecimal {
        get { storage.value.monthlySavings }
        _modify { yield &storage.value.monthlySavings }
    }
    /// The cost the change acts on: the function's paid cost of the usage kinds in ``actsOn`` (for a Savings
    /// Plan, the eligible on-demand spend). ``monthlySavings`` never exceeds it.
    public var currentMonthlyCost: FixedDecimal {
        get { storage.value.currentMonthlyCost }
        _modify { yield &storage.value.currentMonthlyCost }
    }
    public var confidence: Confidence {
        get { storage.value.confidence }
        _modify { yield &storage.value.confidence }
    }
    public var summary: String {
        get { storage.value.summary }
        _modify { yield &storage.value.summary }
    }
    public var effort: String {
        get { storage.value.effort }
        _modify { yield &storage.value.effort }
    }
    public var risk: String {
        get { storage.value.risk }
        _modify { yield &storage.value.risk }
    }
    public var inputs: [FormulaInput] {
        get { storage.value.inputs }
        _modify { yield &storage.value.inputs }
    }
    /// For memory: the cost and duration at each memory size considered (the curve on the function page).
    public var curve: [CurvePoint] {
        get { storage.value.curve }
        _modify { yield &storage.value.curve }
    }
    /// The usage kinds whose cost the change lowers (Graviton: duration and provisioned concurrency; batching:
    /// requests). The combined plan scales those kinds of the function's hours.
    public var actsOn: Set<UsageKind> {
        get { storage.value.actsOn }
        _modify { yield &storage.value.actsOn }
    }
    /// Its place in the combined plan and what it adds there; set by the commitment stage (``CombinedPlan``).
    public var plan: PlannedSaving? {
        get { storage.value.plan }
        _modify { yield &storage.value.plan }
    }
    /// The figure the change moves, now and at its target, for the next month's follow-up.
    public var tracked: TrackedChange? {
        get { storage.value.tracked }
        _modify { yield &storage.value.tracked }
    }

    /// The stable identifier of the opportunity from month to month: scenario and function identity,
    /// `graviton/004519876321/us-east-1/checkout-api`; fleet-wide ones `savings_plan/fleet`.
    public var id: String { Self.id(scenario: scenario, function: function) }

    /// The identifier of a scenario's opportunity for a function (``id``).
    public static func id(scenario: String, function: FunctionIdentity) -> String {
        function == CommitmentStage.fleet
            ? "\(scenario)/fleet" : "\(scenario)/\(function.accountID)/\(function.region)/\(function.name)"
    }

    public init(scenario: String, function: FunctionIdentity, monthlySavings: FixedDecimal, currentMonthlyCost: FixedDecimal,
                confidence: Confidence, summary: String, effort: String, risk: String, inputs: [FormulaInput],
                curve: [CurvePoint] = [], actsOn: Set<UsageKind> = [], plan: PlannedSaving? = nil, tracked: TrackedChange? = nil) {
        storage = CopyOnWrite(Fields(
            scenario: scenario, function: function, monthlySavings: monthlySavings, currentMonthlyCost: currentMonthlyCost,
            confidence: confidence, summary: summary, effort: effort, risk: risk, inputs: inputs, curve: curve,
            actsOn: actsOn, plan: plan, tracked: tracked))
    }

    private struct Fields: Sendable {
        var scenario: String
        var function: FunctionIdentity
        var monthlySavings: FixedDecimal
        var currentMonthlyCost: FixedDecimal
        var confidence: Confidence
        var summary: String
        var effort: String
        var risk: String
        var inputs: [FormulaInput]
        var curve: [CurvePoint]
        var actsOn: Set<UsageKind>
        var plan: PlannedSaving?
        var tracked: TrackedChange?
    }


    /// One memory size of a cost/duration curve.
    public struct CurvePoint: Sendable, Equatable {
        public var memoryMB: Int
        public var durationMs: FixedDecimal
        public var monthlyCost: FixedDecimal
        /// Whether the size was allowed (memory floor and latency limit).
        public var allowed: Bool
        /// Whether this is today's size (marked on the curve chart).
        public var isCurrent = false
        /// Whether this is the proposed size (marked on the curve chart).
        public var isProposed = false
    }
}

/// Why a scenario could not price a function (a missing price, missing metrics, a configured exclusion).
public struct ScenarioSkip: Sendable {
    public var scenario: String
    public var function: FunctionIdentity
    public var reason: String
}
