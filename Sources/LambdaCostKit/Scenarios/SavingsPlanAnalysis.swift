/// The month's Compute Savings Plans picture: the plans already owned, and for every evaluated term and
/// payment option the commitment that would have saved the most on this month's hourly spend.
public struct SavingsPlanAnalysis: Sendable {
    /// The discount used for one offer, and where it came from.
    public struct OfferDiscount: Sendable {
        public var offer: SavingsPlanOffer
        /// `exact` when every part of the spend had an offer-file rate; `estimate` when a published
        /// discount percentage stood in for part of it.
        public var confidence: String
        /// Eligible spend (USD, on-demand) for which the catalog had neither a rate nor a discount; priced
        /// at no discount and named in ``SavingsPlanAnalysis/notes``.
        public var spendWithoutDiscount: FixedDecimal
    }

    /// Savings-Plans-eligible Lambda spend at on-demand rates for each hour of the month (duration,
    /// provisioned concurrency and provisioned duration; requests are not discounted), including usage
    /// existing plans already covered, at its on-demand cost.
    public var hourly: HourlySeries
    /// The discount behind each evaluated offer.
    public var discounts: [OfferDiscount]
    /// The savings-maximizing commitment of every evaluated offer, in term then payment option order.
    public var options: [SavingsPlanCommitmentOption]
    /// The configured commitment (`[savings_plans] commitment_usd_per_hour`) under every evaluated offer.
    public var configured: [SavingsPlanCommitmentOption]
    /// Plans already owned, from the Savings Plans line items; `nil` when the month has none.
    public var existing: ExistingSavingsPlanUsage?
    /// The plans' fee rows as billed.
    public var fees: SavingsPlanFeeTotals
    /// The commitment already owned per hour (total commitment of the fee rows ÷ hours of the month).
    public var existingHourlyCommitment: FixedDecimal
    /// The commitment owned, priced with the best option's offer (for the curve); `nil` without one.
    public var ownedUnderBestOffer: SavingsPlanCommitmentOption?
    /// Caveats a reader needs (shared plans, daily data, missing rates).
    public var notes: [String]

    /// ``existingHourlyCommitment`` where the bill gives it: zero without any plan, `nil` when plans are in use but
    /// their fee rows (or the fee rows' `savingsPlan/TotalCommitmentToDate`) are missing, so the commitment is unknown.
    public var knownHourlyCommitment: FixedDecimal? {
        existing == nil || (fees.rows > 0 && fees.hasCommitmentColumns) ? existingHourlyCommitment : nil
    }

    /// The option with the largest monthly savings (ties: the earlier term and payment option), if any saves.
    public var best: SavingsPlanCommitmentOption? {
        options.filter { $0.monthlySavings > .zero }.max { $0.monthlySavings < $1.monthlySavings }
    }

    /// How the recommendation is computed, in plain words for the report.
    public static let method = [
        "Each hour of the month is priced as AWS applies a Compute Savings Plan: a commitment of C dollars per hour pays for up to C ÷ (1 − discount) of on-demand spend in that hour; spend above it is billed on demand, and commitment not used in the hour is lost.",
        "The hourly spend is the month's Savings-Plans-eligible Lambda usage at on-demand rates: duration, provisioned concurrency and provisioned duration (requests are never discounted), including usage that plans already owned covered, as it would be after the report's other proposed changes (Graviton, memory, region, provisioned concurrency), so that a purchase saves on top of them and nothing is counted twice.",
        "For each term and payment option the report tries every commitment at which some hour becomes fully covered and keeps the one with the largest net savings (savings minus lost commitment), rounded down to the $0.001 step AWS sells; ties go to the smaller commitment. The curve shows the net savings at other commitments, so you can see how flat the optimum is.",
        "The discount of an offer is the spend-weighted average of 1 − Savings Plan rate ÷ on-demand rate over the month's regions, architectures and charges; where the catalog has no offer-file rate, a published discount percentage stands in and the result is marked as an estimate.",
        "Assumption: the commitment serves Lambda only. A plan shared with EC2 or Fargate covers those first (their discounts are higher), so Lambda would get less of it than shown.",
    ]
}
