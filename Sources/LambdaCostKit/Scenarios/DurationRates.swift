/// The prices a scenario needs for one function: tier-1 request and duration rates of its region and
/// architecture, from the catalog. `nil` when the catalog lacks one (the caller reports it).
struct DurationRates {
    var request: FixedDecimal
    var duration: FixedDecimal

    init?(_ function: FunctionCost, architecture: Architecture, catalog: PriceCatalog) {
        let region = function.function.region
        guard let request = catalog.listPrice(region: region, architecture: architecture, charge: .requests),
            let duration = catalog.listPrice(region: region, architecture: architecture, charge: .duration)
        else { return nil }
        self.request = request
        self.duration = duration
    }

    /// The architecture a single-architecture function runs on.
    static func architecture(of function: FunctionCost) -> Architecture? {
        function.architectures.count == 1 ? function.architectures[0] : nil
    }
}
