/// The alternatives to a function that waits (an `idle-wait` finding), each priced for the month beside what the
/// function's requests and duration cost today at the same list prices (docs/alternatives.md).
public struct WaitingAlternatives: Sendable, Equatable {
    public var function: FunctionIdentity
    /// Today's requests and duration at the catalog's tier-1 list prices: the basis the alternatives are priced on.
    public var todayAtListPrices: FixedDecimal
    public var alternatives: [WaitingAlternative]

    /// The cheapest alternative priced, when it costs less than today.
    public var cheapest: WaitingAlternative? {
        alternatives.filter { $0.monthlyCost.map { $0 < todayAtListPrices } ?? false }.min { $0.monthlyCost! < $1.monthlyCost! }
    }
}
