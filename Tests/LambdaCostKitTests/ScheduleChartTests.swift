import Foundation
import Testing
@testable import LambdaCostKit

/// The provisioned-concurrency schedule chart: 24 columns by UTC hour, fixed size, the levels in its text.
@Suite struct ScheduleChartTests {
    static let levels = [3, 12, 18, 16, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]

    /// The `height` of each bar, in hour order.
    static func barHeights(_ svg: String) -> [Double] {
        let pattern = try! NSRegularExpression(pattern: #"<rect class="chart-bar" [^>]* height="([0-9.]+)""#)
        return pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
            Double(svg[Range($0.range(at: 1), in: svg)!])!
        }
    }

    @Test func twentyFourColumnsScaledToThePeakWithTheLevelsInWords() {
        let svg = ScheduleChart(id: "schedule-1", title: "analytics-ingest: provisioned concurrency by UTC hour", levels: Self.levels).svg()
        let heights = Self.barHeights(svg)
        #expect(heights.count == 24)
        #expect(heights[2] == 20.0)  // the peak fills the plot
        #expect(heights[1] == 13.3)  // 12 / 18 of it
        #expect(heights[6] == 0.0)
        #expect(heights[23] == 1.5)  // 1 / 18 would be 1.1: a level above zero stays visible
        #expect(svg.contains(">peak 18</text>"))
        #expect(svg.contains("<title>02:00 UTC: 18</title>"))
        #expect(svg.contains("width=\"168.0\" height=\"46.0\""), "a fixed size that fits a table cell")
        #expect(svg.contains("<title id=\"schedule-1-title\">analytics-ingest: provisioned concurrency by UTC hour: 00:00 3, 01:00 12, 02:00 18,"))
        #expect(svg.contains("highest 18 at 02:00; none in 17 of the 24 hours. Levels by hour: 00:00 3,"))
        #expect(svg.contains("23:00 1.</desc>"))
        #expect(XHTMLValidator.problems(in: Self.page(svg)) == [])
    }

    @Test func aPeakReachedInSeveralHoursNamesThemAll() {
        let chart = ScheduleChart(id: "s", title: "t", levels: Array(repeating: 2, count: 12) + Array(repeating: 5, count: 12))
        #expect(chart.textAlternative.hasPrefix("Provisioned concurrency level for each UTC hour of the day: highest 5 at 12:00, 13:00,"))
        #expect(!chart.textAlternative.contains("none in"))
    }

    @Test func titlesAreEscapedAndAnythingButTwentyFourLevelsIsNoData() {
        let hostile = ScheduleChart(id: "s-2", title: "<script>&\"", levels: Self.levels).svg()
        #expect(!hostile.contains("<script>"))
        #expect(XHTMLValidator.problems(in: Self.page(hostile)) == [])
        let constant = ScheduleChart(id: "s-3", title: "constant", levels: [4]).svg()
        #expect(constant.contains(">No data</text>"))
        #expect(Self.barHeights(constant).isEmpty)
    }

    static func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head><meta charset="utf-8" /><title>Schedule</title></head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
