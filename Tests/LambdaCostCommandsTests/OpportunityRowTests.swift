import Foundation
import Testing
@testable import LambdaCostKit

/// An opportunity's row as the lists and `opportunities.csv` render it (``OpportunityRow/model(_:rank:context:)``,
/// made when a template looks a key up) holds what the dictionary of every key holds
/// (``ReportViewModel/opportunityEntry(_:rank:context:)``), in the plan or outside it.
@Suite struct OpportunityRowTests {
    @Test func theLazyRowGivesEveryKeyOfTheEntryAndNoOther() throws {
        let report = try ShowbackPagesTests.report()
        let context = RenderContext(report: report)
        // The fixture's opportunities and two made by hand: one in the plan with commitment absorbed, one outside it.
        let function = try #require(report.functions.first).function
        let curve = [Opportunity.CurvePoint(memoryMB: 512, durationMs: FixedDecimal(parsing: "120.25")!, monthlyCost: FixedDecimal(parsing: "3.5")!, allowed: true, isCurrent: true),
                     Opportunity.CurvePoint(memoryMB: 256, durationMs: FixedDecimal(parsing: "230.04")!, monthlyCost: FixedDecimal(parsing: "3.3")!, allowed: false)]
        var planned = Opportunity(
            scenario: "memory", function: function, monthlySavings: FixedDecimal(parsing: "2.005")!,
            currentMonthlyCost: FixedDecimal(parsing: "1234.5")!, confidence: .modeled, summary: "Set <it> to 256 MB",
            effort: "e", risk: "r", inputs: [Opportunity.FormulaInput(name: "memory now", value: "512 MB")], curve: curve)
        planned.plan = PlannedSaving(order: 3, marginal: FixedDecimal(parsing: "1.75")!, absorbedByOwnedCommitment: FixedDecimal(parsing: "0.25")!)
        var outside = planned
        outside.plan = nil
        let opportunities = report.opportunities + [planned, outside]
        #expect(report.opportunities.contains { $0.plan != nil })
        for (index, opportunity) in opportunities.enumerated() {
            let entry = ReportViewModel.opportunityEntry(opportunity, rank: index + 1, context: context)
            let row = OpportunityRow.model(opportunity, rank: index + 1, context: context)
            #expect(entry.count == OpportunityRow.keys.count - (opportunity.plan == nil ? 2 : 0), "\(opportunity.id)")
            for name in OpportunityRow.keys.keys {
                #expect((row[name].map(FunctionRowTests.canonical)) == entry[name].map(FunctionRowTests.canonical), "\(name) of \(opportunity.id)")
            }
            #expect(row["no_such_key"] == nil && row["month"] == nil)
        }
        // By hand: the one in the plan saves 1.75 − 0.25 = $1.50 in cash, and the one outside it shows dashes.
        let inPlan = OpportunityRow.entry(planned, rank: 7, context: context)
        #expect(inPlan["rank"] as? Int == 7 && inPlan["plan_order"] as? Int == 3)
        #expect(inPlan["plan_saving"] as? String == "$1.50" && inPlan["plan_saving_usd"] as? String == "1.5000000000")
        #expect(inPlan["marginal_saving"] as? String == "$1.75" && inPlan["absorbed"] as? String == "$0.25")
        #expect(inPlan["has_absorbed"] as? Bool == true)
        #expect(inPlan["monthly_savings"] as? String == "$2.01" && inPlan["current_monthly_cost"] as? String == "$1,234.50")
        #expect(inPlan["inputs_text"] as? String == "memory now=512 MB")
        let points = try #require(inPlan["curve"] as? [[String: Any]])
        #expect(points.map { "\($0["memory_mb"]!) \($0["duration_ms"]!) \($0["monthly_cost"]!) \($0["allowed"]!) \($0["note"]!)" }
                == ["512 120.3 $3.50 yes now", "256 230.0 $3.30 no "])
        let notInPlan = OpportunityRow.entry(outside, rank: 8, context: context)
        #expect(notInPlan["plan_saving"] as? String == "–" && notInPlan["absorbed"] as? String == "–")
        #expect(notInPlan["plan_order"] as? String == "" && notInPlan["has_absorbed"] as? Bool == false)
        #expect(notInPlan["marginal_saving"] == nil && notInPlan["marginal_saving_usd"] == nil)
    }
}
