import Testing
@testable import LambdaCostKit

/// The ledger's bounded memory: spilling sorted runs to temporary files must not change a single cell.
@Suite struct UsageLedgerTests {
    static let october = BillingMonth(year: 2026, month: 10)!

    /// A deterministic stream of rows over 3 functions × 2 kinds × 40 hours, with many repeated keys.
    static func rows(count: Int) -> [(UsageLedger.Key, UsageLedger.Amounts)] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let functions = ["a", "b", "c"].map { FunctionIdentity(accountID: "000123456789", region: "us-east-1", name: $0) }
        return (0..<count).map { index in
            let key = UsageLedger.Key(
                function: functions[next(3)], architecture: next(2) == 0 ? .x86_64 : .arm64,
                kind: next(2) == 0 ? .duration : .requests, charge: .usage,
                hour: UsageHour(year: 2026, month: 10, day: 1 + next(2), hour: next(20)))
            let cents = FixedDecimal(units: Int128(index + 1) * 10_000_000_000_000_000_000_000)  // (index+1) cents
            return (key, UsageLedger.Amounts(quantity: FixedDecimal(index + 1), unblendedCost: cents, onDemandCost: cents, effectiveCost: cents, rows: 1))
        }
    }

    static func ledger(_ rows: [(UsageLedger.Key, UsageLedger.Amounts)], limit: Int) throws -> UsageLedger {
        var ledger = UsageLedger(month: october, memoryCellLimit: limit)
        for (key, amounts) in rows { try ledger.add(amounts, at: key) }
        return ledger
    }

    @Test(arguments: [1, 2, 7, 64])
    func spillingDoesNotChangeTheCells(limit: Int) throws {
        let rows = Self.rows(count: 600)
        var expected: [UsageLedger.Key: UsageLedger.Amounts] = [:]
        for (key, amounts) in rows { expected[key, default: UsageLedger.Amounts()] += amounts }

        let spilled = try Self.ledger(rows, limit: limit)
        #expect(spilled.spilledRuns > 0)
        #expect(spilled.spilledRuns < UsageLedger.maximumRuns)
        #expect(spilled.cells == expected)
        #expect(try Self.ledger(rows, limit: 10_000).spilledRuns == 0)
        // 600 rows of 1…600 cents and 1…600 units: the sums are n(n+1)/2.
        var cost = FixedDecimal.zero
        var quantity = FixedDecimal.zero
        var rowCount = 0
        spilled.forEachCell { _, amounts in
            cost += amounts.unblendedCost
            quantity += amounts.quantity
            rowCount += amounts.rows
        }
        #expect(cost == dec("1803"))
        #expect(quantity == FixedDecimal(180_300))
        #expect(rowCount == 600)
    }

    /// Discarding the cells lets go of the spilled runs: a copy of the ledger that still holds them reads every cell,
    /// and when the last copy discards them the runs are freed (their unlinked files closed, never written to disk by
    /// the output's `syncfs`).
    @Test func discardingTheCellsFreesTheSpilledRuns() throws {
        let rows = Self.rows(count: 600)
        var ledger = try Self.ledger(rows, limit: 7)
        var copy = ledger
        let expected = ledger.cells
        try #require(ledger.spilledRuns > 0 && ledger.cellsInMemory > 0)
        weak var firstRun = ledger.runs.first
        ledger.discardCells()
        #expect(ledger.cellsDiscarded && ledger.spilledRuns == 0 && ledger.cellsInMemory == 0)
        #expect(firstRun != nil, "the copy still holds the run")
        #expect(!copy.cellsDiscarded && copy.cells == expected)
        copy.discardCells()
        #expect(firstRun == nil, "no copy holds the run: it is freed and its file closed")
        #expect(copy.cellsDiscarded && copy.spilledRuns == 0 && copy.cellsInMemory == 0)
    }

    /// Once the first pass is done, a ledger that spilled also spills the cells it still holds (they would stay in
    /// memory through the render); one that never spilled keeps them. Either way it reads the same cells, function
    /// by function.
    @Test(arguments: [7, 64, 10_000])
    func droppingTheWritersTablesSpillsTheCellsInMemoryWhenRunsExist(limit: Int) throws {
        var ledger = try Self.ledger(Self.rows(count: 600), limit: limit)
        func groups() -> [String] {
            var names: [String] = []
            ledger.forEachFunction { function, cells in names.append("\(function.name) \(cells.map { "\($0.key.hour) \($0.amounts.unblendedCost)" })") }
            return names
        }
        let cells = ledger.cells, before = groups(), runs = ledger.spilledRuns
        try ledger.dropFunctionAttributes()
        #expect(ledger.cells == cells)
        #expect(groups() == before)
        if runs > 0 {
            #expect(ledger.cellsInMemory == 0)
            #expect(ledger.spilledRuns >= 1)
        } else {
            #expect(ledger.cellsInMemory == cells.count)
            #expect(ledger.spilledRuns == 0)
        }
    }

    @Test func cellsComeInKeyOrderAndEachFunctionOnce() throws {
        let ledger = try Self.ledger(Self.rows(count: 300), limit: 5)
        var groups: [(function: FunctionIdentity, cells: UsageLedger.FunctionCells)] = []
        ledger.forEachFunction { groups.append(($0, $1)) }
        #expect(groups.map(\.function.name).sorted() == ["a", "b", "c"])
        #expect(groups.map(\.cells.count).reduce(0, +) == ledger.cells.count)
        let all = ledger.cells
        for group in groups {
            let expected = Set(all.keys.filter { $0.function == group.function }.map { key in
                UsageLedger.FunctionCellKey(architecture: key.architecture, kind: key.kind, charge: key.charge, hour: key.hour)
            })
            #expect(Set(group.cells.map(\.key)) == expected)
            #expect(group.cells.count == expected.count)
            #expect(group.cells.allSatisfy { all[UsageLedger.Key(function: group.function, architecture: $0.key.architecture, kind: $0.key.kind, charge: $0.key.charge, hour: $0.key.hour)] == $0.amounts })
            let hours = group.cells.filter { $0.key.architecture == .x86_64 && $0.key.kind == .duration }.map(\.key.hour)
            #expect(hours == hours.sorted())
        }
    }

    @Test func ordinalsArePositionsInAllCases() {
        #expect(UsageKind.allCases.map(\.ordinal) == Array(UsageKind.allCases.indices))
        #expect(ChargeType.allCases.map(\.ordinal) == Array(ChargeType.allCases.indices))
        #expect(Architecture.allCases.map(\.ordinal) == Array(Architecture.allCases.indices))
        #expect(Architecture.allCases.sorted() == [.x86_64, .arm64])
        #expect(UsageKind.allCases.count <= 32 && ChargeType.allCases.count <= 32)  // 5 bits each in a packed key
    }

    @Test func theLatestTagValueWinsWhateverTheOrder() throws {
        var ledger = UsageLedger(month: Self.october)
        let function = FunctionIdentity(accountID: "000123456789", region: "us-east-1", name: "tagged")
        let number = ledger.number(of: function)
        let hour = { UsageHour(year: 2026, month: 10, day: 1, hour: $0) }
        ledger.recordTag("team", value: "payments", function: number, at: hour(5))
        ledger.recordTag("team", value: "search", function: number, at: hour(3))  // earlier: ignored
        #expect(ledger.tags(of: function) == ["team": "payments"])
        ledger.recordTag("team", value: "payments", function: number, at: hour(9))  // same value, later hour
        ledger.recordTag("team", value: "search", function: number, at: hour(7))  // now earlier than 9: ignored
        #expect(ledger.tags(of: function) == ["team": "payments"])
        ledger.recordTag("team", value: "billing", function: number, at: hour(9))  // a tie: the greater value wins
        #expect(ledger.tags(of: function) == ["team": "payments"])
        ledger.recordTag("team", value: "risk", function: number, at: hour(9))
        ledger.recordTag("cost_center", value: "cc-<1>", function: number, at: hour(1))
        #expect(ledger.tags(of: function) == ["team": "risk", "cost_center": "cc-<1>"])
    }

    @Test func aRealMonthIngestsTheSameWithATinyMemoryLimit() throws {
        let file = fixturePath("aws/saas-workshop-cur-2022-10.csv.gz")
        func run(_ limit: Int) throws -> IngestResult {
            var input = IngestStage.Input(curFiles: [file])
            input.memoryCellLimit = limit
            return try IngestStage().run(input)
        }
        let roomy = try run(UsageLedger.defaultMemoryCellLimit)
        let tight = try run(3)
        #expect(roomy.ledger.spilledRuns == 0)
        #expect(tight.ledger.spilledRuns > 0)
        #expect(tight.ledger.cells == roomy.ledger.cells)
        #expect(tight.ledger.functions == roomy.ledger.functions)
        #expect(tight.totals == roomy.totals)
        for function in roomy.ledger.functions {
            #expect(tight.ledger.tags(of: function) == roomy.ledger.tags(of: function))
        }
        #expect(try FunctionCostStage().run(tight).functions.map(\.unblendedCost) == FunctionCostStage().run(roomy).functions.map(\.unblendedCost))
    }
}
