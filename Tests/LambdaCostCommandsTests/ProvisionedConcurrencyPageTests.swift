import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The provisioned-concurrency table of the sample's savings-plans.html: a schedule as a small chart, not 24
/// numbers; the hours without cold starts as hours; the rates with all their digits.
@Suite struct ProvisionedConcurrencyPageTests {
    @Test func theSampleTableShowsSchedulesAsChartsHoursAndFullRates() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let options = ReportPipeline.Options(
            inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing, outputDirectory: output,
            templatesDirectory: TestPaths.templates)
        let outcome = try ReportPipeline(options: options).run()
        let analyses = outcome.report.provisionedConcurrency
        try #require(analyses.contains { $0.prefersSchedule }, "the sample has a provisioned-concurrency schedule")
        let page = try String(contentsOfFile: outcome.folder + "/savings-plans.html", encoding: .utf8)
        let section = try #require(page.components(separatedBy: "<h2 id=\"pc\">").last)
        let rows = section.components(separatedBy: "<tr><td><code>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
        #expect(rows.count == analyses.count)
        for (row, analysis) in zip(rows, analyses) {
            #expect(row.hasPrefix(analysis.function.name + "</code>"))
            let proposal = analysis.proposal
            #expect(row.contains(">\(proposal.hoursFullyCovered) of \(proposal.hoursWithUsage) h<"), "\(row)")
            if analysis.prefersSchedule {
                #expect(row.contains("<td class=\"schedule\"><svg "))
                #expect(row.contains(proposal.levels.enumerated().map { "\(HeatStrip.hourText($0.offset)) \($0.element)" }
                    .joined(separator: ", ")))
                // The 24 numbers are no longer a run of text in the cell.
                #expect(!row.contains(proposal.levels.map(String.init).joined(separator: " ")))
            } else {
                #expect(row.contains("constant \(proposal.levels[0])"))
            }
        }
        // Each rate with the digits it has in the catalog (the PC rate is 0.0000041667 in us-east-1).
        for analysis in analyses {
            for rate in [analysis.rates.provisionedConcurrency, analysis.rates.provisionedDuration, analysis.rates.onDemandDuration] {
                #expect(section.contains(">$\(rate.description)/GB-s</td>"), "\(rate)")
            }
        }
        #expect(section.contains(">$0.0000041667/GB-s</td>"))
        let index = try String(contentsOfFile: outcome.folder + "/index.html", encoding: .utf8)
        #expect(index.contains("provisioned concurrency rate: <code>$0.0000041667/GB-s</code>"))
        #expect(!index.contains("$0.000004/GB-s"))
        #expect(XHTMLValidator.problems(in: page).isEmpty)
    }
}
