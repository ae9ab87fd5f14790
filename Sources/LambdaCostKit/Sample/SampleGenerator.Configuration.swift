extension SampleGenerator {
    /// What to generate. The same configuration always yields byte-identical files.
    public struct Configuration: Sendable, Equatable {
        /// Number of Lambda functions (at least 1; the first six are fixed scenarios).
        public var functions: Int
        /// Days of usage from the 1st of the month, 1 through the days in the month.
        public var days: Int
        public var seed: UInt64
        public var month: BillingMonth
        /// Column-name spelling.
        public var spelling: CURSpelling
        /// Target share of non-Lambda rows in percent, 0...95.
        public var otherServicesRowPercent: Int
        /// Hourly commitment of the Compute Savings Plan; `nil` derives it from the usage (about 60 % of the
        /// average hourly eligible on-demand spend, at SP rates), so that it is used up in busy hours only.
        public var savingsPlanHourlyCommitment: FixedDecimal?
        /// One line item per hour, or per day (the day's hourly line items summed, as in a daily CUR).
        public var granularity: SampleGranularity

        public init(
            functions: Int, days: Int, seed: UInt64, month: BillingMonth, spelling: CURSpelling = .legacy,
            otherServicesRowPercent: Int = 25, granularity: SampleGranularity = .hourly
        ) {
            self.functions = functions
            self.days = days
            self.seed = seed
            self.month = month
            self.spelling = spelling
            self.otherServicesRowPercent = otherServicesRowPercent
            savingsPlanHourlyCommitment = nil
            self.granularity = granularity
        }

        /// The largest number of functions accepted.
        public static let maximumFunctions = 100_000

        /// Throws a ``SampleGeneratorError`` naming the first value out of range.
        public func validate() throws {
            guard (1...Self.maximumFunctions).contains(functions) else {
                throw SampleGeneratorError("functions must be 1...\(Self.maximumFunctions), got \(functions)")
            }
            let daysInMonth = month.hourCount / 24
            guard (1...daysInMonth).contains(days) else {
                throw SampleGeneratorError("days must be 1...\(daysInMonth) for \(month), got \(days)")
            }
            guard (0...95).contains(otherServicesRowPercent) else {
                throw SampleGeneratorError("otherServicesRowPercent must be 0...95, got \(otherServicesRowPercent)")
            }
            if let commitment = savingsPlanHourlyCommitment, commitment <= .zero || commitment.rounded(places: 10) != commitment {
                throw SampleGeneratorError(
                    "savingsPlanHourlyCommitment must be positive with at most 10 decimals, got \(commitment)")
            }
        }
    }
}
