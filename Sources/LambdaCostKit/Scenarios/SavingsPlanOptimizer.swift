/// Finds the hourly Compute Savings Plans commitment that maximizes a month's net savings on Lambda, and
/// evaluates any given commitment, from the month's hourly Savings-Plans-eligible spend at on-demand rates
/// (duration, provisioned concurrency and provisioned duration; requests are not eligible).
///
/// **Model.** A commitment of C dollars per hour (in Savings Plans dollars) pays, each hour, for on-demand
/// spend up to C ÷ (1 − d), where d is the discount. In hour h with eligible on-demand spend sₕ the cost is
/// C + max(0, sₕ − C ÷ (1 − d)); commitment not used in an hour is lost. Net savings of the month =
/// Σ sₕ − Σ costₕ.
///
/// **Optimum.** Raising the commitment by one dollar per hour adds 1 ÷ (1 − d) of covered on-demand spend
/// in every hour whose spend is still above the covered amount, and costs one dollar in every hour. So it pays
/// while more than (1 − d) × n of the n hours have spend above the covered amount. The best commitment is
/// therefore (1 − d) × the spend of the (q + 1)-th busiest hour, where q = ⌊(1 − d) × n⌋ (zero when
/// q ≥ n): a quantile of the hourly spend, found by sorting. Where several commitments save the same, the
/// smallest is taken.
///
/// **Purchasable steps.** AWS sells commitments in steps of $0.001 per hour. Net savings rise up to the
/// optimum and fall after it, so the best step is the optimum rounded down to $0.001 or the step above; both
/// are evaluated and the better one is kept (the lower one on a tie).
///
/// **Exactness.** All sums are exact; candidates are compared without rounding. The only rounding is one
/// division by (1 − d) per reported amount, to 24 decimal places. Hours with negative spend (net credits)
/// count as zero.
///
/// The month is the series: "monthly" amounts are over its hours, whatever their number. The result is
/// the saving the month would have had; it holds for the future only as far as the usage pattern does, and
/// a plan shared with EC2 or Fargate covers those first (higher discounts), so Lambda-only coverage is
/// optimistic.
public struct SavingsPlanOptimizer: Sendable {
    /// The granularity of commitments AWS sells: $0.001 per hour.
    public static let commitmentStep = FixedDecimal(1, fractionDigits: 3)
    /// Number of equal intervals of the savings curve (21 points from zero to the largest useful commitment).
    public static let curveIntervals = 20

    /// The hourly eligible on-demand spend the optimizer works from.
    public let series: HourlySeries
    /// Hourly spend, negative hours as zero, in increasing order.
    private let sorted: [FixedDecimal]
    /// `prefixSums[i]` = sum of the `i` smallest hours.
    private let prefixSums: [FixedDecimal]

    /// Prepares a series of hourly eligible on-demand spend (USD) for any number of offers.
    public init(series: HourlySeries) {
        self.series = series
        sorted = series.values.map { max($0, .zero) }.sorted()
        var sums: [FixedDecimal] = [.zero]
        sums.reserveCapacity(sorted.count + 1)
        for value in sorted { sums.append(sums[sums.count - 1] + value) }
        prefixSums = sums
    }

    /// Prepares measured hourly eligible on-demand spend (USD), one entry per hour of the month.
    public init(hourlyOnDemandSpend: [FixedDecimal]) { self.init(series: HourlySeries(hourly: hourlyOnDemandSpend)) }

    /// Hours in the month: the length of the series.
    public var hours: Int { sorted.count }

    /// The month's eligible on-demand spend (negative hours as zero).
    public var eligibleOnDemandSpend: FixedDecimal { prefixSums[sorted.count] }

    /// The savings-maximizing purchasable commitment for `offer` (see the type's description for the method).
    public func optimize(_ offer: SavingsPlanOffer) -> SavingsPlanCommitmentOption {
        option(at: optimalCommitment(offer), offer: offer, isRecommendation: true)
    }

    /// The month's outcome of a given hourly commitment (for example a plan already owned), under `offer`.
    /// - Precondition: `commitment` ≥ 0.
    public func evaluate(commitment: FixedDecimal, offer: SavingsPlanOffer) -> SavingsPlanCommitmentOption {
        precondition(!commitment.isNegative, "a commitment cannot be negative")
        return option(at: commitment, offer: offer, isRecommendation: false)
    }

    /// Net monthly savings at 21 evenly spaced commitments from zero to the largest useful commitment
    /// (the busiest hour's spend × (1 − d), beyond which savings only fall), spaced by a whole number of
    /// $0.001 steps, plus `selected` if it is not one of them; in increasing order of commitment.
    public func savingsCurve(_ offer: SavingsPlanOffer, selected: FixedDecimal) -> [SavingsPlanCurvePoint] {
        let factor = offer.rateFactor
        var commitments: Set<FixedDecimal> = [.zero, selected]
        if let busiest = sorted.last, !busiest.isZero {
            // step = ⌈busiest × (1 − d) ÷ 20⌉ to $0.001, computed as ⌈⌈x ÷ 10²⁴⌉ ÷ (20 × 10²¹)⌉ on the exact product.
            let product = WideInteger(busiest, times: factor).flooredQuotient(by: FixedDecimal.scale)
            let scaled = product.quotient + (product.isExact ? 0 : 1)
            let stepUnits = Self.commitmentStep.units * Int128(Self.curveIntervals)
            let steps = (scaled + stepUnits - 1) / stepUnits
            let spacing = FixedDecimal(units: steps * Self.commitmentStep.units)
            for index in 0...Self.curveIntervals { commitments.insert(spacing * index) }
        }
        return commitments.sorted().map { commitment in
            let measure = measure(commitment, factor: factor)
            return SavingsPlanCurvePoint(
                hourlyCommitment: commitment, monthlySavings: measure.savings,
                utilization: ratio(measure.usedCommitment, commitment * hours),
                coverage: ratio(eligibleOnDemandSpend - measure.spillover(total: eligibleOnDemandSpend, hours: hours), eligibleOnDemandSpend),
                isSelected: commitment == selected)
        }
    }

    /// The smallest purchasable commitment with the highest net savings.
    func optimalCommitment(_ offer: SavingsPlanOffer) -> FixedDecimal {
        let count = sorted.count
        guard count > 0 else { return .zero }
        let factor = offer.rateFactor
        // q = ⌊(1 − d) × n⌋: the number of hours that may stay above the covered amount at the optimum.
        let allowedAbove = Int((factor * count).units / FixedDecimal.scale)
        guard allowedAbove < count else { return .zero }
        let coveredSpend = sorted[count - 1 - allowedAbove]
        // Round (1 − d) × that spend down to $0.001 exactly: ⌊⌊x ÷ 10²⁴⌋ ÷ 10²¹⌋ on the exact product.
        let product = WideInteger(coveredSpend, times: factor).flooredQuotient(by: FixedDecimal.scale).quotient
        let lower = FixedDecimal(units: product / Self.commitmentStep.units * Self.commitmentStep.units)
        let upper = lower + Self.commitmentStep
        let lowerMeasure = measure(lower, factor: factor)
        let upperMeasure = measure(upper, factor: factor)
        return upperMeasure.scaledSavings > lowerMeasure.scaledSavings ? upper : lower
    }

    /// The month at commitment C, from the sorted hours: the hours with spend × (1 − d) ≤ C are fully
    /// covered; each of the others has C ÷ (1 − d) covered and the rest on demand.
    struct Measure {
        var commitment: FixedDecimal
        var uncoveredHours: Int
        /// Net savings × (1 − d), exact, in units of 10⁻⁴⁸: (covered-hour spend − n × C) × (1 − d) + m × C.
        var scaledSavings: WideInteger
        var savings: FixedDecimal
        var usedCommitment: FixedDecimal

        func spillover(total: FixedDecimal, hours: Int) -> FixedDecimal { total - commitment * hours - savings }
    }

    func measure(_ commitment: FixedDecimal, factor: FixedDecimal) -> Measure {
        let limit = WideInteger(commitment, times: FixedDecimal(1))
        var low = 0
        var high = sorted.count
        while low < high {  // first hour whose spend × (1 − d) exceeds C
            let middle = (low + high) / 2
            if WideInteger(sorted[middle], times: factor) <= limit { low = middle + 1 } else { high = middle }
        }
        let coveredSpend = prefixSums[low]
        let uncovered = sorted.count - low
        let scaled = WideInteger(coveredSpend - commitment * sorted.count, times: factor)
            + WideInteger(commitment * uncovered, times: FixedDecimal(1))
        let savings = FixedDecimal(units: scaled.dividedRounded(by: factor.units))
        let used = WideInteger(coveredSpend, times: factor) + WideInteger(commitment * uncovered, times: FixedDecimal(1))
        return Measure(commitment: commitment, uncoveredHours: uncovered, scaledSavings: scaled, savings: savings,
                       usedCommitment: FixedDecimal(units: used.dividedRounded(by: FixedDecimal.scale)))
    }

    private func option(at commitment: FixedDecimal, offer: SavingsPlanOffer, isRecommendation: Bool) -> SavingsPlanCommitmentOption {
        let measure = measure(commitment, factor: offer.rateFactor)
        let total = eligibleOnDemandSpend
        let monthlyCommitment = commitment * hours
        let spillover = measure.spillover(total: total, hours: hours)
        let upfront = commitment * offer.termHours * offer.upfrontShare
        let recurring = commitment - commitment * offer.upfrontShare
        let cashSavings = total - (recurring * hours + spillover)
        return SavingsPlanCommitmentOption(
            offer: offer, isRecommendation: isRecommendation, isSpreadFromDaily: series.isSpreadFromDaily, hours: hours,
            hourlyCommitment: commitment, monthlyCommitment: monthlyCommitment, eligibleOnDemandSpend: total,
            onDemandSpillover: spillover, costWithPlan: monthlyCommitment + spillover, monthlySavings: measure.savings,
            savingsShare: ratio(measure.savings, total),
            usedCommitment: measure.usedCommitment, unusedCommitment: monthlyCommitment - measure.usedCommitment,
            utilization: ratio(measure.usedCommitment, monthlyCommitment),
            coveredOnDemandSpend: total - spillover, coverage: ratio(total - spillover, total),
            upfrontPayment: upfront, recurringHourlyFee: recurring,
            breakEvenMonths: upfront > .zero && cashSavings > .zero ? upfront.divided(by: cashSavings) : nil,
            curve: savingsCurve(offer, selected: commitment))
    }

    private func ratio(_ part: FixedDecimal, _ whole: FixedDecimal) -> FixedDecimal? {
        whole.isZero ? nil : part.divided(by: whole)
    }
}
