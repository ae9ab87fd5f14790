/// A month of Lambda line items aggregated per function, architecture, usage kind, charge type and hour.
/// Every amount is exact; the ledger is the typed output of the ingest stage.
///
/// Storage is compact because a month of a large fleet has one cell per function, kind and hour: functions
/// are interned to integers, a cell's coordinates are packed into one 64-bit key, and the amounts sit in
/// one contiguous array.
public struct UsageLedger: Sendable {
    /// One aggregation cell's coordinates.
    public struct Key: Hashable, Sendable {
        public var function: FunctionIdentity
        public var architecture: Architecture
        public var kind: UsageKind
        public var charge: ChargeType
        public var hour: UsageHour

        public init(function: FunctionIdentity, architecture: Architecture, kind: UsageKind, charge: ChargeType, hour: UsageHour) {
            self.function = function
            self.architecture = architecture
            self.kind = kind
            self.charge = charge
            self.hour = hour
        }
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

        public init(quantity: FixedDecimal = .zero, unblendedCost: FixedDecimal = .zero, onDemandCost: FixedDecimal = .zero,
                    effectiveCost: FixedDecimal = .zero, rows: Int = 0) {
            self.quantity = quantity
            self.unblendedCost = unblendedCost
            self.onDemandCost = onDemandCost
            self.effectiveCost = effectiveCost
            self.rows = rows
        }

        public static func += (lhs: inout Amounts, rhs: Amounts) {
            lhs.quantity += rhs.quantity
            lhs.unblendedCost += rhs.unblendedCost
            lhs.onDemandCost += rhs.onDemandCost
            lhs.effectiveCost += rhs.effectiveCost
            lhs.rows += rhs.rows
        }
    }

    public let month: BillingMonth
    private var functionTable: [FunctionIdentity] = []
    private var functionNumbers: [FunctionIdentity: UInt32] = [:]
    private var slots: [UInt64: Int32] = [:]
    private var keys: [UInt64] = []
    private var amounts: [Amounts] = []
    /// Cost allocation tags per function: key → (value, hour it was last seen).
    private var tagValues: [FunctionIdentity: [String: (value: String, hour: UsageHour)]] = [:]
    /// Version or alias qualifiers seen per function.
    public private(set) var qualifiers: [FunctionIdentity: Set<String>] = [:]

    public init(month: BillingMonth) { self.month = month }

    /// Number of cells.
    public var cellCount: Int { amounts.count }

    /// The integer a function is stored under (assigned on first use).
    mutating func number(of function: FunctionIdentity) -> UInt32 {
        if let number = functionNumbers[function] { return number }
        let number = UInt32(functionTable.count)
        precondition(number < 1 << 24, "more than 16 million functions in one month")
        functionTable.append(function)
        functionNumbers[function] = number
        return number
    }

    /// Adds one row's amounts to a cell given by an interned function number.
    mutating func add(_ row: Amounts, function: UInt32, architecture: Architecture, kind: UsageKind, charge: ChargeType, hour: UsageHour) {
        let key = Self.pack(function: function, architecture: architecture, kind: kind, charge: charge, hour: hour)
        if let slot = slots[key] {
            amounts[Int(slot)] += row
        } else {
            slots[key] = Int32(amounts.count)
            keys.append(key)
            amounts.append(row)
        }
    }

    /// Adds one row's amounts.
    public mutating func add(_ row: Amounts, at key: Key) {
        add(row, function: number(of: key.function), architecture: key.architecture, kind: key.kind, charge: key.charge, hour: key.hour)
    }

    /// Calls `body` with every cell, in the order cells were first seen.
    public func forEachCell(_ body: (Key, Amounts) throws -> Void) rethrows {
        for (key, value) in zip(keys, amounts) { try body(unpack(key), value) }
    }

    /// Every cell as a dictionary (for small ledgers and tests; large consumers use ``forEachCell(_:)``).
    public var cells: [Key: Amounts] {
        var result: [Key: Amounts] = [:]
        forEachCell { result[$0] = $1 }
        return result
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
    public var functions: [FunctionIdentity] { functionTable.sorted() }

    // Layout: function 24 bits | architecture 1 | kind 5 | charge 5 | hours since 1970 24 (until year 3884).
    static func pack(function: UInt32, architecture: Architecture, kind: UsageKind, charge: ChargeType, hour: UsageHour) -> UInt64 {
        let architectureBit: UInt64 = architecture == .arm64 ? 1 : 0
        return UInt64(function) << 35 | architectureBit << 34 | UInt64(kind.ordinal) << 29 | UInt64(charge.ordinal) << 24
            | UInt64(UInt32(hour.hoursSinceEpoch) & 0xFF_FFFF)
    }

    private func unpack(_ key: UInt64) -> Key {
        Key(
            function: functionTable[Int(key >> 35)], architecture: (key >> 34) & 1 == 1 ? .arm64 : .x86_64,
            kind: UsageKind.allCases[Int((key >> 29) & 0x1F)], charge: ChargeType.allCases[Int((key >> 24) & 0x1F)],
            hour: UsageHour(hoursSinceEpoch: Int32(key & 0xFF_FFFF)))
    }
}

extension UsageKind {
    /// Position among all cases, for packing.
    var ordinal: Int { Self.ordinals[self]! }
    private static let ordinals = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

extension ChargeType {
    /// Position among all cases, for packing.
    var ordinal: Int { Self.ordinals[self]! }
    private static let ordinals = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
