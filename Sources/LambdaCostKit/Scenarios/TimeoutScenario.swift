/// Timeout hygiene, as findings with the money at risk, from the metrics file:
/// - behind API Gateway a timeout above 29 s runs on after the client got its 504;
/// - an SQS-triggered function needs a queue visibility timeout of at least 6 × its timeout (when known);
/// - a timeout far above p99 (10× and 10 s more) lets a hung invocation bill the whole timeout;
/// - invocations that timed out were billed the whole timeout.
public struct TimeoutScenario: Sendable {
    public static let apiGatewayLimitSeconds = FixedDecimal(29)

    public init() {}

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> [Finding] {
        var findings: [Finding] = []
        for function in functions {
            guard let metrics = function.metrics, let timeout = metrics.timeoutSeconds, let memory = metrics.memoryMB,
                let architecture = DurationRates.architecture(of: function) ?? metrics.architecture,
                let rates = DurationRates(function, architecture: architecture, catalog: catalog)
            else { continue }
            let gigabytes = FixedDecimal(memory).divided(by: 1024)
            /// The duration cost of `seconds` of one invocation.
            func priced(_ seconds: FixedDecimal) -> FixedDecimal { seconds * gigabytes * rates.duration }
            let name = function.function.name
            if metrics.trigger == "api-gateway", timeout > Self.apiGatewayLimitSeconds {
                let overrun = timeout - Self.apiGatewayLimitSeconds
                findings.append(Finding(
                    kind: "timeout-api-gateway", function: function.function,
                    moneyAtRisk: metrics.timeouts.map { $0 * priced(overrun) },
                    summary: "\(name) is behind API Gateway (29 s integration limit) with a \(timeout) s timeout: an invocation can run and bill \(overrun) s after the caller got a 504 (\(Format.usdFine(priced(overrun))) each). Lower the timeout to 29 s or less, unless the account's integration timeout was raised."))
            }
            if metrics.trigger == "sqs", let visibility = metrics.sqsVisibilityTimeoutSeconds, visibility < timeout * 6 {
                findings.append(Finding(
                    kind: "sqs-visibility-timeout", function: function.function, moneyAtRisk: nil,
                    summary: "\(name)'s queue visibility timeout (\(visibility) s) is under 6 × its \(timeout) s timeout: messages can be delivered again while still being processed, and paid for twice. Raise it to at least \(timeout * 6) s."))
            }
            if let p99 = metrics.p99DurationMs {
                let p99Seconds = p99.divided(by: 1000)
                if timeout >= p99Seconds * 10 && timeout - p99Seconds >= FixedDecimal(10) {
                    let suggested = max(FixedDecimal(3), (p99Seconds * 3).ceiling)
                    findings.append(Finding(
                        kind: "timeout-far-above-p99", function: function.function, moneyAtRisk: nil,
                        summary: "\(name) has a \(timeout) s timeout but a p99 of \(p99.formatted(places: 0)) ms: a hung invocation bills the whole timeout (\(Format.usdFine(priced(timeout))) each). A timeout near \(suggested) s (3 × p99) would cap that."))
                }
            }
            if let timeouts = metrics.timeouts, timeouts > .zero {
                let cost = timeouts * priced(timeout)
                findings.append(Finding(
                    kind: "timeouts", function: function.function, moneyAtRisk: cost,
                    summary: "\(timeouts) invocations of \(name) timed out, each billed the full \(timeout) s: \(Format.usdFine(cost)) for work that did not finish."))
            }
        }
        return findings
    }
}
