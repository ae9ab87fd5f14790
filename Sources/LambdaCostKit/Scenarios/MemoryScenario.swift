/// Memory right-sizing. With AWS Lambda Power Tuning results the measured curve decides (confidence
/// `measured`), with the tool's strategies `cost` (cheapest, ties to the faster), `speed` (fastest, ties to the
/// cheaper) and `balanced` (weight × cost / max cost + (1 − weight) × duration / max duration). Without them,
/// duration is modeled from the CPU share of the run (`modeled`): the CPU part scales with the memory's share
/// of one vCPU (1,769 MB = 1 vCPU; single-threaded code gains nothing above it), the waiting part stays.
///
/// A size is allowed only at or above max memory used × (1 + headroom), and only when its duration is at
/// most `maximumP99Slowdown` × today's (so p99 grows by at most that factor). The saving is the function's
/// paid duration cost × (1 − GB-s per invocation at the new size / today's), billed duration rounded up to
/// whole milliseconds; requests are unchanged.
public struct MemoryScenario: Sendable {
    public static let identifier = "memory"
    /// What a memory change lowers: duration (one set shared by every opportunity of the scenario).
    static let actsOn: Set<UsageKind> = [.duration]
    /// Sizes considered by the model (the current size is always added).
    static let modeledSizes = [128, 256, 512, 768, 1024, 1536, 1769, 2048, 3008, 4096, 6144, 8192, 10_240]
    static let oneVCPU = 1769

    public var settings: ScenarioSettings

    public init(settings: ScenarioSettings = ScenarioSettings()) { self.settings = settings }

    struct Candidate {
        var memoryMB: Int
        var durationMs: FixedDecimal
        /// ceil(duration) × memory: proportional to billed GB-s per invocation.
        var weight: FixedDecimal { durationMs.ceiling * FixedDecimal(memoryMB) }
    }

    public func evaluate(_ functions: [FunctionCost], catalog: PriceCatalog) -> (opportunities: [Opportunity], skipped: [ScenarioSkip]) {
        var opportunities: [Opportunity] = []
        var skipped: [ScenarioSkip] = []
        func skip(_ function: FunctionCost, _ reason: String) {
            skipped.append(ScenarioSkip(scenario: Self.identifier, function: function.function, reason: reason))
        }
        for function in functions {
            guard let architecture = DurationRates.architecture(of: function) else { continue }
            let paidGBSeconds = function.paidQuantity(architecture, .duration)
            guard !paidGBSeconds.isZero else { continue }
            guard let rates = DurationRates(function, architecture: architecture, catalog: catalog) else {
                skip(function, "price missing in the catalog for \(architecture.rawValue) duration in \(function.function.region)")
                continue
            }
            guard let metrics = function.metrics, let currentMemory = metrics.memoryMB else {
                skip(function, "needs memory_mb and max_memory_used_mb from the metrics file")
                continue
            }
            guard let maxUsed = metrics.maxMemoryUsedMB else {
                skip(function, "needs max_memory_used_mb from the metrics file (the memory floor)")
                continue
            }
            let floor = maxUsed * (FixedDecimal(1) + settings.memoryHeadroom)
            let result: (current: Candidate, candidates: [Candidate], confidence: Opportunity.Confidence)
            if let tuning = function.powerTuning {
                let candidates = tuning.measurements.map { Candidate(memoryMB: $0.memoryMB, durationMs: $0.averageDurationMs) }
                let current = candidates.first { $0.memoryMB == currentMemory }
                    ?? metrics.averageDurationMs.map { Candidate(memoryMB: currentMemory, durationMs: $0) }
                guard let current else {
                    skip(function, "the Power Tuning results do not include today's \(currentMemory) MB and the metrics lack avg_duration_ms")
                    continue
                }
                result = (current, candidates, .measured)
            } else if let duration = metrics.averageDurationMs, let cpu = metrics.averageCPUTimeMs, !duration.isZero {
                let current = Candidate(memoryMB: currentMemory, durationMs: duration)
                let sizes = Set(Self.modeledSizes + [currentMemory]).sorted()
                result = (current, sizes.map { Candidate(memoryMB: $0, durationMs: modeledDuration(at: $0, current: current, cpuMs: min(cpu, duration))) }, .modeled)
            } else {
                skip(function, "needs Power Tuning results, or avg_duration_ms and avg_cpu_time_ms (Lambda Insights) in the metrics file")
                continue
            }
            let latencyLimit = result.current.durationMs * settings.maximumP99Slowdown
            let allowed = result.candidates.filter { FixedDecimal($0.memoryMB) >= floor && $0.durationMs <= latencyLimit }
            let currentCost = paidGBSeconds * rates.duration
            let currentWeight = result.current.weight
            func monthlyCost(_ candidate: Candidate) -> FixedDecimal {
                currentCost.multiplied(by: candidate.weight, dividedBy: currentWeight)
            }
            guard let best = choose(allowed), best.memoryMB != currentMemory else { continue }
            let curve = result.candidates.map {
                Opportunity.CurvePoint(memoryMB: $0.memoryMB, durationMs: $0.durationMs, monthlyCost: monthlyCost($0),
                    allowed: FixedDecimal($0.memoryMB) >= floor && $0.durationMs <= latencyLimit,
                    isCurrent: $0.memoryMB == currentMemory, isProposed: $0.memoryMB == best.memoryMB)
            }
            let savings = currentCost - monthlyCost(best)
            guard savings > .zero else { continue }
            let faster = best.durationMs < result.current.durationMs
            opportunities.append(Opportunity(
                scenario: Self.identifier, function: function.function, monthlySavings: savings,
                currentMonthlyCost: currentCost, confidence: result.confidence,
                summary: "Set \(function.function.name) to \(best.memoryMB) MB (now \(currentMemory) MB): about \(best.durationMs.formatted(places: 1)) ms per invocation instead of \(result.current.durationMs.formatted(places: 1)) ms, \(faster ? "faster and " : "")cheaper.",
                effort: "Change MemorySize and redeploy; re-measure with AWS Lambda Power Tuning.",
                risk: best.memoryMB < currentMemory
                    ? "Less memory also means less CPU; watch p99 latency and out-of-memory errors after the change."
                    : "More memory costs more per millisecond; the saving relies on the shorter duration.",
                inputs: [
                    .init(name: "memory now", value: "\(currentMemory) MB"), .init(name: "memory proposed", value: "\(best.memoryMB) MB"),
                    .init(name: "memory floor (max used + headroom)", value: "\(floor.formatted(places: 0)) MB"),
                    .init(name: "duration now", value: "\(result.current.durationMs.formatted(places: 2)) ms"),
                    .init(name: "duration proposed", value: "\(best.durationMs.formatted(places: 2)) ms"),
                    .init(name: "paid duration GB-s", value: paidGBSeconds.formatted(places: 3)),
                    .init(name: "duration rate", value: Format.rate(rates.duration, per: "GB-s")),
                    .init(name: "strategy", value: settings.strategy.rawValue),
                ],
                curve: curve, actsOn: Self.actsOn,
                tracked: TrackedChange(measure: .memoryMB, now: "\(currentMemory)", target: "\(best.memoryMB)")))
        }
        return (opportunities, skipped)
    }

    /// CPU time scales with the memory's share of one vCPU; waiting does not.
    func modeledDuration(at memory: Int, current: Candidate, cpuMs: FixedDecimal) -> FixedDecimal {
        let wait = current.durationMs - cpuMs
        let shareNow = FixedDecimal(min(current.memoryMB, Self.oneVCPU))
        let shareThen = FixedDecimal(min(memory, Self.oneVCPU))
        return wait + (cpuMs * shareNow).divided(by: shareThen)
    }

    /// Power Tuning's strategies over the allowed sizes.
    func choose(_ candidates: [Candidate]) -> Candidate? {
        guard !candidates.isEmpty else { return nil }
        switch settings.strategy {
        case .cost:
            return candidates.min { ($0.weight, $0.durationMs) < ($1.weight, $1.durationMs) }
        case .speed:
            return candidates.min { ($0.durationMs, $0.weight) < ($1.durationMs, $1.weight) }
        case .balanced:
            let maxWeight = candidates.map(\.weight).max()!
            let maxDuration = candidates.map(\.durationMs).max()!
            let weight = min(max(settings.balancedWeight, .zero), FixedDecimal(1))
            func score(_ candidate: Candidate) -> FixedDecimal {
                weight * candidate.weight.divided(by: maxWeight) + (FixedDecimal(1) - weight) * candidate.durationMs.divided(by: maxDuration)
            }
            return candidates.min { (score($0), $0.durationMs) < (score($1), $1.durationMs) }
        }
    }
}
