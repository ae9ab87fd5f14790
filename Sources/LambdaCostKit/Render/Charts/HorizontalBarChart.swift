/// Labelled horizontal bars with their values written at the bar ends, drawn from a zero line (negative values
/// to the left): cost by region, architecture or team, savings by scenario, the top functions.
///
/// Bars are drawn in the order given (sort them first). Long labels are cut with `…` on the chart; every bar's
/// tooltip and the text alternative keep the whole label.
public struct HorizontalBarChart: Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: FixedDecimal
        /// Drawn in the highlight colour with a bold value label (for example the current region).
        public var isHighlighted: Bool

        public init(label: String, value: FixedDecimal, isHighlighted: Bool = false) {
            self.label = label
            self.value = value
            self.isHighlighted = isHighlighted
        }
    }

    /// The SVG element's `id`, unique in the page; `-title` and `-desc` are appended for its text alternative.
    public var id: String
    /// What the chart shows (`Lambda cost by region`): its accessible name.
    public var title: String
    public var bars: [Bar]
    /// The value axis, with its unit (`Cost per month (USD)`); it always includes zero.
    public var valueAxis: ChartAxis
    /// Labels longer than this are cut on the chart.
    public var maximumLabelCharacters: Int
    /// How many bars the text alternative lists before saying how many more there are.
    public var describedBars: Int

    public init(id: String, title: String, bars: [Bar], valueAxis: ChartAxis,
                maximumLabelCharacters: Int = 32, describedBars: Int = 10) {
        self.id = id
        self.title = title
        self.bars = bars
        self.valueAxis = valueAxis
        self.maximumLabelCharacters = maximumLabelCharacters
        self.describedBars = describedBars
    }

    static let kind = "chart-bar"
    private static let rowHeight = 24.0
    private static let barHeight = 16.0
    private static let top = 8.0

    /// The chart as an inline `<svg>` element (a small "No data" chart when there are no bars).
    public func svg() -> String {
        guard !bars.isEmpty else { return SVGWriter.noDataChart(id: id, kind: Self.kind, title: title) }
        let width = SVGWriter.width
        let format = valueAxis.format
        let valueTexts = bars.map { format.format($0.value) }
        func room(_ negative: Bool) -> Double {
            let widths = zip(bars, valueTexts).filter { $0.0.value.isNegative == negative }.map { SVGWriter.estimatedWidth($0.1) }
            return widths.max().map { $0 + 8 } ?? 0
        }
        let positiveRoom = max(room(false), 8)
        let negativeRoom = room(true)
        // The label column takes what its labels need, up to 40% of the width, leaving the plot at least 160.
        let labelColumnLimit = max(60, min(width * 0.4, width - 16 - positiveRoom - negativeRoom - 160))
        let maximumCharacters = max(2, min(maximumLabelCharacters, Int((labelColumnLimit - 12) / SVGWriter.characterWidth)))
        let labels = bars.map { SVGWriter.truncated($0.label, toCharacters: maximumCharacters) }
        let labelColumn = min(labelColumnLimit, (labels.map { SVGWriter.estimatedWidth($0) }.max() ?? 0) + 12)
        let plotLeft = labelColumn + negativeRoom
        let plotRight = width - positiveRoom
        let scale = ChartScale.fitting(values: bars.map(\.value), includeZero: true, length: plotRight - plotLeft) { scale in
            scale.ticks.map { SVGWriter.estimatedWidth(format.tick($0, step: scale.step)) }.max() ?? 0
        }
        func x(_ value: FixedDecimal) -> Double { scale.position(value, from: plotLeft, to: plotRight) }
        let axisY = Self.top + Double(bars.count) * Self.rowHeight + 4
        let height = axisY + 46

        var svg = SVGWriter()
        svg.startChart(id: id, kind: Self.kind, height: height, title: title, description: textAlternative)
        ChartAxisDrawing.horizontalAxis(&svg, scale: scale, format: format, left: plotLeft, right: plotRight,
                                        top: Self.top - 2, axisY: axisY, label: valueAxis.label)
        svg.open("g", ["class": "chart-bars"])
        let zeroX = x(.zero)
        for (index, bar) in bars.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let baseline = rowTop + Self.rowHeight / 2 + 4
            let end = x(bar.value)
            var classes = "chart-bar-item"
            if bar.value.isNegative { classes += " chart-negative" }
            if bar.isHighlighted { classes += " chart-highlight" }
            svg.open("g", ["class": classes])
            svg.element("title", text: bar.label + ": " + valueTexts[index])
            svg.element("text", ["class": "chart-label", "x": SVGWriter.number(labelColumn - 8), "y": SVGWriter.number(baseline),
                                  "text-anchor": "end"], text: labels[index])
            let fill = bar.isHighlighted ? ChartPalette.highlight : bar.value.isNegative ? ChartPalette.negative : ChartPalette.bar
            svg.empty("rect", [
                "class": "chart-bar-fill",
                "x": SVGWriter.number(min(zeroX, end)),
                "y": SVGWriter.number(rowTop + (Self.rowHeight - Self.barHeight) / 2),
                "width": SVGWriter.number(abs(end - zeroX)),
                "height": SVGWriter.number(Self.barHeight),
                "fill": fill,
                "stroke": bar.isHighlighted ? ChartPalette.ink : nil,
            ])
            svg.element("text", [
                "class": "chart-value",
                "x": SVGWriter.number(bar.value.isNegative ? end - 4 : end + 4),
                "y": SVGWriter.number(baseline),
                "text-anchor": bar.value.isNegative ? "end" : "start",
                "font-weight": bar.isHighlighted ? "bold" : nil,
            ], text: valueTexts[index])
            svg.close("g")
        }
        svg.close("g")
        svg.empty("line", ["class": "chart-zero", "x1": SVGWriter.number(zeroX), "y1": SVGWriter.number(Self.top - 2),
                           "x2": SVGWriter.number(zeroX), "y2": SVGWriter.number(axisY), "stroke": ChartPalette.ink])
        svg.finishChart()
        return svg.text
    }

    /// The text alternative: the bars in order with their values, then how many more there are.
    public var textAlternative: String {
        guard !bars.isEmpty else { return "No data." }
        let shown = bars.prefix(max(1, describedBars)).map { bar in
            bar.label + ": " + valueAxis.format.format(bar.value) + (bar.isHighlighted ? " (highlighted)" : "")
        }
        var text = "Bar chart of \(valueAxis.label), \(bars.count) \(bars.count == 1 ? "bar" : "bars"): "
        text += shown.joined(separator: "; ")
        let rest = bars.count - shown.count
        text += rest > 0 ? "; and \(rest) more." : "."
        return text
    }
}
