extension PreviousMonthCosts {
    /// Sums a month's ledger per function (rows of no function are left out, as in the report's function list).
    init(ledger: UsageLedger, source: String) {
        var costs: [FunctionIdentity: FixedDecimal] = [:]
        var tags: [FunctionIdentity: [String: String]] = [:]
        ledger.forEachFunction { function, cells in
            guard !function.isUnattributed else { return }
            costs[function] = FixedDecimal.sum(cells.map(\.amounts.effectiveCost))
            tags[function] = ledger.tags(of: function)
        }
        self.init(month: ledger.month, source: source, functionCosts: costs, tags: tags)
    }
}
