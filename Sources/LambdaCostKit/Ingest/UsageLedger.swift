/// A month of Lambda line items aggregated per function, architecture, usage kind, charge type and hour.
/// Every amount is exact; the ledger is the typed output of the ingest stage.
///
/// A month of a large fleet has one cell per function, kind and hour, so the ledger keeps its memory
/// bounded: functions are interned to integers, a cell's coordinates are packed into one 64-bit key, and
/// once ``memoryCellLimit`` cells are held they are sorted and spilled to a temporary file as a run.
/// Reading merges the runs with the cells still in memory, summing equal keys; the result does not
/// depend on where the spills happened.
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

    /// A cell's coordinates within its function, as ``forEachFunction(_:)`` hands them out: the function is the
    /// call's, the same for every cell, so that a walk over a fleet's cells copies no names.
    public struct FunctionCellKey: Hashable, Sendable {
        public var architecture: Architecture
        public var kind: UsageKind
        public var charge: ChargeType
        public var hour: UsageHour
    }

    /// One function's cells, in key order.
    public typealias FunctionCells = [(key: FunctionCellKey, amounts: Amounts)]

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
    /// Cells held in memory before they are sorted and spilled to a temporary file as a run.
    public private(set) var memoryCellLimit: Int
    /// Runs spilled to disk are merged into one when there are this many.
    static let maximumRuns = 16
    /// The default keeps the in-memory cells near 15 MB (about 110 bytes per cell with its index).
    public static let defaultMemoryCellLimit = 1 << 17

    private var functionTable: [FunctionIdentity] = []
    private var functionNumbers: [FunctionIdentity: UInt32] = [:]
    /// Cells not yet spilled: packed key → position in `pending`.
    private var slots = PackedKeyIndex()
    private var pending: [LedgerRun.Cell] = []
    /// Whether `pending` is sorted by key (after ``finishWriting()``), so reading needs no sorted copy.
    private var pendingIsSorted = true
    private(set) var runs: [LedgerRun] = []
    /// Per ingester function entry (a distinct resource ID): its function number + 1, or 0 when not yet seen.
    private var entryNumbers: [UInt32] = []
    /// Set by ``dropFunctionAttributes()``.
    private var attributesDropped = false
    /// Whether ``discardCells()`` was called: the cells can no longer be read.
    public private(set) var cellsDiscarded = false
    /// Cost allocation tags per function number: key, value and the hour it was last seen.
    private var tagValues: [[TagValue]] = []
    /// Version or alias qualifiers seen per function.
    public private(set) var qualifiers: [FunctionIdentity: Set<String>] = [:]
    /// The payer account of each usage account with functions (`bill/PayerAccountId`), one entry per account. An
    /// account the input names no payer for is absent: it is its own payer. An account billed to several payers in
    /// the month is given the lowest of their IDs (the same whatever the order of the input).
    public private(set) var payers: [String: String] = [:]
    /// The payers of an account beyond the first seen, for warning once per further payer (rare: normally empty).
    private var otherPayers: [String: Set<String>] = [:]

    struct TagValue {
        var key: String
        var value: String
        var hour: UsageHour
        /// The input field the value was read from (the first row of the hour that set it), for diagnostics.
        var location: SourceLocation?
    }

    public init(month: BillingMonth, memoryCellLimit: Int = Self.defaultMemoryCellLimit) {
        precondition(memoryCellLimit > 0, "the ledger needs room for at least one cell")
        self.month = month
        self.memoryCellLimit = memoryCellLimit
    }

    /// Drops what only the writers and the first pass read: the tags and qualifiers (each function carries its own
    /// from then on, ``FunctionCost``), the tables that number a new function and the index of the cells in memory
    /// (a few megabytes at the cell limit). When runs were spilled, the cells still in memory are spilled too (up to
    /// ``defaultMemoryCellLimit`` cells, about 15 MB, that would otherwise stay through the render): the later
    /// passes read them from the runs. The cells stay readable; adding one afterwards is a programming error.
    mutating func dropFunctionAttributes() throws {
        finishWriting()
        if !runs.isEmpty && !pending.isEmpty {
            try spill()
            pending = []
        }
        slots.removeAll()
        tagValues = []
        qualifiers = [:]
        functionNumbers = [:]
        entryNumbers = []
        attributesDropped = true
    }

    /// Forgets the cells, in memory and spilled, once nothing reads them any more (after the render). A spilled run's
    /// file is closed with the last copy of the ledger that holds it; unlinked, it is then freed without being written
    /// to disk, so the output stage's `syncfs(2)`, which flushes the file system of the output folder (often also the
    /// temporary folder's), does not write the runs out (tens of megabytes for a large file, more for a fleet).
    /// Reading the cells afterwards is a programming error.
    public mutating func discardCells() {
        runs = []
        pending = []
        slots.removeAll()
        pendingIsSorted = true
        cellsDiscarded = true
    }

    /// Number of sorted runs spilled to temporary files so far (0 while everything fits in memory).
    public var spilledRuns: Int { runs.count }
    /// Cells held in memory (not yet in a spilled run).
    var cellsInMemory: Int { pending.count }

    /// The integer a function is stored under (assigned on first use).
    mutating func number(of function: FunctionIdentity) -> UInt32 {
        precondition(!attributesDropped, "a function added to a ledger whose function tables were dropped")
        if let number = functionNumbers[function] { return number }
        let number = UInt32(functionTable.count)
        precondition(number < 1 << 24, "more than 16 million functions in one month")
        functionTable.append(function)
        functionNumbers[function] = number
        tagValues.append([])
        return number
    }

    /// The function number of an ingester entry (one resource ID and payer); the first time an entry is seen its
    /// qualifier and payer are recorded, so rows of a known entry cost one array lookup. `payerConflict` is called
    /// with the entry's payer and one recorded before when the account has not been seen under this payer yet.
    mutating func number(ofEntry entry: Int, identity: FunctionIdentity, qualifier: String?, payer: String? = nil,
                         payerConflict: ((payer: String, earlier: String)) -> Void = { _ in }) -> UInt32 {
        if entry < entryNumbers.count, entryNumbers[entry] != 0 { return entryNumbers[entry] - 1 }
        let number = number(of: identity)
        if let qualifier { qualifiers[identity, default: []].insert(qualifier) }
        if let payer, let earlier = recordPayer(payer, of: identity.accountID) { payerConflict((payer, earlier)) }
        if entry >= entryNumbers.count { entryNumbers.append(contentsOf: repeatElement(0, count: entry + 1 - entryNumbers.count)) }
        entryNumbers[entry] = number + 1
        return number
    }

    /// Records that `account` is billed to `payer`; returns a payer recorded before when this one is new to the
    /// account (an account under two payers), keeping the lowest ID as the account's payer.
    mutating func recordPayer(_ payer: String, of account: String) -> String? {
        guard let known = payers[account] else {
            payers[account] = payer
            return nil
        }
        guard known != payer, otherPayers[account]?.contains(payer) != true else { return nil }
        otherPayers[account, default: []].insert(max(known, payer))
        payers[account] = min(known, payer)
        return known
    }

    /// Adds one row's amounts to a cell given by an interned function number. Throws only when a run
    /// cannot be written to the temporary folder.
    mutating func add(_ row: Amounts, function: UInt32, architecture: Architecture, kind: UsageKind, charge: ChargeType, hour: UsageHour) throws {
        try add(row, packed: Self.pack(function: function, architecture: architecture, kind: kind, charge: charge, hour: hour))
    }

    private mutating func add(_ row: Amounts, packed key: UInt64) throws {
        precondition(!attributesDropped, "a cell added to a ledger whose tables were dropped")
        if let position = pending.withUnsafeBufferPointer({ slots.position(of: key, in: $0) }) {
            pending[position].amounts += row
            return
        }
        if let last = pending.last, last.key > key { pendingIsSorted = false }
        pending.append(LedgerRun.Cell(key: key, amounts: row))
        pending.withUnsafeBufferPointer { slots.insert($0.count - 1, of: $0) }
        if pending.count >= memoryCellLimit { try spill() }
    }

    /// Whether ``absorb(_:)`` of `other` gives what reading its rows after this ledger's would: no account of it is
    /// billed to another payer than here or than elsewhere in it (which would warn at a row).
    func canAbsorbPayers(of other: UsageLedger) -> Bool {
        other.otherPayers.isEmpty && other.payers.allSatisfy { account, payer in payers[account].map { $0 == payer } ?? true }
    }

    /// Adds the ledger of rows read after this one's (a later part of a file parsed on another thread): its
    /// functions numbered after this ledger's in the order it saw them, so the result is the ledger of reading all
    /// the rows in turn (check ``canAbsorbPayers(of:)`` first). Its tags' locations are shifted by `tagLineOffset`
    /// lines (a part that counted its lines from its own start).
    mutating func absorb(_ other: UsageLedger, tagLineOffset: Int = 0) throws {
        let numbers = other.functionTable.map { number(of: $0) }
        for (identity, qualifiers) in other.qualifiers { self.qualifiers[identity, default: []].formUnion(qualifiers) }
        for (account, payer) in other.payers { _ = recordPayer(payer, of: account) }
        for (number, values) in other.tagValues.enumerated() {
            for tag in values {
                let location = tag.location.map { SourceLocation(file: $0.file, line: $0.line + tagLineOffset, column: $0.column) }
                recordTag(tag.key, value: tag.value, function: numbers[number], at: tag.hour, location: { location })
            }
        }
        try other.forEachPackedCell { key, amounts in
            try add(amounts, packed: UInt64(numbers[Int(key >> 35)]) << 35 | key & (1 << 35 - 1))
        }
    }

    /// Adds one row's amounts.
    public mutating func add(_ row: Amounts, at key: Key) throws {
        try add(row, function: number(of: key.function), architecture: key.architecture, kind: key.kind, charge: key.charge, hour: key.hour)
    }

    /// Sorts the cells held in memory, so that reading them needs no sorted copy; call when adding is done.
    public mutating func finishWriting() {
        guard !pendingIsSorted else { return }
        pending.sort { $0.key < $1.key }
        pending.withUnsafeBufferPointer { slots.rebuild($0) }
        pendingIsSorted = true
    }

    /// Lowers the number of cells held in memory (when the run's budget is shared by more months): spills the cells
    /// held when they are more, and gives back the memory they took.
    mutating func lowerMemoryCellLimit(to limit: Int) throws {
        guard limit < memoryCellLimit else { return }
        memoryCellLimit = max(1, limit)
        if pending.count >= memoryCellLimit {
            try spill()
            pending = []
            slots.removeAll()
        }
    }

    /// Writes the cells in memory to a sorted run and forgets them; merges the runs when there are many.
    private mutating func spill() throws {
        pending.sort { $0.key < $1.key }
        runs.append(try LedgerRun(sortedCells: pending))
        pending.removeAll(keepingCapacity: true)
        pendingIsSorted = true
        slots.removeAll(keepingCapacity: true)
        if runs.count >= Self.maximumRuns { runs = [try LedgerRun.merging(runs)] }
    }

    /// Calls `body` with every cell in key order: by function (in the order functions were first seen),
    /// then architecture, usage kind, charge type and hour. Spilled runs are merged on the fly.
    public func forEachCell(_ body: (Key, Amounts) throws -> Void) rethrows {
        try forEachPackedCell { try body(unpack($0), $1) }
    }

    /// Calls `body` once per function with all of its cells (in key order), so that a consumer needs
    /// memory for one function at a time.
    public func forEachFunction(_ body: (FunctionIdentity, FunctionCells) throws -> Void) rethrows {
        var group: FunctionCells = []
        var groupFunction: UInt64?
        try forEachPackedCell { key, amounts in
            let function = key >> 35
            if function != groupFunction {
                if let groupFunction { try body(functionTable[Int(groupFunction)], group) }
                group.removeAll(keepingCapacity: true)
                groupFunction = function
            }
            group.append((unpackWithinFunction(key), amounts))
        }
        if let groupFunction { try body(functionTable[Int(groupFunction)], group) }
    }

    private func forEachPackedCell(_ body: (UInt64, Amounts) throws -> Void) rethrows {
        precondition(!cellsDiscarded, "the cells of a ledger read after they were discarded")
        let inMemory = pendingIsSorted ? pending : pending.sorted { $0.key < $1.key }
        if runs.isEmpty {
            for cell in inMemory { try body(cell.key, cell.amounts) }
            return
        }
        // The cells still in memory join the merge as one more sorted source.
        var merger = LedgerRun.Merger(runs.map { $0.makeCursor() } + [LedgerRun.Cursor(cells: inMemory)])
        while let cell = merger.next() { try body(cell.key, cell.amounts) }
    }

    /// Every cell as a dictionary (for small ledgers and tests; large consumers use ``forEachCell(_:)``).
    public var cells: [Key: Amounts] {
        var result: [Key: Amounts] = [:]
        forEachCell { result[$0] = $1 }
        return result
    }

    /// Records a tag value; the value from the latest hour wins (the greater value on a tie), so the
    /// result does not depend on the order of rows or files. A value equal to the one kept costs no
    /// allocation. `location` (where the value is in the input) is asked only when a value is kept.
    mutating func recordTag(_ key: String, value bytes: UnsafeBufferPointer<UInt8>, function: UInt32, at hour: UsageHour,
                            location: () -> SourceLocation? = { nil }) {
        let number = Int(function)
        guard let index = tagValues[number].firstIndex(where: { $0.key == key }) else {
            guard let value = String(validating: bytes, as: UTF8.self) else { return }
            tagValues[number].append(TagValue(key: key, value: value, hour: hour, location: location()))
            return
        }
        // The stored value read in place (a copy of the whole entry retains its strings, on every row of a function).
        let existingHour = tagValues[number][index].hour
        guard hour >= existingHour else { return }
        let same = tagValues[number].withUnsafeMutableBufferPointer { values in
            values[index].value.withUTF8 { $0.count == bytes.count && ($0.isEmpty || ByteComparison.equal($0.baseAddress!, bytes.baseAddress!, count: $0.count)) }
        }
        if same {
            tagValues[number][index].hour = hour
            return
        }
        guard let value = String(validating: bytes, as: UTF8.self) else { return }
        // On a tie the greater value by its UTF-8 bytes (not String's canonical ordering, under which two
        // differently encoded but equivalent values would compare equal and the first seen would stay).
        if hour == existingHour && !tagValues[number][index].value.utf8.lexicographicallyPrecedes(value.utf8) { return }
        tagValues[number][index] = TagValue(key: key, value: value, hour: hour, location: location())
    }

    /// Records a tag value given as text (tag maps of CUR 2.0).
    mutating func recordTag(_ key: String, value: String, function: UInt32, at hour: UsageHour,
                            location: () -> SourceLocation? = { nil }) {
        var value = value
        value.withUTF8 { recordTag(key, value: $0, function: function, at: hour, location: location) }
    }

    /// The tags of a function, by key.
    public func tags(of function: FunctionIdentity) -> [String: String] {
        guard let number = functionNumbers[function] else { return [:] }
        return Dictionary(tagValues[Int(number)].map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Where each tag value of a function was read (for diagnostics about the value), by key.
    public func tagLocations(of function: FunctionIdentity) -> [String: SourceLocation] {
        guard let number = functionNumbers[function] else { return [:] }
        var locations: [String: SourceLocation] = [:]
        for tag in tagValues[Int(number)] { if let location = tag.location { locations[tag.key] = location } }
        return locations
    }

    /// Every function that has cells, sorted; unattributed rows (empty name) are included.
    public var functions: [FunctionIdentity] { functionTable.sorted() }

    // Layout: function 24 bits | architecture 1 | kind 5 | charge 5 | hours since 1970 24 (until year 3884).
    static func pack(function: UInt32, architecture: Architecture, kind: UsageKind, charge: ChargeType, hour: UsageHour) -> UInt64 {
        return UInt64(function) << 35 | UInt64(architecture.ordinal) << 34 | UInt64(kind.ordinal) << 29 | UInt64(charge.ordinal) << 24
            | UInt64(UInt32(hour.hoursSinceEpoch) & 0xFF_FFFF)
    }

    func unpackWithinFunction(_ key: UInt64) -> FunctionCellKey {
        FunctionCellKey(
            architecture: Architecture.allCases[Int((key >> 34) & 1)], kind: UsageKind.allCases[Int((key >> 29) & 0x1F)],
            charge: ChargeType.allCases[Int((key >> 24) & 0x1F)], hour: UsageHour(hoursSinceEpoch: Int32(key & 0xFF_FFFF)))
    }

    func unpack(_ key: UInt64) -> Key {
        Key(
            function: functionTable[Int(key >> 35)], architecture: Architecture.allCases[Int((key >> 34) & 1)],
            kind: UsageKind.allCases[Int((key >> 29) & 0x1F)], charge: ChargeType.allCases[Int((key >> 24) & 0x1F)],
            hour: UsageHour(hoursSinceEpoch: Int32(key & 0xFF_FFFF)))
    }
}

extension UsageKind {
    /// Position among all cases, for packing: a payload-free enum is stored as its case number in
    /// declaration order, which is also the order of `allCases` (a test pins the two together).
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

    // Equality and hashing by case number: the standard library's default for an enum with a raw value hashes
    // the raw value's text, which made every dictionary or set lookup of a ledger cell hash a string.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.ordinal == rhs.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(truncatingIfNeeded: ordinal)) }
}

extension ChargeType {
    /// Position among all cases, for packing (see ``UsageKind/ordinal``).
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

    // By case number, as ``UsageKind``'s.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.ordinal == rhs.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(truncatingIfNeeded: ordinal)) }
}

extension Architecture {
    /// Position among all cases: x86_64 0, arm64 1 (see ``UsageKind/ordinal``).
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

    // By case number, as ``UsageKind``'s.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.ordinal == rhs.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(truncatingIfNeeded: ordinal)) }
}
