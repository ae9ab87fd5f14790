/// The reported month's rejected rows: counted and summed per file in memory, the first ones kept as examples, all
/// of them in the run's ``RejectLog`` on disk, from which the output stage writes `rejects.csv`.
public struct RejectedRows: Sendable {
    /// One file's rejected rows.
    public struct File: Equatable, Sendable {
        public var path: String
        /// Records in `rejects.csv`.
        public var records: Int
        /// The CUR rows they stand for (more than `records` only for an aggregate's records).
        public var rows: Int
        /// The cost of those whose cost could be read.
        public var cost: FixedDecimal
        public var withoutCost: Int
    }

    public let month: BillingMonth
    /// The first rejected rows of the month, in the order they were found (at most ``RejectLog/exampleLimit``).
    public let examples: [RejectedRow]
    /// Per file, in path order.
    public let files: [File]
    let log: RejectLog

    init(month: BillingMonth, log: RejectLog) {
        self.month = month
        self.log = log
        examples = log.examples.filter { $0.month == nil || $0.month == month }.map(\.row)
        var byFile: [String: RejectLog.FileCounts] = [:]
        for key in [nil, month] as [BillingMonth?] {
            for (file, counts) in log.counts[key] ?? [:] { byFile[file, default: RejectLog.FileCounts()] += counts }
        }
        files = byFile.sorted { $0.key < $1.key }.map { File(path: $0.key, records: $0.value.records, rows: $0.value.rows, cost: $0.value.cost, withoutCost: $0.value.withoutCost) }
    }

    /// How many CUR rows were rejected.
    public var count: Int { files.reduce(0) { $0 + $1.rows } }
    /// How many records `rejects.csv` lists.
    public var records: Int { files.reduce(0) { $0 + $1.records } }
    /// How many of the rows had a cost that could not be read.
    public var withoutCost: Int { files.reduce(0) { $0 + $1.withoutCost } }
    public var isEmpty: Bool { count == 0 }

    /// Streams the month's `rejects.csv` records (CRLF-terminated, escaped), in the order the rows were found.
    public func writeRecords(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try log.writeRecords(of: month, body)
    }
}
