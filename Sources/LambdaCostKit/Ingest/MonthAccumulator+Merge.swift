/// Merging the accumulator of a later part of a file, read on another thread (``CURReader``'s split parse), so
/// that the result is what reading that part's rows after this accumulator's would have given.
extension MonthAccumulator {
    /// Whether ``absorb(_:rejectsBefore:rejects:)`` of `part` gives exactly what reading its rows in turn would: no
    /// failure to spill or log, only the diagnostics of its rejects (a warning at a row, such as an account under
    /// two payers, depends on what came before), no account billed to another payer than here, and the amounts'
    /// magnitudes still within the limit. When not, the caller reads the part's rows again, in turn.
    func canAbsorb(_ part: MonthAccumulator, rejects: Int) -> Bool {
        guard part.spillFailure == nil, part.rejects.failure == nil, part.diagnostics.count == min(rejects, part.diagnosticLimit) else {
            return false
        }
        var magnitude = self.magnitude
        guard magnitude.absorb(part.magnitude) else { return false }
        for bucket in part.bucketList {
            let known = bucketIndex[bucket.ledger.month].map { bucketList[$0].ledger } ?? UsageLedger(month: bucket.ledger.month, memoryCellLimit: 1)
            if !known.canAbsorbPayers(of: bucket.ledger) { return false }
        }
        return true
    }

    /// Adds `part`'s months (new ones after this accumulator's, in the order the part saw them), rejects, the
    /// diagnostics of its first rejects up to the per-file limit (`rejectsBefore`: the file's rejects before the
    /// part) and counts. `tagLineOffset`: the lines of the file before the part, when the part's ledgers say where
    /// their tags were read counting from its start (``CURRecord/partLocation(field:path:)``).
    func absorb(_ part: MonthAccumulator, rejectsBefore: Int, tagLineOffset: Int = 0) throws {
        _ = magnitude.absorb(part.magnitude)
        try rejects.absorb(part.rejects)
        diagnostics += part.diagnostics.prefix(max(0, diagnosticLimit - rejectsBefore))
        for other in part.bucketList {
            var other = other
            other.otherServices = part.settledOtherServices(of: other)  // the part's numbers are its own
            try update(other.ledger.month) { try Self.merge(other, into: &$0, tagLineOffset: tagLineOffset) }
        }
        try update(nil) { try Self.merge(part.unplacedRejects, into: &$0, tagLineOffset: tagLineOffset) }
        roundedAmounts += part.roundedAmounts
        missingEffectiveCost += part.missingEffectiveCost
        foreignResourceIDs += part.foreignResourceIDs
        unknownUsageTypes.merge(part.unknownUsageTypes, uniquingKeysWith: +)
        unknownLineItemTypes.merge(part.unknownLineItemTypes, uniquingKeysWith: +)
    }

    private static func merge(_ other: MonthBucket, into bucket: inout MonthBucket, tagLineOffset: Int) throws {
        bucket.rows.read += other.rows.read
        bucket.rows.lambda += other.rows.lambda
        bucket.rows.otherServices += other.rows.otherServices
        bucket.rows.rejected += other.rows.rejected
        bucket.rows.outsideMonth += other.rows.outsideMonth
        bucket.totals.input += other.totals.input
        bucket.totals.lambda += other.totals.lambda
        bucket.totals.otherServices += other.totals.otherServices
        bucket.totals.rejected += other.totals.rejected
        bucket.totals.outsideMonth += other.totals.outsideMonth
        let fees = other.savingsPlanFees
        bucket.savingsPlanFees.recurringFee += fees.recurringFee
        bucket.savingsPlanFees.upfrontFee += fees.upfrontFee
        bucket.savingsPlanFees.totalCommitment += fees.totalCommitment
        bucket.savingsPlanFees.usedCommitment += fees.usedCommitment
        bucket.savingsPlanFees.amortizedUpfrontCommitment += fees.amortizedUpfrontCommitment
        bucket.savingsPlanFees.rows += fees.rows
        bucket.savingsPlanFees.hasCommitmentColumns = bucket.savingsPlanFees.hasCommitmentColumns && fees.hasCommitmentColumns
        if let end = fees.earliestEndDate, bucket.savingsPlanFees.earliestEndDate.map({ end < $0 }) ?? true {
            bucket.savingsPlanFees.earliestEndDate = end
        }
        bucket.coverage.absorb(other.coverage)
        bucket.otherServices.absorb(other.otherServices)
        try bucket.ledger.absorb(other.ledger, tagLineOffset: tagLineOffset)
    }
}
