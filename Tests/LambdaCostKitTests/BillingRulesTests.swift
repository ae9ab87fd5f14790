import Foundation
import Testing
@testable import LambdaCostKit

/// One rule set for every reader: the same billing line, written as a CUR row and as an aggregate record (what
/// `sql/` makes of that row), must get the same disposition and the same amounts from both readers.
@Suite struct BillingRulesTests {
    /// One billing line, in the fields both formats carry.
    struct Line: CustomTestStringConvertible, Sendable {
        var name: String
        var lineItemType = "Usage"
        var product = "AWSLambda"
        var usageType = "Lambda-GB-Second"
        var amount = "100"
        var cost = "0.00166667"
        var rateCode = "TG3M4CAGBA3NYQBH.JRTCKXETXF.6YS6EN2CT7"
        var onDemand = ""
        var spEffective = ""
        var totalCommitment = ""
        var usedCommitment = ""
        var offering = ""
        /// The aggregate's `free_tier`, as the query decides it for this row.
        var freeTier = false
        var expected: Disposition

        var testDescription: String { name }
    }

    enum Disposition: Equatable, Sendable {
        case lambda(ChargeType, quantity: String, onDemand: String, effective: String)
        case other(savingsPlanFee: Bool)
        case rejected(String)
    }

    static let lines: [Line] = [
        Line(name: "paid duration", onDemand: "0.0016666700",
             expected: .lambda(.usage, quantity: "100.0000000000", onDemand: "0.0016666700", effective: "0.0016666700")),
        Line(name: "free tier by rate code", cost: "0", rateCode: "TG3M4CAGBA3NYQBH.A429C66SYZ.6YS6EN2CT7", onDemand: "0.0016666700",
             freeTier: true, expected: .lambda(.freeTierUsage, quantity: "100.0000000000", onDemand: "0.0016666700", effective: "0.0000000000")),
        Line(name: "free Global- usage without a rate code", usageType: "Global-Lambda-GB-Second", cost: "0", rateCode: "",
             freeTier: true, expected: .lambda(.freeTierUsage, quantity: "100.0000000000", onDemand: "0.0000000000", effective: "0.0000000000")),
        Line(name: "paid usage at cost 0 with an on-demand rate code", cost: "0",
             expected: .lambda(.usage, quantity: "100.0000000000", onDemand: "0.0000000000", effective: "0.0000000000")),
        Line(name: "negative usage", amount: "-5", expected: .rejected("negativeUsage")),
        Line(name: "cost not a number", cost: "12,5", expected: .rejected("expectedNumber")),
        Line(name: "usage not a number", amount: "lots", expected: .rejected("expectedNumber")),
        Line(name: "covered usage at the plan rate", lineItemType: "SavingsPlanCoveredUsage", cost: "0.00166667",
             spEffective: "0.0011", expected: .lambda(.savingsPlanCoveredUsage, quantity: "100.0000000000", onDemand: "0.0016666700", effective: "0.0011000000")),
        Line(name: "negation", lineItemType: "SavingsPlanNegation", amount: "0", cost: "-0.00166667",
             expected: .lambda(.savingsPlanNegation, quantity: "0.0000000000", onDemand: "0.0000000000", effective: "0.0000000000")),
        Line(name: "credit", lineItemType: "Credit", amount: "0", cost: "-1.5", expected: .lambda(.credit, quantity: "0.0000000000", onDemand: "0.0000000000", effective: "-1.5000000000")),
        Line(name: "Compute Savings Plans fee", lineItemType: "SavingsPlanRecurringFee", product: "ComputeSavingsPlans",
             usageType: "ComputeSP:1yrNoUpfront", amount: "1", cost: "0.5", rateCode: "", totalCommitment: "0.5", usedCommitment: "0.4",
             offering: "ComputeSavingsPlans", expected: .other(savingsPlanFee: true)),
        Line(name: "EC2 Instance Savings Plans fee", lineItemType: "SavingsPlanRecurringFee", product: "ComputeSavingsPlans",
             usageType: "EC2SP:1yrNoUpfront", amount: "1", cost: "0.5", rateCode: "", totalCommitment: "0.5", usedCommitment: "0.5",
             offering: "EC2InstanceSavingsPlans", expected: .other(savingsPlanFee: false)),
        Line(name: "another service", product: "AmazonS3", usageType: "TimedStorage-ByteHrs", cost: "0.023", rateCode: "",
             expected: .other(savingsPlanFee: false)),
    ]

    static let curHeader = [
        "lineItem/LineItemType", "lineItem/UsageAccountId", "lineItem/UsageStartDate", "lineItem/ProductCode", "lineItem/UsageType",
        "lineItem/UsageAmount", "lineItem/UnblendedCost", "lineItem/ResourceId", "lineItem/CurrencyCode", "bill/PayerAccountId",
        "bill/BillingPeriodStartDate", "product/regionCode", "pricing/RateCode", "pricing/publicOnDemandCost",
        "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
        "savingsPlan/OfferingType",
    ].joined(separator: ",")

    static let aggregateHeader = [
        "format_version", "record_type", "billing_period", "payer_account_id", "usage_account_id", "product_code", "line_item_type",
        "usage_type", "region", "resource_id", "free_tier", "usage_hour", "usage_amount", "unblended_cost", "public_on_demand_cost",
        "savings_plan_effective_cost", "total_commitment", "used_commitment", "amortized_upfront_commitment", "rows", "tags",
        "reason", "savings_plan_offering_type",
    ].joined(separator: ",")

    static let resource = "arn:aws:lambda:us-east-1:111122223333:function:checkout-api"

    static func curRow(_ line: Line) -> String {
        let resource = line.product == "AWSLambda" ? resource : ""
        return [line.lineItemType, "111122223333", "2026-10-05T10:00:00Z", line.product, line.usageType, line.amount,
                "\"\(line.cost)\"", resource, "USD", "999988887777", "2026-10-01T00:00:00Z", "us-east-1", line.rateCode,
                line.onDemand, line.spEffective, line.totalCommitment, line.usedCommitment, line.offering].joined(separator: ",")
    }

    static func aggregateRecord(_ line: Line) -> String {
        let isLambda = line.product == "AWSLambda"
        return ["1", isLambda ? "lambda" : "other", "2026-10", "999988887777", isLambda ? "111122223333" : "", line.product,
                line.lineItemType, isLambda ? line.usageType : "", isLambda ? "us-east-1" : "", isLambda ? resource : "",
                line.freeTier ? "true" : "false", "2026-10-05T10:00:00Z", isLambda ? line.amount : "", "\"\(line.cost)\"",
                line.onDemand, line.spEffective, line.totalCommitment, line.usedCommitment, "", "1", "", "",
                line.offering].joined(separator: ",")
    }

    /// What a reader made of the file's one line.
    static func disposition(_ result: IngestResult) -> Disposition? {
        if let reject = result.rejects.examples.first {
            return .rejected(String(String(describing: reject.cause).prefix { $0 != "(" }))
        }
        if result.rows.otherServices == 1 { return .other(savingsPlanFee: result.savingsPlanFees.rows == 1) }
        guard result.rows.lambda == 1, let cell = result.ledger.cells.first else { return nil }
        return .lambda(cell.key.charge, quantity: cell.value.quantity.formatted(places: 10), onDemand: cell.value.onDemandCost.formatted(places: 10),
                       effective: cell.value.effectiveCost.formatted(places: 10))
    }

    static func ingest(_ text: String, aggregate: Bool) throws -> IngestResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("billing-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(aggregate ? "aggregate.csv" : "cur.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var input = IngestStage.Input(curFiles: aggregate ? [] : [path], month: BillingMonth(year: 2026, month: 10))
        input.aggregateFiles = aggregate ? [path] : []
        return try IngestStage().run(input)
    }

    @Test(arguments: lines)
    func theCURReaderAndTheAggregateReaderDisposeOfALineAlike(_ line: Line) throws {
        let fromCUR = try Self.ingest(Self.curHeader + "\n" + Self.curRow(line) + "\n", aggregate: false)
        let fromAggregate = try Self.ingest(Self.aggregateHeader + "\n" + Self.aggregateRecord(line) + "\n", aggregate: true)
        #expect(Self.disposition(fromCUR) == line.expected)
        #expect(Self.disposition(fromAggregate) == line.expected)
        #expect(fromCUR.totals == fromAggregate.totals)
        #expect(fromCUR.totals.reconciles)
        #expect(fromCUR.savingsPlanFees == fromAggregate.savingsPlanFees)
    }

    // MARK: - The rules themselves

    @Test func freeTierNeedsZeroCostUsageAndSomeEvidence() {
        typealias Evidence = BillingRules.FreeTierEvidence
        let zero = FixedDecimal.zero
        #expect(BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(rateCodeIsFreeTier: true)))
        #expect(BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(descriptionIsFreeTier: true)))
        #expect(BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(usageTypeIsGlobal: true)))
        // An older CUR: no rate code and no description, an empty term where paid usage says OnDemand.
        #expect(BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(termIsEmpty: true)))
        #expect(!BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(termIsEmpty: false)))
        // A rate code of the on-demand term outweighs an empty term.
        #expect(!BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(rateCodeIsFreeTier: false, termIsEmpty: true)))
        #expect(!BillingRules.isFreeTier(.usage, cost: dec("0.01"), evidence: Evidence(rateCodeIsFreeTier: true)))
        #expect(!BillingRules.isFreeTier(.credit, cost: zero, evidence: Evidence(rateCodeIsFreeTier: true)))
        #expect(!BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence()))
        #expect(BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(decided: true)))
        #expect(!BillingRules.isFreeTier(.usage, cost: zero, evidence: Evidence(decided: false, rateCodeIsFreeTier: true)))
    }

    @Test func onlyComputeSavingsPlansFeesAreLambdasCommitment() {
        let fee = BillingRules.computeSavingsPlanFee
        #expect(fee("SavingsPlanRecurringFee", "ComputeSavingsPlans", "ComputeSavingsPlans") == .recurring)
        #expect(fee("SavingsPlanUpfrontFee", nil, "ComputeSavingsPlans") == .upfront)
        #expect(fee("SavingsPlanRecurringFee", "EC2InstanceSavingsPlans", "ComputeSavingsPlans") == nil)
        #expect(fee("SavingsPlanRecurringFee", "", "AmazonSageMaker") == nil)
        #expect(fee("SavingsPlanRecurringFee", nil, nil) == .recurring)  // an aggregate of format 1 without product_code
        #expect(fee("Usage", "ComputeSavingsPlans", "ComputeSavingsPlans") == nil)
    }

    @Test func rejectedRawTextIsCutWithAMarker() {
        let long = String(repeating: "é", count: RejectedRow.rawLimit)  // two bytes each
        let row = RejectedRow(location: SourceLocation(file: "f", line: 1, column: 1), cause: .malformedRecord("x"), raw: long, unblendedCost: nil)
        #expect(row.raw.hasSuffix(" …[cut: \(2 * RejectedRow.rawLimit) bytes in all]"))
        #expect(row.raw.utf8.count <= RejectedRow.rawLimit + 40)
        #expect(row.raw.hasPrefix("éé"))
        let short = RejectedRow(location: SourceLocation(file: "f", line: 1, column: 1), cause: .malformedRecord("x"), raw: "a,b", unblendedCost: nil)
        #expect(short.raw == "a,b")
    }
}
