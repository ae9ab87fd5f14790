/// A value axis of a chart: its label, which states the unit (`Cost per month (USD)`, `Memory (MB)`), how its
/// values are written, and whether its range must include zero.
public struct ChartAxis: Sendable, Equatable {
    public var label: String
    public var format: ChartValueFormat
    /// Whether the axis range reaches zero even when every value is far from it (bars always do).
    public var includesZero: Bool

    public init(label: String, format: ChartValueFormat, includesZero: Bool = false) {
        self.label = label
        self.format = format
        self.includesZero = includesZero
    }
}
