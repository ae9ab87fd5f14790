/// Keeps the hourly average concurrency of the provisioned-concurrency analyses the report charts
/// (``CommitmentStage/chartedConcurrencyCount``, largest savings first) while the analyses are made, and empties it
/// everywhere else as soon as an analysis falls out of that set: a month of it is 744 decimals a function, and a
/// fleet's 4,000 such series held until the end of the stage were a quarter of a 50,000-function report's peak.
struct ChartedConcurrencySeries {
    /// The analyses kept, in the order they were added.
    private(set) var analyses: [ProvisionedConcurrencyAnalysis] = []
    /// Indices into `analyses` of those whose series is kept: at most ``CommitmentStage/chartedConcurrencyCount``.
    private var charted: [Int] = []

    /// Adds `analysis`, keeping its series only while it is among the charted ones.
    mutating func append(_ analysis: ProvisionedConcurrencyAnalysis) {
        analyses.append(analysis)
        let index = analyses.count - 1
        guard charted.count >= CommitmentStage.chartedConcurrencyCount else {
            charted.append(index)
            return
        }
        // The charted analysis that would be charted last, and whether the new one goes before it.
        guard let last = charted.indices.min(by: { Self.chartedFirst(analyses[charted[$1]], analyses[charted[$0]]) }) else { return }
        if Self.chartedFirst(analysis, analyses[charted[last]]) {
            dropSeries(at: charted[last])
            charted[last] = index
        } else {
            dropSeries(at: index)
        }
    }

    /// Empties the series of the analysis at `index`, and the same series its review holds (a function with
    /// provisioned concurrency has its plan twice), so that its storage goes.
    private mutating func dropSeries(at index: Int) {
        analyses[index] = Self.withoutSeries(analyses[index])
    }

    static func withoutSeries(_ analysis: ProvisionedConcurrencyAnalysis) -> ProvisionedConcurrencyAnalysis {
        var analysis = analysis
        analysis.plan.averageConcurrency = []
        analysis.review?.plan.averageConcurrency = []
        return analysis
    }

    /// The charted analysis that would be charted last once the set is full (`nil` before): an analysis made later
    /// that would not be charted before it can drop its series at once, as the set only gets stronger.
    var weakestCharted: ProvisionedConcurrencyAnalysis? {
        guard charted.count >= CommitmentStage.chartedConcurrencyCount else { return nil }
        return charted.map { analyses[$0] }.min { Self.chartedFirst($1, $0) }
    }

    /// Whether `analysis` could still be charted against `weakest` (``weakestCharted``).
    static func couldBeCharted(_ analysis: ProvisionedConcurrencyAnalysis, against weakest: ProvisionedConcurrencyAnalysis?) -> Bool {
        weakest.map { chartedFirst(analysis, $0) } ?? true
    }

    /// The report's chart order: larger savings first, then by function.
    static func chartedFirst(_ lhs: ProvisionedConcurrencyAnalysis, _ rhs: ProvisionedConcurrencyAnalysis) -> Bool {
        (lhs.monthlySavings, rhs.function) > (rhs.monthlySavings, lhs.function)
    }
}
