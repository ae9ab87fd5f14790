/// Vertical columns over categories in order, from a zero line (negative values downwards): the daily cost of
/// the month, with the anomaly day highlighted. A highlighted column is drawn in the highlight colour with an
/// outline and a bold label above it stating its note and value, so it stands out without colour.
public struct ColumnChart: Sendable {
    public struct Column: Sendable, Equatable {
        /// The text under the column (`14`).
        public var label: String
        public var value: FixedDecimal
        /// Set to call the column out (`Anomaly`); the note is written above it.
        public var highlight: String?
        /// How tooltips and the text alternative name the column (`2026-10-14`); the label when `nil`.
        public var longLabel: String?

        public init(label: String, value: FixedDecimal, highlight: String? = nil, longLabel: String? = nil) {
            self.label = label
            self.value = value
            self.highlight = highlight
            self.longLabel = longLabel
        }

        var name: String { longLabel ?? label }
    }

    /// The SVG element's `id`, unique in the page; `-title` and `-desc` are appended for its text alternative.
    public var id: String
    public var title: String
    public var columns: [Column]
    /// The value axis, with its unit (`Cost per day (USD)`); it always includes zero.
    public var valueAxis: ChartAxis
    /// What the columns are (`Day of 2026-10 (UTC)`).
    public var categoryAxisLabel: String

    public init(id: String, title: String, columns: [Column], valueAxis: ChartAxis, categoryAxisLabel: String) {
        self.id = id
        self.title = title
        self.columns = columns
        self.valueAxis = valueAxis
        self.categoryAxisLabel = categoryAxisLabel
    }

    /// One column per day of `month` from `dailyValues` (index 0 is the 1st; missing days are left out), the
    /// days in `highlights` called out with their note.
    public static func daily(id: String, title: String, month: BillingMonth, dailyValues: [FixedDecimal],
                             highlights: [Int: String] = [:], valueAxis: ChartAxis) -> ColumnChart {
        let monthPrefix = "\(month)-"
        let columns = dailyValues.prefix(month.hourCount / 24).enumerated().map { index, value in
            let day = index + 1
            return Column(label: String(day), value: value, highlight: highlights[day],
                          longLabel: monthPrefix + HeatStrip.two(day))
        }
        return ColumnChart(id: id, title: title, columns: columns, valueAxis: valueAxis,
                           categoryAxisLabel: "Day of \(month) (UTC)")
    }

    static let kind = "chart-column"
    private static let top = 30.0
    private static let plotHeight = 200.0

    /// The chart as an inline `<svg>` element (a small "No data" chart when there are no columns).
    public func svg() -> String {
        guard !columns.isEmpty else { return SVGWriter.noDataChart(id: id, kind: Self.kind, title: title) }
        let width = SVGWriter.width
        let format = valueAxis.format
        let plotTop = Self.top
        let plotBottom = plotTop + Self.plotHeight
        let scale = ChartScale.fitting(values: columns.map(\.value), includeZero: true, length: Self.plotHeight) { _ in 16 }
        let plotLeft = ChartAxisDrawing.tickLabelWidth(scale, format: format) + 34
        let plotRight = width - 16
        let slot = (plotRight - plotLeft) / Double(columns.count)
        let columnWidth = min(slot * 0.7, 48)
        let labelWidth = columns.map { SVGWriter.estimatedWidth($0.label) }.max() ?? 0
        let labelEvery = max(1, Int(((labelWidth + 4) / slot).rounded(.up)))
        func y(_ value: FixedDecimal) -> Double { scale.position(value, from: plotBottom, to: plotTop) }
        let zeroY = y(.zero)
        let height = plotBottom + 46
        let n = SVGWriter.number

        var svg = SVGWriter()
        svg.startChart(id: id, kind: Self.kind, height: height, title: title, description: textAlternative)
        ChartAxisDrawing.verticalAxis(&svg, scale: scale, format: format, top: plotTop, bottom: plotBottom, axisX: plotLeft,
                                      side: .left, grid: true, gridLeft: plotLeft, gridRight: plotRight, label: valueAxis.label)
        svg.open("g", ["class": "chart-axis chart-axis-x"])
        // As `element` writes it, a piece at a time (a label under every day).
        let tickY = n(plotBottom + 16)
        for (index, column) in columns.enumerated() where index % labelEvery == 0 {
            svg.markup("<text class=\"chart-tick\" x=\"")
            svg.number(plotLeft + (Double(index) + 0.5) * slot)
            svg.markup("\" y=\"")
            svg.text(tickY)
            svg.markup("\" text-anchor=\"middle\" fill=\"")
            svg.text(ChartPalette.muted)
            svg.markup("\">")
            svg.text(column.label)
            svg.markup("</text>\n")
        }
        svg.element("text", ["class": "chart-axis-label", "x": n((plotLeft + plotRight) / 2), "y": n(plotBottom + 34),
                             "text-anchor": "middle"], text: categoryAxisLabel)
        svg.close("g")

        svg.open("g", ["class": "chart-columns"])
        // Written a piece at a time, as `open`, `element` and `rect` would write them: a fleet draws this loop for every
        // day of every function's page.
        let columnWidthText = n(columnWidth)
        for (index, column) in columns.enumerated() {
            let center = plotLeft + (Double(index) + 0.5) * slot
            let end = y(column.value)
            svg.markup("<g class=\"chart-column-item")
            if column.value.isNegative { svg.markup(" chart-negative") }
            if column.highlight != nil { svg.markup(" chart-highlight") }
            svg.markup("\">\n<title>")
            let valueText = format.format(column.value)
            svg.text(column.name)
            svg.markup(": ")
            svg.text(valueText)
            if let note = column.highlight {
                svg.markup(" (")
                svg.text(note)
                svg.markup(")")
            }
            svg.markup("</title>\n<rect class=\"chart-column-fill\" x=\"")
            svg.number(center - columnWidth / 2)
            svg.markup("\" y=\"")
            svg.number(min(end, zeroY))
            svg.markup("\" width=\"")
            svg.text(columnWidthText)
            svg.markup("\" height=\"")
            svg.number(abs(zeroY - end))
            svg.markup("\" fill=\"")
            svg.text(column.highlight != nil ? ChartPalette.highlight : column.value.isNegative ? ChartPalette.negative : ChartPalette.bar)
            if column.highlight != nil {
                svg.markup("\" stroke=\"")
                svg.text(ChartPalette.ink)
            }
            svg.markup("\"/>\n")
            if let note = column.highlight {
                // Above a positive column, below a negative one; kept inside the plot near its sides.
                let anchor = center < plotLeft + 90 ? "start" : center > plotRight - 90 ? "end" : "middle"
                let labelX = anchor == "start" ? center - columnWidth / 2 : anchor == "end" ? center + columnWidth / 2 : center
                let labelY = column.value.isNegative ? max(end, zeroY) + 14 : min(end, zeroY) - 6
                svg.element("text", ["class": "chart-value", "x": n(labelX), "y": n(labelY), "text-anchor": anchor,
                                     "font-weight": "bold", "stroke": ChartPalette.background, "stroke-width": "3",
                                     "paint-order": "stroke"],
                            text: note + ": " + column.label + ", " + valueText)
            }
            svg.markup("</g>\n")
        }
        svg.close("g")
        svg.empty("line", ["class": "chart-zero", "x1": n(plotLeft), "y1": n(zeroY), "x2": n(plotRight), "y2": n(zeroY),
                           "stroke": ChartPalette.ink])
        svg.finishChart()
        return svg.text
    }

    /// The text alternative: every column when there are few, else the highest and the lowest; then the
    /// highlighted columns.
    public var textAlternative: String {
        guard !columns.isEmpty else { return "No data." }
        let format = valueAxis.format
        var text = "Column chart of \(valueAxis.label) by \(categoryAxisLabel), \(columns.count) \(columns.count == 1 ? "column" : "columns")"
        if columns.count <= 12 {
            text += ": " + columns.map { $0.name + " " + format.format($0.value) }.joined(separator: "; ") + "."
        } else {
            let indexed = Array(columns.enumerated())
            let highest = indexed.max { ($0.element.value, $1.offset) < ($1.element.value, $0.offset) }!.element
            let lowest = indexed.min { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }!.element
            text += ". Highest \(format.format(highest.value)) on \(highest.name); lowest \(format.format(lowest.value)) on \(lowest.name)."
        }
        for column in columns {
            if let note = column.highlight { text += " \(note): \(column.name), \(format.format(column.value))." }
        }
        return text
    }
}
