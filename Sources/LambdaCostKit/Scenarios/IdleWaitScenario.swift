/// Idle-wait (the "serverless tax"): a function whose CPU time is a small share of its billed duration pays
/// mostly for waiting on I/O (LLM and API wrappers). Reported with the money paid for waiting and, as an
/// opportunity, the saving of the smallest memory that still fits (max memory used + headroom), whose
/// duration barely changes because only the CPU part slows down.
public struct IdleWaitScenario: Sendable {
    public static let identifier = "idle-wait"

    public var settings: ScenarioSettings

    public init(settings: ScenarioSettings = ScenarioSettings()) { self.settings = settings }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> (opportunities: [Opportunity], findings: [Finding]) {
        var opportunities: [Opportunity] = []
        var findings: [Finding] = []
        let memoryModel = MemoryScenario(settings: settings)
        for function in functions {
            guard let architecture = DurationRates.architecture(of: function), let metrics = function.metrics,
                let duration = metrics.averageDurationMs, let cpu = metrics.averageCPUTimeMs, !duration.isZero,
                let rates = DurationRates(function, architecture: architecture, catalog: catalog)
            else { continue }
            let cpuShare = min(cpu, duration).divided(by: duration)
            guard cpuShare < settings.idleCPUShare else { continue }
            let durationCost = function.paidQuantity(architecture, .duration) * rates.duration
            guard !durationCost.isZero else { continue }
            let waiting = durationCost * (FixedDecimal(1) - cpuShare)
            let name = function.function.name
            var summary = "\(name) uses the CPU for \((cpuShare * 100).formatted(places: 0)) % of its run and waits the rest: \(Format.usd(waiting)) of its \(Format.usd(durationCost)) duration cost this month paid for waiting. Async patterns stop paying for the wait: a WebSocket API or Step Functions callback (task token) instead of holding the invocation open, or a queue between the caller and the slow service."
            // A wrapper of a model: what it waits for is on the bill too.
            let bill = ModelTokenBill(function)
            if let bill {
                summary += " What it waits for is a model whose tokens cost \(OtherServicesScenario.tokenText(bill)) this month, against \(Format.usd(bill.lambdaCost)) of Lambda."
            }
            findings.append(Finding(
                kind: Self.identifier, function: function.function, moneyAtRisk: waiting, summary: summary,
                section: bill == nil ? .alternatives : .modelTokens))
            guard let memory = metrics.memoryMB, let maxUsed = metrics.maxMemoryUsedMB else { continue }
            let floor = maxUsed * (FixedDecimal(1) + settings.memoryHeadroom)
            guard let smallest = (MemoryScenario.modeledSizes + [memory]).sorted().first(where: { FixedDecimal($0) >= floor }), smallest < memory else { continue }
            let current = MemoryScenario.Candidate(memoryMB: memory, durationMs: duration)
            let proposed = MemoryScenario.Candidate(memoryMB: smallest, durationMs: memoryModel.modeledDuration(at: smallest, current: current, cpuMs: min(cpu, duration)))
            let savings = durationCost - durationCost.multiplied(by: proposed.weight, dividedBy: current.weight)
            guard savings > .zero else { continue }
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: durationCost, confidence: .modeled,
                summary: "\(name) mostly waits (CPU \((cpuShare * 100).formatted(places: 0)) % of the run): at \(smallest) MB, the smallest size that fits its \(maxUsed.formatted(places: 0)) MB peak, it would run about \(proposed.durationMs.formatted(places: 0)) ms instead of \(duration.formatted(places: 0)) ms for far less.",
                effort: "Lower MemorySize; for a larger cut, make the wait asynchronous (WebSocket API, Step Functions callback, a queue).",
                risk: "Less memory means less CPU for the part that computes; check p99 latency after the change.",
                inputs: [
                    .init(name: "CPU share of duration", value: cpuShare.formatted(places: 3)),
                    .init(name: "memory now", value: "\(memory) MB"), .init(name: "memory proposed", value: "\(smallest) MB"),
                    .init(name: "duration cost", value: durationCost.formatted(places: 6)),
                    .init(name: "paid for waiting", value: waiting.formatted(places: 6)),
                ], actsOn: [.duration],
                tracked: TrackedChange(measure: .memoryMB, now: "\(memory)", target: "\(smallest)")))
        }
        return (opportunities, findings)
    }
}
