/// A function's usage summed over the generated days.
struct SampleFunctionTotals: Sendable, Equatable {
    var invocations: Int64 = 0
    var billedMilliseconds: Int64 = 0
    var provisionedMilliseconds: Int64 = 0

    var onDemandMilliseconds: Int64 { billedMilliseconds - provisionedMilliseconds }

    mutating func add(_ usage: SampleHourUsage) {
        invocations += usage.invocations
        billedMilliseconds += usage.billedMilliseconds
        provisionedMilliseconds += usage.provisionedMilliseconds
    }
}
