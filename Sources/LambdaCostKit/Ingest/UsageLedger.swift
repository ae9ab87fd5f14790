/// A month of Lambda line items aggregated per function, architecture, usage kind, charge type and hour.
/// Every amount is exact; the ledger is the typed output of the ingest stage.
public struct UsageLedger: Sendable {
    /// One aggregation cell's coordinates.
    public struct Key: Hashable, Sendable {
        public var function: FunctionIdentity
        public var architecture: Architecture
        public var kind: UsageKind
        public var charge: ChargeType
        public var hour: UsageHour
    }

    /// The sums of one cell.
    public struct Amounts: Equatable, Sendable {
        /// Usage quantity in the usage type's unit (requests, GB-seconds, GB); zero for non-usage charges.
        public var quantity = FixedDecimal.zero
        /// What the bill charges (`lineItem/UnblendedCost`).
        public var unblendedCost = FixedDecimal.zero
        /// The usage at public on-demand rates (free-tier usage at its list value); zero for non-usage charges.
        public var onDemandCost = FixedDecimal.zero
        /// The amortized cost (Savings Plan covered usage at its SP rate, negations at zero).
        public var effectiveCost = FixedDecimal.zero
        /// Number of CUR rows summed into the cell.
        public var rows = 0

        public static func += (lhs: inout Amounts, rhs: Amounts) {
            lhs.quantity += rhs.quantity
            lhs.unblendedCost += rhs.unblendedCost
            lhs.onDemandCost += rhs.onDemandCost
            lhs.effectiveCost += rhs.effectiveCost
            lhs.rows += rhs.rows
        }
    }

    public let month: BillingMonth
    public private(set) var cells: [Key: Amounts] = [:]
    /// Cost allocation tags per function: key → (value, hour it was last seen).
    private var tagValues: [FunctionIdentity: [String: (value: String, hour: UsageHour)]] = [:]
    /// Version or alias qualifiers seen per function.
    public private(set) var qualifiers: [FunctionIdentity: Set<String>] = [:]

    public init(month: BillingMonth) { self.month = month }

    /// Adds one row's amounts.
    public mutating func add(_ amounts: Amounts, at key: Key) {
        cells[key, default: Amounts()] += amounts
    }

    /// Records a tag value; the value from the latest hour wins (the greater value on a tie), so the
    /// result does not depend on the order of rows or files.
    public mutating func recordTag(_ key: String, value: String, for function: FunctionIdentity, at hour: UsageHour) {
        if let existing = tagValues[function]?[key],
            existing.hour > hour || (existing.hour == hour && existing.value >= value)
        {
            return
        }
        tagValues[function, default: [:]][key] = (value, hour)
    }

    public mutating func recordQualifier(_ qualifier: String, for function: FunctionIdentity) {
        qualifiers[function, default: []].insert(qualifier)
    }

    /// The tags of a function, by key.
    public func tags(of function: FunctionIdentity) -> [String: String] {
        (tagValues[function] ?? [:]).mapValues(\.value)
    }

    /// Every function that has cells, sorted; unattributed rows (empty name) are included.
    public var functions: [FunctionIdentity] {
        Array(Set(cells.keys.map(\.function))).sorted()
    }

    /// Merges another ledger of the same month (inputs read separately).
    public mutating func merge(_ other: UsageLedger) {
        precondition(other.month == month)
        for (key, amounts) in other.cells { add(amounts, at: key) }
        for (function, values) in other.tagValues {
            for (key, entry) in values { recordTag(key, value: entry.value, for: function, at: entry.hour) }
        }
        for (function, set) in other.qualifiers { qualifiers[function, default: []].formUnion(set) }
    }
}
