/// Draws the axes shared by the charts: grid lines, tick marks, tick labels (through ``ChartValueFormat``) and
/// the axis label with its unit.
enum ChartAxisDrawing {
    enum Side { case left, right }

    /// The widest tick label of a scale, estimated.
    /// A step the format cannot tick on (a fraction of a month) is as wide as no axis, so that
    /// ``ChartScale/fitting(values:includeZero:length:labelExtent:)`` takes fewer, whole steps.
    static func tickLabelWidth(_ scale: ChartScale, format: ChartValueFormat) -> Double {
        guard format.allowsTickStep(scale.step) else { return .infinity }
        return scale.ticks.map { SVGWriter.estimatedWidth(format.tick($0, step: scale.step)) }.max() ?? 0
    }

    /// A horizontal value axis at `axisY` spanning `left…right`, with vertical grid lines up to `top` and the
    /// label centred 34 below the axis.
    static func horizontalAxis(_ svg: inout SVGWriter, scale: ChartScale, format: ChartValueFormat,
                               left: Double, right: Double, top: Double, axisY: Double, label: String) {
        svg.open("g", ["class": "chart-axis chart-axis-x"])
        for tick in scale.ticks {
            let position = scale.position(tick, from: left, to: right)
            let x = SVGWriter.number(position)
            svg.line(class: "chart-grid", x1: x, y1: SVGWriter.number(top), x2: x, y2: SVGWriter.number(axisY), stroke: ChartPalette.grid)
            svg.line(class: "chart-tick-mark", x1: x, y1: SVGWriter.number(axisY), x2: x, y2: SVGWriter.number(axisY + 4),
                     stroke: ChartPalette.muted)
            // Centred under the tick, but moved inwards rather than cut at the edges of the view box.
            let label = format.tick(tick, step: scale.step)
            let half = SVGWriter.estimatedWidth(label) / 2
            let center = min(max(position, half + 2), SVGWriter.width - half - 2)
            svg.element("text", ["class": "chart-tick", "x": SVGWriter.number(center), "y": SVGWriter.number(axisY + 16),
                                 "text-anchor": "middle", "fill": ChartPalette.muted], text: label)
        }
        svg.empty("line", ["class": "chart-axis-line", "x1": SVGWriter.number(left), "y1": SVGWriter.number(axisY),
                           "x2": SVGWriter.number(right), "y2": SVGWriter.number(axisY), "stroke": ChartPalette.muted])
        svg.element("text", ["class": "chart-axis-label", "x": SVGWriter.number((left + right) / 2),
                             "y": SVGWriter.number(axisY + 34), "text-anchor": "middle"], text: label)
        svg.close("g")
    }

    /// A vertical value axis at `axisX` spanning `top…bottom` (values grow upwards), with horizontal grid lines
    /// across `gridLeft…gridRight` when `grid` is set, tick labels on `side` and the label turned along the axis
    /// beyond them.
    static func verticalAxis(_ svg: inout SVGWriter, scale: ChartScale, format: ChartValueFormat, top: Double,
                             bottom: Double, axisX: Double, side: Side, grid: Bool, gridLeft: Double, gridRight: Double,
                             label: String) {
        let outward = side == .left ? -1.0 : 1.0
        svg.open("g", ["class": "chart-axis " + (side == .left ? "chart-axis-y" : "chart-axis-y2")])
        // Each tick as `empty` and `element` write it, without attribute lists: every function's page has a chart with one.
        let (gridLeftText, gridRightText) = (SVGWriter.number(gridLeft), SVGWriter.number(gridRight))
        let (axisText, markEndText) = (SVGWriter.number(axisX), SVGWriter.number(axisX + 4 * outward))
        let labelText = SVGWriter.number(axisX + 6 * outward)
        for tick in scale.ticks {
            let y = scale.position(tick, from: bottom, to: top)
            let yText = SVGWriter.number(y)
            if grid {
                svg.line(class: "chart-grid", x1: gridLeftText, y1: yText, x2: gridRightText, y2: yText, stroke: ChartPalette.grid)
            }
            svg.line(class: "chart-tick-mark", x1: axisText, y1: yText, x2: markEndText, y2: yText, stroke: ChartPalette.muted)
            svg.markup("<text class=\"chart-tick\" x=\"")
            svg.text(labelText)
            svg.markup("\" y=\"")
            svg.number(y + 4)
            svg.markup(side == .left ? "\" text-anchor=\"end\" fill=\"" : "\" text-anchor=\"start\" fill=\"")
            svg.text(ChartPalette.muted)
            svg.markup("\">")
            svg.text(format.tick(tick, step: scale.step))
            svg.markup("</text>\n")
        }
        svg.empty("line", ["class": "chart-axis-line", "x1": SVGWriter.number(axisX), "y1": SVGWriter.number(top),
                           "x2": SVGWriter.number(axisX), "y2": SVGWriter.number(bottom), "stroke": ChartPalette.muted])
        let labelX = SVGWriter.number(axisX + outward * (tickLabelWidth(scale, format: format) + 14))
        let labelY = SVGWriter.number((top + bottom) / 2)
        svg.element("text", ["class": "chart-axis-label", "x": labelX, "y": labelY, "text-anchor": "middle",
                             "transform": "rotate(\(side == .left ? -90 : 90) \(labelX) \(labelY))"], text: label)
        svg.close("g")
    }
}
