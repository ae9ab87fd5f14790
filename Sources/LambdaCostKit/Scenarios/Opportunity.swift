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

    /// The scenario's stable identifier (`graviton`, `memory`, …) as used in `opportunities.csv`.
    public var scenario: String
    public var function: FunctionIdentity
    /// What the change saves on its own, against today's usage.
    public var monthlySavings: FixedDecimal
    /// The cost the change acts on: the function's paid cost of the usage kinds in ``actsOn`` (for a Savings
    /// Plan, the eligible on-demand spend). ``monthlySavings`` never exceeds it.
    public var currentMonthlyCost: FixedDecimal
    public var confidence: Confidence
    public var summary: String
    public var effort: String
    public var risk: String
    public var inputs: [FormulaInput]
    /// For memory: the cost and duration at each memory size considered (the curve on the function page).
    public var curve: [CurvePoint] = []
    /// The usage kinds whose cost the change lowers (Graviton: duration and provisioned concurrency; batching:
    /// requests). The combined plan scales those kinds of the function's hours.
    public var actsOn: Set<UsageKind> = []
    /// Its place in the combined plan and what it adds there; set by the commitment stage (``CombinedPlan``).
    public var plan: PlannedSaving?

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
