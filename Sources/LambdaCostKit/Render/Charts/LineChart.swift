/// One or more x/y series as lines over numeric axes with units: the Savings Plans savings-vs-commitment curve
/// (which goes below zero when the commitment is too high), the memory cost/duration curve (cost on the left
/// axis, duration on an optional right axis). Marked points (the recommendation, the current setting) are
/// drawn as rings with a label stating their coordinates.
///
/// Series differ by colour, dash pattern and point shape, so the chart reads in grey print; each series is
/// named in a legend when there are several. Points are drawn in ascending x.
public struct LineChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: FixedDecimal
        public var y: FixedDecimal

        public init(x: FixedDecimal, y: FixedDecimal) {
            self.x = x
            self.y = y
        }
    }

    /// Which y axis a series or a marker is measured on.
    public enum YAxis: Sendable, Equatable {
        case primary
        /// The right axis; only used when the chart has a ``LineChart/secondaryYAxis``.
        case secondary
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]
        public var axis: YAxis

        public init(name: String, points: [Point], axis: YAxis = .primary) {
            self.name = name
            self.points = points
            self.axis = axis
        }
    }

    /// A point called out on the chart (`Recommended`, `Current`).
    public struct Marker: Sendable, Equatable {
        public var label: String
        public var point: Point
        public var axis: YAxis

        public init(label: String, point: Point, axis: YAxis = .primary) {
            self.label = label
            self.point = point
            self.axis = axis
        }
    }

    /// The SVG element's `id`, unique in the page; `-title` and `-desc` are appended for its text alternative.
    public var id: String
    public var title: String
    public var series: [Series]
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    /// A right-hand axis for series in another unit (duration next to cost).
    public var secondaryYAxis: ChartAxis?
    public var markers: [Marker]

    public init(id: String, title: String, series: [Series], xAxis: ChartAxis, yAxis: ChartAxis,
                secondaryYAxis: ChartAxis? = nil, markers: [Marker] = []) {
        self.id = id
        self.title = title
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.secondaryYAxis = secondaryYAxis
        self.markers = markers
    }

    static let kind = "chart-line"
    private static let plotHeight = 220.0
    /// Point shapes are drawn (with a tooltip each) for series of at most this many points.
    private static let maximumShapedPoints = 60

    private func usesSecondary(_ axis: YAxis) -> Bool { axis == .secondary && secondaryYAxis != nil }

    /// Each series' points in ascending x (ties keep their order).
    private var sortedSeries: [Series] {
        series.map { series in
            var series = series
            series.points = series.points.enumerated()
                .sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
            return series
        }
    }

    /// The chart as an inline `<svg>` element (a small "No data" chart when no series has a point).
    public func svg() -> String {
        let series = sortedSeries
        guard series.contains(where: { !$0.points.isEmpty }) else {
            return SVGWriter.noDataChart(id: id, kind: Self.kind, title: title)
        }
        let width = SVGWriter.width
        let secondary = secondaryYAxis
        let hasSecondary = secondary != nil && (series.contains { usesSecondary($0.axis) } || markers.contains { usesSecondary($0.axis) })
        let primaryYValues = series.filter { !usesSecondary($0.axis) }.flatMap { $0.points.map(\.y) }
            + markers.filter { !usesSecondary($0.axis) }.map(\.point.y)
        let secondaryYValues = series.filter { usesSecondary($0.axis) }.flatMap { $0.points.map(\.y) }
            + markers.filter { usesSecondary($0.axis) }.map(\.point.y)
        let xValues = series.flatMap { $0.points.map(\.x) } + markers.map(\.point.x)

        // Legend first: it sets where the plot starts.
        let legendItems = series.enumerated().map { index, series in
            series.name + (hasSecondary && usesSecondary(series.axis) ? " (right axis)" : "")
        }
        let showsLegend = series.count > 1 || hasSecondary
        let legendRows = showsLegend ? Self.legendLayout(legendItems, left: 8, right: width - 8) : []
        let plotTop = 12 + Double(legendRows.map(\.row).max().map { $0 + 1 } ?? 0) * 20 + (showsLegend ? 6 : 0)
        let plotBottom = plotTop + Self.plotHeight

        let tickHeight = 16.0
        let yScale = ChartScale.fitting(values: primaryYValues, includeZero: yAxis.includesZero, length: Self.plotHeight) { _ in tickHeight }
        let secondaryScale = hasSecondary
            ? ChartScale.fitting(values: secondaryYValues, includeZero: secondary!.includesZero, length: Self.plotHeight) { _ in tickHeight }
            : nil
        let plotLeft = ChartAxisDrawing.tickLabelWidth(yScale, format: yAxis.format) + 34
        let plotRight = width - (secondaryScale.map { ChartAxisDrawing.tickLabelWidth($0, format: secondary!.format) + 34 } ?? 24)
        let xScale = ChartScale.fitting(values: xValues, includeZero: xAxis.includesZero, length: plotRight - plotLeft) { scale in
            ChartAxisDrawing.tickLabelWidth(scale, format: xAxis.format)
        }
        let height = plotBottom + 46
        func x(_ value: FixedDecimal) -> Double { xScale.position(value, from: plotLeft, to: plotRight) }
        func y(_ value: FixedDecimal, _ axis: YAxis) -> Double {
            (usesSecondary(axis) ? secondaryScale! : yScale).position(value, from: plotBottom, to: plotTop)
        }

        var svg = SVGWriter()
        svg.startChart(id: id, kind: Self.kind, height: height, title: title, description: textAlternative)
        if showsLegend {
            svg.open("g", ["class": "chart-legend"])
            for (index, item) in legendRows.enumerated() {
                let rowY = 12 + Double(item.row) * 20
                let styleIndex = index % ChartPalette.series.count
                svg.empty("line", ["class": "chart-series-line chart-series-\(styleIndex + 1)",
                                   "x1": SVGWriter.number(item.x), "y1": SVGWriter.number(rowY),
                                   "x2": SVGWriter.number(item.x + 24), "y2": SVGWriter.number(rowY),
                                   "stroke": ChartPalette.series[styleIndex], "stroke-width": "2",
                                   "stroke-dasharray": ChartPalette.dashes[styleIndex]])
                Self.pointShape(&svg, index: styleIndex, x: item.x + 12, y: rowY, tooltip: nil)
                svg.element("text", ["class": "chart-legend-label", "x": SVGWriter.number(item.x + 30),
                                     "y": SVGWriter.number(rowY + 4)], text: legendItems[index])
            }
            svg.close("g")
        }
        ChartAxisDrawing.horizontalAxis(&svg, scale: xScale, format: xAxis.format, left: plotLeft, right: plotRight,
                                        top: plotTop, axisY: plotBottom, label: xAxis.label)
        ChartAxisDrawing.verticalAxis(&svg, scale: yScale, format: yAxis.format, top: plotTop, bottom: plotBottom,
                                      axisX: plotLeft, side: .left, grid: true, gridLeft: plotLeft, gridRight: plotRight,
                                      label: yAxis.label)
        if let secondaryScale, let secondary {
            ChartAxisDrawing.verticalAxis(&svg, scale: secondaryScale, format: secondary.format, top: plotTop,
                                          bottom: plotBottom, axisX: plotRight, side: .right, grid: false,
                                          gridLeft: plotLeft, gridRight: plotRight, label: secondary.label)
        }
        // The zero line, when the values go below zero.
        if yScale.lower.isNegative && yScale.upper > .zero {
            let zeroY = SVGWriter.number(y(.zero, .primary))
            svg.empty("line", ["class": "chart-zero", "x1": SVGWriter.number(plotLeft), "y1": zeroY,
                               "x2": SVGWriter.number(plotRight), "y2": zeroY, "stroke": ChartPalette.ink])
        }
        for (index, series) in series.enumerated() where !series.points.isEmpty {
            let styleIndex = index % ChartPalette.series.count
            let format = usesSecondary(series.axis) ? secondary!.format : yAxis.format
            svg.open("g", ["class": "chart-series chart-series-\(styleIndex + 1)"])
            svg.element("title", text: series.name)
            let points = series.points.map { SVGWriter.number(x($0.x)) + "," + SVGWriter.number(y($0.y, series.axis)) }
            svg.empty("polyline", ["class": "chart-series-line", "points": points.joined(separator: " "), "fill": "none",
                                   "stroke": ChartPalette.series[styleIndex], "stroke-width": "2",
                                   "stroke-linejoin": "round", "stroke-dasharray": ChartPalette.dashes[styleIndex]])
            if series.points.count <= Self.maximumShapedPoints {
                for point in series.points {
                    Self.pointShape(&svg, index: styleIndex, x: x(point.x), y: y(point.y, series.axis),
                                    tooltip: series.name + ": " + xAxis.format.format(point.x) + ", " + format.format(point.y))
                }
            }
            svg.close("g")
        }
        for (index, marker) in markers.enumerated() {
            let format = usesSecondary(marker.axis) ? secondary!.format : yAxis.format
            let markerX = x(marker.point.x)
            let markerY = y(marker.point.y, marker.axis)
            let text = marker.label + ": " + xAxis.format.format(marker.point.x) + ", " + format.format(marker.point.y)
            svg.open("g", ["class": "chart-marker chart-marker-\(index + 1)"])
            svg.element("title", text: text)
            svg.empty("circle", ["class": "chart-marker-ring", "cx": SVGWriter.number(markerX), "cy": SVGWriter.number(markerY),
                                 "r": "7.0", "fill": "none", "stroke": ChartPalette.ink, "stroke-width": "2"])
            svg.empty("line", ["class": "chart-marker-guide", "x1": SVGWriter.number(markerX), "y1": SVGWriter.number(markerY + 7),
                               "x2": SVGWriter.number(markerX), "y2": SVGWriter.number(plotBottom),
                               "stroke": ChartPalette.ink, "stroke-dasharray": "2 3"])
            // The label sits above the ring (below it near the top), on the side with more room.
            let onRight = markerX < (plotLeft + plotRight) / 2
            // Each further marker's label one line lower, so that labels of nearby markers do not overlap.
            let labelY = (markerY - plotTop < 24 ? markerY + 22 : markerY - 12) + Double(index) * 16
            svg.element("text", ["class": "chart-marker-label", "x": SVGWriter.number(markerX + (onRight ? 10 : -10)),
                                 "y": SVGWriter.number(labelY), "text-anchor": onRight ? "start" : "end",
                                 "font-weight": "bold", "stroke": ChartPalette.background, "stroke-width": "3",
                                 "paint-order": "stroke"], text: text)
            svg.close("g")
        }
        svg.finishChart()
        return svg.text
    }

    /// The text alternative: the axes, then each series' points (all of them when few, else the first, last,
    /// highest and lowest), then the marked points.
    public var textAlternative: String {
        let series = sortedSeries
        guard series.contains(where: { !$0.points.isEmpty }) else { return "No data." }
        var sentences = ["Line chart of \(yAxis.label) by \(xAxis.label)."]
        for series in series {
            let format = usesSecondary(series.axis) ? secondaryYAxis!.format : yAxis.format
            let axisNote = usesSecondary(series.axis) ? ", \(secondaryYAxis!.label) on the right axis" : ""
            func point(_ point: Point) -> String { format.format(point.y) + " at " + xAxis.format.format(point.x) }
            guard let first = series.points.first, let last = series.points.last else {
                sentences.append("\(series.name)\(axisNote): no points.")
                continue
            }
            if series.points.count <= 12 {
                let noun = series.points.count == 1 ? "point" : "points"
                sentences.append("\(series.name)\(axisNote), \(series.points.count) \(noun): "
                    + series.points.map(point).joined(separator: "; ") + ".")
            } else {
                let highest = series.points.enumerated().max { ($0.element.y, $1.offset) < ($1.element.y, $0.offset) }!.element
                let lowest = series.points.enumerated().min { ($0.element.y, $0.offset) < ($1.element.y, $1.offset) }!.element
                sentences.append("\(series.name)\(axisNote), \(series.points.count) points from \(point(first)) to \(point(last)); "
                    + "highest \(point(highest)), lowest \(point(lowest)).")
            }
        }
        for marker in markers {
            let format = usesSecondary(marker.axis) ? secondaryYAxis!.format : yAxis.format
            sentences.append("Marked: \(marker.label), \(format.format(marker.point.y)) at \(xAxis.format.format(marker.point.x)).")
        }
        return sentences.joined(separator: " ")
    }

    /// Places legend items left to right, wrapping to a new row when one would pass `right`.
    static func legendLayout(_ items: [String], left: Double, right: Double) -> [(row: Int, x: Double)] {
        var result: [(row: Int, x: Double)] = []
        var row = 0
        var x = left
        for item in items {
            let itemWidth = 30 + SVGWriter.estimatedWidth(item) + 16
            if x > left && x + itemWidth > right {
                row += 1
                x = left
            }
            result.append((row, x))
            x += itemWidth
        }
        return result
    }

    /// The point shape of a series style: circle, square, triangle, diamond.
    static func pointShape(_ svg: inout SVGWriter, index: Int, x: Double, y: Double, tooltip: String?) {
        let colour = ChartPalette.series[index % ChartPalette.series.count]
        let n = SVGWriter.number
        let attributes: SVGWriter.Attributes
        let name: String
        switch index % 4 {
        case 0:
            name = "circle"
            attributes = ["class": "chart-point", "cx": n(x), "cy": n(y), "r": "3.5", "fill": colour]
        case 1:
            name = "rect"
            attributes = ["class": "chart-point", "x": n(x - 3.5), "y": n(y - 3.5), "width": "7.0", "height": "7.0", "fill": colour]
        case 2:
            name = "path"
            attributes = ["class": "chart-point", "d": "M\(n(x)) \(n(y - 4.5))L\(n(x + 4.5)) \(n(y + 3.5))L\(n(x - 4.5)) \(n(y + 3.5))Z",
                          "fill": colour]
        default:
            name = "path"
            attributes = ["class": "chart-point", "d": "M\(n(x)) \(n(y - 4.5))L\(n(x + 4.5)) \(n(y))L\(n(x)) \(n(y + 4.5))L\(n(x - 4.5)) \(n(y))Z",
                          "fill": colour]
        }
        if let tooltip { svg.element(name, attributes, tooltip: tooltip) } else { svg.empty(name, attributes) }
    }
}
