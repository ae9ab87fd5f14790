/// The three per-GB-second prices that decide whether provisioned concurrency (PC) pays, for one region
/// and architecture.
///
/// PC costs the PC rate for every GB-second kept warm, used or not, plus the provisioned-duration rate for
/// every GB-second that invocations run on it; without PC the same run costs the on-demand duration rate.
public struct ProvisionedConcurrencyRates: Hashable, Sendable {
    /// Price per GB-second of concurrency kept warm (`provisioned_concurrency`).
    public var provisionedConcurrency: FixedDecimal
    /// Price per GB-second of invocations run on provisioned concurrency (`provisioned_duration`).
    public var provisionedDuration: FixedDecimal
    /// Price per GB-second of on-demand duration (`duration`).
    public var onDemandDuration: FixedDecimal

    public init(provisionedConcurrency: FixedDecimal, provisionedDuration: FixedDecimal, onDemandDuration: FixedDecimal) {
        self.provisionedConcurrency = provisionedConcurrency
        self.provisionedDuration = provisionedDuration
        self.onDemandDuration = onDemandDuration
    }

    /// The list prices of a region and architecture from the catalog (the first duration tier, the price
    /// of all but very large payers: tiers pool a consolidated bill); `nil` when the catalog lacks one of them.
    public init?(catalog: PriceCatalog, region: String, architecture: Architecture) {
        guard let concurrency = catalog.listPrice(region: region, architecture: architecture, charge: .provisionedConcurrency),
            let duration = catalog.listPrice(region: region, architecture: architecture, charge: .provisionedDuration),
            let onDemand = catalog.listPrice(region: region, architecture: architecture, charge: .duration)
        else { return nil }
        self.init(provisionedConcurrency: concurrency, provisionedDuration: duration, onDemandDuration: onDemand)
    }

    /// What a GB-second run on PC saves against on demand: on-demand rate − provisioned-duration rate.
    public var runSaving: FixedDecimal { onDemandDuration - provisionedDuration }

    /// The break-even utilization u*: the share of the provisioned GB-seconds that invocations must use for
    /// PC to cost the same as on demand. Per provisioned GB-second PC costs PC rate + u × provisioned-duration
    /// rate against u × on-demand rate on demand; they are equal at u* = PC rate ÷ (on-demand rate −
    /// provisioned-duration rate). Above u* PC is cheaper. `nil` when the provisioned-duration rate is not
    /// below the on-demand rate (PC never pays). A value above 1 means PC cannot pay either.
    public var breakEvenUtilization: FixedDecimal? {
        runSaving > .zero ? provisionedConcurrency.divided(by: runSaving) : nil
    }
}
