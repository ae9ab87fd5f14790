/// Counts and sums of a generated CUR file.
public struct SampleStatistics: Sendable, Equatable {
    /// Data rows (the header excluded).
    public var rows = 0
    /// Rows with product code `AWSLambda`.
    public var lambdaRows = 0
    /// Rows of any other product code (other services, Savings Plan fees, their taxes).
    public var otherRows = 0
    /// Bytes written (uncompressed).
    public var bytes = 0
    public var totalUnblendedCost = FixedDecimal.zero
    /// Unblended cost of `AWSLambda` rows (usage, negations, data transfer, credit and tax included).
    public var lambdaUnblendedCost = FixedDecimal.zero
    public var freeTierRows = 0
    public var savingsPlanCoveredRows = 0
    public var savingsPlanHourlyCommitment = FixedDecimal.zero
    /// Sum of `UsedCommitment` over all hours.
    public var usedCommitment = FixedDecimal.zero
    /// Hours in which more than 1 % of the commitment went unused.
    public var hoursWithUnusedCommitment = 0
    /// Hours generated.
    public var hours = 0
}
