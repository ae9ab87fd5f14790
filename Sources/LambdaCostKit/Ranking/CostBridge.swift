/// How the month's Lambda cost figures tie to one another, the same on the index, in the workbook's Summary
/// sheet and in the summary JSON:
///
///     billed (unblended) + Savings Plans amortization − Savings Plans negations = effective ("Lambda cost")
///     list cost − duration tier discounts − free tier = catalog cost
///
/// The first line is the month's Lambda ledger summed once (``LedgerTotals``: every charge, functions and charges
/// of no function);
/// the second the functions' catalog re-pricing. Both hold exactly, by construction.
public struct CostBridge: Sendable, Equatable {
    /// Every Lambda charge as billed (unblended): usage covered by a Savings Plan at on-demand rates, with the
    /// negations that cancel it.
    public var billed = FixedDecimal.zero
    /// Effective minus billed cost of every charge but the negations: covered usage at the plan's rate instead
    /// of on demand, and Savings Plans fees replaced by the commitment left unused (negative when a plan saves).
    public var savingsPlanAmortization = FixedDecimal.zero
    /// The billed amount of the `SavingsPlanNegation` rows (negative); the effective cost leaves them out.
    public var savingsPlanNegations = FixedDecimal.zero
    /// The month's Lambda cost, amortized: what the report calls "Lambda cost".
    public var effective = FixedDecimal.zero

    /// The functions' usage at tier-1 catalog list prices (functions the catalog cannot price are left out).
    public var list = FixedDecimal.zero
    /// The functions' shares of the duration tier discounts.
    public var tierDiscount = FixedDecimal.zero
    /// The functions' shares of the free tier.
    public var freeTierDiscount = FixedDecimal.zero
    /// List − tier discounts − free tier.
    public var catalog = FixedDecimal.zero
    /// Whether some usage has no catalog price (then `list` and `catalog` leave it out).
    public var listIsPartial = false

    public init() {}

    /// The ledger's totals (every Lambda charge of the month, summed in the first pass) and the functions'
    /// catalog costs.
    public init(totals: LedgerTotals, functions: [FunctionCost]) {
        billed = totals.billed
        effective = totals.effective
        savingsPlanNegations = totals.savingsPlanNegations
        savingsPlanAmortization = totals.savingsPlanAmortization
        for function in functions {
            guard let catalog = function.catalog else {
                listIsPartial = true
                continue
            }
            list += catalog.listCost
            tierDiscount += catalog.tierDiscount
            freeTierDiscount += catalog.freeTierAllocation
            self.catalog += catalog.netCost
            if !catalog.missingPrices.isEmpty { listIsPartial = true }
        }
    }

    /// Whether both lines of the bridge hold exactly.
    public var reconciles: Bool {
        billed + savingsPlanAmortization - savingsPlanNegations == effective
            && list - tierDiscount - freeTierDiscount == catalog
    }
}
