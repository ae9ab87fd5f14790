/// What CloudWatch / Lambda Insights say about one function over the month (`--metrics`, see
/// `docs/metrics.md`). Every field but the identity is optional: scenarios that need a missing field say so.
///
/// A fleet keeps one record per function from the ingest to the last page, so the numbers are packed
/// (``PackedNumbers``): only the fields present take room, a few bytes each, instead of 32 bytes for every
/// optional decimal. The fields read and write as plain optionals.
public struct FunctionMetrics: Equatable, Sendable {
    public var function: FunctionIdentity
    public var architecture: Architecture?
    public var trigger: String?
    /// The numeric fields below, by ``Field``.
    private var numbers = PackedNumbers()

    /// The numeric fields, in the order of their bits in ``PackedNumbers``.
    private enum Field: Int {
        case memoryMB, ephemeralMB, timeoutSeconds, invocations, averageDurationMs, p50DurationMs, p99DurationMs
        case averageBilledDurationMs, maxMemoryUsedMB, coldStarts, averageInitDurationMs, averageCPUTimeMs, errors, timeouts
        case sqsVisibilityTimeoutSeconds, averageStreamedBytes, p99StreamedBytes
    }

    public init(function: FunctionIdentity) { self.function = function }

    private func decimal(_ field: Field) -> FixedDecimal? { numbers[field.rawValue].map { FixedDecimal(units: $0) } }
    private mutating func setDecimal(_ field: Field, _ value: FixedDecimal?) { numbers[field.rawValue] = value?.units }
    private func integer(_ field: Field) -> Int? { numbers[field.rawValue].map { Int($0) } }
    private mutating func setInteger(_ field: Field, _ value: Int?) { numbers[field.rawValue] = value.map { Int128($0) } }

    public var memoryMB: Int? {
        get { integer(.memoryMB) }
        set { setInteger(.memoryMB, newValue) }
    }
    public var ephemeralMB: Int? {
        get { integer(.ephemeralMB) }
        set { setInteger(.ephemeralMB, newValue) }
    }
    public var timeoutSeconds: FixedDecimal? {
        get { decimal(.timeoutSeconds) }
        set { setDecimal(.timeoutSeconds, newValue) }
    }
    /// Bytes a streamed response sends, on average and at p99 (`avg_streamed_bytes`, `p99_streamed_bytes`).
    public var averageStreamedBytes: FixedDecimal? {
        get { decimal(.averageStreamedBytes) }
        set { setDecimal(.averageStreamedBytes, newValue) }
    }
    public var p99StreamedBytes: FixedDecimal? {
        get { decimal(.p99StreamedBytes) }
        set { setDecimal(.p99StreamedBytes, newValue) }
    }
    public var invocations: FixedDecimal? {
        get { decimal(.invocations) }
        set { setDecimal(.invocations, newValue) }
    }
    public var averageDurationMs: FixedDecimal? {
        get { decimal(.averageDurationMs) }
        set { setDecimal(.averageDurationMs, newValue) }
    }
    public var p50DurationMs: FixedDecimal? {
        get { decimal(.p50DurationMs) }
        set { setDecimal(.p50DurationMs, newValue) }
    }
    public var p99DurationMs: FixedDecimal? {
        get { decimal(.p99DurationMs) }
        set { setDecimal(.p99DurationMs, newValue) }
    }
    public var averageBilledDurationMs: FixedDecimal? {
        get { decimal(.averageBilledDurationMs) }
        set { setDecimal(.averageBilledDurationMs, newValue) }
    }
    public var maxMemoryUsedMB: FixedDecimal? {
        get { decimal(.maxMemoryUsedMB) }
        set { setDecimal(.maxMemoryUsedMB, newValue) }
    }
    public var coldStarts: FixedDecimal? {
        get { decimal(.coldStarts) }
        set { setDecimal(.coldStarts, newValue) }
    }
    public var averageInitDurationMs: FixedDecimal? {
        get { decimal(.averageInitDurationMs) }
        set { setDecimal(.averageInitDurationMs, newValue) }
    }
    public var averageCPUTimeMs: FixedDecimal? {
        get { decimal(.averageCPUTimeMs) }
        set { setDecimal(.averageCPUTimeMs, newValue) }
    }
    public var errors: FixedDecimal? {
        get { decimal(.errors) }
        set { setDecimal(.errors, newValue) }
    }
    public var timeouts: FixedDecimal? {
        get { decimal(.timeouts) }
        set { setDecimal(.timeouts, newValue) }
    }
    /// The visibility timeout of the SQS queue that triggers the function, when it has one.
    public var sqsVisibilityTimeoutSeconds: FixedDecimal? {
        get { decimal(.sqsVisibilityTimeoutSeconds) }
        set { setDecimal(.sqsVisibilityTimeoutSeconds, newValue) }
    }
}
