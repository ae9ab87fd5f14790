import Foundation

/// The split parse of a large plain CSV file: one part per core, each parsed by its own reader into its own
/// accumulator, merged in file order, so that everything comes out as one thread reading the file in turn gives it.
///
/// The parts read the file at offsets (``SplitFile``). The first part hashes what it reads and has the smaller
/// share; the SHA-256 goes on from where it stopped when it is done (on a thread of its own, ``SplitFileDigest``, one
/// file's rest at a time). A file that shrinks while it is read is refused, as a stream read refuses a ZIP that changes. A
/// part starts after the first line feed at or after its share's offset, a guess that is wrong when that line feed
/// is inside a quoted field: each part reads on past its end until a record ends, and a later part is only merged
/// when it starts exactly there. Otherwise (and when merging could change what is reported: a part that failed, an account
/// under another payer, amounts past the magnitude limit) that part is read again, in turn, from the true boundary
/// into this reader's accumulator. The first part is read by this reader into its accumulator, as in one pass.
/// A later part counts its lines from its own start; the lines before it are counted only when one of its records
/// must say where it is (a reject, a warning), and its lines are shifted when it is merged.
extension CURReader {
    /// What a later part of a split file gave.
    struct SplitPart {
        var accumulator: MonthAccumulator
        var delivery: DeliveryFingerprint
        var start: Int
        /// Where the record after its last one starts, and on which line of the part (its first line is 1).
        var end: Int
        var endPartLine: Int
        var rows: Int
        var rejects: Int
        var rowsWithoutListCost: Int
    }

    func ingestSplit(_ file: SplitFile) throws {
        let path = file.path
        let range = SplitFileRange(file: file, from: 0)
        let firstPartHash = range.startHashing()
        let reader = CSVReader(source: ByteSource(part: range))
        let columns = try Self.readHeader(reader, path: path, expecting: "a Cost and Usage Report header", curColumns(header:))
        currentDelivery = DeliveryFingerprint(path: path)
        let bodyStart = reader.nextRecordOffset
        let starts = [0] + split.starts(in: file, bodyStart: bodyStart)

        // The lines before a later part: those up to the body's start, and the line breaks from there to the part.
        let linesBeforeBody = reader.nextRecordPartLine - 1
        if starts.count > 1 { reader.stopOffset = starts[1] }
        var rows = 0
        var rejects = 0
        let focus = columns.focus.map { FOCUSRecord(base: reader, columns: $0) }
        let parts = Locked([SplitPart?](repeating: nil, count: starts.count))
        // Read here: the first part changes this reader's fingerprint while the others start.
        let maximumSample = currentDelivery.maximumSample
        // The first part hashes what it reads (it has the smaller share, ``ParseSplit/starts(in:bodyStart:)``); the
        // rest of the file is hashed from when that part is done, beside the other parts, their merge and the later
        // stages. The rests are hashed one file at a time: the one before was hashed while this one was parsed.
        let previousDigest = lastSplitDigest
        let startedDigest = Locked<InputDigest?>(nil)
        func startDigest() {
            startedDigest.withValue { digest in
                guard digest == nil else { return }
                previousDigest?.wait()
                range.stopHashing()
                digest = SplitFileDigest.start(file, continuing: firstPartHash, from: range.position)
            }
        }
        try ParallelWork.forEach(starts.count, everyCore: true) { index in
            if index == 0 {
                try readRecords(reader, columns, focus: focus, path: path, rows: &rows, rejects: &rejects)
                startDigest()
            } else {
                let start = starts[index]
                let part = readPart(file, from: start, to: index + 1 < starts.count ? starts[index + 1] : nil, columns: columns,
                                    maximumSample: maximumSample) {
                    linesBeforeBody + file.lineBreaks(in: bodyStart..<start)
                }
                parts.withValue { $0[index] = part }
            }
        }
        let digest = startedDigest.get()!
        lastSplitDigest = digest

        var rowsWithoutListCost = focus?.rowsWithoutListCost ?? 0
        var position = reader.nextRecordOffset
        var line = reader.nextRecordPartLine
        for (index, part) in parts.get().enumerated().dropFirst() {
            if let part, part.start == position, accumulator.canAbsorb(part.accumulator, rejects: part.rejects),
                currentDelivery.canAbsorb(part.delivery)
            {
                try accumulator.absorb(part.accumulator, rejectsBefore: rejects, tagLineOffset: line - 1)
                currentDelivery.absorb(part.delivery, lineOffset: line - 1)
                rows += part.rows
                rejects += part.rejects
                rowsWithoutListCost += part.rowsWithoutListCost
                position = part.end
                line += part.endPartLine - 1
                continue
            }
            // The part started inside a record (or cannot be merged as it is): read it again from the true boundary.
            let again = CSVReader(source: ByteSource(part: SplitFileRange(file: file, from: position)), firstLine: line, atStartOfInput: false)
            if index + 1 < starts.count { again.stopOffset = starts[index + 1] - position }
            let focus = columns.focus.map { FOCUSRecord(base: again, columns: $0) }
            try readRecords(again, columns, focus: focus, path: path, rows: &rows, rejects: &rejects)
            rowsWithoutListCost += focus?.rowsWithoutListCost ?? 0
            position += again.nextRecordOffset
            line = again.nextRecordPartLine
        }
        if columns.focus != nil { noteRowsWithoutListCost(rowsWithoutListCost, path: path) }
        guard !file.changed else { throw InputError(path: path, message: SplitFileDigest.changedMessage) }
        accumulator.finishFile(IngestResult.InputFile(
            path: path, digest: digest, bytes: file.size, rows: rows,
            spelling: columns.spelling, hasPublicOnDemandCost: columns.publicOnDemandCost != nil),
            delivery: currentDelivery, rejects: rejects)
    }

    /// Parses the records starting in `start..<stop` (`nil`: to the end) into an accumulator of their own, whose
    /// delivery fingerprint keeps up to `maximumSample` hashes; `nil` when they fail (the part is then read again in
    /// turn, which reports the failure where one pass would). `linesBefore` counts the file's lines before `start`,
    /// called only when a record must say where it is.
    private func readPart(_ file: SplitFile, from start: Int, to stop: Int?, columns: CURColumns, maximumSample: Int,
                          linesBefore: @escaping () -> Int) -> SplitPart? {
        let part = CURReader(regions: regions, attribution: attribution, into: MonthAccumulator(memoryCellLimit: accumulator.memoryCellLimit))
        part.currentDelivery = DeliveryFingerprint(path: file.path)
        part.currentDelivery.maximumSample = maximumSample
        let reader = CSVReader(source: ByteSource(part: SplitFileRange(file: file, from: start)),
                               firstLine: 1, atStartOfInput: false, linesBefore: linesBefore)
        if let stop { reader.stopOffset = stop - start }
        let focus = columns.focus.map { FOCUSRecord(base: reader, columns: $0) }
        var rows = 0
        var rejects = 0
        do {
            try part.readRecords(reader, columns, focus: focus, path: file.path, rows: &rows, rejects: &rejects)
        } catch {
            return nil
        }
        return SplitPart(accumulator: part.accumulator, delivery: part.currentDelivery, start: start, end: start + reader.nextRecordOffset,
                         endPartLine: reader.nextRecordPartLine, rows: rows, rejects: rejects, rowsWithoutListCost: focus?.rowsWithoutListCost ?? 0)
    }
}
