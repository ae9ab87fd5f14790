/// What a function's month of invocations costs at tier-1 list prices (requests and duration, before the free tier
/// and Savings Plans) if every invocation took its average billed duration, and if every one took its p99 duration:
/// a budget set from the average is exceeded when the month runs at its tail, so the function page shows both.
/// Where the metrics give the size of streamed responses, both include the bytes past the first 6 MB of each.
public enum DurationBudget: Sendable, Equatable {
    /// `averageIsBilled`: the average is `avg_billed_duration_ms` (INIT included), not `avg_duration_ms`. The two
    /// costs include `streaming` when it is priced.
    case priced(atAverage: FixedDecimal, atP99: FixedDecimal, averageMs: FixedDecimal, averageIsBilled: Bool, p99BilledMs: FixedDecimal,
                streaming: Streaming)
    /// Why it was not priced (a metric or a price missing, or usage it does not model).
    case notChecked(String)

    /// Response streaming's charge for the bytes past the first 6 MB of each response.
    public enum Streaming: Sendable, Equatable {
        /// Neither the bill (no `Lambda-Streaming-Response-Processed-Bytes`) nor the metrics show streamed responses.
        case notGiven
        /// At the average and at the p99 response size, in the totals above.
        case priced(atAverage: FixedDecimal, atP99: FixedDecimal, averageBytes: FixedDecimal, p99Bytes: FixedDecimal)
        case notChecked(String)
    }

    /// The part of each streamed response that is free: 6 MB, taken as 6 × 2²⁰ bytes (Lambda's 6 MB payload limit),
    /// and the billed unit, a GB taken as 2³⁰ bytes, as AWS bills data.
    static let freeStreamedBytes = FixedDecimal(6 << 20)
    static let bytesPerGB = FixedDecimal(1 << 30)

    /// The budget of `function` from its metrics (`invocations`, `memory_mb`, `avg_billed_duration_ms` or else
    /// `avg_duration_ms`, `p99_duration_ms`, rounded up to the whole millisecond Lambda bills) and the catalog's
    /// on-demand request and duration prices of its region and only architecture. A function with provisioned
    /// concurrency is not priced: its invocations are billed at the provisioned rates, plus the concurrency kept warm.
    /// Made when the function's page is rendered (no function keeps one).
    static func make(_ function: FunctionCost, prices: ListPrices) -> DurationBudget {
        guard let metrics = function.metrics else { return .notChecked("no metrics for this function") }
        guard let p99 = metrics.p99DurationMs else { return .notChecked("the metrics have no p99_duration_ms") }
        let billedAverage = metrics.averageBilledDurationMs
        guard let average = billedAverage ?? metrics.averageDurationMs else {
            return .notChecked("the metrics have neither avg_billed_duration_ms nor avg_duration_ms")
        }
        guard let invocations = metrics.invocations, invocations > .zero else { return .notChecked("the metrics have no invocations") }
        guard let memoryMB = metrics.memoryMB, memoryMB > 0 else { return .notChecked("the metrics have no memory_mb") }
        guard function.provisionedGBSeconds.isZero && function.provisionedDurationGBSeconds.isZero else {
            return .notChecked("the function has provisioned concurrency, whose invocations are billed at other rates")
        }
        guard !function.architectures.isEmpty else { return .notChecked("the bill has no request or duration usage of it") }
        guard let architecture = DurationRates.architecture(of: function) else { return .notChecked("it is billed on both architectures") }
        let region = function.function.region
        guard let requestPrice = prices.price(region: region, architecture: architecture, charge: .requests),
            let durationPrice = prices.price(region: region, architecture: architecture, charge: .duration)
        else { return .notChecked("the catalog has no \(architecture.rawValue) request or duration price for \(region)") }
        let p99Billed = p99.ceiling
        // Per invocation: the request, and ms × MB × rate ÷ (1,000 ms × 1,024 MB per GB-second); then × invocations.
        func cost(milliseconds: FixedDecimal) -> FixedDecimal? {
            guard let duration = (milliseconds * FixedDecimal(memoryMB)).multipliedIfRepresentable(by: durationPrice, dividedBy: FixedDecimal(1_024_000))
            else { return nil }
            return (requestPrice + duration).multipliedIfRepresentable(by: invocations, dividedBy: FixedDecimal(1))
        }
        guard var atAverage = cost(milliseconds: average), var atP99 = cost(milliseconds: p99Billed) else {
            return .notChecked("the invocations and durations are too large to price exactly")
        }
        let streaming = streamingCost(metrics, invocations: invocations, region: region, architecture: architecture,
                                      streamsInBill: function.usage.keys.contains { $0.kind == .streamingBytes }, prices: prices)
        if case .priced(let streamedAtAverage, let streamedAtP99, _, _) = streaming {
            atAverage += streamedAtAverage
            atP99 += streamedAtP99
        }
        return .priced(atAverage: atAverage, atP99: atP99, averageMs: average, averageIsBilled: billedAverage != nil, p99BilledMs: p99Billed,
                       streaming: streaming)
    }

    /// The bytes past the first 6 MB of each response at the catalog's `streaming_bytes` price, at the average and
    /// at the p99 response size: per invocation (bytes − 6 MB, if above) × price ÷ 2³⁰, then × invocations.
    static func streamingCost(_ metrics: FunctionMetrics, invocations: FixedDecimal, region: String, architecture: Architecture,
                              streamsInBill: Bool, prices: ListPrices) -> Streaming {
        let (average, p99) = (metrics.averageStreamedBytes, metrics.p99StreamedBytes)
        guard average != nil || p99 != nil else {
            return streamsInBill ? .notChecked("the bill has streamed responses, but the metrics have no avg_streamed_bytes and p99_streamed_bytes") : .notGiven
        }
        guard let average, let p99 else { return .notChecked("the metrics give only one of avg_streamed_bytes and p99_streamed_bytes") }
        guard let price = prices.price(region: region, architecture: architecture, charge: .streamingBytes) else {
            return .notChecked("the catalog has no \(architecture.rawValue) response streaming price for \(region)")
        }
        func cost(bytes: FixedDecimal) -> FixedDecimal? {
            let billed = max(.zero, bytes - freeStreamedBytes)
            return billed.multipliedIfRepresentable(by: price, dividedBy: bytesPerGB)?
                .multipliedIfRepresentable(by: invocations, dividedBy: FixedDecimal(1))
        }
        guard let atAverage = cost(bytes: average), let atP99 = cost(bytes: p99) else {
            return .notChecked("the invocations and response sizes are too large to price exactly")
        }
        return .priced(atAverage: atAverage, atP99: atP99, averageBytes: average, p99Bytes: p99)
    }
}
