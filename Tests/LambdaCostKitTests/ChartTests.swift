import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// An exact decimal from its text.
private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }

/// Inline SVG charts: well-formed in an XHTML page, escaped, described in words, deterministic.
@Suite struct ChartTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/golden/charts"
    static let hostile = "<script>alert(\"x & 'y'\")</script>\u{0001}]]>"

    /// A minimal polyglot page around chart markup, as the report's pages are.
    static func page(_ body: String, style: String = "") -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Charts</title>
        \(style)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Checks what every chart must be: one `<svg>` root in the SVG namespace with its text alternative, no
    /// script or external reference, and well-formed inside an XHTML page.
    static func expectWellFormedChart(_ svg: String, id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"chart "), sourceLocation: sourceLocation)
        #expect(svg.hasSuffix("</svg>\n"), sourceLocation: sourceLocation)
        #expect(svg.components(separatedBy: "<svg").count == 2, sourceLocation: sourceLocation)
        // Charts scale to their container; only the small "No data" chart has a fixed size.
        #expect(svg.contains("viewBox=\"0 0 640.0 ") && svg.contains("width=\"100%\"")
                || svg.contains("viewBox=\"0 0 240.0 40.0\" width=\"240.0\" height=\"40.0\""), sourceLocation: sourceLocation)
        for required in ["role=\"img\"", "aria-labelledby=\"\(id)-title\"", "aria-describedby=\"\(id)-desc\"",
                         "<title id=\"\(id)-title\">", "<desc id=\"\(id)-desc\">"] {
            #expect(svg.contains(required), "missing \(required)", sourceLocation: sourceLocation)
        }
        for forbidden in ["<script", "href", "url(", "<image", "<foreignObject", "<style", "@import"] {
            #expect(!svg.contains(forbidden), "contains \(forbidden)", sourceLocation: sourceLocation)
        }
        #expect(svg.range(of: #"\son[a-zA-Z]+\s*="#, options: .regularExpression) == nil, "event handler attribute",
                sourceLocation: sourceLocation)
        #expect(XHTMLValidator.problems(in: page(svg)) == [], sourceLocation: sourceLocation)
    }

    // MARK: - Sample charts

    static var regions: HorizontalBarChart {
        HorizontalBarChart(id: "cost-by-region", title: "Lambda cost by region", bars: [
            .init(label: "us-east-1", value: d("1234.5678"), isHighlighted: true),
            .init(label: "eu-west-1", value: d("456.78")),
            .init(label: "ap-southeast-2", value: d("89.999")),
            .init(label: "sa-east-1", value: d("0.004")),
        ], valueAxis: ChartAxis(label: "Billed cost per month (USD)", format: .usd))
    }

    static var scenarioSavings: HorizontalBarChart {
        HorizontalBarChart(id: "savings-by-scenario", title: "Savings by scenario", bars: [
            .init(label: "Right-size memory", value: d("812.40")),
            .init(label: "Move to arm64 (Graviton)", value: d("301.15")),
            .init(label: "Compute Savings Plan at the recommended commitment", value: d("125")),
            .init(label: "Provisioned concurrency clean-up", value: d("-42.5")),
        ], valueAxis: ChartAxis(label: "Savings per month (USD)", format: .usd))
    }

    static var savingsCurve: LineChart {
        let points = [("0", "0"), ("0.5", "110"), ("1", "205"), ("1.5", "262.5"), ("2", "280"), ("2.5", "240"),
                      ("3", "150"), ("3.5", "40"), ("4", "-85.25"), ("4.5", "-210")]
        return LineChart(
            id: "sp-savings", title: "Savings Plans: savings by hourly commitment",
            series: [.init(name: "Net savings per month", points: points.map { .init(x: d($0.0), y: d($0.1)) })],
            xAxis: ChartAxis(label: "Commitment (USD per hour)", format: .usdPer("hour"), includesZero: true),
            yAxis: ChartAxis(label: "Net savings per month (USD)", format: .usd, includesZero: true),
            markers: [.init(label: "Recommended", point: .init(x: d("2"), y: d("280")))])
    }

    static var memoryCurve: LineChart {
        let memory = [128, 256, 512, 1024, 1536, 2048, 3008]
        let cost = ["412.10", "298.55", "231.04", "244.80", "301.62", "355.90", "498.33"]
        let duration = ["2400", "1180", "560", "290", "215", "188", "172"]
        return LineChart(
            id: "memory-orders-api", title: "orders-api: monthly cost and duration by memory size",
            series: [
                .init(name: "Cost per month", points: zip(memory, cost).map { .init(x: FixedDecimal($0.0), y: d($0.1)) }),
                .init(name: "Average duration", points: zip(memory, duration).map { .init(x: FixedDecimal($0.0), y: d($0.1)) },
                      axis: .secondary),
            ],
            xAxis: ChartAxis(label: "Memory (MB)", format: .quantity(places: 0, unit: "MB")),
            yAxis: ChartAxis(label: "Cost per month (USD)", format: .usd, includesZero: true),
            secondaryYAxis: ChartAxis(label: "Average duration (ms)", format: .quantity(places: 0, unit: "ms"), includesZero: true),
            markers: [
                .init(label: "Current", point: .init(x: FixedDecimal(1536), y: d("301.62"))),
                .init(label: "Recommended", point: .init(x: FixedDecimal(512), y: d("231.04"))),
            ])
    }

    /// A synthetic month of hourly concurrency: busy office hours, quiet nights, a spike, a gap without data.
    static func concurrency(_ month: BillingMonth) -> [FixedDecimal?] {
        (0..<month.hourCount).map { index in
            let day = index / 24 + 1
            let hour = index % 24
            if day == 9 && (3...6).contains(hour) { return nil }
            if day == 20 && hour == 14 { return FixedDecimal(212) }
            let busy = (8...18).contains(hour) ? 40 + (day * 7 + hour * 3) % 23 : (day + hour) % 6
            return FixedDecimal(busy) + FixedDecimal(index % 10).divided(by: 10)
        }
    }

    static var heat: HeatStrip {
        let month = BillingMonth("2026-02")!
        return HeatStrip(id: "heat-concurrency", title: "Hourly concurrency, February 2026", month: month,
                         hourly: concurrency(month), value: ChartAxis(label: "Concurrent executions", format: .quantity(places: 1, unit: "")),
                         cellTooltips: false)
    }

    static var dailyCost: ColumnChart {
        let month = BillingMonth("2026-10")!
        let values = (1...31).map { day in
            day == 14 ? d("1840.25") : FixedDecimal(300 + (day * 37) % 90) + FixedDecimal(day).divided(by: 100)
        }
        return ColumnChart.daily(id: "daily-cost", title: "Lambda cost per day, October 2026", month: month,
                                 dailyValues: values, highlights: [14: "Anomaly"],
                                 valueAxis: ChartAxis(label: "Cost per day (USD)", format: .usd))
    }

    // MARK: - Well-formedness and goldens

    @Test func everySampleChartIsWellFormedInAnXHTMLPage() {
        Self.expectWellFormedChart(Self.regions.svg(), id: "cost-by-region")
        Self.expectWellFormedChart(Self.scenarioSavings.svg(), id: "savings-by-scenario")
        Self.expectWellFormedChart(Self.savingsCurve.svg(), id: "sp-savings")
        Self.expectWellFormedChart(Self.memoryCurve.svg(), id: "memory-orders-api")
        Self.expectWellFormedChart(Self.heat.svg(), id: "heat-concurrency")
        Self.expectWellFormedChart(Self.dailyCost.svg(), id: "daily-cost")
    }

    @Test func representativeChartsMatchTheirGoldenFiles() {
        let charts = [("cost-by-region.svg", Self.regions.svg()), ("savings-curve.svg", Self.savingsCurve.svg()),
                      ("memory-curve.svg", Self.memoryCurve.svg()), ("heat-strip.svg", Self.heat.svg()),
                      ("daily-cost.svg", Self.dailyCost.svg())]
        for (name, svg) in charts {
            #expect(GoldenFiles.compare(svg, golden: Self.goldenFolder + "/" + name) == nil)
        }
    }

    @Test func outputIsDeterministic() {
        #expect(Self.regions.svg() == Self.regions.svg())
        #expect(Self.memoryCurve.svg() == Self.memoryCurve.svg())
        #expect(Self.dailyCost.svg() == Self.dailyCost.svg())
        // A strip built from values keyed by hour (a dictionary, in no order) is the same as from the array.
        let month = BillingMonth("2026-02")!
        var keyed: [UsageHour: FixedDecimal] = [:]
        for (index, value) in Self.concurrency(month).enumerated() {
            if let value { keyed[UsageHour(hoursSinceEpoch: month.firstHour.hoursSinceEpoch + Int32(index))] = value }
        }
        keyed[UsageHour(year: 2026, month: 3, day: 1, hour: 0)] = FixedDecimal(999)  // outside the month: ignored
        let fromKeyed = HeatStrip(id: "heat-concurrency", title: "Hourly concurrency, February 2026", month: month, values: keyed,
                                  value: Self.heat.value, cellTooltips: false)
        #expect(fromKeyed.svg() == Self.heat.svg())
        // Points given out of order are drawn in ascending x.
        var shuffled = Self.savingsCurve
        shuffled.series[0].points.reverse()
        #expect(shuffled.svg() == Self.savingsCurve.svg())
    }

    @Test func coordinatesHaveOneDecimalWhateverTheValue() {
        #expect(SVGWriter.number(0) == "0.0")
        #expect(SVGWriter.number(-0.04) == "0.0")
        #expect(SVGWriter.number(12.25) == "12.3")
        #expect(SVGWriter.number(-12.25) == "-12.3")
        #expect(SVGWriter.number(640) == "640.0")
        #expect(SVGWriter.number(.nan) == "0.0")
        #expect(SVGWriter.number(.infinity) == "0.0")
        #expect(SVGWriter.number(1e300) == "1000000000000.0")
        #expect(SVGWriter.number(-1e300) == "-1000000000000.0")
        #expect(SVGWriter.number(0.05) == "0.1")
        #expect(SVGWriter.number(-0.05) == "-0.1")
        #expect(SVGWriter.number(9.96) == "10.0")
        // The same text as the plain algorithm (tenths rounded half away from zero, then integer and tenth) on
        // values of every magnitude.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -3...13, using: &generator)))
            let tenths = Int((min(max(value, -1e12), 1e12) * 10).rounded(.toNearestOrAwayFromZero))
            let expected = (tenths < 0 ? "-" : "") + String(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
            #expect(SVGWriter.number(value) == expected, "\(value)")
        }
        // Every number in an attribute of a chart has exactly one decimal.
        let svg = Self.memoryCurve.svg() + Self.regions.svg() + Self.heat.svg() + Self.dailyCost.svg()
        let coordinates = try! NSRegularExpression(pattern: #" (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)""#)
        let matches = coordinates.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
        #expect(matches.count > 500)
        for match in matches {
            let value = String(svg[Range(match.range(at: 1), in: svg)!])
            #expect(value == "100%" || value.range(of: #"^-?[0-9]+\.[0-9]$"#, options: .regularExpression) != nil, "\(value)")
        }
    }

    /// The scale's fast 128-bit conversion rounds exactly as `Double(_:)` does, so positions (and the bytes of
    /// every chart) do not depend on which of the two is used.
    @Test func positionsConvert128BitOffsetsExactlyAsDoubleDoes() {
        var edges: [UInt128] = [0, 1, UInt128(UInt64.max), UInt128(UInt64.max) + 1, UInt128.max, UInt128.max - 1,
                                UInt128(1) << 100, (UInt128(1) << 100) + 1, UInt128(Int128.max)]
        // Halfway cases: 53 significant bits, then exactly half a unit (ties to even), then half plus a trace.
        for shift in [11, 40, 64, 74] {
            let base = (UInt128(1) << 52 | 1) << (shift + 1)
            edges += [base | UInt128(1) << shift, base | UInt128(1) << shift | 1, base + (UInt128(1) << (shift + 1))]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bits = Int.random(in: 1...128, using: &generator)
            let value = UInt128(UInt64.random(in: 0...UInt64.max, using: &generator)) << 64
                | UInt128(UInt64.random(in: 0...UInt64.max, using: &generator))
            edges.append(bits == 128 ? value : value & ((UInt128(1) << bits) - 1))
        }
        for value in edges {
            #expect(ChartScale.double(value) == Double(value), "\(value)")
        }
    }

    // MARK: - Escaping

    @Test func hostileLabelsAreEscapedAndControlCharactersReplaced() {
        let hostile = Self.hostile
        let escaped = "&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;\u{FFFD}]]&gt;"
        #expect(SVGWriter.escaped(hostile) == escaped)
        let bars = HorizontalBarChart(id: "hostile-bars", title: hostile, bars: [.init(label: hostile, value: d("1"))],
                                      valueAxis: ChartAxis(label: hostile, format: .quantity(places: 0, unit: hostile)),
                                      maximumLabelCharacters: 200)
        let line = LineChart(id: "hostile-line", title: hostile, series: [.init(name: hostile, points: [.init(x: d("1"), y: d("2"))]),
                                                                          .init(name: hostile, points: [.init(x: d("2"), y: d("1"))])],
                             xAxis: ChartAxis(label: hostile, format: .usdPer(hostile)), yAxis: ChartAxis(label: hostile, format: .usd),
                             markers: [.init(label: hostile, point: .init(x: d("1"), y: d("2")))])
        let heat = HeatStrip(id: "hostile-heat", title: hostile, month: BillingMonth("2026-10")!, hourly: [d("1"), nil, d("3")],
                             value: ChartAxis(label: hostile, format: .quantity(places: 0, unit: hostile)))
        let columns = ColumnChart(id: "hostile-columns", title: hostile,
                                  columns: [.init(label: hostile, value: d("1"), highlight: hostile, longLabel: hostile)],
                                  valueAxis: ChartAxis(label: hostile, format: .usd), categoryAxisLabel: hostile)
        for (svg, id) in [(bars.svg(), "hostile-bars"), (line.svg(), "hostile-line"), (heat.svg(), "hostile-heat"),
                          (columns.svg(), "hostile-columns")] {
            Self.expectWellFormedChart(svg, id: id)
            #expect(svg.contains(escaped))
            #expect(!svg.contains("\u{0001}"))
            #expect(!svg.contains("<script"))
        }
    }

    @Test func hostileIdentifiersBecomeSafeIdentifiers() {
        #expect(SVGWriter.identifier("cost-by-region") == "cost-by-region")
        #expect(SVGWriter.identifier("a\"b<c d") == "a-b-c-d")
        #expect(SVGWriter.identifier("7 days") == "chart-7-days")
        #expect(SVGWriter.identifier("") == "chart-")
        let svg = HorizontalBarChart(id: "\" onload=\"alert(1)", title: "t", bars: [.init(label: "a", value: d("1"))],
                                     valueAxis: ChartAxis(label: "v", format: .usd)).svg()
        Self.expectWellFormedChart(svg, id: "chart---onload--alert-1-")
    }

    // MARK: - Text alternatives

    @Test func barChartsStateTheirValuesInWords() {
        let text = Self.regions.textAlternative
        #expect(text == "Bar chart of Billed cost per month (USD), 4 bars: us-east-1: $1,234.57 (highlighted); "
            + "eu-west-1: $456.78; ap-southeast-2: $90.00; sa-east-1: $0.00.")
        #expect(Self.regions.svg().contains("<desc id=\"cost-by-region-desc\">\(SVGWriter.escaped(text))</desc>"))
        // Long labels are cut on the chart but whole in the tooltip and the text alternative.
        let savings = Self.scenarioSavings.svg()
        #expect(savings.contains("<title>Compute Savings Plan at the recommended commitment: $125.00</title>"))
        #expect(savings.contains(">Compute Savings Plan at the rec…</text>"))
        #expect(Self.scenarioSavings.textAlternative.contains("Compute Savings Plan at the recommended commitment: $125.00"))
        // Many bars: the first ones, then how many more.
        let many = HorizontalBarChart(id: "top", title: "Top functions", bars: (1...15).map { .init(label: "f\($0)", value: FixedDecimal(100 - $0)) },
                                      valueAxis: ChartAxis(label: "Cost (USD)", format: .usd), describedBars: 3)
        #expect(many.textAlternative == "Bar chart of Cost (USD), 15 bars: f1: $99.00; f2: $98.00; f3: $97.00; and 12 more.")
    }

    @Test func lineChartsStateTheirPointsAndMarkers() {
        #expect(Self.savingsCurve.textAlternative == "Line chart of Net savings per month (USD) by Commitment (USD per hour). "
            + "Net savings per month, 10 points: $0.00 at $0.00/hour; $110.00 at $0.50/hour; $205.00 at $1.00/hour; "
            + "$262.50 at $1.50/hour; $280.00 at $2.00/hour; $240.00 at $2.50/hour; $150.00 at $3.00/hour; $40.00 at $3.50/hour; "
            + "-$85.25 at $4.00/hour; -$210.00 at $4.50/hour. Marked: Recommended, $280.00 at $2.00/hour.")
        let memory = Self.memoryCurve.textAlternative
        #expect(memory.contains("Average duration, Average duration (ms) on the right axis, 7 points: 2,400 ms at 128 MB;"))
        #expect(memory.contains("Marked: Current, $301.62 at 1,536 MB. Marked: Recommended, $231.04 at 512 MB."))
        // Many points: first, last, highest and lowest.
        let long = LineChart(id: "long", title: "Long", series: [.init(name: "s", points: (0..<30).map { .init(x: FixedDecimal($0), y: FixedDecimal(($0 * 7) % 30 - 10)) })],
                             xAxis: ChartAxis(label: "x", format: .quantity(places: 0, unit: "")),
                             yAxis: ChartAxis(label: "y", format: .quantity(places: 0, unit: "")))
        #expect(long.textAlternative == "Line chart of y by x. s, 30 points from -10 at 0 to 13 at 29; highest 19 at 17, lowest -10 at 0.")
    }

    @Test func heatStripsStateThePeakTheAverageAndTheBusiestHour() {
        let text = Self.heat.textAlternative
        #expect(text.hasPrefix("Heat strip of Concurrent executions for each hour of 2026-02 (UTC)"))
        #expect(text.contains("668 of 672 hours have data."))
        #expect(text.contains("Highest 212.0 on 2026-02-20 at 14:00 UTC; lowest 0.0 on "))
        #expect(text.contains("On average the busiest hour of the day is "))
        let svg = Self.heat.svg()
        #expect(svg.components(separatedBy: "class=\"heat-none\"").count - 1 == 4 + 1)
        #expect(svg.components(separatedBy: "class=\"heat-none-mark\"").count - 1 == 4 + 1)
        #expect(svg.contains(">No data</text>"))
        #expect(svg.contains(">0 – 50</text>") && svg.contains(">200 – 250</text>"))
        // Tooltips name each cell's date and hour: one cell per hour.
        var withTooltips = Self.heat
        withTooltips.cellTooltips = true
        let tooltips = withTooltips.svg()
        #expect(tooltips.contains("<title>2026-02-20 14:00 UTC: 212.0</title>"))
        #expect(tooltips.contains("<title>2026-02-09 03:00 UTC: no data</title>"))
        Self.expectWellFormedChart(tooltips, id: "heat-concurrency")
        let perHour = Self.heatCells(tooltips)
        #expect(perHour.rects == 672)
        // Without tooltips a day's run of hours in one shade is one taller cell: the same hours in the same shades.
        let merged = Self.heatCells(svg)
        #expect(merged.painted == perHour.painted)
        #expect(merged.painted.count == 672)
        // Each day has its night, office-hours and evening runs, and the hours without data stay cells of their own.
        #expect(merged.rects < 672 / 3)
    }

    /// The strip's hour cells (not the legend's) of a heat strip: how many `rect`s draw them, and the class of each
    /// hour cell they paint, by its top-left corner (a cell taller than one hour paints the hours it covers).
    static func heatCells(_ svg: String) -> (rects: Int, painted: [String: String]) {
        let cells = svg.components(separatedBy: "<g class=\"chart-cells\"")[1].components(separatedBy: "</g>")[0]
        let pattern = try! NSRegularExpression(pattern: #"<rect class="(heat-[a-z0-9]+)" x="([^"]+)" y="([^"]+)" width="[^"]+" height="([^"]+)""#)
        var painted: [String: String] = [:]
        var rects = 0
        for match in pattern.matches(in: cells, range: NSRange(cells.startIndex..., in: cells)) {
            let field = { (index: Int) in String(cells[Range(match.range(at: index), in: cells)!]) }
            rects += 1
            let (top, height) = (Double(field(3))!, Double(field(4))!)
            let hours = Int((height / 9).rounded())
            #expect(abs(Double(hours) * 9 - height) < 0.05, "a cell of \(height) is not a whole number of hours")
            for hour in 0..<hours {
                let key = field(2) + "," + SVGWriter.number(top + Double(hour) * 9)
                #expect(painted[key] == nil, "\(key) painted twice")
                painted[key] = field(1)
            }
        }
        return (rects, painted)
    }

    @Test func columnChartsCallOutTheHighlightedColumn() {
        let text = Self.dailyCost.textAlternative
        #expect(text == "Column chart of Cost per day (USD) by Day of 2026-10 (UTC), 31 columns. Highest $1,840.25 on 2026-10-14; "
            + "lowest $304.22 on 2026-10-22. Anomaly: 2026-10-14, $1,840.25.")
        let svg = Self.dailyCost.svg()
        #expect(svg.contains(">Anomaly: 14, $1,840.25</text>"))
        #expect(svg.contains("<title>2026-10-14: $1,840.25 (Anomaly)</title>"))
        #expect(svg.components(separatedBy: "chart-highlight").count - 1 == 1)
    }

    // MARK: - Edge cases

    @Test func emptyDataGivesASmallNoDataChart() {
        let charts: [(String, String)] = [
            (HorizontalBarChart(id: "e1", title: "Empty", bars: [], valueAxis: ChartAxis(label: "v", format: .usd)).svg(), "e1"),
            (LineChart(id: "e2", title: "Empty", series: [], xAxis: ChartAxis(label: "x", format: .usd),
                       yAxis: ChartAxis(label: "y", format: .usd)).svg(), "e2"),
            (LineChart(id: "e3", title: "Empty", series: [.init(name: "s", points: [])], xAxis: ChartAxis(label: "x", format: .usd),
                       yAxis: ChartAxis(label: "y", format: .usd)).svg(), "e3"),
            (HeatStrip(id: "e4", title: "Empty", month: BillingMonth("2026-10")!, hourly: [],
                       value: ChartAxis(label: "v", format: .usd)).svg(), "e4"),
            (HeatStrip(id: "e5", title: "Empty", month: BillingMonth("2026-10")!, hourly: [nil, nil],
                       value: ChartAxis(label: "v", format: .usd)).svg(), "e5"),
            (ColumnChart(id: "e6", title: "Empty", columns: [], valueAxis: ChartAxis(label: "v", format: .usd),
                         categoryAxisLabel: "c").svg(), "e6"),
        ]
        for (svg, id) in charts {
            Self.expectWellFormedChart(svg, id: id)
            #expect(svg.contains("class=\"chart chart-") && svg.contains(" chart-empty\""))
            #expect(svg.contains("<desc id=\"\(id)-desc\">No data.</desc>"))
            #expect(svg.contains(">No data</text>"))
            #expect(svg.contains("viewBox=\"0 0 240.0 40.0\" width=\"240.0\" height=\"40.0\""))
        }
    }

    @Test func singleValuesAndFlatDataAreDrawn() {
        let point = LineChart(id: "one-point", title: "One point", series: [.init(name: "s", points: [.init(x: d("3"), y: d("7"))])],
                              xAxis: ChartAxis(label: "x", format: .quantity(places: 0, unit: "")),
                              yAxis: ChartAxis(label: "y", format: .usd))
        let svg = point.svg()
        Self.expectWellFormedChart(svg, id: "one-point")
        #expect(svg.contains("<circle class=\"chart-point\""))
        #expect(svg.contains(">$6.00</text>") && svg.contains(">$8.00</text>"))  // a range around the one value
        #expect(point.textAlternative == "Line chart of y by x. s, 1 point: $7.00 at 3.")
        let bar = HorizontalBarChart(id: "one-bar", title: "One bar", bars: [.init(label: "only", value: .zero)],
                                     valueAxis: ChartAxis(label: "v", format: .usd))
        Self.expectWellFormedChart(bar.svg(), id: "one-bar")
        let column = ColumnChart(id: "one-column", title: "One column", columns: [.init(label: "a", value: d("5"))],
                                 valueAxis: ChartAxis(label: "v", format: .usd), categoryAxisLabel: "c")
        Self.expectWellFormedChart(column.svg(), id: "one-column")
        // A month where every hour is zero: the lightest shade, one legend entry.
        let zeros = HeatStrip(id: "zeros", title: "Zeros", month: BillingMonth("2026-10")!,
                              hourly: Array(repeating: .zero, count: 744), value: ChartAxis(label: "v", format: .usd), cellTooltips: false)
        let zerosSVG = zeros.svg()
        Self.expectWellFormedChart(zerosSVG, id: "zeros")
        // One cell per day, 24 hours tall, and the legend's.
        #expect(zerosSVG.components(separatedBy: "class=\"heat-0\"").count - 1 == 31 + 1)
        #expect(zerosSVG.components(separatedBy: "height=\"216.0\"").count - 1 == 31 + 1)  // and the frame's
        #expect(Self.heatCells(zerosSVG).painted.count == 744)
        #expect(zeros.textAlternative.contains("Highest $0.00 on 2026-10-01 at 00:00 UTC; lowest $0.00 on 2026-10-01 at 00:00 UTC"))
    }

    @Test func negativeValuesGoBelowOrLeftOfTheZeroLine() {
        let savings = Self.savingsCurve.svg()
        #expect(savings.contains("class=\"chart-zero\""))
        #expect(savings.contains(">-$100.00</text>"))
        let bars = Self.scenarioSavings.svg()
        #expect(bars.contains("<g class=\"chart-bar-item chart-negative\">"))
        #expect(bars.contains(">-$42.50</text>"))
        let allNegative = HorizontalBarChart(id: "neg", title: "Negative", bars: [.init(label: "a", value: d("-5")), .init(label: "b", value: d("-20"))],
                                             valueAxis: ChartAxis(label: "v", format: .usd))
        Self.expectWellFormedChart(allNegative.svg(), id: "neg")
        let columns = ColumnChart(id: "neg-columns", title: "Negative", columns: [.init(label: "a", value: d("-5"), highlight: "Credit"),
                                                                               .init(label: "b", value: d("12"))],
                                  valueAxis: ChartAxis(label: "v", format: .usd), categoryAxisLabel: "c")
        Self.expectWellFormedChart(columns.svg(), id: "neg-columns")
        let heat = HeatStrip(id: "neg-heat", title: "Negative", month: BillingMonth("2026-10")!, hourly: [d("-3"), d("4"), d("0")],
                             value: ChartAxis(label: "v", format: .usd))
        Self.expectWellFormedChart(heat.svg(), id: "neg-heat")
        #expect(heat.svg().contains(">-$4.00 – -$2.00</text>"))
    }

    @Test func hugeAndTinyValuesNeverTrap() {
        let huge = d("99999999999999.99")
        let bars = HorizontalBarChart(id: "huge", title: "Huge", bars: [.init(label: "a", value: huge), .init(label: "b", value: -huge)],
                                      valueAxis: ChartAxis(label: "v", format: .usd))
        Self.expectWellFormedChart(bars.svg(), id: "huge")
        #expect(bars.svg().contains(">$99,999,999,999,999.99</text>"))
        let line = LineChart(id: "huge-line", title: "Huge", series: [.init(name: "s", points: [.init(x: -huge, y: huge), .init(x: huge, y: -huge)])],
                             xAxis: ChartAxis(label: "x", format: .usd), yAxis: ChartAxis(label: "y", format: .usd))
        Self.expectWellFormedChart(line.svg(), id: "huge-line")
        let heat = HeatStrip(id: "huge-heat", title: "Huge", month: BillingMonth("2026-10")!, hourly: Array(repeating: huge, count: 744),
                             value: ChartAxis(label: "v", format: .usd), cellTooltips: false)
        Self.expectWellFormedChart(heat.svg(), id: "huge-heat")
        #expect(heat.textAlternative.contains("average $99,999,999,999,999.99 per hour"))
        let tiny = HorizontalBarChart(id: "tiny", title: "Tiny", bars: [.init(label: "a", value: d("0.0000002")), .init(label: "b", value: d("0.0000013"))],
                                      valueAxis: ChartAxis(label: "v", format: .usdFine))
        let tinySVG = tiny.svg()
        Self.expectWellFormedChart(tinySVG, id: "tiny")
        #expect(tinySVG.contains(">$0.000001</text>"))  // Format.usdFine: at most 6 decimals
        #expect(tinySVG.contains(">$0.0000010</text>"))  // ticks with as many decimals as their step
        // The scale itself, at the very ends of FixedDecimal's range.
        let extreme = ChartScale(values: [FixedDecimal(units: .min), FixedDecimal(units: .max)], includeZero: true)
        #expect(extreme.lower == FixedDecimal(units: .min) && extreme.upper == FixedDecimal(units: .max))
        #expect(extreme.ticks.contains(.zero))
    }

    @Test func scalesHaveNiceExactTicks() {
        let costs = ChartScale(values: [d("1234.56"), d("12")], includeZero: true)
        #expect(costs.ticks == [0, 500, 1000, 1500].map { FixedDecimal($0) })
        let savings = ChartScale(values: [d("-50"), d("120")], includeZero: true)
        #expect(savings.ticks == [-50, 0, 50, 100, 150].map { FixedDecimal($0) })
        let one = ChartScale(values: [d("7")], includeZero: false)
        #expect(one.lower == FixedDecimal(6) && one.upper == FixedDecimal(8))
        let zero = ChartScale(values: [.zero], includeZero: true)
        #expect(zero.lower == .zero && zero.upper == FixedDecimal(1))
        let fine = ChartScale(values: [d("0.0012"), d("0.0031")], includeZero: false)
        #expect(fine.step == d("0.0005"))
        #expect(ChartValueFormat.usd.tick(d("0.0015"), step: fine.step) == "$0.0015")
        #expect(ChartValueFormat.usd.tick(d("-1500"), step: FixedDecimal(500)) == "-$1,500.00")
        #expect(ChartValueFormat.quantity(places: 3, unit: "ms").tick(FixedDecimal(2048), step: FixedDecimal(512)) == "2,048")
        #expect(ChartValueFormat.percent(places: 1).format(d("0.2534")) == "25.3%")
        #expect(ChartValueFormat.percent(places: 1).tick(d("0.25"), step: d("0.05")) == "25%")
        #expect(costs.fraction(FixedDecimal(750)) == 0.5)
    }

    /// A month axis (the site's KPI history): values are whole months after the origin, ticks fall on whole months
    /// only, however few months there are.
    @Test func aMonthAxisTicksOnWholeMonths() throws {
        let origin = try #require(BillingMonth("2026-11"))
        let format = ChartValueFormat.month(from: origin)
        #expect(format.format(.zero) == "2026-11" && format.format(FixedDecimal(2)) == "2027-01")
        #expect(format.tick(d("0.5"), step: d("0.5")) == "" && !format.allowsTickStep(d("0.5")) && format.allowsTickStep(FixedDecimal(2)))
        for months in [1, 2, 3, 7, 25] {
            let chart = LineChart(
                id: "history", title: "History",
                series: [.init(name: "Cost", points: (0..<months).map { .init(x: FixedDecimal($0), y: FixedDecimal(10 + $0)) })],
                xAxis: ChartAxis(label: "Month", format: format), yAxis: ChartAxis(label: "Cost", format: .usd, includesZero: true))
            let svg = chart.svg()
            #expect(XHTMLValidator.problems(in: Self.page(svg)) == [], "\(months)")
            let labels = svg.components(separatedBy: "class=\"chart-axis chart-axis-x\"")[1].components(separatedBy: "</g>")[0]
                .components(separatedBy: "<text").dropFirst().map { $0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" } }
            #expect(!labels.isEmpty && labels.dropLast().allSatisfy { BillingMonth(String($0)) != nil }, "\(months): \(labels)")
            #expect(labels.first == "2026-11", "\(months): \(labels)")
            #expect(svg.contains("Cost: 2026-11, $10.00"), "\(months)")
        }
    }

    // MARK: - Preview

    /// Every chart in one page; written to `CHART_PREVIEW` (a path) when set, for a look in a browser.
    @Test func aPageWithEveryChartIsWellFormed() throws {
        let style = try String(contentsOfFile: RepositoryPaths.templates + "/partials/style.mustache", encoding: .utf8)
            + "\n" + String(contentsOfFile: RepositoryPaths.templates + "/partials/chart-style.mustache", encoding: .utf8)
        let charts = [Self.regions.svg(), Self.scenarioSavings.svg(), Self.savingsCurve.svg(), Self.memoryCurve.svg(),
                      Self.dailyCost.svg(), Self.heat.svg(),
                      LineChart(id: "empty-line", title: "No data", series: [], xAxis: ChartAxis(label: "x", format: .usd),
                                yAxis: ChartAxis(label: "y", format: .usd)).svg()]
        let body = "<main>\n<h1>Charts</h1>\n" + charts.map { "<figure class=\"chart-figure\">\n\($0)</figure>\n" }.joined() + "</main>"
        let page = Self.page(body, style: style)
        #expect(XHTMLValidator.problems(in: page) == [])
        if let path = ProcessInfo.processInfo.environment["CHART_PREVIEW"] {
            _ = FileManager.default.createFile(atPath: path, contents: Data(page.utf8))
        }
    }
}
