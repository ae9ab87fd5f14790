import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The cases of issue 13 that the readers' one rule set answers: each once crashed, lost or misfiled money.
@Suite struct IngestRuleCaseTests {
    static let october = BillingMonth(year: 2026, month: 10)!

    /// A fresh folder with the given files written into it (relative path → text).
    static func folder(_ files: [String: String]) throws -> String {
        let folder = RepositoryPaths.temporaryFolder()
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func ingest(cur: [String] = [], aggregate: [String] = [], month: BillingMonth? = october) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: cur, month: month)
        input.aggregateFiles = aggregate
        return try IngestStage().run(input)
    }

    static let aggregateHeader = BillingRulesTests.aggregateHeader

    static func aggregateLambda(amount: String = "100", cost: String = "0.00166667", rows: String = "1") -> String {
        ["1", "lambda", "2026-10", "999988887777", "111122223333", "AWSLambda", "Usage", "Lambda-GB-Second", "us-east-1",
         BillingRulesTests.resource, "false", "2026-10-05T10:00:00Z", amount, cost, "", "", "", "", "", rows, "", "", ""]
            .joined(separator: ",")
    }

    // MARK: - The aggregate goes through the CUR reader's rules

    @Test func theAggregateRejectsNegativeUsage() throws {
        let folder = try Self.folder(["a.csv": Self.aggregateHeader + "\n" + Self.aggregateLambda(amount: "-40") + "\n"
            + Self.aggregateLambda() + "\n"])
        let result = try Self.ingest(aggregate: [folder + "/a.csv"])
        #expect(result.rejects.examples.map(\.reason) == ["expected a usage amount of 0 or more in 'usage_amount', found \"-40\""])
        #expect(result.rejects.examples.map(\.location.line) == [2])
        #expect(result.rows == IngestResult.RowCounts(read: 2, lambda: 1, otherServices: 0, rejected: 1, outsideMonth: 0))
        #expect(result.totals.rejected == dec("0.00166667"))
        #expect(result.totals.reconciles)
        // Re-pricing, which once trapped on a function with a negative total, runs.
        let costs = try FunctionCostStage().run(result)
        #expect(costs.functions.map(\.gbSeconds) == [dec("100")])
    }

    @Test func anImplausibleRowCountIsRejectedNotAnOverflow() throws {
        let folder = try Self.folder(["a.csv": Self.aggregateHeader + "\n" + Self.aggregateLambda(rows: String(Int64.max)) + "\n"
            + Self.aggregateLambda(rows: String(Int64.max)) + "\n" + Self.aggregateLambda(rows: "3") + "\n"])
        let result = try Self.ingest(aggregate: [folder + "/a.csv"])
        #expect(result.rejects.count == 2)
        #expect(result.rejects.examples.first?.reason
            == "expected a whole number of rows from 1 to 1000000000000 in 'rows', found \"\(Int64.max)\"")
        #expect(result.rows == IngestResult.RowCounts(read: 5, lambda: 3, otherServices: 0, rejected: 2, outsideMonth: 0))
        #expect(result.totals.reconciles)
    }

    @Test func amountsPastTheMagnitudeGuardStopTheAggregateWithTheirPlace() throws {
        let folder = try Self.folder(["a.csv": Self.aggregateHeader + "\n" + Self.aggregateLambda(cost: "1e14") + "\n"
            + Self.aggregateLambda(cost: "1e14") + "\n"])
        #expect {
            try Self.ingest(aggregate: [folder + "/a.csv"])
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("\(folder)/a.csv:2:") && text.contains("add up to more than 10^12 in absolute value with \"1e14\" in 'unblended_cost'")
        }
    }

    // MARK: - Free tier without pricing/RateCode

    /// An older CUR: no `pricing/RateCode`, the free tier told by the description and the empty term.
    static let olderCUR = """
        lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId,lineItem/LineItemDescription,pricing/term,pricing/publicOnDemandCost,product/regionCode
        Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,200000,0,arn:aws:lambda:us-east-1:111122223333:function:free-fn,"AWS Lambda - Compute Free Tier - 400,000 GB-Seconds - US East (Northern Virginia)",,3.333334,us-east-1
        Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Request,500000,0,arn:aws:lambda:us-east-1:111122223333:function:free-fn,,,0.1,us-east-1
        Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,1000,0.0166667,arn:aws:lambda:us-east-1:111122223333:function:paid-fn,AWS Lambda - Total Compute - US East (Northern Virginia),OnDemand,0.0166667,us-east-1

        """

    @Test func freeTierRowsOfACURWithoutRateCodesAreFreeTier() throws {
        let folder = try Self.folder(["cur.csv": Self.olderCUR])
        let result = try Self.ingest(cur: [folder + "/cur.csv"])
        let charges = Dictionary(grouping: result.ledger.cells, by: { $0.key.function.name }).mapValues { Set($0.map(\.key.charge)) }
        #expect(charges["free-fn"] == [.freeTierUsage])  // one by its description, one by its empty term
        #expect(charges["paid-fn"] == [.usage])

        // A $0 function gets no Graviton saving larger than its cost.
        let catalog = try CatalogLoader().run(RepositoryPaths.pricing)
        let costs = try FunctionCostStage().run(result)
        let repriced = try RepricingStage().run(RepricingStage.Input(functions: costs.functions, catalog: catalog, billHasPublicOnDemandCost: true))
        let scenarios = try ScenarioStage().run(ScenarioStage.Input(
            functions: repriced.functions, anomalies: costs.anomalies, catalog: catalog, configuration: ReportConfiguration()))
        for opportunity in scenarios.opportunities {
            let cost = try #require(repriced.functions.first { $0.function == opportunity.function }).unblendedCost
            #expect(opportunity.monthlySavings <= cost, "\(opportunity.scenario) on \(opportunity.function.name)")
        }
    }

    // MARK: - Tags, deliveries, copies

    @Test func tagKeysThatDifferOnlyInCaseStaySeparate() throws {
        let folder = try Self.folder(["cur.csv": """
            lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId,resourceTags/user:Team,resourceTags/user:team,resourceTags/user:owner
            Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,10,0.000166667,arn:aws:lambda:us-east-1:111122223333:function:fn,Payments,payments-old,ana

            """])
        let result = try Self.ingest(cur: [folder + "/cur.csv"])
        let function = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "fn")
        #expect(result.ledger.tags(of: function) == ["Team": "Payments", "owner": "ana", "team": "payments-old"])
    }

    static let withoutLineItemIDs = """
        bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId
        999988887777,2026-10-01T00:00:00Z,Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,10,0.000166667,arn:aws:lambda:us-east-1:111122223333:function:fn
        999988887777,2026-10-01T00:00:00Z,Usage,111122223333,2026-10-05T11:00:00Z,AWSLambda,Lambda-GB-Second,12,0.0002,arn:aws:lambda:us-east-1:111122223333:function:fn
        999988887777,2026-10-01T00:00:00Z,Usage,111122223333,2026-10-05T11:00:00Z,AmazonS3,TimedStorage-ByteHrs,1,0.023,

        """

    @Test func theSameRecordsTwiceWithoutLineItemIDsAreRefused() throws {
        let folder = try Self.folder(["cur.csv": Self.withoutLineItemIDs])
        // The same month compressed beside it: other bytes on disk, the same records.
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -n -c '\(folder)/cur.csv' > '\(folder)/cur.csv.gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        #expect {
            try Self.ingest(cur: [folder + "/cur.csv", folder + "/cur.csv.gz"])
        } throws: { error in
            String(describing: error).contains("holds the same records as \(folder)/cur.csv")
        }
    }

    @Test func twoDeliveriesWithoutAPayerAndDifferentLineItemsDoNotCrashTheComparison() throws {
        let header = "bill/PayerAccountId,bill/BillingPeriodStartDate,identity/LineItemId,identity/TimeInterval,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId"
        func row(_ id: String, _ amount: String) -> String {
            ",2026-10-01T00:00:00Z,\(id),2026-10-05T10:00:00Z/2026-10-05T11:00:00Z,Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,\(amount),0.0001,arn:aws:lambda:us-east-1:111122223333:function:fn"
        }
        let folder = try Self.folder([
            "a/cur.csv": header + "\n" + row("aaa", "6") + "\n",
            "b/cur.csv": header + "\n" + row("bbb", "7") + "\n",
        ])
        let result = try Self.ingest(cur: [folder + "/a/cur.csv", folder + "/b/cur.csv"])
        #expect(result.rows.lambda == 2)
    }
}

/// Rejected rows are written to disk as they are found: memory holds the first ones and counts, `rejects.csv` all.
@Suite struct RejectLogTests {
    @Test func everyRejectedRowReachesTheLogWhileMemoryKeepsExamplesAndCounts() throws {
        let header = "lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/CurrencyCode"
        var text = header + "\n"
        let count = RejectLog.exampleLimit + 1_500
        for index in 0..<count {
            text += "Usage,111122223333,2026-10-05T10:00:00Z,AmazonS3,TimedStorage,1,\(index),EUR\n"
        }
        // One row of November, which is not reported.
        text += "Usage,111122223333,2026-11-05T10:00:00Z,AmazonS3,TimedStorage,1,7,EUR\n"
        let folder = try IngestRuleCaseTests.folder(["eur.csv": text])
        let path = folder + "/eur.csv"
        let result = try IngestRuleCaseTests.ingest(cur: [path])
        #expect(result.rejects.count == count)
        #expect(result.rejects.examples.count == RejectLog.exampleLimit)
        #expect(result.rejects.files == [RejectedRows.File(path: path, records: count, rows: count, cost: FixedDecimal(count * (count - 1) / 2), withoutCost: 0)])
        #expect(result.totals.rejected == FixedDecimal(count * (count - 1) / 2))

        var records: [String] = []
        try result.rejects.writeRecords { records.append(String(decoding: $0, as: UTF8.self)) }
        #expect(records.count == count)
        #expect(records.first == "\(path),2,67,\"expected currency 'USD' in 'lineItem/CurrencyCode', found \"\"EUR\"\" (the report is in USD)\","
            + "0.0000000000,\"Usage,111122223333,2026-10-05T10:00:00Z,AmazonS3,TimedStorage,1,0,EUR\"\r\n")
        #expect(records.last?.hasPrefix("\(path),\(count + 1),70,") == true)
        #expect(records.allSatisfy { $0.hasSuffix("\r\n") })
    }
}

/// A metrics file full of bad rows lists its first problems and counts the rest, like a CUR's rejects.
@Suite struct MetricsDiagnosticLimitTests {
    @Test func metricsProblemsAreListedUpToTheLimitPerFile() throws {
        var text = "account_id,region,function_name,memory_mb\n"
        let bad = MetricsReader.diagnosticLimit + 30
        for index in 0..<bad { text += "111122223333,us-east-1,fn-\(index),lots\n" }
        text += "111122223333,us-east-1,good,512\n"
        let folder = try IngestRuleCaseTests.folder(["metrics.csv": text])
        var metrics: [FunctionIdentity: FunctionMetrics] = [:]
        var diagnostics: [Diagnostic] = []
        try MetricsReader().read(path: folder + "/metrics.csv", into: &metrics, diagnostics: &diagnostics)
        #expect(diagnostics.filter { $0.severity == .error }.count == MetricsReader.diagnosticLimit)
        #expect(diagnostics.first?.description == "\(folder)/metrics.csv:2:29: error: expected a non-negative decimal number in 'memory_mb', found \"lots\"")
        #expect(diagnostics.last?.description.hasSuffix("\(folder)/metrics.csv: 30 more problems in the metrics file are not listed") == true)
        #expect(metrics[FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "good")]?.memoryMB == 512)
        #expect(metrics.count == bad + 1)  // the bad rows keep their function, without the value
    }

    /// The streamed response sizes (`docs/metrics.md`) are read like the other columns, within the same bound.
    @Test func streamedResponseSizesAreRead() throws {
        let text = "account_id,region,function_name,avg_streamed_bytes,p99_streamed_bytes\n"
            + "111122223333,us-east-1,streamer,10485760,26214400.5\n"
            + "111122223333,us-east-1,huge,1,1000000000001\n"
        let folder = try IngestRuleCaseTests.folder(["metrics.csv": text])
        var metrics: [FunctionIdentity: FunctionMetrics] = [:]
        var diagnostics: [Diagnostic] = []
        try MetricsReader().read(path: folder + "/metrics.csv", into: &metrics, diagnostics: &diagnostics)
        let streamer = metrics[FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "streamer")]
        #expect(streamer?.averageStreamedBytes == FixedDecimal(10_485_760))
        #expect(streamer?.p99StreamedBytes == FixedDecimal(parsing: "26214400.5"))
        let huge = metrics[FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "huge")]
        #expect(huge?.averageStreamedBytes == FixedDecimal(1) && huge?.p99StreamedBytes == nil)
        #expect(diagnostics.count == 1 && diagnostics.first?.description.contains("metrics.csv:3:") == true)
    }
}

/// Cases a review of the rule set found: months at the ends of the calendar, an aggregate's rejected record of many
/// rows, map tags differing in case, an aggregate's free-tier flag on a charged record.
@Suite struct IngestEdgeCaseTests {
    @Test func monthsAtTheEndsOfTheCalendarAreReportedNotTrapped() throws {
        let last = try IngestRuleCaseTests.folder(["a.csv": IngestRuleCaseTests.aggregateHeader + "\n"
            + IngestRuleCaseTests.aggregateLambda().replacingOccurrences(of: "2026-10,", with: "9999-12,") + "\n"])
        let result = try IngestRuleCaseTests.ingest(aggregate: [last + "/a.csv"], month: BillingMonth(year: 9999, month: 12))
        #expect(result.rows.lambda == 1)
        #expect(result.totals.reconciles)

        let first = try IngestRuleCaseTests.folder(["cur.csv": """
            lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId
            Usage,111122223333,1970-01-01T05:00:00Z,AWSLambda,Lambda-GB-Second,10,0.000166667,arn:aws:lambda:us-east-1:111122223333:function:fn

            """])
        let early = try IngestRuleCaseTests.ingest(cur: [first + "/cur.csv"], month: nil)
        #expect(early.month == BillingMonth(year: 1970, month: 1))
        #expect(ReportWorkbook.completeness(early) == "no: data up to 1970-01-01 05:00 UTC")  // the workbook's Summary row
        #expect(early.previousMonth == nil)
        #expect(BillingMonth("1969-12") == nil && BillingMonth("10000-01") == nil)
        #expect(BillingMonth(year: 1970, month: 1)?.previous.description == "1969-12")
        #expect(BillingMonth(year: 9999, month: 12)?.next.description == "10000-01")
    }

    @Test func anAggregateRejectedRecordCountsItsRowsEverywhere() throws {
        let rejected = ["1", "rejected", "2026-10", "999988887777", "111122223333", "AWSLambda", "Usage", "Lambda-GB-Second", "us-east-1",
                        BillingRulesTests.resource, "false", "2026-10-05T10:00:00Z", "", "", "", "", "", "", "", "1", "", "query reason", ""]
            .joined(separator: ",")
        let many = IngestRuleCaseTests.aggregateLambda(amount: "lots", rows: "1000")  // rejected by the reader: 1,000 rows
        let folder = try IngestRuleCaseTests.folder(["a.csv": IngestRuleCaseTests.aggregateHeader + "\n" + rejected + "\n" + many + "\n"])
        let result = try IngestRuleCaseTests.ingest(aggregate: [folder + "/a.csv"])
        #expect(result.rows.rejected == 1_001)
        #expect(result.rejects.count == 1_001)
        #expect(result.rejects.records == 2)
        #expect(result.rejectedRowsWithoutCost == 1)
        #expect(result.rejects.withoutCost == 1)
        #expect(result.totals.rejected == dec("0.00166667"))
        #expect(result.totals.reconciles)
    }

    @Test func mapTagKeysThatDifferOnlyInCaseStaySeparate() throws {
        let folder = try IngestRuleCaseTests.folder(["cur2.csv": """
            line_item_line_item_type,line_item_usage_account_id,line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_unblended_cost,line_item_resource_id,product_region_code,resource_tags
            Usage,111122223333,2026-10-05T10:00:00Z,AWSLambda,Lambda-GB-Second,10,0.000166667,arn:aws:lambda:us-east-1:111122223333:function:fn,us-east-1,"{""user_Team"":""Payments"",""user_team"":""old"",""user_owner"":""ana""}"

            """])
        let result = try IngestRuleCaseTests.ingest(cur: [folder + "/cur2.csv"])
        let function = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "fn")
        #expect(result.ledger.tags(of: function) == ["Team": "Payments", "owner": "ana", "team": "old"])
    }

    @Test func anAggregatesFreeTierFlagCountsOnlyOnUsageAtCostZero() throws {
        let charged = IngestRuleCaseTests.aggregateLambda().replacingOccurrences(of: ",false,", with: ",true,")
        let folder = try IngestRuleCaseTests.folder(["a.csv": IngestRuleCaseTests.aggregateHeader + "\n" + charged + "\n"])
        let result = try IngestRuleCaseTests.ingest(aggregate: [folder + "/a.csv"])
        #expect(result.ledger.cells.map(\.key.charge) == [.usage])
    }
}

/// The ledger's memory budget is the run's, shared by the months of the input (a synced prefix holds many).
@Suite struct LedgerBudgetTests {
    @Test func monthsShareTheCellBudgetAndLoseNoCell() throws {
        var text = "lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/ResourceId\n"
        for month in ["08", "09", "10"] {
            for hour in 0..<30 {
                let time = "2026-\(month)-\(String(format: "%02d", 1 + hour / 24))T\(String(format: "%02d", hour % 24)):00:00Z"
                text += "Usage,111122223333,\(time),AWSLambda,Lambda-GB-Second,\(hour + 1),0.0001,arn:aws:lambda:us-east-1:111122223333:function:fn\n"
            }
        }
        let folder = try IngestRuleCaseTests.folder(["cur.csv": text])
        func ingest(limit: Int) throws -> IngestResult {
            var input = IngestStage.Input(curFiles: [folder + "/cur.csv"], month: IngestRuleCaseTests.october)
            input.memoryCellLimit = limit
            return try IngestStage().run(input)
        }
        let small = try ingest(limit: 12)
        let large = try ingest(limit: 1 << 17)
        #expect(small.ledger.memoryCellLimit == 4)  // 12 cells shared by three months
        #expect(small.ledger.cells == large.ledger.cells)
        #expect(small.ledger.cells.count == 30)
        #expect(small.previousMonth != nil)
        #expect(small.totals == large.totals)
    }
}
