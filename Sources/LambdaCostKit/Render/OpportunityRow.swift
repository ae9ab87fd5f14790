/// The keys of an opportunity's row in the templates (the opportunity lists, `opportunities.csv`, the index's and a
/// tag value's top rows, a function page), each made from the opportunity on its own: ``entry(_:rank:context:)``
/// makes them all, ``model(_:rank:context:)`` when a template looks one up (a fleet's lists show each opportunity
/// in its own list, its team's and every showback value's).
enum OpportunityRow {
    enum Key: Hashable, Sendable {
        case rank, scenario, scenarioLabel, accountID, region, functionName, location, hasLocation
        case monthlySavings, monthlySavingsUSD, currentMonthlyCost, currentMonthlyCostUSD
        case confidence, summary, effort, risk, inputs, inputsText, opportunityID
        case measure, measureNow, measureTarget, openSince, hasCurve, curve, page, hasPage
        case planOrder, planSaving, planSavingUSD, marginalSaving, marginalSavingUSD, absorbed, absorbedUSD, hasAbsorbed
    }

    /// Every key by its name in the templates.
    static let keys: [String: Key] = [
        "rank": .rank, "scenario": .scenario, "scenario_label": .scenarioLabel, "account_id": .accountID, "region": .region,
        "function_name": .functionName, "location": .location, "has_location": .hasLocation,
        "monthly_savings": .monthlySavings, "monthly_savings_usd": .monthlySavingsUSD,
        "current_monthly_cost": .currentMonthlyCost, "current_monthly_cost_usd": .currentMonthlyCostUSD,
        "confidence": .confidence, "summary": .summary, "effort": .effort, "risk": .risk, "inputs": .inputs,
        "inputs_text": .inputsText, "opportunity_id": .opportunityID, "measure": .measure, "measure_now": .measureNow,
        "measure_target": .measureTarget, "open_since": .openSince, "has_curve": .hasCurve, "curve": .curve,
        "page": .page, "has_page": .hasPage, "plan_order": .planOrder, "plan_saving": .planSaving,
        "plan_saving_usd": .planSavingUSD, "marginal_saving": .marginalSaving, "marginal_saving_usd": .marginalSavingUSD,
        "absorbed": .absorbed, "absorbed_usd": .absorbedUSD, "has_absorbed": .hasAbsorbed,
    ]

    /// Every key's value (an opportunity outside the plan has no marginal saving).
    static func entry(_ opportunity: Opportunity, rank: Int, context: RenderContext) -> [String: Any] {
        keys.compactMapValues { value($0, of: opportunity, rank: rank, context: context) }
    }

    /// The row as a model whose values are made when a template looks them up.
    static func model(_ opportunity: Opportunity, rank: Int, context: RenderContext) -> LazyModel {
        LazyModel { name in keys[name].flatMap { value($0, of: opportunity, rank: rank, context: context) } }
    }

    /// The value of one key; `nil` for a key the row does not have.
    static func value(_ key: Key, of opportunity: Opportunity, rank: Int, context: RenderContext) -> Any? {
        let function = opportunity.function
        switch key {
        case .rank: return rank
        case .scenario: return opportunity.scenario
        case .scenarioLabel: return ReportCharts.scenarioLabel(opportunity.scenario)
        case .accountID: return function.accountID
        case .region: return function.region
        case .functionName: return function.name
        // "us-east-1 · 004519876321" under the function's name; empty for the fleet-wide Savings Plans purchase.
        case .location: return [function.region, function.accountID].filter { !$0.isEmpty }.joined(separator: " · ")
        case .hasLocation: return !function.region.isEmpty || !function.accountID.isEmpty
        case .monthlySavings: return Format.usd(opportunity.monthlySavings)
        case .monthlySavingsUSD: return Format.csvMoney(opportunity.monthlySavings)
        case .currentMonthlyCost: return Format.usd(opportunity.currentMonthlyCost)
        case .currentMonthlyCostUSD: return Format.csvMoney(opportunity.currentMonthlyCost)
        case .confidence: return opportunity.confidence.rawValue
        case .summary: return opportunity.summary
        case .effort: return opportunity.effort
        case .risk: return opportunity.risk
        case .inputs: return opportunity.inputs.map { ["name": $0.name, "value": $0.value] }
        case .inputsText: return opportunity.inputs.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
        case .opportunityID: return opportunity.id
        case .measure: return opportunity.tracked?.measure.rawValue ?? ""
        case .measureNow: return opportunity.tracked?.now ?? ""
        case .measureTarget: return opportunity.tracked?.target ?? ""
        case .openSince: return context.openSince(opportunity).description
        case .hasCurve: return !opportunity.curve.isEmpty
        case .curve:
            return opportunity.curve.map { point in
                ["memory_mb": point.memoryMB, "duration_ms": point.durationMs.formatted(places: 1),
                 "monthly_cost": Format.usd(point.monthlyCost), "allowed": point.allowed ? "yes" : "no",
                 "note": point.isCurrent ? "now" : point.isProposed ? "proposed" : ""] as [String: Any]
            }
        case .page: return context.functionPage(function).map { $0 + ".html" } ?? ""
        case .hasPage: return context.functionPage(function) != nil
        case .planOrder, .planSaving, .planSavingUSD, .marginalSaving, .marginalSavingUSD, .absorbed, .absorbedUSD, .hasAbsorbed:
            return planValue(key, of: opportunity.plan)
        }
    }

    /// The opportunity's place in the plan (``CombinedPlan``): a dash for an opportunity outside it, which has no
    /// marginal saving.
    private static func planValue(_ key: Key, of plan: PlannedSaving?) -> Any? {
        guard let plan else {
            switch key {
            case .planOrder, .planSavingUSD, .absorbedUSD: return ""
            case .planSaving, .absorbed: return "–"
            case .hasAbsorbed: return false
            default: return nil
            }
        }
        switch key {
        case .planOrder: return plan.order
        case .planSaving: return Format.usd(plan.cash)
        case .planSavingUSD: return Format.csvMoney(plan.cash)
        case .marginalSaving: return Format.usd(plan.marginal)
        case .marginalSavingUSD: return Format.csvMoney(plan.marginal)
        case .absorbed: return Format.usd(plan.absorbedByOwnedCommitment)
        case .absorbedUSD: return Format.csvMoney(plan.absorbedByOwnedCommitment)
        case .hasAbsorbed: return plan.absorbedByOwnedCommitment > .zero
        default: return nil
        }
    }
}
