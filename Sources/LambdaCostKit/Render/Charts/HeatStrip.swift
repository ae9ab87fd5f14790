/// A month of hourly values as a strip of cells, one column per day and one row per hour of the day (UTC, 00:00
/// at the top): the hourly concurrency or cost heat strip. Values are put in up to five steps at nice bounds from
/// zero (or the lowest value, when it is negative) to the highest, each a lighter or darker shade, with a legend
/// giving each step's range; hours without data are white with a diagonal stroke and named in the legend.
///
/// With ``cellTooltips`` every cell has a tooltip with its date, hour and value; without them (the report's pages), a
/// day's run of hours in one shade is drawn as one cell. The text alternative states the peak, the lowest value, the
/// average and the busiest and quietest hour of the day.
public struct HeatStrip: Sendable {
    /// The SVG element's `id`, unique in the page; `-title` and `-desc` are appended for its text alternative.
    public var id: String
    public var title: String
    public var month: BillingMonth
    /// One value per hour of the month from its first hour (`nil`: no data); values past the month's last hour
    /// are ignored, missing ones are hours without data.
    public var hourly: [FixedDecimal?]
    /// What the values are, with their unit (`Concurrent executions`, `Cost per hour (USD)`), and their format.
    public var value: ChartAxis
    /// Whether each cell carries a tooltip (about 70 bytes a cell; 744 cells in a month). Without them, a day's
    /// run of hours in one shade is drawn as one cell.
    public var cellTooltips: Bool

    public init(id: String, title: String, month: BillingMonth, hourly: [FixedDecimal?], value: ChartAxis,
                cellTooltips: Bool = true) {
        self.id = id
        self.title = title
        self.month = month
        self.hourly = hourly
        self.value = value
        self.cellTooltips = cellTooltips
    }

    /// A strip from values keyed by hour; hours outside `month` are ignored.
    public init(id: String, title: String, month: BillingMonth, values: [UsageHour: FixedDecimal], value: ChartAxis,
                cellTooltips: Bool = true) {
        let first = Int(month.firstHour.hoursSinceEpoch)
        var hourly = [FixedDecimal?](repeating: nil, count: month.hourCount)
        for (hour, amount) in values where month.contains(hour) { hourly[Int(hour.hoursSinceEpoch) - first] = amount }
        self.init(id: id, title: title, month: month, hourly: hourly, value: value, cellTooltips: cellTooltips)
    }

    static let kind = "chart-heat"
    private static let cellHeight = 9.0
    private static let top = 8.0
    private static let left = 48.0
    private static let right = 8.0

    private var days: Int { month.hourCount / 24 }

    /// The month's cells, `nil` for hours without data.
    private var cells: [FixedDecimal?] {
        (0..<month.hourCount).map { $0 < hourly.count ? hourly[$0] : nil }
    }

    /// The value steps of a strip, from `min(0, lowest)` to the highest value: at nice bounds (1, 2 or 5 × 10ⁿ
    /// apart, as axis ticks) when there are at most as many as shades, else equal parts.
    struct Steps: Equatable {
        /// The lower end of each step, then the top of the last; exact.
        var bounds: [FixedDecimal]
        /// The distance between nice bounds, which sets their decimals; `nil` for equal parts.
        var step: FixedDecimal?

        init(lowest: FixedDecimal, highest: FixedDecimal) {
            let shades = ChartPalette.heat.count
            let scale = ChartScale(values: [lowest, highest], includeZero: true, maximumIntervals: shades)
            var bounds = scale.ticks
            if bounds.first != scale.lower { bounds.insert(scale.lower, at: 0) }
            if bounds.last != scale.upper { bounds.append(scale.upper) }
            if bounds.count - 1 <= shades {
                self.bounds = bounds
                step = scale.step
                return
            }
            // Only near the ends of FixedDecimal's range: equal parts, span × index / shades without overflow.
            let low = min(lowest, .zero)
            let span = ChartScale.offset(highest.units, from: low.units)
            let count = UInt128(shades)
            self.bounds = (0...shades).map { index in
                let index = UInt128(index)
                let offset = span / count * index + span % count * index / count
                return FixedDecimal(units: Int128(bitPattern: UInt128(bitPattern: low.units) &+ offset))
            }
            step = nil
        }

        var count: Int { bounds.count - 1 }

        /// The step of a value: the last whose lower end is not above it.
        func index(of value: FixedDecimal) -> Int {
            var result = 0
            for index in 1..<max(1, count) where value >= bounds[index] { result = index }
            return result
        }

        /// The palette shade of a step: the steps spread from the lightest shade to the darkest.
        func shade(_ index: Int) -> Int {
            let last = ChartPalette.heat.count - 1
            guard count > 1 else { return 0 }
            return (index * last * 2 + (count - 1)) / ((count - 1) * 2)
        }

        /// A bound as the legend writes it.
        func text(_ bound: FixedDecimal, format: ChartValueFormat) -> String {
            step.map { format.tick(bound, step: $0) } ?? format.format(bound)
        }
    }

    /// The chart as an inline `<svg>` element (a small "No data" chart when no hour has a value).
    public func svg() -> String {
        let cells = self.cells
        let known = cells.compactMap { $0 }
        guard let lowest = known.min(), let highest = known.max() else {
            return SVGWriter.noDataChart(id: id, kind: Self.kind, title: title)
        }
        let steps = Steps(lowest: lowest, highest: highest)
        let width = SVGWriter.width
        let days = self.days
        let cellWidth = (width - Self.left - Self.right) / Double(days)
        let stripBottom = Self.top + 24 * Self.cellHeight
        let dayLabelEvery = cellWidth >= 17 ? 1 : 2

        // The legend: one entry per step, then "No data" when some hours have none.
        var legend: [(shade: Int?, text: String)] = (0..<steps.count).map { index in
            (steps.shade(index), steps.text(steps.bounds[index], format: value.format) + " – "
                + steps.text(steps.bounds[index + 1], format: value.format))
        }
        if known.count < cells.count { legend.append((nil, "No data")) }
        let legendTop = stripBottom + 54
        let legendItems = LineChart.legendLayout(legend.map(\.text), left: Self.left, right: width - Self.right)
        let legendRows = (legendItems.map(\.row).max() ?? 0) + 1
        let height = legendTop + 18 + Double(legendRows) * 20

        var svg = SVGWriter()
        svg.startChart(id: id, kind: Self.kind, height: height, title: title, description: textAlternative)
        let n = SVGWriter.number
        svg.open("g", ["class": "chart-axis chart-axis-y"])
        for hour in stride(from: 0, to: 24, by: 3) {
            svg.element("text", ["class": "chart-tick", "x": n(Self.left - 6),
                                 "y": n(Self.top + (Double(hour) + 0.5) * Self.cellHeight + 4), "text-anchor": "end",
                                 "fill": ChartPalette.muted], text: Self.hourText(hour))
        }
        svg.close("g")
        svg.open("g", ["class": "chart-axis chart-axis-x"])
        for day in stride(from: 1, through: days, by: dayLabelEvery) {
            svg.element("text", ["class": "chart-tick", "x": n(Self.left + (Double(day) - 0.5) * cellWidth),
                                 "y": n(stripBottom + 14), "text-anchor": "middle", "fill": ChartPalette.muted],
                        text: String(day))
        }
        svg.element("text", ["class": "chart-axis-label", "x": n((Self.left + width - Self.right) / 2), "y": n(stripBottom + 30),
                             "text-anchor": "middle"], text: "Day of \(month) (columns) by hour of the day, UTC (rows)")
        svg.close("g")

        svg.open("g", ["class": "chart-cells", "shape-rendering": "crispEdges"])
        // Each column's and row's coordinates and texts made once: 744 cells share 31 columns and 24 rows.
        let columnX = (0..<days).map { Self.left + Double($0) * cellWidth }
        let (columnLeft, columnRight) = (columnX.map(n), columnX.map { n($0 + cellWidth) })
        let rowY = (0..<24).map { Self.top + Double($0) * Self.cellHeight }
        let (rowTop, rowBottom) = (rowY.map(n), rowY.map { n($0 + Self.cellHeight) })
        let (widthText, heightText) = (n(cellWidth), n(Self.cellHeight))
        let shadeClasses = ChartPalette.heat.indices.map { "heat-\($0)" }
        let dates = cellTooltips ? (0..<days).map { "\(month)-\(Self.two($0 + 1)) " } : []
        let hours = cellTooltips ? (0..<24).map { Self.hourText($0) + " UTC: " } : []
        let shades = cells.map { cell in cell.map { steps.shade(steps.index(of: $0)) } }
        var index = 0
        while index < shades.count {
            let day = index / 24
            let hour = index % 24
            let shade = shades[index]
            // Without tooltips, a day's run of hours in one shade is one cell as tall as the run (a month of a
            // steady function is a few dozen cells, not 744); an hour without data is always a cell of its own.
            var run = 1
            if !cellTooltips, shade != nil {
                while hour + run < 24, shades[index + run] == shade { run += 1 }
            }
            let className = shade.map { shadeClasses[$0] } ?? "heat-none"
            let fill = shade.map { ChartPalette.heat[$0] } ?? ChartPalette.background
            if cellTooltips {
                svg.element("rect", ["class": className, "x": columnLeft[day], "y": rowTop[hour], "width": widthText,
                                     "height": heightText, "fill": fill],
                            tooltip: dates[day] + hours[hour] + (cells[index].map(value.format.format) ?? "no data"))
            } else {
                svg.rect(class: className, x: columnLeft[day], y: rowTop[hour], width: widthText,
                         height: run == 1 ? heightText : n(Double(run) * Self.cellHeight), fill: fill)
            }
            if shade == nil {
                Self.noDataMark(&svg, path: "M" + columnLeft[day] + " " + rowBottom[hour] + "L" + columnRight[day] + " " + rowTop[hour])
            }
            index += run
        }
        svg.close("g")
        svg.empty("rect", ["class": "chart-frame", "x": n(Self.left), "y": n(Self.top), "width": n(width - Self.left - Self.right),
                           "height": n(24 * Self.cellHeight), "fill": "none", "stroke": ChartPalette.grid])

        svg.open("g", ["class": "chart-legend"])
        svg.element("text", ["class": "chart-legend-title", "x": n(Self.left), "y": n(legendTop)], text: value.label + ":")
        for (index, item) in legend.enumerated() {
            let position = legendItems[index]
            let rowY = legendTop + 8 + Double(position.row) * 20
            svg.empty("rect", ["class": item.shade.map { "heat-\($0)" } ?? "heat-none", "x": n(position.x), "y": n(rowY),
                               "width": "24.0", "height": "12.0",
                               "fill": item.shade.map { ChartPalette.heat[$0] } ?? ChartPalette.background,
                               "stroke": ChartPalette.muted])
            if item.shade == nil { Self.noDataMark(&svg, x: position.x, y: rowY, width: 24, height: 12) }
            svg.element("text", ["class": "chart-legend-label", "x": n(position.x + 30), "y": n(rowY + 10)], text: item.text)
        }
        svg.close("g")
        svg.finishChart()
        return svg.text
    }

    /// The text alternative: the extent of the data, the peak and the lowest hour, the average, and the busiest
    /// and quietest hour of the day on average.
    public var textAlternative: String {
        let cells = self.cells
        let known = cells.enumerated().compactMap { index, value in value.map { (index, $0) } }
        guard !known.isEmpty else { return "No data." }
        let format = value.format.format
        func when(_ index: Int) -> String { "\(month)-\(Self.two(index / 24 + 1)) at \(Self.hourText(index % 24)) UTC" }
        // The first peak and the first lowest hour, so ties give the earliest hour.
        let peak = known.max { ($0.1, $1.0) < ($1.1, $0.0) }!
        let low = known.min { ($0.1, $0.0) < ($1.1, $1.0) }!
        var text = "Heat strip of \(value.label) for each hour of \(month) (UTC), one column per day and one row per hour "
            + "of the day, darker for higher values. "
        text += known.count == cells.count ? "All \(cells.count) hours have data. " : "\(known.count) of \(cells.count) hours have data. "
        text += "Highest \(format(peak.1)) on \(when(peak.0)); lowest \(format(low.1)) on \(when(low.0)); "
        text += "average \(format(Self.mean(known.map(\.1)))) per hour."
        let hourMeans: [(hour: Int, mean: FixedDecimal)] = (0..<24).compactMap { hour in
            let values = known.filter { $0.0 % 24 == hour }.map(\.1)
            return values.isEmpty ? nil : (hour, Self.mean(values))
        }
        if hourMeans.count > 1,
           let busiest = hourMeans.max(by: { ($0.mean, $1.hour) < ($1.mean, $0.hour) }),
           let quietest = hourMeans.min(by: { ($0.mean, $0.hour) < ($1.mean, $1.hour) }), busiest.mean != quietest.mean {
            text += " On average the busiest hour of the day is \(Self.hourText(busiest.hour)) (\(format(busiest.mean))) "
                + "and the quietest \(Self.hourText(quietest.hour)) (\(format(quietest.mean)))."
        }
        return text
    }

    /// The mean of values, without the overflow a plain sum could hit near ``FixedDecimal``'s range: each value
    /// is divided first, and the remainders are added back.
    static func mean(_ values: [FixedDecimal]) -> FixedDecimal {
        guard !values.isEmpty else { return .zero }
        let count = Int128(values.count)
        var quotients: Int128 = 0
        var remainders: Int128 = 0
        for value in values {
            let (quotient, remainder) = value.units.quotientAndRemainder(dividingBy: count)
            quotients += quotient
            remainders += remainder
        }
        return FixedDecimal(units: quotients) + FixedDecimal(units: remainders).divided(by: values.count)
    }

    /// The diagonal stroke that marks an hour without data (white with a stroke, unlike any shade).
    static func noDataMark(_ svg: inout SVGWriter, x: Double, y: Double, width: Double, height: Double) {
        let n = SVGWriter.number
        noDataMark(&svg, path: "M\(n(x)) \(n(y + height))L\(n(x + width)) \(n(y))")
    }

    private static func noDataMark(_ svg: inout SVGWriter, path: String) {
        svg.empty("path", ["class": "heat-none-mark", "d": path, "stroke": ChartPalette.muted, "stroke-width": "1"])
    }

    static func hourText(_ hour: Int) -> String { two(hour) + ":00" }
    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
