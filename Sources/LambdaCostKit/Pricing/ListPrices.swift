/// The tier-1 list prices the function pages' what-ifs read (requests, duration and response streaming, by region
/// and architecture), taken from the catalog once for the report: the render gets these, not the catalog, and no
/// function carries its own copy of a figure it can price when its page is made.
public struct ListPrices: Sendable {
    private var prices: [PriceCatalog.Key: FixedDecimal] = [:]

    public init() {}

    init(_ catalog: PriceCatalog) {
        for region in catalog.regions.keys {
            for architecture in Architecture.allCases {
                for charge in [UsageKind.requests, .duration, .streamingBytes] {
                    if let price = catalog.listPrice(region: region, architecture: architecture, charge: charge) {
                        prices[PriceCatalog.Key(region: region, architecture: architecture, charge: charge)] = price
                    }
                }
            }
        }
    }

    /// The tier-1 price of `charge`; `nil` when the catalog has none (or it is not one of the three taken).
    public func price(region: String, architecture: Architecture, charge: UsageKind) -> FixedDecimal? {
        prices[PriceCatalog.Key(region: region, architecture: architecture, charge: charge)]
    }
}
