import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// The month a run reports (issue 13, item 6) from the command line: a stray row of a later period, monthly and
/// daily granularity, the hourly aggregate, `--month` the input does not hold (`--allow-empty`), an ambiguous
/// choice under `--strict`, and the incomplete-month flag in the summary, the manifest and the pages.
@Suite struct MonthChoiceTests {
    static let header = "identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,product/region"

    /// A Lambda request row of billing period `period` (`2026-10`) from `start` to `end` (`2026-10-01T00`).
    static func lambda(_ id: String, _ period: String, _ start: String, _ end: String, _ cost: String) -> String {
        "\(id),004519876321,\(period)-01T00:00:00Z,004519876321,Usage,\(start):00:00Z,\(end):00:00Z,AWSLambda,Request,arn:aws:lambda:us-east-1:004519876321:function:orders-api,1000,USD,\(cost),us-east-1"
    }

    /// An S3 storage row.
    static func s3(_ id: String, _ period: String, _ start: String, _ end: String, _ cost: String) -> String {
        "\(id),004519876321,\(period)-01T00:00:00Z,004519876321,Usage,\(start):00:00Z,\(end):00:00Z,AmazonS3,TimedStorage-ByteHrs,example-bucket,10,USD,\(cost),us-east-1"
    }

    /// Hourly October rows at 10:00 on nine days (the last at 23:00 on the 31st), $1 each.
    static let october = [1, 5, 9, 13, 17, 21, 25, 29, 31].map { day -> String in
        let two = day < 10 ? "0\(day)" : "\(day)"
        let hour = day == 31 ? "23" : "10"
        let end = day == 31 ? "2026-11-01T00" : "2026-10-\(two)T11"
        return lambda("o\(day)", "2026-10", "2026-10-\(two)T\(hour)", end, "1")
    }

    static func write(_ rows: [String], in folder: String, name: String = "cur.csv", header: String = Self.header) throws -> String {
        let path = folder + "/" + name
        try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func validate(_ input: String, _ extra: [String] = []) -> CommandRun {
        CommandRun.run(["validate", "--input", input, "--pricing", TestPaths.pricing] + extra)
    }

    static func report(_ input: String, in folder: String, _ extra: [String] = []) -> CommandRun {
        CommandRun.run(["report", "--input", input, "--output", folder + "/out", "--templates", TestPaths.templates,
                        "--pricing", TestPaths.pricing, "--summary-json", folder + "/summary.json"] + extra)
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The month folders written (beside them, the site of all months: `index.html`).
    static func outputs(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []).filter { $0 != SiteIndex.fileName }.sorted()
    }

    // MARK: The users' cases

    @Test func oneRowOfALaterPeriodCannotHijackTheReport() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // One S3 row of billing period 2027-01, dated 2027-01-31 (its own period), in an October file.
        let input = try Self.write(Self.october + [Self.s3("stray", "2027-01", "2027-01-31T00", "2027-02-01T00", "0.02")], in: folder)
        let run = Self.report(input, in: folder, ["--strict", "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "" && run.standardError == "")
        #expect(Self.outputs(folder) == ["2026-10"])
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["month"] as? String == "2026-10")
        #expect(summary["month_selection"] as? String == "latest_complete")
        #expect(summary["month_complete"] as? Bool == true)
        #expect(summary["last_usage_hour"] as? String == "2026-10-31T23:00:00Z")
        #expect(summary["functions"] as? Int == 1)
        #expect((summary["totals"] as? [String: String])?["lambda_usd"] == "9")
        #expect((summary["totals"] as? [String: String])?["outside_month_usd"] == "0.02")
        let index = try Self.read(folder + "/out/2026-10/index.html")
        #expect(!index.contains("class=\"incomplete-month\""))

        let validate = Self.validate(input)
        #expect(validate.status == 0)
        #expect(validate.standardOutput.hasPrefix("month: 2026-10 (the latest complete month)\n"))
        #expect(validate.standardError == """
            lambda-cost-report: note: reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2027-01 holds only $0.02 (under 1 % of the $9.00 of charges and credits of 2026-10) and has usage on 1 day only; use --month to choose another
            lambda-cost-report: note: 1 rows belong to other months (2027-01); they are counted apart, not in 2026-10

            """)
    }

    @Test func monthlyGranularityOctoberIsCompleteAndAPartialNovemberIsPassedOver() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Monthly granularity: every row runs from the 1st 00:00 to the next month's 1st (November so far: to the 4th).
        let input = try Self.write([
            Self.lambda("m1", "2026-10", "2026-10-01T00", "2026-11-01T00", "20"),
            Self.s3("m2", "2026-10", "2026-10-01T00", "2026-11-01T00", "10"),
            Self.lambda("n1", "2026-11", "2026-11-01T00", "2026-11-04T00", "2"),
            Self.s3("n2", "2026-11", "2026-11-01T00", "2026-11-04T00", "1"),
        ], in: folder)
        let run = Self.validate(input, ["--strict"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("""
            month: 2026-10 (the latest complete month)
            inputs: 1 CUR file, 0 metrics files
            rows: read 4 = Lambda 1 + other services 1 + rejected 0 + other months 2

            """))
        #expect(run.standardError.hasPrefix(
            "lambda-cost-report: note: reporting 2026-10, the latest complete month (its data reaches its last day); later months passed over: 2026-11 is not complete yet (usage up to 2026-11-03); use --month to choose another\n"))
        let report = Self.report(input, in: folder, ["--quiet"])
        #expect(report.status == 0, "\(report.standardError)")
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["month_complete"] as? Bool == true)
        #expect(summary["last_usage_hour"] as? String == "2026-10-31T23:00:00Z")
    }

    @Test func dailyGranularityIsCompleteOnlyWithItsLastDay() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        /// One daily row: from the day's 00:00 to the next day's.
        func day(_ month: String, _ day: Int) -> String {
            let billing = BillingMonth(month)!
            let start = UsageHour(year: billing.year, month: billing.month, day: day, hour: 0)
            let end = UsageHour(hoursSinceEpoch: start.hoursSinceEpoch + 24)
            return Self.lambda("\(month)-\(day)", month, String(start.description.prefix(13)), String(end.description.prefix(13)), "1")
        }
        let complete = try Self.write((24...31).map { day("2026-10", $0) } + (1...2).map { day("2026-11", $0) }, in: folder, name: "complete.csv")
        let run = Self.validate(complete, ["--strict"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("month: 2026-10 (the latest complete month)\n"))

        // Without the row of the 31st, October stops one day short: reported, flagged incomplete.
        let partial = try Self.write((24...30).map { day("2026-10", $0) }, in: folder, name: "partial.csv")
        let report = Self.report(partial, in: folder, ["--quiet"])
        #expect(report.status == 0, "\(report.standardError)")
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["month"] as? String == "2026-10")
        #expect(summary["month_selection"] as? String == "latest_present")
        #expect(summary["month_complete"] as? Bool == false)
        #expect(summary["last_usage_hour"] as? String == "2026-10-30T23:00:00Z")
    }

    @Test func aMonthTheInputDoesNotHoldIsAnErrorUnlessAllowEmpty() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = try Self.write(Self.october + [Self.s3("stray", "2027-01", "2027-01-31T00", "2027-02-01T00", "0.02")], in: folder)
        let error = "lambda-cost-report: error: --month 2025-01: the input holds no rows of 2025-01 (months in the input: 2026-10, 2027-01); pass --allow-empty to write its empty report anyway [stage: ingest]"
        let validate = Self.validate(input, ["--month", "2025-01"])
        #expect(validate.status == 1)
        #expect(validate.standardOutput == "")
        #expect(validate.standardError == error + "\n")
        #expect(Self.validate(input, ["--month", "2025-01", "--allow-empty"]).status == 0)

        let report = Self.report(input, in: folder, ["--month", "2025-01", "--quiet"])
        #expect(report.status == 1)
        #expect(report.standardError == error + "\n")
        #expect(Self.outputs(folder).isEmpty)
        #expect(try Self.json(folder + "/summary.json")["exit_status"] as? Int == 1)

        let allowed = Self.report(input, in: folder, ["--month", "2025-01", "--allow-empty", "--quiet"])
        #expect(allowed.status == 0, "\(allowed.standardError)")
        #expect(Self.outputs(folder) == ["2025-01"])
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["functions"] as? Int == 0)
        #expect(summary["month_complete"] as? Bool == false)
        #expect(summary["last_usage_hour"] is NSNull)
        let manifest = try Self.json(folder + "/out/2025-01/manifest.json")
        #expect(manifest["month_complete"] as? Bool == false)
        #expect(manifest["last_usage_hour"] is NSNull)
        #expect(try Self.read(folder + "/out/2025-01/index.html").contains(
            "<strong>Incomplete month.</strong> The data of 2025-01 holds no usage: every figure covers part of the month."))
    }

    // MARK: --strict

    @Test func anAmbiguousChoiceFailsUnderStrictAndWritesNoReport() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // October complete ($9 on nine days), November up to the 15th ($7.50 on fifteen days).
        let november = (1...15).map { day in
            Self.lambda("n\(day)", "2026-11", "2026-11-\(day < 10 ? "0" : "")\(day)T10", "2026-11-\(day < 10 ? "0" : "")\(day)T11", "0.5")
        }
        let input = try Self.write(Self.october + november, in: folder)
        let plain = Self.report(input, in: folder, ["--quiet"])
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(Self.outputs(folder) == ["2026-10"])
        try FileManager.default.removeItem(atPath: folder + "/out")

        let strict = Self.report(input, in: folder, ["--quiet", "--strict"])
        #expect(strict.status == 1)
        let message = "the month to report is ambiguous (--strict): 2026-10 is the latest complete month, but 2026-11 holds $7.50 on 15 days and is not complete yet (usage up to 2026-11-15); pass --month with one of 2026-10, 2026-11"
        #expect(strict.standardError == "lambda-cost-report: error: \(message) [stage: ingest]\n")
        #expect(Self.outputs(folder).isEmpty)
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["exit_status"] as? Int == 1)
        #expect(summary["month"] is NSNull && summary["month_complete"] is NSNull)
        #expect(Self.validate(input, ["--strict"]).status == 1)
        // Naming the month settles it.
        #expect(Self.report(input, in: folder, ["--quiet", "--strict", "--month", "2026-10"]).status == 0)
        #expect(Self.outputs(folder) == ["2026-10"])
    }

    // MARK: Rejected rows

    @Test func aRejectedRowWithoutAUsageDateBelongsToItsBillingPeriodOnly() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A November row whose usage start cannot be read, and one whose cost cannot be read: both November's.
        let badDate = Self.lambda("bad1", "2026-11", "2026-11-02T10", "2026-11-02T11", "0.25")
            .replacingOccurrences(of: "2026-11-02T10:00:00Z", with: "yesterday")
        let badCost = Self.lambda("bad2", "2026-11", "2026-11-02T10", "2026-11-02T11", "1,0").replacingOccurrences(of: ",1,0,", with: ",\"1,0\",")
        let input = try Self.write(Self.october + [Self.lambda("n1", "2026-11", "2026-11-02T10", "2026-11-02T11", "0.5"), badDate, badCost], in: folder)
        let october = Self.validate(input)
        #expect(october.status == 0, "\(october.standardError)")
        #expect(october.standardOutput.hasPrefix("""
            month: 2026-10 (the latest complete month)
            inputs: 1 CUR file, 0 metrics files
            rows: read 12 = Lambda 9 + other services 0 + rejected 0 + other months 3
            unblended USD: input 9.75 = Lambda 9 + other services 0 + rejected 0 + other months 0.75

            """))
        let november = Self.validate(input, ["--month", "2026-11"])
        #expect(november.standardOutput.hasPrefix("""
            month: 2026-11 (given with --month)
            inputs: 1 CUR file, 0 metrics files
            rows: read 12 = Lambda 1 + other services 0 + rejected 2 + other months 9
            unblended USD: input 9.75 = Lambda 0.5 + other services 0 + rejected 0.25 + other months 9

            """))
    }

    // MARK: The hourly aggregate

    @Test func theAggregateInputIsWeighedTheSameWay() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = "format_version,record_type,billing_period,usage_account_id,product_code,line_item_type,usage_type,region,resource_id,usage_hour,usage_amount,unblended_cost,rows"
        func record(_ type: String, _ period: String, _ hour: String, _ cost: String) -> String {
            type == "lambda"
                ? "1,lambda,\(period),004519876321,AWSLambda,Usage,Request,us-east-1,arn:aws:lambda:us-east-1:004519876321:function:orders-api,\(hour):00:00Z,1000,\(cost),2"
                : "1,other,\(period),004519876321,AmazonS3,Usage,TimedStorage-ByteHrs,us-east-1,example-bucket,\(hour):00:00Z,10,\(cost),1"
        }
        let october = [1, 5, 9, 13, 17, 21, 25, 31].map { record("lambda", "2026-10", "2026-10-\($0 < 10 ? "0" : "")\($0)T23", "2") }
        let input = try Self.write(october + [record("other", "2027-01", "2027-01-31T00", "0.01")], in: folder, name: "aggregate.csv", header: header)
        let run = Self.validate(input, ["--strict"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("month: 2026-10 (the latest complete month)\ninputs: 0 CUR files, 1 aggregate file, 0 metrics files\n"))
        #expect(run.standardError.contains("later months passed over: 2027-01 holds only $0.01 (under 1 % of the $16.00 of charges and credits of 2026-10) and has usage on 1 day only"))

        // Without an end column a record's hour is its last: a month up to the 13th is incomplete.
        let partial = try Self.write(Array(october.prefix(4)), in: folder, name: "partial.csv", header: header)
        let report = Self.report(partial, in: folder, ["--quiet"])
        #expect(report.status == 0, "\(report.standardError)")
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["month_complete"] as? Bool == false)
        #expect(summary["last_usage_hour"] as? String == "2026-10-13T23:00:00Z")
    }

    // MARK: The incomplete-month flag

    @Test func aPartialMonthIsFlaggedInTheSummaryTheManifestAndEveryPage() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The end-to-end fixture: October 1st and 2nd only.
        let run = CronTests.report(folder + "/out", ["--quiet", "--summary-json", folder + "/summary.json"])
        #expect(run.status == 0)
        let summary = try Self.json(folder + "/summary.json")
        #expect(summary["month_complete"] as? Bool == false)
        #expect(summary["last_usage_hour"] as? String == "2026-10-02T06:00:00Z")
        let month = folder + "/out/2026-10"
        let manifest = try Self.json(month + "/manifest.json")
        #expect(manifest["month_complete"] as? Bool == false)
        #expect(manifest["last_usage_hour"] as? String == "2026-10-02T06:00:00Z")
        let banner = "The data of 2026-10 reaches only 2026-10-02 06:00 UTC (its last hour with usage), before the month's last day: every figure covers part of the month."
        for page in GoldenFiles.files(under: month) where page.hasSuffix(".html") {
            let text = try Self.read(month + "/" + page)
            #expect(text.contains("<p class=\"incomplete-month\" role=\"note\"><strong>Incomplete month.</strong> " + banner), "\(page)")
        }
        #expect(try Self.read(month + "/wiki/report.md").contains("> **Incomplete month:** " + banner.replacingOccurrences(of: "The data", with: "the data")))
        #expect(try Self.read(month + "/wiki/report.confluence.xhtml").contains(
            "<ac:structured-macro ac:name=\"warning\"><ac:parameter ac:name=\"title\">Incomplete month</ac:parameter><ac:rich-text-body><p>\(banner)</p>"))
    }
}
