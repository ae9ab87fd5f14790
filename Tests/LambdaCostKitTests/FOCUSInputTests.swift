import Foundation
import Testing
@testable import LambdaCostKit

/// FOCUS read through the CUR rules (issue 14): `Fixtures/focus/focus-1.2.csv` is `cur-twin.csv` written as AWS
/// Data Exports writes FOCUS 1.2 with AWS columns (covered usage billed at 0 with no negation, the plan's unused
/// commitment as a `Usage` row of status `Unused`, the fee as a `Purchase`). Both must give the same month; the
/// amounts below are added up by hand from the eleven CUR rows.
@Suite struct FOCUSInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/focus"
    static let october = BillingMonth(year: 2026, month: 10)!

    static func ingest(_ name: String) throws -> IngestResult {
        try IngestStage().run(IngestStage.Input(curFiles: [folder + "/" + name], month: october))
    }

    /// The FOCUS fixture with `replace` replaced by `with` on data line `line` (1 is the first row), written to a
    /// temporary file and ingested; the file is removed afterwards, its path and lines returned for the messages.
    static func ingestEdited(line: Int, replacing replace: String, with replacement: String) throws -> (result: IngestResult, path: String, lines: [String]) {
        let text = try String(contentsOfFile: folder + "/focus-1.2.csv", encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        precondition(lines[line].contains(replace), "the fixture's line \(line) has no \(replace)")
        lines[line] = lines[line].replacingOccurrences(of: replace, with: replacement)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("focus-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (try IngestStage().run(IngestStage.Input(curFiles: [path], month: october)), path, lines)
    }

    /// Σ of the ledger's amounts per function and charge type (FOCUS has no negation rows of its own, so the
    /// cells' hours and row counts differ; the money per function and charge may not).
    static func sums(_ result: IngestResult) -> [String: UsageLedger.Amounts] {
        var sums: [String: UsageLedger.Amounts] = [:]
        for (key, amounts) in result.ledger.cells {
            var counted = amounts
            counted.rows = 0
            sums["\(key.function.name)|\(key.kind)|\(key.charge.rawValue)", default: UsageLedger.Amounts()] += counted
        }
        return sums
    }

    @Test func aFOCUSMonthGivesItsCURTwinsTotals() throws {
        let cur = try Self.ingest("cur-twin.csv")
        let focus = try Self.ingest("focus-1.2.csv")
        // By hand: Lambda = 0.0166667 + 0.4 + 0 + 0.0500001 − 0.0500001 + 0.05 − 0.2; other services = EC2 0.1 − 0.1,
        // the plan's fee 0.15 and S3 0.023.
        for result in [cur, focus] {
            #expect(result.totals.lambda == dec("0.2666667"))
            #expect(result.totals.otherServices == dec("0.173"))
            #expect(result.totals.input == dec("0.4396667"))
            #expect(result.totals.reconciles)
            #expect(result.savingsPlanFees.recurringFee == dec("0.15"))
            #expect(result.savingsPlanFees.totalCommitment == dec("0.15"))
            #expect(result.savingsPlanFees.usedCommitment == dec("0.1"))
            #expect(result.savingsPlanFees.amortizedUpfrontCommitment == .zero)
            #expect(result.savingsPlanFees.hasCommitmentColumns)
            var effective = FixedDecimal.zero, onDemand = FixedDecimal.zero
            for amounts in result.ledger.cells.values {
                effective += amounts.effectiveCost
                onDemand += amounts.onDemandCost
            }
            // Effective: 0.0166667 + 0.4 + 0 (free tier) + 0.036 (the plan's rate) + 0.05 − 0.2.
            #expect(effective == dec("0.3026667"))
            // On demand: the usage at list prices, the free tier's included.
            #expect(onDemand == dec("0.47333348"))
            #expect(result.ledger.tags(of: FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "checkout"))["team"] == "payments")
            #expect(result.ledger.tags(of: FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "search"))["team"] == "catalog")
        }
        #expect(Self.sums(focus) == Self.sums(cur))
        #expect(Self.sums(cur)["search|duration|FreeTierUsage"]?.quantity == dec("400"))
        // The row counts stay the files' own: 11 CUR rows, 10 FOCUS rows (no negations; the fee's unused part a row).
        #expect(cur.rows.read == 11 && focus.rows.read == 10)
        #expect(focus.rows.lambda == 6 && focus.rows.otherServices == 4)
        #expect(focus.inputs.map(\.spelling) == [.focus])
    }

    @Test func aFOCUSRowStandsForTheCURLineItemsOfItsCharge() {
        typealias Rules = BillingRules
        func types(_ charge: Rules.FOCUSCharge) -> [Rules.FOCUSValue] { Rules.focusLineItems(charge).map(\.lineItemType) }
        #expect(types(.init(category: "Usage")) == [.text("Usage")])
        let covered = Rules.focusLineItems(.init(category: "Usage", hasCommitment: true, commitmentType: "ComputeSavingsPlans",
                                                 commitmentStatus: "Used", hasListCost: true))
        #expect(covered.map(\.lineItemType) == [.text("SavingsPlanCoveredUsage"), .text("SavingsPlanNegation"), .text("SavingsPlanRecurringFee")])
        #expect(covered.map(\.unblendedCost) == [.column(.listCost), .negated(.listCost), .text("0")])
        #expect(covered.map(\.rowWeight) == [1, 0, 0])
        #expect(covered.map(\.resourceID) == [.column(.resourceID), .text(""), .column(.resourceID)])
        #expect(covered[2].productCode == .text("ComputeSavingsPlans") && covered[2].usedCommitment == .column(.effectiveCost))
        // Without ListCost the on-demand cost is the contracted cost; an EC2 Instance plan's usage adds no Compute commitment.
        let contracted = Rules.focusLineItems(.init(category: "Usage", hasCommitment: true, commitmentType: "EC2InstanceSavingsPlans",
                                                    commitmentStatus: "Used", hasContractedCost: true))
        #expect(contracted.map(\.unblendedCost) == [.column(.contractedCost), .negated(.contractedCost)])
        #expect(types(.init(category: "Usage", hasCommitment: true, commitmentType: "Reserved Instance", commitmentStatus: "Used")) == [.text("DiscountedUsage")])
        let unused = Rules.focusLineItems(.init(category: "Usage", hasCommitment: true, commitmentType: "ComputeSavingsPlans", commitmentStatus: "Unused"))
        #expect(unused.map(\.lineItemType) == [.text("SavingsPlanRecurringFee")])
        #expect(unused[0].totalCommitment == .column(.effectiveCost) && unused[0].usedCommitment == .text("0"))
        let fee = Rules.focusLineItems(.init(category: "Purchase", frequency: "Recurring", hasCommitment: true, commitmentType: "ComputeSavingsPlans"))
        #expect(fee.map(\.lineItemType) == [.text("SavingsPlanRecurringFee")] && fee[0].amortizedUpfront == .negated(.billedCost))
        #expect(types(.init(category: "Purchase", frequency: "One-Time", hasCommitment: true)) == [.text("SavingsPlanUpfrontFee")])
        #expect(types(.init(category: "Purchase", frequency: "One-Time")) == [.text("Fee")])
        #expect(types(.init(category: "Tax")) == [.text("Tax")])
        #expect(types(.init(category: "Credit")) == [.text("Credit")])
        #expect(types(.init(category: "Adjustment", chargeClass: "Correction")) == [.text("Refund")])
        #expect(types(.init(category: "Surprise")) == [.column(.chargeCategory)])
    }

    @Test func aFOCUSHeaderWithoutAColumnTheReportNeedsIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("focus-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "BilledCost,ChargeCategory,ChargePeriodStart,SubAccountId,x_ServiceCode,ConsumedQuantity\n0,Usage,2026-10-01T00:00:00Z,1,AWSLambda,1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try IngestStage().run(IngestStage.Input(curFiles: [path], month: Self.october))
        } throws: { error in
            "\(error)" == "\(path):1:1: error: a FOCUS header without the column 'x_UsageType' (FOCUS 1.0 or 1.2 with AWS columns is read)"
        }
    }

    @Test func aBadFOCUSAmountIsRejectedAtItsColumn() throws {
        let (result, path, _) = try Self.ingestEdited(line: 1, replacing: "0.0166667,999988887777", with: "lots,999988887777")
        #expect(result.rejects.examples.map(\.location) == [SourceLocation(file: path, line: 2, column: 1)])
        #expect(result.rejects.examples.map(\.reason) == ["expected a decimal number in 'BilledCost', found \"lots\""])
        #expect(result.rows.rejected == 1 && result.rows.read == 10)
    }

    @Test func aRejectedFOCUSRowCountsItsBilledCost() throws {
        // The covered row's ListCost (its on-demand cost, what the CUR bills before the negation) is not a number: the
        // row is rejected at that column, and the money rejected is its BilledCost (0), not an on-demand amount, so
        // the month still reconciles with the file's Σ BilledCost.
        let (result, _, lines) = try Self.ingestEdited(line: 4, replacing: ",0.036,0.0500001,", with: ",0.036,many,")
        let header = lines[0].split(separator: ",").map(String.init)
        let listCost = try #require(header.firstIndex(of: "ListCost"))
        #expect(result.rejects.examples.map(\.location.line) == [5])
        #expect(result.rejects.examples.first?.reason.hasPrefix("expected a decimal number in 'ListCost', found \"many\"") == true)
        // The column where ListCost starts (no field before it is quoted).
        let listCostColumn = lines[4].split(separator: ",", omittingEmptySubsequences: false).prefix(listCost).reduce(1) { $0 + $1.utf8.count + 1 }
        #expect(result.rejects.examples.first?.location.column == listCostColumn)
        #expect(result.rows.rejected == 1 && result.rows.read == 10)
        #expect(result.totals.rejected == .zero)
        #expect(result.totals.input == dec("0.4396667"))
        // Lambda without the covered row and its negation: 0.0166667 + 0.4 + 0.05 − 0.2 (covered + negation were 0).
        #expect(result.totals.lambda == dec("0.2666667"))
        #expect(result.totals.reconciles)
    }

    @Test func coveredUsageWithoutListCostTakesItsContractedCostAndSaysSo() throws {
        let (result, path, _) = try Self.ingestEdited(line: 4, replacing: ",0.036,0.0500001,", with: ",0.036,,")
        let twin = try Self.ingest("cur-twin.csv")
        #expect(Self.sums(result) == Self.sums(twin))
        #expect(result.diagnostics.map(\.description).contains { $0.contains("\(path): 1 rows of usage a commitment covers have no ListCost") })
        #expect(!(try Self.ingest("focus-1.2.csv")).diagnostics.map(\.description).contains { $0.contains("no ListCost") })
    }

    @Test func aMalformedFOCUSRecordAfterACoveredRowIsOneRejectedRow() throws {
        // Line 5 (EC2 usage a Compute plan covers) stands for three line items; line 6 (the plan's fee) loses fields.
        let (result, path, _) = try Self.ingestEdited(line: 6, replacing: "{},,ComputeSavingsPlans,ComputeSP:1yrNoUpfront", with: "{}")
        #expect(result.rejects.examples.map(\.location) == [SourceLocation(file: path, line: 7, column: 1)])
        #expect(result.rows.rejected == 1 && result.rows.read == 10)
        // Its fields are misplaced, so no column is trusted for its money (as for a CUR record of the wrong width).
        #expect(result.rejectedRowsWithoutCost == 1 && result.totals.rejected == .zero)
        #expect(result.totals.input == dec("0.4396667") - dec("0.15"))
        #expect(result.totals.reconciles)
    }
}
