/// The hourly price of an EC2 instance type in a region (`instance-prices.csv`), for Lambda Managed Instances.
public struct InstancePrice: Hashable, Sendable {
    /// How the instance hours are bought.
    public enum Purchase: String, CaseIterable, Sendable {
        case onDemand = "on_demand"
        case computeSavingsPlan1Year = "compute_sp_1yr"
        case computeSavingsPlan3Year = "compute_sp_3yr"

        /// The words a page uses for it.
        public var label: String {
            switch self {
            case .onDemand: "on-demand"
            case .computeSavingsPlan1Year: "a 1-year Compute Savings Plan"
            case .computeSavingsPlan3Year: "a 3-year Compute Savings Plan"
            }
        }
    }

    public var region: String
    public var instanceType: String
    public var architecture: Architecture
    public var vcpus: Int
    public var memoryGiB: FixedDecimal
    public var purchase: Purchase
    /// USD per instance hour.
    public var pricePerHour: FixedDecimal
    /// The date of the price's source; empty when the source is undated.
    public var asOf: String
    public var source: String
}
