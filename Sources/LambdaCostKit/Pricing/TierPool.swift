/// The scope duration tiers count over, as AWS pools them: one payer (the consolidated bill, or the account itself
/// when the input names no payer), region and architecture per month.
struct TierPool: Hashable, Comparable {
    var payer: String
    var region: String
    var architecture: Architecture

    /// The pool of one function's duration on one architecture.
    init(_ function: FunctionCost, _ architecture: Architecture) {
        self.init(payer: function.payer, region: function.function.region, architecture: architecture)
    }

    init(payer: String, region: String, architecture: Architecture) {
        self.payer = payer
        self.region = region
        self.architecture = architecture
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.payer, lhs.region, lhs.architecture) < (rhs.payer, rhs.region, rhs.architecture)
    }

    /// The month's paid on-demand duration (Savings Plan covered included, free tier not) per pool.
    static func paidDurationTotals(_ functions: [FunctionCost]) -> [TierPool: FixedDecimal] {
        var totals: [TierPool: FixedDecimal] = [:]
        for function in functions {
            for (key, slice) in function.usage where key.kind == .duration {
                totals[TierPool(function, key.architecture), default: .zero] += slice.paidQuantity
            }
        }
        return totals
    }
}
