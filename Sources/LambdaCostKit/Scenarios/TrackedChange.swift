/// What an opportunity asks to change, as a figure the next month's bill (or metrics) shows: its value this month
/// and the value the change aims at. The next month's report reads both back from `opportunities.csv` and
/// measures the same figure again to tell whether the change was made (``OpportunityFollowUp``).
public struct TrackedChange: Sendable, Equatable {
    /// The figure measured.
    public enum Measure: String, Sendable, CaseIterable {
        /// arm64's share of the function's duration, provisioned concurrency and provisioned duration GB-seconds
        /// (from the bill). Graviton.
        case arm64Share = "arm64_gb_seconds_share"
        /// The function's configured memory (`memory_mb` of the metrics file). Memory and idle wait.
        case memoryMB = "memory_mb"
        /// Duration GB-seconds per invocation (from the bill; all architectures). Batching raises it: the same
        /// work in fewer invocations.
        case gbSecondsPerRequest = "gb_seconds_per_request"
        /// Provisioned concurrency GB-seconds per hour of the month (from the bill): the level kept warm × its
        /// memory, on average. Provisioned concurrency.
        case provisionedGBSecondsPerHour = "provisioned_gb_seconds_per_hour"
        /// The Savings Plans commitment owned, USD per hour (the fee rows' total commitment ÷ the month's hours).
        case savingsPlanCommitmentPerHour = "savings_plan_commitment_usd_per_hour"
        /// The region the function runs in. Region moves: the target is the region proposed.
        case region
    }

    public var measure: Measure
    /// This month's value: a decimal, or a region code for ``Measure/region``.
    public var now: String
    /// The value the change aims at, in the same form.
    public var target: String

    public init(measure: Measure, now: String, target: String) {
        self.measure = measure
        self.now = now
        self.target = target
    }

    public init(measure: Measure, now: FixedDecimal, target: FixedDecimal) {
        self.init(measure: measure, now: now.description, target: target.description)
    }
}

extension TrackedChange.Measure {
    /// A value of the measure for people: a share as a percentage, memory in MB, a commitment in dollars an hour
    /// (the value as it is when it is not a decimal).
    public func displayed(_ value: String) -> String {
        guard self != .region, let number = FixedDecimal(parsing: value) else { return value }
        switch self {
        case .arm64Share: return Format.percent(number)
        case .memoryMB: return "\(number.formatted(places: 0)) MB"
        case .gbSecondsPerRequest: return "\(number.formatted(places: 4)) GB-s"
        case .provisionedGBSecondsPerHour: return "\(number.formatted(places: 1)) GB-s/h"
        case .savingsPlanCommitmentPerHour: return "\(Format.usdFine(number))/h"
        case .region: return value
        }
    }

    /// The kinds whose GB-seconds count for ``arm64Share``: what Graviton moves.
    static let architectureKinds: [UsageKind] = [.duration, .provisionedConcurrency, .provisionedDuration]

    /// The function's value of a function measure this month; `nil` when its inputs are missing (no metrics, no
    /// requests, no GB-seconds) or for the fleet's ``savingsPlanCommitmentPerHour``.
    public func value(of function: FunctionCost, hours: Int) -> String? {
        switch self {
        case .arm64Share: return Self.arm64Share(of: function)?.description
        case .memoryMB: return function.metrics?.memoryMB.map(String.init)
        case .gbSecondsPerRequest: return Self.gbSecondsPerRequest(of: function)?.description
        case .provisionedGBSecondsPerHour: return Self.provisionedGBSecondsPerHour(of: function, hours: hours).description
        case .savingsPlanCommitmentPerHour: return nil
        case .region: return function.function.region
        }
    }

    /// arm64's share of the GB-seconds of ``architectureKinds`` (all usage: paid, free tier and covered).
    static func arm64Share(of function: FunctionCost) -> FixedDecimal? {
        var all = FixedDecimal.zero
        var arm64 = FixedDecimal.zero
        for (key, slice) in function.usage where architectureKinds.contains(key.kind) {
            all += slice.quantity
            if key.architecture == .arm64 { arm64 += slice.quantity }
        }
        return all.isZero ? nil : arm64.divided(by: all)
    }

    /// Duration GB-seconds (all architectures) ÷ invocations.
    static func gbSecondsPerRequest(of function: FunctionCost) -> FixedDecimal? {
        function.requests.isZero ? nil : function.gbSeconds.divided(by: function.requests)
    }

    /// Provisioned concurrency GB-seconds (all architectures) ÷ the month's hours.
    static func provisionedGBSecondsPerHour(of function: FunctionCost, hours: Int) -> FixedDecimal {
        function.provisionedGBSeconds.divided(by: FixedDecimal(max(hours, 1)))
    }
}
