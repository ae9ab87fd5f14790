/// The month's other services as the report shows them (docs/attribution.md): the part tied to the month's
/// functions (by charge), the part tied to functions without Lambda cost this month (a deleted function's log group
/// still stored), and the part no rule ties (by product). The three add up to the month's other services, exactly.
public struct OtherServicesBreakdown: Sendable, Equatable {
    /// Tied to functions of the month, by charge.
    public var byCharge: [OtherServiceCharge: FixedDecimal] = [:]
    /// Tied to functions the month's Lambda rows do not bill, largest first.
    public var unbilledFunctions: [Unbilled] = []
    /// Tied to no function, by product code, largest first.
    public var notAttributed: [Product] = []

    public struct Unbilled: Sendable, Equatable {
        public var function: FunctionIdentity
        public var cost: FixedDecimal
    }

    public struct Product: Sendable, Equatable {
        public var product: String
        public var cost: FixedDecimal
        public var rows: Int
    }

    public init() {}

    /// Splits the month's other services (`costs`) by whether their function is among `functions`.
    public init(_ costs: OtherServiceCosts, functions: Set<FunctionIdentity>) {
        for (function, share) in costs.attributed {
            if functions.contains(function) {
                for (charge, amount) in share.charges { byCharge[charge, default: .zero] += amount.cost }
            } else {
                unbilledFunctions.append(Unbilled(function: function, cost: share.total))
            }
        }
        unbilledFunctions.sort { ($1.cost, $0.function) < ($0.cost, $1.function) }
        notAttributed = costs.notAttributed.map { Product(product: $0.key, cost: $0.value.cost, rows: $0.value.rows) }
            .sorted { ($1.cost, $0.product) < ($0.cost, $1.product) }
    }

    /// Tied to the month's functions.
    public var attributed: FixedDecimal { FixedDecimal.sum(byCharge.values) }
    public var unbilled: FixedDecimal { FixedDecimal.sum(unbilledFunctions.map(\.cost)) }
    public var notAttributedTotal: FixedDecimal { FixedDecimal.sum(notAttributed.map(\.cost)) }
    /// Every other service's row of the month: attributed + unbilled + not attributed.
    public var total: FixedDecimal { attributed + unbilled + notAttributedTotal }
}
