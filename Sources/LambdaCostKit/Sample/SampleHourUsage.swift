/// Usage of one function in one hour: integer invocations and billed milliseconds.
struct SampleHourUsage: Sendable, Equatable {
    var invocations: Int64 = 0
    /// Total billed milliseconds of the hour's invocations.
    var billedMilliseconds: Int64 = 0
    /// The part of ``billedMilliseconds`` served by provisioned concurrency.
    var provisionedMilliseconds: Int64 = 0

    /// The part billed at on-demand duration rates (spill-over above provisioned concurrency included).
    var onDemandMilliseconds: Int64 { billedMilliseconds - provisionedMilliseconds }
}
