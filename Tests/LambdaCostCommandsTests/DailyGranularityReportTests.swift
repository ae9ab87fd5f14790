import Foundation
import Testing
@testable import LambdaCostKit

/// A month generated with `--granularity daily` (every line item from 00:00Z to 00:00Z of the next day) gives the
/// hourly month's per-function costs and pages without an hourly view.
@Suite struct DailyGranularityReportTests {
    /// The report of the sample-sized month in `granularity`, and its folder (removed by the caller).
    static func run(_ granularity: SampleGranularity) throws -> (outcome: ReportPipeline.Outcome, folder: String) {
        let folder = TestPaths.temporaryFolder()
        let configuration = SampleGenerator.Configuration(
            functions: 24, days: 31, seed: 2026, month: BillingMonth(year: 2026, month: 10)!, granularity: granularity)
        try SampleGenerator.write(configuration: configuration, curTo: folder + "/cur.csv", metricsTo: folder + "/metrics.csv")
        let options = ReportPipeline.Options(
            inputs: [folder + "/cur.csv"], metrics: [folder + "/metrics.csv"], pricingDirectory: TestPaths.pricing,
            month: configuration.month, outputDirectory: folder + "/out", templatesDirectory: TestPaths.templates)
        return (try ReportPipeline(options: options).run(), folder)
    }

    @Test func aDailyMonthReportsTheHourlyCostsWithoutAnHourlyView() throws {
        let (daily, dailyFolder) = try Self.run(.daily)
        defer { try? FileManager.default.removeItem(atPath: dailyFolder) }
        let (hourly, hourlyFolder) = try Self.run(.hourly)
        defer { try? FileManager.default.removeItem(atPath: hourlyFolder) }

        #expect(daily.manifest.rows.lambda * 10 < hourly.manifest.rows.lambda)
        #expect(daily.report.functions.count == 24)
        #expect(daily.report.lambdaBilledCost == hourly.report.lambdaBilledCost)
        // Billed, effective, on-demand and list cost, usage and free tier of every function: the hourly month's.
        let functionsCSV = try String(contentsOfFile: daily.folder + "/functions.csv", encoding: .utf8)
        #expect(functionsCSV == (try String(contentsOfFile: hourly.folder + "/functions.csv", encoding: .utf8)))

        let hourlyChart = "id=\"hourly-cost\""
        let noHourlyView = "the bill has daily granularity, so there is no hourly view"
        let context = RenderContext(report: daily.report)
        var pages = 0
        for function in daily.report.functions {
            guard let page = context.functionPage(function.function) else { continue }
            let dailyPage = try String(contentsOfFile: "\(daily.folder)/\(page).html", encoding: .utf8)
            #expect(!dailyPage.contains(hourlyChart), "\(page)")
            #expect(dailyPage.contains(noHourlyView), "\(page)")
            pages += 1
        }
        #expect(pages == 24)
        // The hourly month draws the view (for its costliest functions at least).
        let costliest = hourly.report.functions.max { $0.effectiveCost < $1.effectiveCost }!
        let hourlyPage = try String(
            contentsOfFile: "\(hourly.folder)/\(RenderContext(report: hourly.report).functionPage(costliest.function)!).html", encoding: .utf8)
        #expect(hourlyPage.contains(hourlyChart) && !hourlyPage.contains(noHourlyView))
    }
}
