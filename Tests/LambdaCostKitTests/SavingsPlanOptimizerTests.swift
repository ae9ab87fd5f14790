import Testing
@testable import LambdaCostKit

private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
private func hours(_ value: String, _ count: Int) -> [FixedDecimal] { Array(repeating: d(value), count: count) }
private func offer(_ discount: String, _ term: SavingsPlanRate.Term = .oneYear,
                   _ payment: SavingsPlanRate.PaymentOption = .noUpfront) -> SavingsPlanOffer {
    SavingsPlanOffer(term: term, paymentOption: payment, discount: d(discount))
}

/// Every expected value is worked out by hand in the comment beside it. Notation: n hours, discount d,
/// commitment C per hour covers C ÷ (1 − d) of on-demand spend per hour; net savings = Σ s − Σ (C + max(0,
/// s − C ÷ (1 − d))). The optimum is (1 − d) × the (q + 1)-th largest hour, q = ⌊(1 − d) n⌋.
@Suite struct SavingsPlanOptimizerTests {
    @Test func aFlatSeriesIsCoveredCompletely() {
        // 720 hours of $1, d = 0.2. For C ≤ 0.8 every hour saves C ÷ 0.8 − C = 0.25 C; above 0.8 the extra
        // commitment is wasted. Optimum C = 0.8: savings 720 × 0.2 = 144, commitment 0.8 × 720 = 576.
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1", 720))
        let option = optimizer.optimize(offer("0.2"))
        #expect(option.isRecommendation)
        #expect(option.hours == 720)
        #expect(option.hourlyCommitment == d("0.8"))
        #expect(option.monthlyCommitment == d("576"))
        #expect(option.eligibleOnDemandSpend == d("720"))
        #expect(option.monthlySavings == d("144"))
        #expect(option.costWithPlan == d("576"))
        #expect(option.onDemandSpillover == .zero)
        #expect(option.savingsShare == d("0.2"))
        #expect(option.usedCommitment == d("576"))
        #expect(option.unusedCommitment == .zero)
        #expect(option.utilization == d("1"))
        #expect(option.coverage == d("1"))
        // No upfront: nothing upfront, the whole commitment is billed hourly, no break-even to wait for.
        #expect(option.upfrontPayment == .zero)
        #expect(option.recurringHourlyFee == d("0.8"))
        #expect(option.breakEvenMonths == nil)
    }

    @Test func upfrontPaymentsAndBreakEven() {
        // Same 720 × $1 month, d = 0.2, C = 0.8.
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1", 720))
        // 1yr all upfront: 0.8 × 8,760 = 7,008 upfront, no hourly fee. Cash saved per month = 720 on-demand
        // − 0 fees − 0 spill = 720; break-even 7,008 ÷ 720 = 9.7333… months.
        let all = optimizer.optimize(offer("0.2", .oneYear, .allUpfront))
        #expect(all.upfrontPayment == d("7008"))
        #expect(all.recurringHourlyFee == .zero)
        #expect(all.breakEvenMonths == d("9.733333333333333333333333"))
        // 1yr partial: half, 3,504, upfront and 0.4 per hour; cash saved per month 720 − 0.4 × 720 = 432;
        // break-even 3,504 ÷ 432 = 8.1111… months.
        let partial = optimizer.optimize(offer("0.2", .oneYear, .partialUpfront))
        #expect(partial.upfrontPayment == d("3504"))
        #expect(partial.recurringHourlyFee == d("0.4"))
        #expect(partial.breakEvenMonths == d("8.111111111111111111111111"))
        // 3yr all upfront: 0.8 × 26,280 = 21,024.
        #expect(optimizer.optimize(offer("0.2", .threeYears, .allUpfront)).upfrontPayment == d("21024"))
        // The monthly saving does not depend on how the commitment is paid.
        #expect(all.monthlySavings == d("144") && partial.monthlySavings == d("144"))
    }

    @Test func aSpikeIsLeftOnDemand() {
        // 9 hours of $1 and one of $11, d = 0.2, n = 10, q = ⌊0.8 × 10⌋ = 8: the 9th largest hour is $1,
        // C = 0.8. Savings with covered amount k ≤ 1: 10k − 8k = 2k; for 1 ≤ k ≤ 11: 9 + k − 8k, falling.
        // At k = 1: savings 2, the spike's $10 above $1 spills over; coverage 10 ÷ 20 = 0.5.
        var spend = hours("1", 9)
        spend.insert(d("11"), at: 4)
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: spend).optimize(offer("0.2"))
        #expect(option.hourlyCommitment == d("0.8"))
        #expect(option.monthlySavings == d("2"))
        #expect(option.onDemandSpillover == d("10"))
        #expect(option.costWithPlan == d("18"))
        #expect(option.coverage == d("0.5"))
        #expect(option.utilization == d("1"))
        #expect(option.savingsShare == d("0.1"))
    }

    @Test func aDailyCycleCommitsToTheNightLevel() {
        // Two days: 12 night hours at $0.5, 12 day hours at $2. d = 0.17, n = 48, q = ⌊0.83 × 48⌋ = ⌊39.84⌋
        // = 39; the 40th largest hour is a night hour, $0.5: C = 0.5 × 0.83 = 0.415 (already a $0.001 step).
        // Savings = Σ min(s, 0.5) − 48 × 0.415 = 24 − 19.92 = 4.08 (= 0.17 × 24). Eligible 24 × 2 + 24 × 0.5
        // = 60; share 4.08 ÷ 60 = 0.068; coverage 24 ÷ 60 = 0.4; every committed dollar is used.
        let day = hours("0.5", 12) + hours("2", 12)
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: day + day)
        let option = optimizer.optimize(offer("0.17"))
        #expect(option.hourlyCommitment == d("0.415"))
        #expect(option.monthlySavings == d("4.08"))
        #expect(option.eligibleOnDemandSpend == d("60"))
        #expect(option.savingsShare == d("0.068"))
        #expect(option.coverage == d("0.4"))
        #expect(option.utilization == d("1"))
        // Committing to the day level, 2 × 0.83 = 1.66, wastes 1.245 per night hour: 48 × 1.66 = 79.68
        // against 60 on demand, savings −19.68.
        #expect(optimizer.evaluate(commitment: d("1.66"), offer: offer("0.17")).monthlySavings == d("-19.68"))
    }

    @Test func theOptimumIsRoundedDownToAPurchasableStep() {
        // 10 hours of $1.2345, d = 0.17: the exact optimum 1.2345 × 0.83 = 1.024635 is not a $0.001 step.
        // C = 1.024 covers 1.024 ÷ 0.83 per hour: savings 10 × 1.024 × (1 ÷ 0.83 − 1) = 1.7408 ÷ 0.83
        // = 2.0973…; C = 1.025 covers everything and wastes: savings 10 × (1.2345 − 1.025) = 2.095. 1.024 wins.
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1.2345", 10)).optimize(offer("0.17"))
        #expect(option.hourlyCommitment == d("1.024"))
        #expect(option.monthlySavings == d("1.7408").divided(by: d("0.83")))
        #expect(option.utilization == d("1"))
    }

    @Test func theStepAboveWinsWhenItSavesMore() {
        // 10 hours of $1.2349, d = 0.17: optimum 1.2349 × 0.83 = 1.024967. C = 1.024 saves 2.0973… (as
        // above); C = 1.025 saves 10 × (1.2349 − 1.025) = 2.099, more: the step above is chosen.
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1.2349", 10)).optimize(offer("0.17"))
        #expect(option.hourlyCommitment == d("1.025"))
        #expect(option.monthlySavings == d("2.099"))
        #expect(option.coverage == d("1"))
        // Utilization: 10 × 1.2349 × 0.83 = 10.24967 used of 10.25.
        #expect(option.usedCommitment == d("10.24967"))
        #expect(option.unusedCommitment == d("0.00033"))
    }

    @Test func aFlatOptimumTakesTheSmallestCommitment() {
        // 8 hours of $2 and 2 of $1, d = 0.2, n(1 − d) = 8 exactly. Between covered amounts 1 and 2 exactly
        // 8 hours lie above, so savings stay flat: at k = 1, 10 − 8 = 2; at k = 2, 18 − 16 = 2. The smallest
        // commitment, 1 × 0.8 = 0.8, is chosen.
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("2", 8) + hours("1", 2))
        let option = optimizer.optimize(offer("0.2"))
        #expect(option.hourlyCommitment == d("0.8"))
        #expect(option.monthlySavings == d("2"))
        #expect(optimizer.evaluate(commitment: d("1.6"), offer: offer("0.2")).monthlySavings == d("2"))
        #expect(optimizer.evaluate(commitment: d("1.2"), offer: offer("0.2")).monthlySavings == d("2"))
    }

    @Test func aTieBetweenStepsTakesTheLowerStep() {
        // 10 hours of $1.001, d = 0.5: optimum 0.5005. C = 0.5 saves 10 × 0.5 × (1 ÷ 0.5 − 1) = 5;
        // C = 0.501 covers all and saves 10 × (1.001 − 0.501) = 5. Tie: 0.500.
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1.001", 10)).optimize(offer("0.5"))
        #expect(option.hourlyCommitment == d("0.5"))
        #expect(option.monthlySavings == d("5"))
    }

    @Test func noDiscountMeansNoCommitment() {
        // d = 0: a commitment up to the spend costs exactly what it covers (savings 0), beyond it is lost.
        // The smallest of the equal commitments is 0.
        var spend = hours("1", 9)
        spend.append(d("11"))
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: spend)
        let option = optimizer.optimize(offer("0"))
        #expect(option.hourlyCommitment == .zero)
        #expect(option.monthlySavings == .zero)
        #expect(option.utilization == nil)
        #expect(option.coverage == .zero)
        // C = 2: 9 hours waste 1 each, the spike covers 2: savings −9.
        #expect(optimizer.evaluate(commitment: d("2"), offer: offer("0")).monthlySavings == d("-9"))
    }

    @Test func allZeroAndEmptySeriesCommitNothing() {
        let zero = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("0", 24)).optimize(offer("0.17"))
        #expect(zero.hourlyCommitment == .zero && zero.monthlySavings == .zero)
        #expect(zero.utilization == nil && zero.coverage == nil && zero.savingsShare == nil)
        #expect(zero.curve.map(\.hourlyCommitment) == [.zero])
        let empty = SavingsPlanOptimizer(hourlyOnDemandSpend: []).optimize(offer("0.17", .oneYear, .allUpfront))
        #expect(empty.hours == 0 && empty.hourlyCommitment == .zero && empty.monthlySavings == .zero)
        #expect(empty.upfrontPayment == .zero && empty.breakEvenMonths == nil)
        #expect(empty.curve.count == 1)
    }

    @Test func aGivenCommitmentIsEvaluated() {
        // Spike month (9 × $1, 1 × $11), d = 0.2, C = 1.6 covers 2 per hour: 9 hours use 0.8 of 1.6, the
        // spike uses all and spills 9. Cost 10 × 1.6 + 9 = 25 against 20: savings −5. Used 9 × 0.8 + 1.6 = 8.8
        // of 16: utilization 0.55; covered on-demand 9 + 2 = 11 of 20: coverage 0.55.
        var spend = hours("1", 9)
        spend.append(d("11"))
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: spend).evaluate(commitment: d("1.6"), offer: offer("0.2"))
        #expect(!option.isRecommendation)
        #expect(option.monthlySavings == d("-5"))
        #expect(option.costWithPlan == d("25"))
        #expect(option.usedCommitment == d("8.8"))
        #expect(option.unusedCommitment == d("7.2"))
        #expect(option.utilization == d("0.55"))
        #expect(option.coverage == d("0.55"))
        #expect(option.curve.contains { $0.isSelected && $0.hourlyCommitment == d("1.6") })
    }

    @Test func theCurveRisesToTheOptimumAndFallsAfterIt() {
        // Daily cycle (optimum 0.415). Largest useful commitment 2 × 0.83 = 1.66; spacing ⌈1.66 ÷ 20⌉ to
        // $0.001 = 0.083: points 0, 0.083, …, 1.66, plus 0.415 (= 5 × 0.083, already a point).
        let day = hours("0.5", 12) + hours("2", 12)
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: day + day).optimize(offer("0.17"))
        let curve = option.curve
        #expect(curve.count == 21)
        #expect(curve.first?.hourlyCommitment == .zero && curve.first?.monthlySavings == .zero)
        #expect(curve.last?.hourlyCommitment == d("1.66"))
        #expect(curve.last?.monthlySavings == d("-19.68"))
        #expect(curve.filter(\.isSelected).map(\.hourlyCommitment) == [d("0.415")])
        let top = curve.firstIndex { $0.isSelected }!
        #expect(curve[top].monthlySavings == d("4.08"))
        for index in 1..<curve.count {
            #expect(curve[index - 1].hourlyCommitment < curve[index].hourlyCommitment)
            if index <= top {
                #expect(curve[index - 1].monthlySavings < curve[index].monthlySavings)  // strictly rising below
            } else {
                #expect(curve[index - 1].monthlySavings > curve[index].monthlySavings)  // strictly falling above
            }
        }
        // Every point is a $0.001 step.
        #expect(curve.allSatisfy { $0.hourlyCommitment.rounded(places: 3) == $0.hourlyCommitment })
        // Halfway, 0.083 covers 0.1 per hour: 48 × 0.1 × 0.17 = 0.816.
        #expect(curve[1].monthlySavings == d("0.816"))
    }

    @Test func theCurveIncludesAnOffGridCommitment() {
        // Flat 10 × $1.2349, d = 0.17: spacing ⌈1.024967 ÷ 20⌉ = ⌈0.05124835⌉ = 0.052; the chosen 1.025 is
        // not a multiple of it and is inserted between 0.988 and 1.04.
        let option = SavingsPlanOptimizer(hourlyOnDemandSpend: hours("1.2349", 10)).optimize(offer("0.17"))
        #expect(option.curve.count == 22)
        #expect(option.curve[1].hourlyCommitment == d("0.052"))
        let selected = option.curve.firstIndex { $0.isSelected }!
        #expect(option.curve[selected - 1].hourlyCommitment == d("0.988"))
        #expect(option.curve[selected].hourlyCommitment == d("1.025"))
        #expect(option.curve[selected + 1].hourlyCommitment == d("1.04"))
    }

    @Test func theOptimumMatchesAnExhaustiveSearchOfAllSteps() {
        // An independent check: d = 0.2, so C ÷ 0.8 = 1.25 C is exact and each hour's cost C + max(0, s − 1.25 C)
        // can be computed directly. Every $0.001 step from 0 to the busiest hour × 0.8 is tried.
        var state: UInt64 = 12345
        var spend: [FixedDecimal] = []
        for _ in 0..<150 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            spend.append(FixedDecimal(Int128((state >> 33) % 2500), fractionDigits: 3))  // $0.000–$2.499
        }
        let total = FixedDecimal.sum(spend)
        func savings(_ commitment: FixedDecimal) -> FixedDecimal {
            total - FixedDecimal.sum(spend.map { commitment + max(.zero, $0 - commitment * d("1.25")) })
        }
        var best = FixedDecimal.zero
        var bestSavings = savings(.zero)
        for step in 1...2000 {
            let commitment = FixedDecimal(Int128(step), fractionDigits: 3)
            let value = savings(commitment)
            if value > bestSavings { best = commitment; bestSavings = value }
        }
        let optimizer = SavingsPlanOptimizer(hourlyOnDemandSpend: spend)
        let option = optimizer.optimize(offer("0.2"))
        #expect(option.hourlyCommitment == best)
        #expect(option.monthlySavings == bestSavings)
        for text in ["0", "0.3", "0.777", "1.5", "2.5"] {
            #expect(optimizer.evaluate(commitment: d(text), offer: offer("0.2")).monthlySavings == savings(d(text)))
        }
    }

    @Test func dailyAmountsAreSpreadExactlyAndFlagged() {
        // $1 over 24 hours: 10²⁴ units ÷ 24 = 41,666,666,666,666,666,666,666 rest 16, so the first 16 hours get
        // one unit more. $2.40 ÷ 24 = $0.1 exactly.
        let series = HourlySeries(daily: [d("1"), d("2.4")])
        #expect(series.isSpreadFromDaily)
        #expect(series.count == 48)
        #expect(FixedDecimal.sum(series.values[0..<24]) == d("1"))
        #expect(series.values[0..<16].allSatisfy { $0 == d("0.041666666666666666666667") })
        #expect(series.values[16..<24].allSatisfy { $0 == d("0.041666666666666666666666") })
        #expect(series.values[24..<48].allSatisfy { $0 == d("0.1") })
        #expect(series.total == d("3.4"))
        let option = SavingsPlanOptimizer(series: series).optimize(offer("0.2"))
        #expect(option.isSpreadFromDaily)
        #expect(!SavingsPlanOptimizer(hourlyOnDemandSpend: series.values).optimize(offer("0.2")).isSpreadFromDaily)
    }
}
