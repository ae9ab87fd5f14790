/// The typed output of the ingest stage for the month being reported.
public struct IngestResult: Sendable {
    /// One input file as read.
    public struct InputFile: Hashable, Sendable {
        public var path: String
        /// The SHA-256 of its bytes, which may still be computing (``sha256()`` waits for it).
        public var digest: InputDigest
        public var bytes: Int
        /// Data rows (the header excluded).
        public var rows: Int
        public var spelling: CURColumns.Spelling
        /// Whether the file has `pricing/publicOnDemandCost`, needed to compare the bill with the catalog.
        public var hasPublicOnDemandCost: Bool

        /// The SHA-256 of its bytes as lowercase hex, waiting for it; throws when the file changed while it was read.
        public func sha256() throws(InputError) -> String { try digest.sha256() }
    }

    /// How many rows went where. `read = lambda + otherServices + rejected + outsideMonth`.
    public struct RowCounts: Equatable, Sendable {
        public var read = 0
        public var lambda = 0
        public var otherServices = 0
        public var rejected = 0
        public var outsideMonth = 0
    }

    /// Unblended cost by destination. `input = lambda + otherServices + rejected + outsideMonth`, exactly.
    public struct CostTotals: Equatable, Sendable {
        public var input = FixedDecimal.zero
        public var lambda = FixedDecimal.zero
        public var otherServices = FixedDecimal.zero
        public var rejected = FixedDecimal.zero
        public var outsideMonth = FixedDecimal.zero

        /// Whether the totals add up, which the ingest guarantees by construction and the tests check.
        public var reconciles: Bool { input == lambda + otherServices + rejected + outsideMonth }
    }

    public var month: BillingMonth
    /// Every month that had rows, for the month-over-month view and the default `--month`.
    public var monthsPresent: [BillingMonth]
    public var ledger: UsageLedger
    public var inputs: [InputFile]
    public var rows: RowCounts
    public var totals: CostTotals
    /// The month's Savings Plan fee rows (counted as another service in `totals`).
    public var savingsPlanFees = SavingsPlanFeeTotals()
    /// The month before, when the input holds it too (for the month-over-month comparison).
    public var previousMonth: PreviousMonthCosts?
    /// Rejected rows whose cost could not be read (their money is unknown, so not in `totals.rejected`).
    public var rejectedRowsWithoutCost: Int
    /// The month's rejected rows (all of them in `rejects.csv`).
    public var rejects: RejectedRows
    /// Amounts written with more than 24 decimal places, rounded half away from zero to 10⁻²⁴.
    public var roundedAmounts: Int
    public var metrics: [FunctionIdentity: FunctionMetrics]
    public var powerTuning: [FunctionIdentity: PowerTuningResult]
    public var computeOptimizer: [FunctionIdentity: ComputeOptimizerRecommendation]
    public var diagnostics: [Diagnostic]
    /// How `month` was chosen.
    public var monthSelection: MonthSelection = .explicit
    /// Which month was chosen and why, when it was not given and is not simply the latest month, complete
    /// (printed on stderr; not part of the report pages).
    public var monthNote: Diagnostic? = nil
    /// Files under the input folders that were not read, and why, sorted by path (`manifest.json`'s `skipped`).
    public var skippedFiles: [SkippedFile] = []
    /// What the input holds of the month: whether its data reaches its last day, and its last hour with usage.
    public var coverage: MonthCoverage
    /// The month's other services by product, and the part tied to a function (docs/attribution.md); its total is
    /// ``CostTotals/otherServices``.
    public var otherServices = OtherServiceCosts()

    /// Whether the month's data reaches its last day (UTC); `false` for a month the input holds no usage of.
    public var monthComplete: Bool { coverage.isComplete }

    /// How the reported month was chosen.
    public enum MonthSelection: String, Sendable, Codable {
        /// Given (`--month`).
        case explicit
        /// The latest complete month (its usage reaches its last day, UTC) weighed by money and days (``MonthSelector``).
        case latestComplete = "latest_complete"
        /// No substantial month is complete: the latest substantial month, incomplete.
        case latestPresent = "latest_present"
    }
}
