/// `[alternatives]`: how Lambda Managed Instances are priced as an alternative to a function that waits
/// (docs/alternatives.md): the instance type, how its hours are bought, the CPU utilization the fleet is sized for,
/// and the fewest instances it keeps.
public struct WaitingAlternativesSettings: Hashable, Sendable {
    /// `managed_instances_type`: an instance type of the catalog's `instance-prices.csv`.
    public var instanceType = "m7g.xlarge"
    /// `managed_instances_purchase`: on-demand or a Compute Savings Plan rate.
    public var purchase = InstancePrice.Purchase.onDemand
    /// `managed_instances_target_utilization`: the share of the instances' vCPUs the function's CPU time may use in an
    /// hour (AWS scales to keep room for traffic to double within minutes).
    public var targetUtilization = FixedDecimal(5, fractionDigits: 1)
    /// `managed_instances_minimum`: the fewest instances running in any hour (AWS starts three, one per
    /// Availability Zone).
    public var minimumInstances = 3

    public init() {}
}
