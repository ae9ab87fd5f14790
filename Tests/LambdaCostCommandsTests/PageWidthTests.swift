import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The sample's pages laid out in headless Chromium at 900 px and 1400 px: none may be wider than its viewport
/// (at 900 px a wide table may scroll inside its `.table-wrap`; at 1400 px every table fits, so no column hides
/// past the frame's edge). Runs where Chromium is installed, and under CI always (`.ci/run` installs Debian's
/// `chromium`).
@Suite(.serialized, .enabled(if: Chromium.testsRun, "Chromium is not installed (apt-get install chromium); under CI it runs and fails"))
struct PageWidthTests {
    static let widths = [900, 1400]

    @Test func noPageOfTheSampleIsWiderThanTheViewport() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let options = ReportPipeline.Options(
            inputs: [RepositoryPaths.sample], pricingDirectory: TestPaths.pricing, outputDirectory: output,
            templatesDirectory: TestPaths.templates)
        let outcome = try ReportPipeline(options: options).run()
        let files = GoldenFiles.files(under: outcome.folder)
        // The sample's function with a provisioned-concurrency schedule, an opportunity and a finding.
        let function = try #require(files.first { $0.hasPrefix("functions/") && $0.hasSuffix("_checkout-api.html") })
        let team = try #require(files.filter { $0.hasPrefix("teams/") && $0.hasSuffix(".html") }.sorted().first)
        let pages = ["index.html", "findings.html", "savings-plans.html", "changes.html", function, team]
        for page in pages { #expect(files.contains(page), "the sample report lacks \(page)") }

        // A page known to be too wide proves that the measurement sees an overflow.
        let control = output + "/too-wide.html"
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><title>Too wide</title></head><body><div style=\"width: 1600px\">wide</div><div class=\"table-wrap\" style=\"overflow-x: auto\"><table style=\"width: 1600px\"><tr><th>Wide table</th></tr></table></div></body></html>"
            .write(toFile: control, atomically: true, encoding: .utf8)

        let measurements = try Chromium.measure(
            pages.map { ($0, outcome.folder + "/" + $0) } + [("too-wide.html", control)], widths: Self.widths)
        for measurement in measurements {
            // The iframe is the viewport asked for: its client width is that width less at most a scroll bar.
            #expect((measurement.width - 24...measurement.width).contains(measurement.clientWidth), "\(measurement)")
            if measurement.page == "too-wide.html" {
                #expect(measurement.overflows, "the control page measured \(measurement.scrollWidth) px at \(measurement.width) px")
                #expect(measurement.scrollingTables == ["Wide table"])
            } else {
                #expect(!measurement.overflows,
                        "\(measurement.page) is \(measurement.scrollWidth) px wide in a \(measurement.clientWidth) px viewport (\(measurement.width) px window)")
                if measurement.width >= 1400 {
                    #expect(measurement.scrollingTables.isEmpty,
                            "\(measurement.page) at \(measurement.width) px: tables wider than their frame: \(measurement.scrollingTables)")
                }
            }
        }
    }

    /// `changes.html` with the month before followed up (its nine-column table, long notes) and compared.
    @Test func theChangesPageWithAFollowUpFitsTheViewport() throws {
        let output = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        for month in ["2026-09", "2026-10"] {
            let options = ReportPipeline.Options(
                inputs: [FollowUpReportTests.fixture + "/" + month], pricingDirectory: TestPaths.pricing, outputDirectory: output,
                templatesDirectory: TestPaths.templates)
            _ = try ReportPipeline(options: options).run()
        }
        let page = output + "/2026-10/changes.html"
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("id=\"follow-up\""))
        for measurement in try Chromium.measure([("changes.html", page)], widths: Self.widths) {
            #expect(!measurement.overflows, "\(measurement)")
            if measurement.width >= 1400 { #expect(measurement.scrollingTables.isEmpty, "\(measurement)") }
        }
    }
}
