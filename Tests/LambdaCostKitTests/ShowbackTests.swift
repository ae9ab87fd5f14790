import Testing
@testable import LambdaCostKit

/// The showback by tag (`[showback] tag_keys`) of a small fleet, with hand-checked sums.
@Suite struct ShowbackTests {
    static func identity(_ name: String) -> FunctionIdentity { FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: name) }

    static func cost(_ name: String, billed: String, effective: String, tags: [String: String], otherServices: String? = nil) -> FunctionCost {
        var function = FunctionCost(
            function: identity(name), architectures: [.x86_64], requests: .zero, gbSeconds: .zero, provisionedGBSeconds: .zero,
            provisionedDurationGBSeconds: .zero, unblendedCost: dec(billed), effectiveCost: dec(effective), onDemandCost: dec(billed),
            freeTierValue: .zero, tags: tags, qualifiers: [], usage: [:])
        if let otherServices {
            function.otherServices = OtherServiceCosts.FunctionShare(charges: [.apiGateway: .init(cost: dec(otherServices), rows: 1)])
        }
        return function
    }

    static func opportunity(_ name: String, cash: String) -> Opportunity {
        var opportunity = Opportunity(scenario: "memory", function: identity(name), monthlySavings: dec(cash), currentMonthlyCost: .zero,
                                      confidence: .modeled, summary: "", effort: "", risk: "", inputs: [])
        opportunity.plan = PlannedSaving(order: 1, marginal: dec(cash), absorbedByOwnedCommitment: .zero)
        return opportunity
    }

    /// a and b are project web, c project api, d has no project tag and e a blank one; f is the charges of no function.
    static let fleet = [
        cost("a", billed: "12.00", effective: "10.10", tags: ["project": "web", "env": "prod"], otherServices: "2.5"),
        cost("b", billed: "0.25", effective: "0.20", tags: ["project": "web", "env": "dev"]),
        cost("c", billed: "5.005", effective: "5.005", tags: ["project": "api", "env": "prod"], otherServices: "0.0000000001"),
        cost("d", billed: "3.3333333333", effective: "3.3333333333", tags: ["env": "prod"]),
        cost("e", billed: "1", effective: "1", tags: ["project": "  ", "env": "prod"]),
        cost("", billed: "-4", effective: "-1", tags: ["project": "web"]),
    ]

    @Test func valuesAndTheUntaggedAddUpToTheFunctionsExactly() throws {
        let opportunities = [Self.opportunity("a", cash: "1.5"), Self.opportunity("d", cash: "0.25"), Self.opportunity("a", cash: "0.125")]
        let showback = try #require(TagShowback.make(Self.fleet, opportunities: opportunities, tagKeys: ["project"]).first)
        #expect(showback.tagKey == "project")
        // Costliest first; the charges of no function are no function's and carry no value.
        #expect(showback.values.map(\.label) == ["web", "api"])
        #expect(showback.values.map { $0.functions.map(\.function.name) } == [["a", "b"], ["c"]])
        #expect(showback.values.map(\.unblendedCost) == [dec("12.25"), dec("5.005")])
        #expect(showback.values.map(\.effectiveCost) == [dec("10.30"), dec("5.005")])
        #expect(showback.values.map(\.otherServicesCost) == [dec("2.5"), dec("0.0000000001")])
        #expect(showback.values.map(\.fullCost) == [dec("12.80"), dec("5.0050000001")])
        #expect(showback.values.map(\.potentialSavings) == [dec("1.625"), .zero])
        // d (no tag) and e (a blank value) are untagged.
        let untagged = try #require(showback.untagged)
        #expect(untagged.label == "(untagged)" && untagged.value == nil)
        #expect(untagged.functions.map(\.function.name) == ["d", "e"])
        #expect(untagged.effectiveCost == dec("4.3333333333"))
        #expect(untagged.potentialSavings == dec("0.25"))
        // The sums are the functions': 10.30 + 5.005 + 4.3333333333.
        #expect(showback.functionCount == 5)
        #expect(showback.effectiveCost == dec("19.6383333333"))
        #expect(showback.unblendedCost == dec("21.5883333333"))
        #expect(showback.otherServicesCost == dec("2.5000000001"))
        #expect(showback.fullCost == dec("22.1383333334"))
        #expect(showback.potentialSavings == dec("1.875"))
        // Shares of 19.6383333333, rounded half away from zero to 24 places only in the division.
        #expect(showback.untaggedShare == dec("0.220656878552525938858614"))
        #expect(showback.share(showback.values[0]) == dec("0.524484426717346150261762"))
        #expect(Format.percent(showback.untaggedShare) == "22.1 %")
        #expect(Format.percent(showback.share(showback.values[1])) == "25.5 %")
    }

    @Test func everyTagKeyGroupsTheSameFunctions() throws {
        let all = TagShowback.make(Self.fleet, opportunities: [], tagKeys: ["env", "project", "tenant"])
        #expect(all.map(\.tagKey) == ["env", "project", "tenant"])
        for showback in all {
            #expect(showback.effectiveCost == dec("19.6383333333"), "\(showback.tagKey)")
            #expect(FixedDecimal.sum(showback.groups.map(\.effectiveCost)) == showback.effectiveCost)
            #expect(showback.groups.reduce(0) { $0 + $1.functions.count } == 5)
        }
        #expect(all[0].values.map(\.label) == ["prod", "dev"])
        #expect(all[0].untagged == nil && all[0].untaggedShare == .zero)
        // A tag no function carries: everything untagged.
        #expect(all[2].values.isEmpty && all[2].untaggedShare == dec("1"))
    }

    @Test func sharesRoundHalfAwayFromZeroWhenShown() throws {
        // 0.1 of 8: 1.25 %, shown as 1.3 % (half away from zero), not 1.2 %.
        let fleet = [Self.cost("a", billed: "7.9", effective: "7.9", tags: ["env": "prod"]), Self.cost("b", billed: "0.1", effective: "0.1", tags: [:])]
        let showback = try #require(TagShowback.make(fleet, opportunities: [], tagKeys: ["env"]).first)
        #expect(showback.untaggedShare == dec("0.0125"))
        #expect(Format.percent(showback.untaggedShare) == "1.3 %")
        // No cost at all: no share.
        let free = try #require(TagShowback.make([Self.cost("z", billed: "0", effective: "0", tags: [:])], opportunities: [], tagKeys: ["env"]).first)
        #expect(free.untaggedShare == nil && Format.percent(free.untaggedShare) == "–")
    }
}
