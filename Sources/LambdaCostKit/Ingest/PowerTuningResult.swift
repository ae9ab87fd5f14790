/// An AWS Lambda Power Tuning run for one function: measured average duration per memory size.
/// Its own cost figures use a flat, rounded per-ms price, so the scenarios re-price `stats` from the catalog.
public struct PowerTuningResult: Equatable, Sendable {
    /// One measured memory size.
    public struct Measurement: Equatable, Sendable {
        public var memoryMB: Int
        public var averageDurationMs: FixedDecimal
        /// The tool's own average price per invocation (for reference only).
        public var averagePrice: FixedDecimal?
    }

    public var function: FunctionIdentity
    /// The memory size the tool picked for its strategy.
    public var bestMemoryMB: Int?
    public var measurements: [Measurement]
    /// The file it came from.
    public var source: String
}
