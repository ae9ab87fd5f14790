/// How ``CURReader`` splits a plain CSV file to parse it on several threads: into ``parts`` parts at record
/// boundaries, when it has at least ``minimumBytes``; and a Parquet file of several row groups: into up to ``parts``
/// parts of consecutive row groups, when it has at least ``minimumRows``.
struct ParseSplit: Sendable {
    /// Smaller files are parsed on one thread (the threads and the merge cost more than they save).
    var minimumBytes = 32 << 20
    /// Parts: one per core, at most ``maximumParts`` (each later part has an accumulator of its own, whose ledger
    /// keeps up to the run's cell limit in memory: memory would grow with the machine's cores).
    var parts = min(ParallelWork.width, Self.maximumParts)
    static let maximumParts = 4
    /// For tests: the offsets parts start from instead of equal shares (each part starts after the first line feed
    /// at or after its offset).
    var offsets: [Int]?
    /// Parquet files of fewer rows are read in one pass (their next batch is decoded while the rules take the current
    /// one already; each part's own caches, accumulator and merge cost more than a second thread saves).
    var minimumRows = 1 << 18
    /// For tests: the row groups the parts of a Parquet file after the first start at, instead of equal shares of
    /// its rows (at any size).
    var rowGroups: [Int]?

    /// Whether stages follow the ingest (a report) and run beside the rest of the hash, or nothing does (`validate`,
    /// which only waits for the hash): see ``starts(in:bodyStart:)``.
    var stagesFollow = true

    /// The first part's share and each other part's, in parts of ``starts(in:bodyStart:)``'s total.
    private var shares: (first: Int, other: Int) { stagesFollow ? (2, 3) : (1, 4) }

    /// Never split (one thread reads the file as a stream).
    static let never = ParseSplit(minimumBytes: .max, minimumRows: .max)

    /// Where the parts after the first start in `file`, whose records start at `bodyStart`: after the first line
    /// feed at or after each nominal offset, strictly increasing, before the end of the file. A guess: the line feed
    /// may be inside a quoted field, which the parse then finds out. The first part also hashes what it reads, and its
    /// thread hashes the rest of the file when it is done, so its share is smaller (SHA-256 costs about half of what the
    /// parse does per byte): two thirds of each other part's when ``stagesFollow`` (the later stages take the other
    /// thread while the rest of the hash runs: on two cores the parts end together and the hash ends with the
    /// stages), a quarter when nothing follows (then the rest of the hash runs beside the other parts, and ends about
    /// when they do, instead of alone after them).
    func starts(in file: SplitFile, bodyStart: Int) -> [Int] {
        let body = file.size - bodyStart
        let (first, other) = shares
        let total = first + other * (max(1, parts) - 1)
        let nominal = offsets ?? (1..<max(1, parts)).map { bodyStart + Int(Int128(body) * Int128(first + other * ($0 - 1)) / Int128(total)) }
        var starts: [Int] = []
        for offset in nominal.sorted() where offset >= bodyStart {
            let start = file.offsetAfterLineFeed(from: offset)
            if start < file.size && start > (starts.last ?? bodyStart) { starts.append(start) }
        }
        return starts
    }

    /// The row groups at which the parts of a Parquet file after the first start, given each row group's rows:
    /// strictly increasing, each the row-group boundary nearest an equal share of the rows (so that no part is
    /// empty of row groups and there are at most ``parts``); none (one pass) for a file of one row group, of fewer
    /// than ``minimumRows`` rows, or when ``parts`` is 1.
    func rowGroupStarts(rows: [Int]) -> [Int] {
        if let rowGroups { return Set(rowGroups.filter { $0 > 0 && $0 < rows.count }).sorted() }
        let total = rows.reduce(0, +)
        guard parts > 1, rows.count > 1, total >= minimumRows else { return [] }
        var before = [0]
        for count in rows { before.append(before.last! + count) }
        var starts: [Int] = []
        for part in 1..<parts {
            let share = total / parts * part + total % parts * part / parts
            let first = (starts.last ?? 0) + 1
            guard first < rows.count else { break }
            // The boundary nearest the share (the earlier one on a tie), after the last part's start.
            let start = (first..<rows.count).min { abs(before[$0] - share) < abs(before[$1] - share) }!
            starts.append(start)
        }
        return starts
    }
}
