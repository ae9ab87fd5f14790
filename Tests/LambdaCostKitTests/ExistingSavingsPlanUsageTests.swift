import Testing
@testable import LambdaCostKit

private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

/// Expected values are worked out by hand in the comments.
@Suite struct ExistingSavingsPlanUsageTests {
    @Test func aNoUpfrontPlanThatIsNotFullyUsed() {
        // $90 commitment over the month; covered usage worth $100 on demand ran at $83 of plan rates; $25 of
        // eligible usage stayed on demand. Used 83 of 90: utilization 0.9222…, unused 7. Coverage 100 ÷ 125 =
        // 0.8. Discount savings 100 − 83 = 17 (17 %); net of the unused 7: 10 (= 100 − 90); 10 ÷ 125 = 0.08.
        let usage = ExistingSavingsPlanUsage(
            coveredOnDemandCost: d("100"), coveredEffectiveCost: d("83"), negation: d("-100"), recurringFee: d("90"),
            amortizedUpfrontFee: .zero, totalCommitment: d("90"), uncoveredEligibleOnDemandCost: d("25"))
        #expect(usage.planCost == d("90"))
        #expect(usage.usedCommitment == d("83"))
        #expect(usage.unusedCommitment == d("7"))
        #expect(usage.utilization == d("83").divided(by: d("90")))
        #expect(usage.utilization == d("0.922222222222222222222222"))
        #expect(usage.eligibleOnDemandCost == d("125"))
        #expect(usage.coverage == d("0.8"))
        #expect(usage.discountSavings == d("17"))
        #expect(usage.effectiveDiscount == d("0.17"))
        #expect(usage.netSavings == d("10"))
        #expect(usage.netSavings == usage.coveredOnDemandCost - usage.totalCommitment)
        #expect(usage.netSavingsShare == d("0.08"))
        #expect(usage.negationGap == .zero && usage.commitmentGap == .zero)
    }

    @Test func aPartialUpfrontPlanAddsItsAmortizedFee() {
        // Partial upfront: $45 recurring + $45 amortized upfront = $90, fully used: utilization 1, net savings
        // = discount savings = 108.43 − 90 = 18.43. Everything eligible is covered: coverage 1.
        let usage = ExistingSavingsPlanUsage(
            coveredOnDemandCost: d("108.43"), coveredEffectiveCost: d("90"), negation: d("-108.43"), recurringFee: d("45"),
            amortizedUpfrontFee: d("45"), totalCommitment: d("90"), uncoveredEligibleOnDemandCost: .zero)
        #expect(usage.planCost == d("90"))
        #expect(usage.utilization == d("1"))
        #expect(usage.unusedCommitment == .zero)
        #expect(usage.coverage == d("1"))
        #expect(usage.netSavings == d("18.43"))
    }

    @Test func aSharedPlanUsesTheReportedUsedCommitment() {
        // The plan also covers EC2: of $90, $88 was used in all, though Lambda's covered usage consumed only
        // $40 (worth $48 on demand). Utilization 88 ÷ 90; unused 2; net savings 8 − 2 = 6.
        let usage = ExistingSavingsPlanUsage(
            coveredOnDemandCost: d("48"), coveredEffectiveCost: d("40"), negation: d("-48"), recurringFee: d("90"),
            amortizedUpfrontFee: .zero, totalCommitment: d("90"), uncoveredEligibleOnDemandCost: d("12"), usedCommitment: d("88"))
        #expect(usage.usedCommitment == d("88"))
        #expect(usage.unusedCommitment == d("2"))
        #expect(usage.utilization == d("88").divided(by: d("90")))
        #expect(usage.netSavings == d("6"))
        #expect(usage.coverage == d("0.8"))
    }

    @Test func gapsAndEmptyInputs() {
        // A negation of −99 against 100 covered leaves a gap of 1; fees of 80 against a commitment of 90, −10.
        let inconsistent = ExistingSavingsPlanUsage(
            coveredOnDemandCost: d("100"), coveredEffectiveCost: d("83"), negation: d("-99"), recurringFee: d("80"),
            amortizedUpfrontFee: .zero, totalCommitment: d("90"), uncoveredEligibleOnDemandCost: .zero)
        #expect(inconsistent.negationGap == d("1"))
        #expect(inconsistent.commitmentGap == d("-10"))
        // No plan, no eligible usage: ratios are absent, amounts zero.
        let none = ExistingSavingsPlanUsage(
            coveredOnDemandCost: .zero, coveredEffectiveCost: .zero, negation: .zero, recurringFee: .zero,
            amortizedUpfrontFee: .zero, totalCommitment: .zero, uncoveredEligibleOnDemandCost: .zero)
        #expect(none.utilization == nil && none.coverage == nil && none.effectiveDiscount == nil && none.netSavingsShare == nil)
        #expect(none.netSavings == .zero && none.unusedCommitment == .zero)
    }
}
