/// A month of Lambda Managed Instances, as AWS bills it: requests at the Managed Instances request price, the EC2
/// instance hours at the price they are bought at (on-demand or a Savings Plan rate), and the management fee, a
/// share of the on-demand price of every instance hour (also hours a Savings Plan covers). No duration charge.
///
/// AWS's example (Lambda pricing page): 100 M requests, 2,000 hours of m7g.xlarge at the 3-year Compute Savings
/// Plan's $0.0457 (on-demand $0.1632), fee 15 %: $20 + $91.40 + $48.96 = $160.36.
struct ManagedInstancesCost: Equatable {
    var requests: FixedDecimal
    var instanceHours: FixedDecimal
    var requestCost: FixedDecimal
    var instanceCost: FixedDecimal
    var managementFee: FixedDecimal

    var total: FixedDecimal { requestCost + instanceCost + managementFee }

    init(requests: FixedDecimal, instanceHours: FixedDecimal, requestPrice: FixedDecimal, hourlyPrice: FixedDecimal,
         onDemandHourlyPrice: FixedDecimal, feeShare: FixedDecimal) {
        self.requests = requests
        self.instanceHours = instanceHours
        requestCost = requests * requestPrice
        instanceCost = instanceHours * hourlyPrice
        managementFee = instanceHours * onDemandHourlyPrice * feeShare
    }
}
