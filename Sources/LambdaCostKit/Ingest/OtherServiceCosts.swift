/// A month's rows of other services than Lambda, by product, and the part of them tied to a Lambda function
/// (docs/attribution.md): CloudWatch Logs by the function's log group, any product by the configured mappings or
/// function tag. Every row is either attributed or not, so `attributed + not attributed = other services`, exactly
/// (``total``); the pricing stage later moves what is tied to a function not billed this month to its own line.
public struct OtherServiceCosts: Sendable, Equatable {
    /// The cost, usage quantity (in the usage type's unit) and rows of some rows.
    public struct Amount: Sendable, Equatable {
        public var cost = FixedDecimal.zero
        public var quantity = FixedDecimal.zero
        public var rows = 0

        public init(cost: FixedDecimal = .zero, quantity: FixedDecimal = .zero, rows: Int = 0) {
            self.cost = cost
            self.quantity = quantity
            self.rows = rows
        }

        static func += (lhs: inout Amount, rhs: Amount) {
            lhs.cost += rhs.cost
            lhs.quantity += rhs.quantity
            lhs.rows += rhs.rows
        }
    }

    /// What is tied to one function: its charges, and its log storage at the start and the end of the month.
    public struct FunctionShare: Sendable, Equatable {
        public var charges = OtherServiceCharges()
        /// Log storage (GB-months billed per hour, summed) of the month's first and last ``storageWindowDays``
        /// days, for telling storage that keeps growing (no retention) from storage that holds steady.
        public var storageFirstDays = FixedDecimal.zero
        public var storageLastDays = FixedDecimal.zero

        public var total: FixedDecimal { FixedDecimal.sum(charges.values.map(\.cost)) }

        mutating func add(_ amount: Amount, charge: OtherServiceCharge, storageWindow: StorageWindow?) {
            charges[charge, default: Amount()] += amount
            guard charge == .logStorage, let storageWindow else { return }
            switch storageWindow {
            case .firstDays: storageFirstDays += amount.quantity
            case .lastDays: storageLastDays += amount.quantity
            }
        }

        mutating func absorb(_ other: FunctionShare) {
            for (charge, amount) in other.charges { charges[charge, default: Amount()] += amount }
            storageFirstDays += other.storageFirstDays
            storageLastDays += other.storageLastDays
        }
    }

    /// Days at each end of the month compared for storage growth.
    public static let storageWindowDays = 7

    /// By function (identity as the rows name it: account, region, name).
    public private(set) var attributed: [FunctionIdentity: FunctionShare] = [:]
    /// The rows no rule ties to a function, by product code.
    public private(set) var notAttributed: [String: Amount] = [:]

    /// Sums by the accumulator's numbers of products and functions, as rows are read (no names hashed per row);
    /// ``settle(products:functions:)`` moves them into the dictionaries above.
    private var pendingProducts: [Amount?] = []
    private var pendingShares: [FunctionShare?] = []

    public init() {}

    mutating func addNotAttributed(productSlot slot: Int, _ amount: Amount) {
        Self.update(&pendingProducts, at: slot, startingFrom: Amount()) { $0 += amount }
    }

    mutating func add(_ amount: Amount, charge: OtherServiceCharge, functionSlot slot: Int, storageWindow: StorageWindow?) {
        Self.update(&pendingShares, at: slot, startingFrom: FunctionShare()) { $0.add(amount, charge: charge, storageWindow: storageWindow) }
    }

    /// Changes the sum at `slot`, starting it (and growing the table) when there is none yet.
    private static func update<Sum>(_ sums: inout [Sum?], at slot: Int, startingFrom start: Sum, _ change: (inout Sum) -> Void) {
        if slot >= sums.count { sums += Array(repeating: nil, count: slot + 1 - sums.count) }
        if sums[slot] == nil { sums[slot] = start }
        change(&sums[slot]!)
    }

    /// Moves the sums kept by number into the dictionaries by name (`products` and `functions`: the accumulator's
    /// tables the numbers index). Every reading of the costs comes after it.
    mutating func settle(products: [String], functions: [FunctionIdentity]) {
        for (slot, amount) in pendingProducts.enumerated() {
            if let amount { addNotAttributed(product: products[slot], amount) }
        }
        for (slot, share) in pendingShares.enumerated() {
            if let share { add(share, to: functions[slot]) }
        }
        pendingProducts = []
        pendingShares = []
    }

    /// Every row counted: attributed and not.
    public var total: FixedDecimal { attributedTotal + notAttributedTotal }
    public var attributedTotal: FixedDecimal { FixedDecimal.sum(attributed.values.map(\.total)) }
    public var notAttributedTotal: FixedDecimal { FixedDecimal.sum(notAttributed.values.map(\.cost)) }

    mutating func addNotAttributed(product: String, _ amount: Amount) {
        notAttributed[product, default: Amount()] += amount
    }

    mutating func add(_ share: FunctionShare, to function: FunctionIdentity) {
        attributed[function, default: FunctionShare()].absorb(share)
    }

    /// Where in the month a log storage row falls, for the growth check.
    enum StorageWindow { case firstDays, lastDays }

    /// Adds settled costs (a part's month, settled with its own tables).
    mutating func absorb(_ other: OtherServiceCosts) {
        precondition(other.pendingProducts.isEmpty && other.pendingShares.isEmpty, "absorbing unsettled costs")
        for (function, share) in other.attributed { add(share, to: function) }
        for (product, amount) in other.notAttributed { addNotAttributed(product: product, amount) }
    }
}
