/// Prices the alternatives to a function that waits (docs/alternatives.md) from the catalog, the function's month
/// (requests, duration per hour) and its metrics (average duration, CPU time, memory):
///
/// - a **WebSocket API**: each request holds one connection for its wait (whole minutes, at least one) and sends two
///   messages (the request and the answer, each at most 32 KB); Lambda runs twice per request, for its CPU time only;
/// - a **Step Functions callback**: a Standard workflow of three state transitions per request waits for a task token
///   while nothing runs; Lambda runs twice per request (start the call, take the answer), for its CPU time only;
/// - **Lambda Managed Instances**: each hour as many instances as the function's CPU time needs at the configured
///   utilization of their vCPUs (at most 64 requests in flight per vCPU), at least the configured minimum; the
///   instance hours at the configured purchase's price, the management fee on their on-demand price, the requests.
///
/// Today's cost is priced the same way, at the catalog's tier-1 list prices without free tier, so the comparison
/// is between shapes of the same work, not between discounts.
struct WaitingAlternativesPricer {
    var catalog: PriceCatalog
    var settings: WaitingAlternativesSettings

    /// State transitions per request of the callback workflow (start, the task that waits for its token, the end).
    static let transitionsPerRequest = 3
    /// Messages per request over the WebSocket connection: the request and the answer.
    static let messagesPerRequest = 2
    /// Lambda invocations per request in the WebSocket and callback patterns.
    static let invocationsPerRequest = 2
    /// The most requests in flight per vCPU of a Managed Instances environment (AWS's limit).
    static let requestsPerVCPU = 64

    /// The alternatives of `function`, whose duration GB-seconds per hour of the month are `gbSecondsPerHour`; `nil`
    /// when the function has no single architecture or no list prices (then today cannot be priced either).
    func price(_ function: FunctionCost, gbSecondsPerHour: [FixedDecimal]) -> WaitingAlternatives? {
        guard let architecture = DurationRates.architecture(of: function),
            let rates = DurationRates(function, architecture: architecture, catalog: catalog)
        else { return nil }
        let requests = function.paidQuantity(architecture, .requests)
        let gbSeconds = function.paidQuantity(architecture, .duration)
        let today = requests * rates.request + gbSeconds * rates.duration
        let region = function.function.region
        guard let metrics = function.metrics, let duration = metrics.averageDurationMs, let cpu = metrics.averageCPUTimeMs,
            let memory = metrics.memoryMB, duration > .zero, memory > 0
        else {
            let reason = "needs avg_duration_ms, avg_cpu_time_ms and memory_mb in the metrics"
            return WaitingAlternatives(function: function.function, todayAtListPrices: today,
                                       alternatives: WaitingAlternative.Kind.allCases.map { .notChecked($0, reason) })
        }
        let cpuMs = min(cpu, duration)
        let memoryGB = FixedDecimal(memory).divided(by: 1024)
        // The CPU part of every request, run by two invocations at today's memory size.
        let invocations = requests * FixedDecimal(Self.invocationsPerRequest)
        let cpuGBSeconds = requests * cpuMs.divided(by: 1000) * memoryGB
        let lambdaParts = [
            WaitingAlternative.Part(name: "Lambda requests", quantity: Format.quantity(invocations, places: 0),
                                    cost: invocations * rates.request),
            WaitingAlternative.Part(name: "Lambda duration, CPU time only", quantity: Format.quantity(cpuGBSeconds, places: 0) + " GB-s",
                                    cost: cpuGBSeconds * rates.duration),
        ]
        let cpuText = "\(cpuMs.formatted(places: 0)) ms of its \(duration.formatted(places: 0)) ms on the CPU"
        return WaitingAlternatives(function: function.function, todayAtListPrices: today, alternatives: [
            webSocket(region: region, requests: requests, durationMs: duration, lambdaParts: lambdaParts, cpuText: cpuText),
            callback(region: region, requests: requests, lambdaParts: lambdaParts, cpuText: cpuText),
            managedInstances(function, architecture: architecture, requests: requests, cpuShare: cpuMs.divided(by: duration),
                             memoryGB: memoryGB, gbSecondsPerHour: gbSecondsPerHour),
        ])
    }

    private func missing(_ what: String, _ region: String) -> String { "the catalog has no \(what) price for \(region)" }

    private func webSocket(region: String, requests: FixedDecimal, durationMs: FixedDecimal, lambdaParts: [WaitingAlternative.Part],
                           cpuText: String) -> WaitingAlternative {
        let messages = requests * FixedDecimal(Self.messagesPerRequest)
        let minutesPerRequest = max(FixedDecimal(1), durationMs.divided(by: 60_000).ceiling)
        let minutes = requests * minutesPerRequest
        guard let messageCost = catalog.cost(of: messages, .webSocketMessages, in: region),
            let minuteCost = catalog.cost(of: minutes, .webSocketConnectionMinutes, in: region)
        else { return .notChecked(.webSocket, missing("WebSocket API", region)) }
        return WaitingAlternative(
            kind: .webSocket,
            parts: [
                .init(name: "WebSocket messages", quantity: Format.quantity(messages, places: 0), cost: messageCost),
                .init(name: "WebSocket connection minutes", quantity: Format.quantity(minutes, places: 0), cost: minuteCost),
            ] + lambdaParts,
            assumptions: [
                "each request holds one connection for its wait: \(Format.quantity(minutesPerRequest, places: 0)) connection \(minutesPerRequest == FixedDecimal(1) ? "minute" : "minutes") (whole minutes, at least one)",
                "two messages per request (the request and the answer), each at most 32 KB",
                "Lambda runs twice per request, only for the CPU part (\(cpuText)), at today's memory size",
                "the slow call answers without a waiting invocation (an asynchronous API or a queue)",
                "no free tier (API Gateway's lasts the first 12 months)",
            ],
            confidence: .modeled)
    }

    private func callback(region: String, requests: FixedDecimal, lambdaParts: [WaitingAlternative.Part], cpuText: String) -> WaitingAlternative {
        let transitions = requests * FixedDecimal(Self.transitionsPerRequest)
        guard let transitionCost = catalog.cost(of: transitions, .stepFunctionsTransitions, in: region) else {
            return .notChecked(.callback, missing("Step Functions", region))
        }
        return WaitingAlternative(
            kind: .callback,
            parts: [.init(name: "Step Functions state transitions", quantity: Format.quantity(transitions, places: 0), cost: transitionCost)]
                + lambdaParts,
            assumptions: [
                "a Standard workflow per request: three state transitions, the task waiting for its token (.waitForTaskToken) while nothing is billed",
                "Lambda runs twice per request (start the call with the token, take the answer), only for the CPU part (\(cpuText)), at today's memory size",
                "the caller gets the answer asynchronously (the workflow's result, a queue or a notification)",
                "no free tier (Step Functions' 4,000 transitions a month are left out)",
            ],
            confidence: .modeled)
    }

    private func managedInstances(_ function: FunctionCost, architecture: Architecture, requests: FixedDecimal, cpuShare: FixedDecimal,
                                  memoryGB: FixedDecimal, gbSecondsPerHour: [FixedDecimal]) -> WaitingAlternative {
        let region = function.function.region
        let type = settings.instanceType
        guard let onDemand = catalog.instancePrice(type, .onDemand, in: region) else {
            return .notChecked(.managedInstances, "the catalog has no on-demand price of \(type) in \(region) (instance-prices.csv)")
        }
        guard let bought = catalog.instancePrice(type, settings.purchase, in: region) else {
            return .notChecked(.managedInstances, "the catalog has no \(settings.purchase.label) price of \(type) in \(region) (instance-prices.csv)")
        }
        guard let requestPrice = catalog.tiers(.managedInstancesRequests, in: region)?.first?.price,
            let feeShare = catalog.tiers(.managedInstancesFeeShare, in: region)?.first?.price
        else { return .notChecked(.managedInstances, missing("Lambda Managed Instances", region)) }
        guard !gbSecondsPerHour.isEmpty else {
            return .notChecked(.managedInstances, "needs the function's duration per hour of the month")
        }
        // Each hour: the instances the CPU time needs at the target utilization, and the requests in flight allow.
        let vcpus = FixedDecimal(onDemand.vcpus)
        let cpuSecondsPerInstanceHour = vcpus * FixedDecimal(3600) * settings.targetUtilization
        let inFlightPerInstance = vcpus * FixedDecimal(Self.requestsPerVCPU)
        var instanceHours = FixedDecimal.zero
        var peak = FixedDecimal.zero
        for gbSeconds in gbSecondsPerHour {
            let busySeconds = gbSeconds.divided(by: memoryGB)
            let forCPU = (busySeconds * cpuShare).divided(by: cpuSecondsPerInstanceHour).ceiling
            let forRequests = busySeconds.divided(by: FixedDecimal(3600)).divided(by: inFlightPerInstance).ceiling
            let instances = max(FixedDecimal(settings.minimumInstances), forCPU, forRequests)
            instanceHours += instances
            peak = max(peak, instances)
        }
        let cost = ManagedInstancesCost(requests: requests, instanceHours: instanceHours, requestPrice: requestPrice,
                                        hourlyPrice: bought.pricePerHour, onDemandHourlyPrice: onDemand.pricePerHour, feeShare: feeShare)
        var assumptions = [
            "each hour, as many \(type) instances (\(onDemand.vcpus) vCPU, \(onDemand.memoryGiB.formatted(places: 0)) GiB) as the function's CPU time (\(Format.percent(cpuShare)) of its duration) needs at \(Format.percent(settings.targetUtilization)) of their vCPUs, at most \(Self.requestsPerVCPU) requests in flight per vCPU, and at least \(settings.minimumInstances): \(Format.quantity(instanceHours, places: 0)) instance hours, at most \(peak.formatted(places: 0)) at once",
            "the instances at \(settings.purchase.label) (\(Format.usdFine(bought.pricePerHour)) an hour), the management fee \(Format.percent(feeShare)) of the on-demand \(Format.usdFine(onDemand.pricePerHour)) an hour",
            "no duration charge; memory per execution environment not checked (each takes at least 2 GB)",
        ]
        if onDemand.architecture != architecture {
            assumptions.append("the instances are \(onDemand.architecture.rawValue): the function, \(architecture.rawValue) today, needs a build for it")
        }
        return WaitingAlternative(
            kind: .managedInstances,
            parts: [
                .init(name: "Managed Instances requests", quantity: Format.quantity(requests, places: 0), cost: cost.requestCost),
                .init(name: "EC2 instance hours (\(type))", quantity: Format.quantity(instanceHours, places: 0), cost: cost.instanceCost),
                .init(name: "Management fee", quantity: Format.quantity(instanceHours, places: 0), cost: cost.managementFee),
            ],
            assumptions: assumptions, confidence: .heuristic)
    }
}
