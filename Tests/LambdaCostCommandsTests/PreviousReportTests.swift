import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// `--previous`: an earlier report's folder read back exactly, including text cells the report guarded
/// against formula injection.
@Suite struct PreviousReportTests {
    /// Makes the fixture's October report pass for September's: its manifest's month, and the month its
    /// opportunities are open since.
    static func relabelAsSeptember(_ folder: String) throws {
        let manifestPath = folder + "/manifest.json"
        try String(contentsOfFile: manifestPath, encoding: .utf8).replacingOccurrences(of: "\"month\" : \"2026-10\"", with: "\"month\" : \"2026-09\"")
            .write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let opportunitiesPath = folder + "/opportunities.csv"
        try String(contentsOfFile: opportunitiesPath, encoding: .utf8).replacingOccurrences(of: ",2026-10\r\n", with: ",2026-09\r\n")
            .write(toFile: opportunitiesPath, atomically: true, encoding: .utf8)
    }

    @Test func anEarlierReportIsReadBackExactly() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = CommandRun.run(["report", "--input", EndToEndTests.fixture, "--output", folder + "/a", "--templates", TestPaths.templates,
                                    "--pricing", TestPaths.pricing, "--quiet"])
        #expect(first.status == 0)
        // Pretend the same figures were September's report.
        let earlier = folder + "/a/2026-10"
        let manifestPath = earlier + "/manifest.json"
        try Self.relabelAsSeptember(earlier)

        let previous = try PreviousReportReader().read(folder: earlier)
        #expect(previous.month == BillingMonth(year: 2026, month: 9))
        let imageResize = FunctionIdentity(accountID: "004519876321", region: "eu-west-1", name: "image-resize")
        #expect(previous.costs.functionCosts[imageResize] == FixedDecimal(parsing: "0.68667"))
        #expect(previous.costs.teamNames?[imageResize] == "=HYPERLINK(\"http://x\",\"y\")")  // the guarding ' removed
        // The comparison is on the Lambda cost (effective): orders-api, billed 6.600012, is read at 6.48001.
        let ordersAPI = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "orders-api")
        #expect(previous.costs.functionCosts[ordersAPI] == FixedDecimal(parsing: "6.48001"))

        let second = CommandRun.run(["report", "--input", EndToEndTests.fixture, "--output", folder + "/b", "--templates", TestPaths.templates,
                                     "--pricing", TestPaths.pricing, "--quiet", "--previous", earlier])
        #expect(second.status == 0, "\(second.standardError)")
        let page = try String(contentsOfFile: folder + "/b/2026-10/changes.html", encoding: .utf8)
        #expect(page.contains("Compared with 2026-09, from the earlier report in \(earlier)."))
        // The same functions with the same costs: every change is zero and no function is new or vanished.
        #expect(!page.contains("New functions") && !page.contains("Functions without usage"))
        #expect(page.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td><td class=\"num\">$0.69</td><td class=\"num\">$0.69</td><td class=\"num\">$0.00</td>"))

        // A report that predates the effective column is read at its billed cost.
        let older = folder + "/older"
        try FileManager.default.createDirectory(atPath: older, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: manifestPath, toPath: older + "/manifest.json")
        try FileManager.default.copyItem(atPath: earlier + "/opportunities.csv", toPath: older + "/opportunities.csv")
        try "account_id,region,function_name,unblended_cost_usd\r\n004519876321,us-east-1,orders-api,6.6000120000\r\n"
            .write(toFile: older + "/functions.csv", atomically: true, encoding: .utf8)
        #expect(try PreviousReportReader().read(folder: older).costs.functionCosts == [ordersAPI: FixedDecimal(parsing: "6.600012")!])

        // Amounts that add up past 10¹² (whose sums would overflow) are an error at their line, not a crash.
        try "account_id,region,function_name,unblended_cost_usd\r\n004519876321,us-east-1,a,99999999999999\r\n004519876321,us-east-1,a,99999999999999\r\n"
            .write(toFile: older + "/functions.csv", atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try PreviousReportReader().read(folder: older) }
        do {
            _ = try PreviousReportReader().read(folder: older)
        } catch {
            #expect("\(error)".hasPrefix("\(older)/functions.csv:2: error: the amounts read add up to more than 10^12"))
        }

        // A report of the same month is not an earlier one.
        let same = CommandRun.run(["report", "--input", EndToEndTests.fixture, "--output", folder + "/c", "--templates", TestPaths.templates,
                                   "--pricing", TestPaths.pricing, "--quiet", "--previous", folder + "/b/2026-10"])
        #expect(same.status == 1)
        #expect(same.standardError.contains("the earlier report is of 2026-10, which is not before 2026-10"))
    }
}
