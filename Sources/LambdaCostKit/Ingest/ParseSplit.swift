/// How ``CURReader`` splits a plain CSV file to parse it on several threads: into ``parts`` parts at record
/// boundaries, when it has at least ``minimumBytes``.
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

    /// Never split (one thread reads the file as a stream).
    static let never = ParseSplit(minimumBytes: .max)

    /// Where the parts after the first start in `file`, whose records start at `bodyStart`: after the first line
    /// feed at or after each nominal offset, strictly increasing, before the end of the file. A guess: the line feed
    /// may be inside a quoted field, which the parse then finds out.
    func starts(in file: SplitFile, bodyStart: Int) -> [Int] {
        let nominal = offsets ?? (1..<max(1, parts)).map { bodyStart + (file.size - bodyStart) / parts * $0 }
        var starts: [Int] = []
        for offset in nominal.sorted() where offset >= bodyStart {
            let start = file.offsetAfterLineFeed(from: offset)
            if start < file.size && start > (starts.last ?? bodyStart) { starts.append(start) }
        }
        return starts
    }
}
