/// A provisioned-concurrency schedule (one level per UTC hour of the day) as a small fixed-size column chart that
/// fits a table cell: 24 columns from 00:00 to 23:00, the peak level written at the top left, hours 00, 06, 12
/// and 18 marked below. The levels are in the text alternative (`<title>` and `<desc>`) and each column's
/// tooltip, so a screen reader or a tooltip gives the numbers the picture only suggests.
public struct ScheduleChart: Sendable {
    /// The SVG element's `id`, unique in the page; `-title` and `-desc` are appended for its text alternative.
    public var id: String
    /// What the chart is (`checkout-api: provisioned concurrency by UTC hour`).
    public var title: String
    /// 24 levels, index = UTC hour of the day.
    public var levels: [Int]

    public init(id: String, title: String, levels: [Int]) {
        self.id = id
        self.title = title
        self.levels = levels
    }

    static let kind = "chart-schedule"
    static let width = 168.0
    static let height = 46.0
    private static let left = 4.0
    private static let top = 14.0
    private static let plotHeight = 20.0
    private static let fontSize = 9.0

    /// The levels in words: `00:00 3, 01:00 12, …, 23:00 1`.
    public var levelsText: String {
        levels.enumerated().map { "\(HeatStrip.hourText($0.offset)) \($0.element)" }.joined(separator: ", ")
    }

    /// The text alternative: the peak and when it applies, the hours at zero, then every level.
    public var textAlternative: String {
        guard let peak = levels.max() else { return "No levels." }
        let peakHours = levels.indices.filter { levels[$0] == peak }.map(HeatStrip.hourText)
        let zero = levels.filter { $0 == 0 }.count
        return "Provisioned concurrency level for each UTC hour of the day: highest \(peak) at "
            + peakHours.joined(separator: ", ") + (zero > 0 ? "; none in \(zero) of the 24 hours" : "")
            + ". Levels by hour: " + levelsText + "."
    }

    /// The chart as an inline `<svg>` element of fixed size (a small "No data" chart without 24 levels).
    public func svg() -> String {
        guard levels.count == 24, let peak = levels.max() else {
            return SVGWriter.noDataChart(id: id, kind: Self.kind, title: title)
        }
        let n = SVGWriter.number
        let columnWidth = (Self.width - 2 * Self.left) / 24
        let baseline = Self.top + Self.plotHeight
        var svg = SVGWriter()
        svg.startChart(id: id, kind: Self.kind, width: Self.width, height: Self.height, fixedSize: true,
                       title: title + ": " + levelsText, description: textAlternative)
        svg.element("text", ["class": "chart-tick", "x": n(Self.left), "y": n(Self.top - 4), "font-size": n(Self.fontSize),
                             "fill": ChartPalette.muted], text: "peak \(peak)")
        svg.open("g", ["class": "chart-bars"])
        for (hour, level) in levels.enumerated() {
            let height = peak > 0 ? Self.plotHeight * Double(level) / Double(peak) : 0
            // A level above zero stays visible however small against the peak.
            let drawn = level > 0 ? max(height, 1.5) : 0
            svg.element("rect", [
                "class": "chart-bar", "x": n(Self.left + Double(hour) * columnWidth + 0.5), "y": n(baseline - drawn),
                "width": n(columnWidth - 1), "height": n(drawn), "fill": ChartPalette.bar,
            ], tooltip: "\(HeatStrip.hourText(hour)) UTC: \(level)")
        }
        svg.close("g")
        svg.empty("line", ["class": "chart-baseline", "x1": n(Self.left), "y1": n(baseline), "x2": n(Self.width - Self.left),
                           "y2": n(baseline), "stroke": ChartPalette.muted])
        svg.open("g", ["class": "chart-axis chart-axis-x"])
        for hour in stride(from: 0, to: 24, by: 6) {
            svg.element("text", ["class": "chart-tick", "x": n(Self.left + Double(hour) * columnWidth), "y": n(baseline + 11),
                                 "font-size": n(Self.fontSize), "fill": ChartPalette.muted], text: HeatStrip.two(hour))
        }
        svg.element("text", ["class": "chart-tick", "x": n(Self.width - Self.left), "y": n(baseline + 11), "text-anchor": "end",
                             "font-size": n(Self.fontSize), "fill": ChartPalette.muted], text: "UTC")
        svg.close("g")
        svg.finishChart()
        return svg.text
    }
}
