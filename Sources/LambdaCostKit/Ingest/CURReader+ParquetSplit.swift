/// The split read of a large Parquet CUR or FOCUS file of several row groups: consecutive row groups in up to
/// ``ParseSplit/parts`` parts, each decoded and run through the rules on a thread of its own into an accumulator of
/// its own, merged in row-group order, so that everything comes out as one pass reading the file in turn gives it.
///
/// A row group is a true boundary (unlike a CSV split's guess at a record's start) and a part numbers its rows as
/// the file's. A part is read again, in turn, into this reader's accumulator when merging could change what is
/// reported: a part that failed, an account under another payer, amounts past the magnitude limit (see
/// ``MonthAccumulator/canAbsorb(_:rejects:)``). The first part is read by this reader into its accumulator, as in
/// one pass. Each part holds its own two batches and one row group's compressed chunks, and the file's SHA-256 is
/// computed once, on its own thread (``ParquetCURFile/startDigest()``).
extension CURReader {
    /// What the rows of a Parquet file (or of a part of it) counted.
    struct ParquetCounts {
        var rows = 0
        var rejects = 0
        var rowsWithoutListCost = 0

        mutating func add(_ other: ParquetCounts) {
            rows += other.rows
            rejects += other.rejects
            rowsWithoutListCost += other.rowsWithoutListCost
        }
    }

    /// What a later part of a split Parquet file gave.
    struct ParquetPart {
        var accumulator: MonthAccumulator
        var delivery: DeliveryFingerprint
        var counts: ParquetCounts
    }

    /// Reads `parquet`'s rows in parts starting at the row groups `starts` (the first part at row group 0), each on
    /// a thread of its own, and merges them in order into this reader's accumulator and delivery, counting in `counts`.
    func ingestParquetParts(_ parquet: ParquetCURFile, needed: [Int], _ columns: CURColumns, starts: [Int],
                            counts: inout ParquetCounts) throws {
        let bounds = [0] + starts + [parquet.file.metadata.rowGroups.count]
        let ranges = bounds.indices.dropLast().map { bounds[$0]..<bounds[$0 + 1] }
        let parts = Locked([ParquetPart?](repeating: nil, count: ranges.count))
        // Read here: the first part changes this reader's fingerprint while the others start.
        let maximumSample = currentDelivery.maximumSample
        try ParallelWork.forEach(ranges.count, everyCore: true) { index in
            if index == 0 {
                try readParquetRows(parquet, needed: needed, columns, rowGroups: ranges[0], counts: &counts)
            } else {
                let part = readParquetPart(parquet, needed: needed, columns, rowGroups: ranges[index], maximumSample: maximumSample)
                parts.withValue { $0[index] = part }
            }
        }
        parquetParts = [(ranges[0], true)]
        for (index, part) in parts.get().enumerated().dropFirst() {
            if let part, accumulator.canAbsorb(part.accumulator, rejects: part.counts.rejects), currentDelivery.canAbsorb(part.delivery) {
                try accumulator.absorb(part.accumulator, rejectsBefore: counts.rejects)
                currentDelivery.absorb(part.delivery)
                counts.add(part.counts)
                parquetParts.append((ranges[index], true))
                continue
            }
            // The part failed (this reports the failure where one pass would) or cannot be merged as it is.
            try readParquetRows(parquet, needed: needed, columns, rowGroups: ranges[index], counts: &counts)
            parquetParts.append((ranges[index], false))
        }
    }

    /// Reads the rows of `rowGroups` into an accumulator of their own, whose delivery fingerprint keeps up to
    /// `maximumSample` hashes; `nil` when they fail.
    private func readParquetPart(_ parquet: ParquetCURFile, needed: [Int], _ columns: CURColumns, rowGroups: Range<Int>,
                                 maximumSample: Int) -> ParquetPart? {
        let part = CURReader(regions: regions, attribution: attribution, into: MonthAccumulator(memoryCellLimit: accumulator.memoryCellLimit))
        part.currentDelivery = DeliveryFingerprint(path: parquet.path)
        part.currentDelivery.maximumSample = maximumSample
        var counts = ParquetCounts()
        do {
            try part.readParquetRows(parquet, needed: needed, columns, rowGroups: rowGroups, counts: &counts)
        } catch {
            return nil
        }
        return ParquetPart(accumulator: part.accumulator, delivery: part.currentDelivery, counts: counts)
    }
}
