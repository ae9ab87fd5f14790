/// How well Savings Plans already owned served the month, from the summed amounts of the CUR's Savings Plans
/// line items. A pure value computation: every figure is a documented sum, difference or ratio of the inputs.
///
/// Inputs (sums over the month, USD):
/// - covered on-demand cost: `lineItem/UnblendedCost` of `SavingsPlanCoveredUsage` rows, what the covered
///   usage would have cost on demand;
/// - covered effective cost: `savingsPlan/SavingsPlanEffectiveCost` of those rows, the same usage at plan
///   rates (the commitment it consumed);
/// - negation: `lineItem/UnblendedCost` of `SavingsPlanNegation` rows (negative; cancels the covered cost);
/// - recurring fee: `lineItem/UnblendedCost` of `SavingsPlanRecurringFee` rows;
/// - amortized upfront fee: `savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod` (the month's share of
///   the `SavingsPlanUpfrontFee`);
/// - total commitment: `savingsPlan/TotalCommitmentToDate` of the fee rows;
/// - uncovered eligible on-demand cost: Savings-Plans-eligible usage (duration, provisioned concurrency,
///   provisioned duration) still billed as `Usage` at on-demand rates;
/// - used commitment, optional: `savingsPlan/UsedCommitment` of the fee rows. Give it when the plan also
///   covers EC2 or Fargate, whose use of the commitment the Lambda rows do not show; without it the used
///   commitment is the covered effective cost, which is right for a plan that covers only Lambda.
public struct ExistingSavingsPlanUsage: Hashable, Sendable {
    public var coveredOnDemandCost: FixedDecimal
    public var coveredEffectiveCost: FixedDecimal
    public var negation: FixedDecimal
    public var recurringFee: FixedDecimal
    public var amortizedUpfrontFee: FixedDecimal
    public var totalCommitment: FixedDecimal
    public var uncoveredEligibleOnDemandCost: FixedDecimal
    public var reportedUsedCommitment: FixedDecimal?

    public init(coveredOnDemandCost: FixedDecimal, coveredEffectiveCost: FixedDecimal, negation: FixedDecimal,
                recurringFee: FixedDecimal, amortizedUpfrontFee: FixedDecimal, totalCommitment: FixedDecimal,
                uncoveredEligibleOnDemandCost: FixedDecimal, usedCommitment: FixedDecimal? = nil) {
        self.coveredOnDemandCost = coveredOnDemandCost
        self.coveredEffectiveCost = coveredEffectiveCost
        self.negation = negation
        self.recurringFee = recurringFee
        self.amortizedUpfrontFee = amortizedUpfrontFee
        self.totalCommitment = totalCommitment
        self.uncoveredEligibleOnDemandCost = uncoveredEligibleOnDemandCost
        self.reportedUsedCommitment = usedCommitment
    }

    /// The plan's cost for the month: recurring fee + amortized upfront fee. Equals the total commitment
    /// when the line items are complete (see ``commitmentGap``).
    public var planCost: FixedDecimal { recurringFee + amortizedUpfrontFee }

    /// Commitment consumed: the reported used commitment if given, else the covered effective cost.
    public var usedCommitment: FixedDecimal { reportedUsedCommitment ?? coveredEffectiveCost }

    /// Total commitment − used commitment (not below zero): paid for and lost, hour by hour.
    public var unusedCommitment: FixedDecimal { max(.zero, totalCommitment - usedCommitment) }

    /// Used commitment ÷ total commitment; `nil` without a commitment.
    public var utilization: FixedDecimal? {
        totalCommitment.isZero ? nil : usedCommitment.divided(by: totalCommitment)
    }

    /// Eligible on-demand cost: covered on-demand cost + uncovered eligible on-demand cost.
    public var eligibleOnDemandCost: FixedDecimal { coveredOnDemandCost + uncoveredEligibleOnDemandCost }

    /// Covered on-demand cost ÷ eligible on-demand cost; `nil` without eligible cost.
    public var coverage: FixedDecimal? {
        eligibleOnDemandCost.isZero ? nil : coveredOnDemandCost.divided(by: eligibleOnDemandCost)
    }

    /// What the plan rates saved on the covered usage: covered on-demand cost − covered effective cost.
    public var discountSavings: FixedDecimal { coveredOnDemandCost - coveredEffectiveCost }

    /// Discount savings ÷ covered on-demand cost: the discount the covered usage received; `nil` without
    /// covered usage.
    public var effectiveDiscount: FixedDecimal? {
        coveredOnDemandCost.isZero ? nil : discountSavings.divided(by: coveredOnDemandCost)
    }

    /// What the plan saved after the commitment it wasted: discount savings − unused commitment. For a plan
    /// that covers only Lambda, with complete line items, this is covered on-demand cost − total commitment.
    public var netSavings: FixedDecimal { discountSavings - unusedCommitment }

    /// Net savings ÷ eligible on-demand cost; `nil` without eligible cost.
    public var netSavingsShare: FixedDecimal? {
        eligibleOnDemandCost.isZero ? nil : netSavings.divided(by: eligibleOnDemandCost)
    }

    /// Covered on-demand cost + negation: zero when every covered row is cancelled, as AWS bills it.
    public var negationGap: FixedDecimal { coveredOnDemandCost + negation }

    /// Plan cost − total commitment: zero when the fee rows are complete.
    public var commitmentGap: FixedDecimal { planCost - totalCommitment }
}
