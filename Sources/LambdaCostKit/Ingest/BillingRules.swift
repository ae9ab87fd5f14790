/// The one rule set of the ingest. Readers (the CUR CSV reader in its three spellings, the hourly aggregate reader,
/// and those to come) only decode fields; what a record is — a Lambda charge and how it counts, a Compute Savings
/// Plans fee, another service, or a reject — is decided here, the same way for every reader. The queries in `sql/`
/// apply the same rules where the CUR lives.
enum BillingRules {
    /// The most CUR rows one aggregate record may stand for: far above any month's CUR, and small enough that the
    /// row counts of a run cannot overflow.
    static let maximumRowsPerRecord = 1_000_000_000_000

    // MARK: Rows of other services

    /// A fee row of a Savings Plan that covers Lambda.
    enum SavingsPlanFee: Sendable { case recurring, upfront }

    /// The Compute Savings Plans fee a row of another service is, if any. Only Compute Savings Plans cover Lambda
    /// (EC2 Instance and SageMaker plans' fees are not its commitment): the offering type says so when the file has
    /// it (`ComputeSavingsPlans`), else the product code (`ComputeSavingsPlans`); a record that has neither column
    /// (older aggregates) is taken as a Compute Savings Plan's.
    static func computeSavingsPlanFee(lineItemType: String, offeringType: String?, productCode: String?) -> SavingsPlanFee? {
        let fee: SavingsPlanFee
        switch lineItemType {
        case "SavingsPlanRecurringFee": fee = .recurring
        case "SavingsPlanUpfrontFee": fee = .upfront
        default: return nil
        }
        if let offeringType, !offeringType.isEmpty { return offeringType.hasPrefix("ComputeSavingsPlan") ? fee : nil }
        guard let productCode else { return fee }
        return productCode == "ComputeSavingsPlans" ? fee : nil
    }

    /// The date a Savings Plan ends, from `savingsPlan/EndTime` (`2027-10-14T23:59:59.000Z`, or a Parquet
    /// timestamp printed the same way): `YYYY-MM-DD`, or `nil` when the value does not start with a date.
    static func savingsPlanEndDate(_ text: String?) -> String? {
        guard let text, text.utf8.count >= 10 else { return nil }
        let date = text.prefix(10)
        let bytes = Array(date.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        guard digits, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        return String(date)
    }

    // MARK: Lambda rows

    /// What a record says about the free tier. CURs mark free-tier usage in different ways over the years: the
    /// rate code's offer term (`<SKU>.A429C66SYZ.<rate>`), the line item description (`… Free Tier …`), the price
    /// list's `Global-` usage types, an empty `pricing/term` where paid usage says `OnDemand`. An aggregate carries
    /// the decision of the query that made it.
    struct FreeTierEvidence: Sendable, Equatable {
        /// The aggregate's `free_tier` flag, decided where the CUR lives by the same rule.
        var decided: Bool?
        /// Whether the rate code names the free-tier offer term; `nil` without a rate code column or value.
        var rateCodeIsFreeTier: Bool?
        /// Whether the line item description names the free tier; `nil` without a description.
        var descriptionIsFreeTier: Bool?
        /// Whether `pricing/term` is empty; `nil` without the column.
        var termIsEmpty: Bool?
        /// Whether the usage type is a price-list free-tier type (`Global-…`).
        var usageTypeIsGlobal = false

        init(decided: Bool? = nil, rateCodeIsFreeTier: Bool? = nil, descriptionIsFreeTier: Bool? = nil,
             termIsEmpty: Bool? = nil, usageTypeIsGlobal: Bool = false) {
            self.decided = decided
            self.rateCodeIsFreeTier = rateCodeIsFreeTier
            self.descriptionIsFreeTier = descriptionIsFreeTier
            self.termIsEmpty = termIsEmpty
            self.usageTypeIsGlobal = usageTypeIsGlobal
        }
    }

    /// Whether a Lambda row is free-tier usage: `Usage` at cost 0 that the rate code, the description or a `Global-`
    /// usage type marks as free tier; without a rate code or description (older CURs), `Usage` at cost 0 with an
    /// empty `pricing/term`. An aggregate's decision counts only on `Usage` at cost 0 too.
    static func isFreeTier(_ lineItemType: ChargeType, cost: FixedDecimal, evidence: FreeTierEvidence) -> Bool {
        guard lineItemType == .usage, cost.isZero else { return false }
        if let decided = evidence.decided { return decided }
        if evidence.rateCodeIsFreeTier == true || evidence.descriptionIsFreeTier == true || evidence.usageTypeIsGlobal {
            return true
        }
        return evidence.rateCodeIsFreeTier == nil && evidence.descriptionIsFreeTier == nil && evidence.termIsEmpty == true
    }

    /// A row's charge type: free-tier `Usage` is told apart from paid usage.
    static func charge(_ lineItemType: ChargeType, isFreeTier: Bool) -> ChargeType {
        lineItemType == .usage && isFreeTier ? .freeTierUsage : lineItemType
    }

    /// Why a usage quantity cannot be used, if it cannot: usage is never negative (corrections come as Credit or
    /// Refund rows), and a negative quantity would make the usage-weighted shares of later stages meaningless.
    static func quantityProblem(_ quantity: FixedDecimal, column: @autoclosure () -> String, text: @autoclosure () -> String) -> RejectReason? {
        quantity.isNegative ? .negativeUsage(column: column(), found: text()) : nil
    }

    /// The ledger amounts of Lambda rows of one charge type (reference §2.1): usage rows carry their quantity and
    /// their on-demand cost (`pricing/publicOnDemandCost` when present, except on Savings Plan covered usage, whose
    /// unblended cost is the on-demand cost); the effective cost is the plan's rate on covered usage (the unblended
    /// cost when the CUR lacks it), zero on negations and upfront fees, the unused commitment on a recurring fee.
    static func lambdaAmounts(
        charge: ChargeType, unblendedCost cost: FixedDecimal, rows: Int, quantity: FixedDecimal?, publicOnDemandCost: FixedDecimal?,
        savingsPlanEffectiveCost: FixedDecimal?, commitment: (total: FixedDecimal, used: FixedDecimal)?
    ) -> UsageLedger.Amounts {
        var amounts = UsageLedger.Amounts(unblendedCost: cost, rows: rows)
        if charge.isUsage {
            amounts.quantity = quantity ?? .zero
            amounts.onDemandCost = charge == .savingsPlanCoveredUsage ? cost : publicOnDemandCost ?? cost
        }
        switch charge {
        case .savingsPlanCoveredUsage: amounts.effectiveCost = savingsPlanEffectiveCost ?? cost
        case .savingsPlanNegation, .savingsPlanUpfrontFee: amounts.effectiveCost = .zero
        case .savingsPlanRecurringFee: amounts.effectiveCost = commitment.map { $0.total - $0.used } ?? cost
        default: amounts.effectiveCost = cost
        }
        return amounts
    }

    /// `<SKU>.A429C66SYZ.<rate>`: the free-tier offer term.
    static func isFreeTierRateCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { contains(bytes, freeTierTerm) }

    /// `AWS Lambda - Compute Free Tier - 400,000 GB-Seconds - …`: a description that names the free tier.
    static func isFreeTierDescription(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { contains(bytes, freeTierWords) }

    private static let freeTierTerm = Array(".A429C66SYZ.".utf8)
    private static let freeTierWords = Array("Free Tier".utf8)

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var match = true
            for offset in 0..<needle.count where bytes[start + offset] != needle[offset] {
                match = false
                break
            }
            if match { return true }
        }
        return false
    }
}
