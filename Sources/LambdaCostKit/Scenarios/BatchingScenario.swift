/// Request-heavy functions: where the request charge is most of a function's request + compute cost (on-demand
/// duration, provisioned concurrency and provisioned duration; very
/// short invocations), merging `batchFactor` invocations into one (an SQS or Kinesis batch size) saves that
/// share of the request charge; the duration of the work is assumed unchanged. Confidence `heuristic`.
public struct BatchingScenario: Sendable {
    public static let identifier = "batching"
    /// Triggers whose event source mapping can batch.
    static let batchableTriggers: Set<String> = ["sqs", "kinesis", "dynamodb", "kafka", "msk", "mq"]

    public var settings: ScenarioSettings

    public init(settings: ScenarioSettings = ScenarioSettings()) { self.settings = settings }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> (opportunities: [Opportunity], skipped: [ScenarioSkip]) {
        var opportunities: [Opportunity] = []
        var skipped: [ScenarioSkip] = []
        guard settings.batchFactor > 1 else { return ([], []) }
        for function in functions {
            guard let architecture = DurationRates.architecture(of: function),
                let rates = DurationRates(function, architecture: architecture, catalog: catalog)
            else { continue }
            let requests = function.paidQuantity(architecture, .requests)
            let requestCost = requests * rates.request
            var durationCost = function.paidQuantity(architecture, .duration) * rates.duration
            for kind in [UsageKind.provisionedConcurrency, .provisionedDuration] {
                let quantity = function.paidQuantity(architecture, kind)
                guard !quantity.isZero else { continue }
                guard let rate = catalog.listPrice(region: function.function.region, architecture: architecture, charge: kind) else {
                    durationCost = requestCost  // unknown compute price: cannot claim requests dominate
                    break
                }
                durationCost += quantity * rate
            }
            guard !requestCost.isZero, requestCost >= (requestCost + durationCost) * settings.requestCostShare else { continue }
            let trigger = function.metrics?.trigger ?? ""
            if !trigger.isEmpty && !Self.batchableTriggers.contains(trigger) {
                skipped.append(ScenarioSkip(scenario: Self.identifier, function: function.function,
                    reason: "requests are \((requestCost * 100).divided(by: requestCost + durationCost).formatted(places: 0)) % of its cost, but its trigger (\(trigger)) delivers one event per invocation; batching needs a queue or stream in front"))
                continue
            }
            let factor = FixedDecimal(settings.batchFactor)
            let savings = requestCost - requestCost.divided(by: settings.batchFactor)
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: requestCost, confidence: .heuristic,
                summary: "\(function.function.name) pays more for requests (\(Format.usdFine(requestCost))) than for compute (\(Format.usdFine(durationCost))): handling \(settings.batchFactor) events per invocation would cut the request charge by \(Format.usdFine(savings)).",
                effort: trigger.isEmpty
                    ? "Put a queue in front or raise the event source mapping's batch size (trigger unknown: add it to the metrics file)."
                    : "Raise the \(trigger) event source mapping's BatchSize (and MaximumBatchingWindowInSeconds).",
                risk: "Larger batches add latency and need partial-batch failure handling (ReportBatchItemFailures).",
                inputs: [
                    .init(name: "paid requests", value: requests.formatted(places: 0)), .init(name: "request rate", value: Format.rate(rates.request, per: "request")),
                    .init(name: "compute cost", value: durationCost.formatted(places: 6)), .init(name: "batch factor", value: factor.description),
                ], actsOn: [.requests],
                tracked: TrackedChange.Measure.gbSecondsPerRequest(of: function).map {
                    TrackedChange(measure: .gbSecondsPerRequest, now: $0, target: $0 * factor)
                }))
        }
        return (opportunities, skipped)
    }
}
