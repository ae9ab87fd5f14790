/// Prices one month of one workload from the catalog (the `price` command): requests, on-demand duration
/// with tiers, ephemeral storage, provisioned concurrency and provisioned duration.
///
/// - Duration is rounded up to whole milliseconds per invocation; GB = MB / 1024.
/// - Ephemeral storage is billed on the GB above 512 MB times the seconds of duration (not times memory).
/// - Tiers apply to this workload's monthly on-demand GB-seconds (after the free tier).
/// - The free tier (1 M requests, 400,000 GB-s) applies to on-demand requests and duration only.
/// - Provisioned concurrency: N × memory GB × hours × 3600 GB-s at the PC rate; invocations it serves
///   run at the provisioned-duration rate and still pay the request price; the rest run on demand.
public struct WorkloadPricer: Sendable {
    public struct Workload: Sendable, Equatable {
        public var region: String
        public var architecture: Architecture
        public var memoryMB: Int
        /// Invocations in the month, including those served by provisioned concurrency.
        public var requests: FixedDecimal
        /// Duration of an on-demand invocation.
        public var durationMs: FixedDecimal
        public var ephemeralMB: Int
        public var freeTier: Bool
        public var provisionedConcurrency: FixedDecimal
        public var provisionedHours: FixedDecimal
        /// Invocations served by provisioned concurrency (part of `requests`).
        public var provisionedRequests: FixedDecimal
        public var provisionedDurationMs: FixedDecimal

        public init(region: String, architecture: Architecture, memoryMB: Int, requests: FixedDecimal, durationMs: FixedDecimal,
                    ephemeralMB: Int = 512, freeTier: Bool = false, provisionedConcurrency: FixedDecimal = .zero,
                    provisionedHours: FixedDecimal = .zero, provisionedRequests: FixedDecimal = .zero,
                    provisionedDurationMs: FixedDecimal = .zero) {
            self.region = region
            self.architecture = architecture
            self.memoryMB = memoryMB
            self.requests = requests
            self.durationMs = durationMs
            self.ephemeralMB = ephemeralMB
            self.freeTier = freeTier
            self.provisionedConcurrency = provisionedConcurrency
            self.provisionedHours = provisionedHours
            self.provisionedRequests = provisionedRequests
            self.provisionedDurationMs = provisionedDurationMs
        }
    }

    /// The month's charges, exact and unrounded.
    public struct Bill: Sendable, Equatable {
        public var requests = FixedDecimal.zero
        public var duration = FixedDecimal.zero
        public var ephemeralStorage = FixedDecimal.zero
        public var provisionedConcurrency = FixedDecimal.zero
        public var provisionedDuration = FixedDecimal.zero
        /// Billed quantities, for the explanation.
        public var billedRequests = FixedDecimal.zero
        public var onDemandGBSeconds = FixedDecimal.zero
        public var storageGBSeconds = FixedDecimal.zero
        public var provisionedGBSeconds = FixedDecimal.zero
        public var provisionedDurationGBSeconds = FixedDecimal.zero

        public var total: FixedDecimal { requests + duration + ephemeralStorage + provisionedConcurrency + provisionedDuration }
    }

    /// Why a workload cannot be priced.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownRegion(String)
        case invalid(String)
        case missingPrice(region: String, architecture: Architecture, charge: UsageKind)

        public var description: String {
            switch self {
            case .unknownRegion(let region): "unknown region '\(region)': it is not in the price catalog"
            case .invalid(let message): message
            case .missingPrice(let region, let architecture, let charge):
                "the catalog has no \(charge.rawValue) price for \(architecture.rawValue) in \(region); nothing is assumed"
            }
        }
    }

    public let catalog: PriceCatalog

    public init(catalog: PriceCatalog) { self.catalog = catalog }

    public func price(_ workload: Workload) throws(Failure) -> Bill {
        guard catalog.regions[workload.region] != nil else { throw .unknownRegion(workload.region) }
        try Self.check(workload)
        let gigabytes = FixedDecimal(workload.memoryMB).divided(by: 1024)
        let onDemandRequests = workload.requests - workload.provisionedRequests
        let onDemandSeconds = onDemandRequests * workload.durationMs.ceiling.divided(by: 1000)
        let provisionedSeconds = workload.provisionedRequests * workload.provisionedDurationMs.ceiling.divided(by: 1000)

        var bill = Bill()
        let freeRequests = workload.freeTier ? catalog.freeTier[.requests] ?? .zero : .zero
        let freeGBSeconds = workload.freeTier ? catalog.freeTier[.duration] ?? .zero : .zero
        bill.billedRequests = workload.provisionedRequests + max(.zero, onDemandRequests - freeRequests)
        bill.onDemandGBSeconds = max(.zero, onDemandSeconds * gigabytes - freeGBSeconds)
        if !bill.billedRequests.isZero { bill.requests = try cost(bill.billedRequests, .requests, workload) }
        if !bill.onDemandGBSeconds.isZero { bill.duration = try cost(bill.onDemandGBSeconds, .duration, workload) }
        if workload.ephemeralMB > 512 {
            let extraGB = FixedDecimal(workload.ephemeralMB - 512).divided(by: 1024)
            bill.storageGBSeconds = (onDemandSeconds + provisionedSeconds) * extraGB
            if !bill.storageGBSeconds.isZero { bill.ephemeralStorage = try cost(bill.storageGBSeconds, .ephemeralStorage, workload) }
        }
        if !workload.provisionedConcurrency.isZero {
            bill.provisionedGBSeconds = workload.provisionedConcurrency * gigabytes * workload.provisionedHours * 3600
            bill.provisionedConcurrency = try cost(bill.provisionedGBSeconds, .provisionedConcurrency, workload)
        }
        if !provisionedSeconds.isZero {
            bill.provisionedDurationGBSeconds = provisionedSeconds * gigabytes
            bill.provisionedDuration = try cost(bill.provisionedDurationGBSeconds, .provisionedDuration, workload)
        }
        return bill
    }

    private func cost(_ quantity: FixedDecimal, _ charge: UsageKind, _ workload: Workload) throws(Failure) -> FixedDecimal {
        let key = PriceCatalog.Key(region: workload.region, architecture: workload.architecture, charge: charge)
        guard let cost = catalog.listCost(of: quantity, key) else {
            throw .missingPrice(region: workload.region, architecture: workload.architecture, charge: charge)
        }
        return cost
    }

    /// The limits AWS sets and the workload's own consistency.
    public static func check(_ workload: Workload) throws(Failure) {
        guard (128...10_240).contains(workload.memoryMB) else {
            throw .invalid("memory must be 128 to 10,240 MB, got \(workload.memoryMB)")
        }
        guard (512...10_240).contains(workload.ephemeralMB) else {
            throw .invalid("ephemeral storage must be 512 to 10,240 MB, got \(workload.ephemeralMB)")
        }
        let counts: [(String, FixedDecimal)] = [
            ("requests", workload.requests), ("duration", workload.durationMs),
            ("provisioned concurrency", workload.provisionedConcurrency), ("provisioned hours", workload.provisionedHours),
            ("provisioned requests", workload.provisionedRequests), ("provisioned duration", workload.provisionedDurationMs),
        ]
        for (name, value) in counts where value.isNegative { throw .invalid("\(name) cannot be negative, got \(value)") }
        guard workload.provisionedRequests <= workload.requests else {
            throw .invalid("provisioned requests (\(workload.provisionedRequests)) cannot exceed requests (\(workload.requests))")
        }
        guard workload.provisionedHours <= FixedDecimal(744) else {
            throw .invalid("provisioned hours cannot exceed the 744 hours of a month, got \(workload.provisionedHours)")
        }
        if !workload.provisionedRequests.isZero && workload.provisionedConcurrency.isZero {
            throw .invalid("provisioned requests need a provisioned concurrency above 0")
        }
    }
}
