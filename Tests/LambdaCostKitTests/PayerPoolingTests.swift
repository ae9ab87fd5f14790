import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// Duration tiers and the free tier pooled as AWS bills them (issue 15 item 2): tiers per payer (the consolidated
/// bill), region and architecture, the free tier per payer, both shared back among the payer's functions; an
/// account without a payer is its own. The payer is read by every reader (CUR CSV and Parquet, FOCUS, aggregate).
@Suite struct PayerPoolingTests {
    static let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)
    static let payer = "999999999999"
    static let otherPayer = "888888888888"

    static func function(_ name: String, account: String, payer: String?, gbSeconds: String = "0",
                         requests: String = "0", freeRequests: String = "0") -> FunctionCost {
        var function = RepricingTests.function(name, account: account, [
            (.x86_64, .duration, gbSeconds, "0", "0"), (.x86_64, .requests, requests, freeRequests, "0"),
        ])
        function.payerAccountID = payer
        return function
    }

    func run(_ functions: [FunctionCost]) throws -> [String: CatalogCost] {
        let output = try RepricingStage().run(.init(functions: functions, catalog: Self.catalog, billHasPublicOnDemandCost: false))
        return Dictionary(uniqueKeysWithValues: output.functions.map { ($0.function.name, $0.catalog!) })
    }

    // MARK: - Pricing

    /// Two accounts of one payer at 4 billion GB-s each (us-east-1, x86_64), the case. By hand, with the
    /// catalog's us-east-1 x86_64 tiers (0.0000166667 to 6e9, 0.000015 to 15e9):
    /// pooled 8e9 GB-s: flat 8e9 × 0.0000166667 = 133,333.6; tiered 6e9 × 0.0000166667 + 2e9 × 0.000015 =
    /// 100,000.2 + 30,000 = 130,000.2; discount 133,333.6 − 130,000.2 = 3,333.4 (= 2e9 × 0.0000016667).
    /// Shared by duration: alpha 4/8 → 1,666.7; beta 3/8 → 1,250.025; gamma 1/8 → 416.675 (Σ 3,333.4).
    /// Pooled per account, as before, each account's 4e9 GB-s stays in tier 1: no discount.
    @Test func twoAccountsOfOnePayerShareTheirTiers() throws {
        let costs = try run([
            Self.function("alpha", account: "111111111111", payer: Self.payer, gbSeconds: "4000000000"),
            Self.function("beta", account: "222222222222", payer: Self.payer, gbSeconds: "3000000000"),
            Self.function("gamma", account: "222222222222", payer: Self.payer, gbSeconds: "1000000000"),
        ])
        #expect(costs["alpha"]!.tierDiscount == dec("1666.7"))
        #expect(costs["beta"]!.tierDiscount == dec("1250.025"))
        #expect(costs["gamma"]!.tierDiscount == dec("416.675"))
        #expect(FixedDecimal.sum(costs.values.map(\.tierDiscount)) == dec("3333.4"))
        #expect(costs["alpha"]!.listCost == dec("66666.8"))
    }

    @Test func twoPayersKeepTheirTiersApart() throws {
        let costs = try run([
            Self.function("alpha", account: "111111111111", payer: Self.payer, gbSeconds: "4000000000"),
            Self.function("beta", account: "222222222222", payer: Self.otherPayer, gbSeconds: "4000000000"),
        ])
        #expect(costs.values.allSatisfy { $0.tierDiscount.isZero })
    }

    /// Without a payer an account is its own payer: the same two accounts get no discount, as before payers were read.
    @Test func accountsWithoutPayerArePooledAlone() throws {
        let costs = try run([
            Self.function("alpha", account: "111111111111", payer: nil, gbSeconds: "4000000000"),
            Self.function("beta", account: "222222222222", payer: nil, gbSeconds: "4000000000"),
        ])
        #expect(costs.values.allSatisfy { $0.tierDiscount.isZero })
        // An account named as its own payer is the same pool as one with no payer.
        let mixed = try run([
            Self.function("alpha", account: "111111111111", payer: nil, gbSeconds: "4000000000"),
            Self.function("beta", account: "111111111111", payer: "111111111111", gbSeconds: "4000000000"),
        ])
        #expect(mixed["alpha"]!.tierDiscount == dec("1666.7"))
        #expect(mixed["beta"]!.tierDiscount == dec("1666.7"))
    }

    /// The free tier per payer. Payer 999…: "early" got all 1,000,000 free requests (1e6 × 0.0000002 = $0.20);
    /// "early" and "late" list 2,000,000 requests each (0.4 each), so 0.1 each. Payer 888…'s "other" used no free
    /// tier and gets none (over the whole fleet it would have had 0.2 × 0.8/1.6 = 0.1 and the others 0.05).
    @Test func theFreeTierIsSharedWithinItsPayerOnly() throws {
        let costs = try run([
            Self.function("early", account: "111111111111", payer: Self.payer, requests: "2000000", freeRequests: "1000000"),
            Self.function("late", account: "222222222222", payer: Self.payer, requests: "2000000"),
            Self.function("other", account: "333333333333", payer: Self.otherPayer, requests: "4000000"),
        ])
        #expect(costs["early"]!.freeTierAllocation == dec("0.1"))
        #expect(costs["late"]!.freeTierAllocation == dec("0.1"))
        #expect(costs["other"]!.freeTierAllocation.isZero)
        #expect(costs["other"]!.listCost == dec("0.8"))
    }

    /// Graviton's marginal tier rate is the payer's pool's: 8e9 x86 GB-s of one payer are in tier 2.
    @Test func gravitonPricesAtThePayersTier() throws {
        let functions = [
            Self.function("alpha", account: "111111111111", payer: Self.payer, gbSeconds: "4000000000"),
            Self.function("beta", account: "222222222222", payer: Self.payer, gbSeconds: "4000000000"),
        ]
        let rates = GravitonScenario().evaluate(functions, catalog: Self.catalog).opportunities
            .map { $0.inputs.first { $0.name == "duration x86_64 rate" }?.value }
        #expect(rates == ["$0.000015/GB-s", "$0.000015/GB-s"])
        var apart = functions
        apart[1].payerAccountID = Self.otherPayer
        let apartRates = GravitonScenario().evaluate(apart, catalog: Self.catalog).opportunities
            .map { $0.inputs.first { $0.name == "duration x86_64 rate" }?.value }
        #expect(apartRates == ["$0.0000166667/GB-s", "$0.0000166667/GB-s"])
    }

    // MARK: - Ingest

    static let legacyHeader = "identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,"
        + "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,"
        + "lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,product/region"

    static func legacyRow(_ id: Int, payer: String, account: String, name: String, gbSeconds: String, cost: String) -> String {
        "id\(id),\(payer),2026-10-01T00:00:00Z,\(account),Usage,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,"
            + "arn:aws:lambda:us-east-1:\(account):function:\(name),\(gbSeconds),USD,\(cost),us-east-1"
    }

    /// The case as a CUR: two accounts of payer 999…, and a third account of payer 888….
    static let consolidatedCUR = ([legacyHeader] + [
        legacyRow(1, payer: payer, account: "111111111111", name: "alpha", gbSeconds: "4000000000", cost: "66666.8"),
        legacyRow(2, payer: payer, account: "222222222222", name: "beta", gbSeconds: "3000000000", cost: "50000.1"),
        legacyRow(3, payer: payer, account: "222222222222", name: "gamma", gbSeconds: "1000000000", cost: "16666.7"),
        legacyRow(4, payer: otherPayer, account: "333333333333", name: "delta", gbSeconds: "4000000000", cost: "66666.8"),
    ]).joined(separator: "\n") + "\n"

    static let expectedPayers = ["111111111111": payer, "222222222222": payer, "333333333333": otherPayer]

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("payer-pooling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func ingest(curFiles: [String] = [], aggregateFiles: [String] = []) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: curFiles, month: BillingMonth(year: 2026, month: 10))
        input.aggregateFiles = aggregateFiles
        return try IngestStage().run(input)
    }

    /// From the ingest to the catalog cost: the payers recorded, and the tier discount pooled over them.
    static func checkConsolidated(_ result: IngestResult) throws {
        #expect(result.ledger.payers == expectedPayers)
        let functions = try FunctionCostStage().run(result).functions
        #expect(Dictionary(uniqueKeysWithValues: functions.map { ($0.function.name, $0.payer) })
            == ["alpha": payer, "beta": payer, "gamma": payer, "delta": otherPayer])
        let output = try RepricingStage().run(.init(functions: functions, catalog: catalog, billHasPublicOnDemandCost: false))
        let discounts = Dictionary(uniqueKeysWithValues: output.functions.map { ($0.function.name, $0.catalog!.tierDiscount) })
        #expect(discounts == ["alpha": dec("1666.7"), "beta": dec("1250.025"), "gamma": dec("416.675"), "delta": .zero])
        #expect(result.diagnostics.filter { $0.severity == .warning }.isEmpty)
    }

    @Test func theCSVReaderRecordsEachAccountsPayer() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cur.csv").path
        try Self.consolidatedCUR.write(toFile: path, atomically: true, encoding: .utf8)
        try Self.checkConsolidated(try Self.ingest(curFiles: [path]))
    }

    @Test(.enabled(if: Pyarrow.testsRun), arguments: ["athena", "cur2"])
    func theParquetReaderRecordsEachAccountsPayer(layout: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var cur = Self.consolidatedCUR
        if layout == "cur2" {
            // CUR 2.0 spelling: snake_case (`bill_payer_account_id`).
            let names = Self.legacyHeader.split(separator: ",").map { name in
                name.split(separator: "/").map { part in
                    part.reduce(into: "") { text, character in
                        if character.isUppercase, !text.isEmpty, !(text.last!.isUppercase) { text += "_" }
                        text += character.lowercased()
                    }
                }.joined(separator: "_")
            }.map { $0 == "product_region" ? "product_region_code" : $0 }
            cur = names.joined(separator: ",") + cur.drop { $0 != "\n" }
            #expect(names.contains("bill_payer_account_id"))
        }
        let csv = folder.appendingPathComponent("cur.csv").path
        let parquet = folder.appendingPathComponent("cur.parquet").path
        try cur.write(toFile: csv, atomically: true, encoding: .utf8)
        let converted = try Pyarrow.run(["python3", RepositoryPaths.root + "/scripts/cur-to-parquet", "--layout", layout, csv, parquet])
        try #require(converted.status == 0, "\(converted.output)")
        try Self.checkConsolidated(try Self.ingest(curFiles: [parquet]))
    }

    @Test func theFOCUSReaderReadsTheBillingAccountAsPayer() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("cur.csv").path
        let focus = folder.appendingPathComponent("focus.csv").path
        try Self.consolidatedCUR.write(toFile: csv, atomically: true, encoding: .utf8)
        let converted = try ToolProcess.run(["python3", RepositoryPaths.root + "/scripts/cur-to-focus", "--output", focus, csv])
        try #require(converted.status == 0, "\(converted.output)")
        #expect(try String(contentsOfFile: focus, encoding: .utf8).contains("BillingAccountId"))
        try Self.checkConsolidated(try Self.ingest(curFiles: [focus]))
    }

    @Test func theAggregateReaderRecordsEachAccountsPayer() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("aggregate.csv").path
        let rows = [
            (Self.payer, "111111111111", "alpha", "4000000000", "66666.8"), (Self.payer, "222222222222", "beta", "3000000000", "50000.1"),
            (Self.payer, "222222222222", "gamma", "1000000000", "16666.7"), (Self.otherPayer, "333333333333", "delta", "4000000000", "66666.8"),
        ].map { payer, account, name, amount, cost in
            ["1", "lambda", "2026-10", payer, account, "AWSLambda", "Usage", "Lambda-GB-Second", "us-east-1",
             "arn:aws:lambda:us-east-1:\(account):function:\(name)", "false", "2026-10-05T10:00:00Z", amount, cost,
             "", "", "", "", "", "1", "", "", ""].joined(separator: ",")
        }
        try ([BillingRulesTests.aggregateHeader] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        try Self.checkConsolidated(try Self.ingest(aggregateFiles: [path]))
    }

    /// A CUR without a payer column: no payers recorded, each account its own payer, as before.
    @Test func withoutAPayerColumnEachAccountIsItsOwnPayer() throws {
        let result = try IngestStage().run(IngestStage.Input(curFiles: [fixturePath("cur/spelling-legacy.csv")], metricsFiles: [],
                                                             month: nil, regions: .builtIn))
        #expect(result.ledger.payers.isEmpty)
        let functions = try FunctionCostStage().run(result).functions
        #expect(!functions.isEmpty)
        #expect(functions.allSatisfy { $0.payerAccountID == nil && $0.payer == $0.function.accountID })
    }

    /// Account 222… billed to payer 999… (line 3) and then to payer 777… (line 5): one warning at line 5, and the
    /// account pooled under the lowest payer ID, 777…, whichever order the rows come in. A further row of a payer
    /// already seen warns no more.
    @Test func anAccountUnderTwoPayersWarnsAndTakesTheLowestPayer() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = [
            Self.legacyRow(1, payer: Self.payer, account: "111111111111", name: "alpha", gbSeconds: "10", cost: "0.000166667"),
            Self.legacyRow(2, payer: Self.payer, account: "222222222222", name: "beta", gbSeconds: "10", cost: "0.000166667"),
            Self.legacyRow(3, payer: Self.payer, account: "222222222222", name: "gamma", gbSeconds: "10", cost: "0.000166667"),
            Self.legacyRow(4, payer: "777777777777", account: "222222222222", name: "gamma", gbSeconds: "10", cost: "0.000166667"),
            Self.legacyRow(5, payer: Self.payer, account: "222222222222", name: "gamma", gbSeconds: "10", cost: "0.000166667"),
            Self.legacyRow(6, payer: "777777777777", account: "222222222222", name: "beta", gbSeconds: "10", cost: "0.000166667"),
        ]
        for (name, order) in [("forward.csv", rows), ("reversed.csv", Array(rows.reversed()))] {
            let path = folder.appendingPathComponent(name).path
            try ([Self.legacyHeader] + order).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            let result = try Self.ingest(curFiles: [path])
            #expect(result.ledger.payers == ["111111111111": Self.payer, "222222222222": "777777777777"], "\(name)")
            let warnings = result.diagnostics.filter { $0.severity == .warning }
            #expect(warnings.count == 1, "\(name): \(warnings)")
            // The first row of the second payer seen: line 5 (header = line 1) forward; reversed, row 5 is line 3.
            let line = name == "forward.csv" ? 5 : 3
            let seen = name == "forward.csv" ? ("777777777777", Self.payer) : (Self.payer, "777777777777")
            #expect(warnings.first?.location?.file == path)
            #expect(warnings.first?.location?.line == line)
            #expect(warnings.first?.message.contains("account 222222222222 is billed to payer \(seen.0) here but to payer \(seen.1)") == true,
                    "\(warnings)")
            let functions = try FunctionCostStage().run(result).functions
            #expect(functions.filter { $0.function.accountID == "222222222222" }.allSatisfy { $0.payer == "777777777777" })
        }
    }
}
