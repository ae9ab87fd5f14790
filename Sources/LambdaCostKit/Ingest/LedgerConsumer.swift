/// Something that reads the month's ledger one function at a time. Several consumers share one read of the
/// ledger (``UsageLedger/forEachFunction(_:)``), as swift-log's multiplex handler shares one log call: the first
/// pass (``FunctionCostStage``) feeds the function costs, the ledger's totals and the anomaly detector together.
protocol LedgerConsumer {
    /// One function's cells (the charges of no function come as the function whose name is empty).
    mutating func consume(_ function: FunctionIdentity, _ cells: UsageLedger.FunctionCells)
}
