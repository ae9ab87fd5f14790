/// The combined plan (``CombinedPlan``) as template keys: the headline, where it comes from, and what the
/// commitment owned absorbs. See `templates/README.md`.
enum PlanViewModel {
    static func make(_ report: Report) -> [String: Any] {
        let plan = report.plan
        return [
            "potential_savings_share": Format.percent(plan.savingsShare),
            "plan": [
                "cost_before": Format.usd(plan.effectiveCostBefore), "cost_before_usd": Format.csvMoney(plan.effectiveCostBefore),
                "cost_after": Format.usd(plan.effectiveCostAfter), "cost_after_usd": Format.csvMoney(plan.effectiveCostAfter),
                "savings": Format.usd(plan.savings), "savings_usd": Format.csvMoney(plan.savings),
                "savings_share": Format.percent(plan.savingsShare),
                "function_changes": Format.usd(plan.functionChangesSaving),
                "absorbed": Format.usd(plan.absorbedByOwnedCommitment),
                "has_absorbed": plan.absorbedByOwnedCommitment > .zero,
                "hours_with_unused_commitment": plan.hoursWithUnusedCommitment,
                "owned_commitment_ends": plan.ownedCommitmentEnds ?? "",
                "has_owned_commitment_ends": plan.ownedCommitmentEnds != nil,
                "savings_plan_purchase": Format.usd(plan.savingsPlanPurchaseSaving),
                "has_savings_plan_purchase": plan.savingsPlanPurchaseSaving > .zero,
            ] as [String: Any],
        ]
    }
}
