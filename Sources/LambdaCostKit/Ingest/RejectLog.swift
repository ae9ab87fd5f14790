#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every rejected row of a run, written as it is found to an unlinked temporary file as its `rejects.csv` record
/// (fields escaped as the CSV templates escape them, CRLF record end) with its month, so that memory does not grow
/// with the number of rejects. In memory stay the first ``exampleLimit`` rows (for the findings page) and counts per
/// month and file. The output stage copies the reported month's records into `rejects.csv` (``writeRecords``).
final class RejectLog: @unchecked Sendable {
    /// Counts of one file's rejected rows in one month.
    struct FileCounts: Equatable, Sendable {
        /// Records in `rejects.csv` (an aggregate's record stands for several rows).
        var records = 0
        var rows = 0
        var cost = FixedDecimal.zero
        var withoutCost = 0

        static func += (sum: inout Self, other: Self) {
            sum.records += other.records
            sum.rows += other.rows
            sum.cost += other.cost
            sum.withoutCost += other.withoutCost
        }
    }

    /// Rows kept in memory as examples, whatever their month.
    static let exampleLimit = 1_000
    private(set) var examples: [(month: BillingMonth?, row: RejectedRow)] = []
    /// Per month (`nil`: unknown) and file.
    private(set) var counts: [BillingMonth?: [String: FileCounts]] = [:]
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var written = 0
    /// The first failure to write the temporary file; later rows are only counted (the ingest throws it).
    private(set) var failure: InputError?

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Logs one rejected record of `month` (`nil` when its month could not be read) that stands for `rows` rows (an
    /// aggregate's record; 1 for a CUR row).
    func append(_ row: RejectedRow, month: BillingMonth?, rows: Int = 1) {
        if examples.count < Self.exampleLimit { examples.append((month, row)) }
        var fileCounts = counts[month, default: [:]][row.location.file, default: FileCounts()]
        fileCounts.records += 1
        fileCounts.rows += rows
        if let cost = row.unblendedCost { fileCounts.cost += cost } else { fileCounts.withoutCost += rows }
        counts[month, default: [:]][row.location.file] = fileCounts
        // After a failed write the rows are only counted (the ingest stops with the failure), never held.
        guard failure == nil else { return }

        let record = Array(Self.record(row).utf8)
        let code = month.map { Int32($0.year * 12 + $0.month) } ?? -1
        withUnsafeBytes(of: code.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(record.count).littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: record)
        if buffer.count >= 1 << 16 {
            do { try flush() } catch { failure = failure ?? (error as? InputError) ?? InputError(path: "temporary file", message: "\(error)") }
        }
    }

    /// Adds the rows another log holds after this one's (a later part of a file read on another thread), as if they
    /// had been appended here in turn. Throws a failure of either log.
    func absorb(_ other: RejectLog) throws {
        if let failure = failure ?? other.failure { throw failure }
        for example in other.examples.prefix(Self.exampleLimit - examples.count) { examples.append(example) }
        for (month, files) in other.counts {
            for (file, fileCounts) in files { counts[month, default: [:]][file, default: FileCounts()] += fileCounts }
        }
        try other.flush()
        var record = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while offset < other.written {
            let count = min(record.count, other.written - offset)
            if count < record.count { record = [UInt8](repeating: 0, count: count) }
            try other.read(into: &record, at: offset)
            buffer.append(contentsOf: record)
            offset += count
            if buffer.count >= 1 << 16 { try flush() }
        }
    }

    /// The `rejects.csv` record of a row: `file, line, column, reason, unblended_cost_usd, raw`, CRLF-terminated.
    static func record(_ row: RejectedRow) -> String {
        [row.location.file, String(row.location.line), String(row.location.column), row.reason,
         row.unblendedCost.map { $0.formatted(places: 10) } ?? "", row.raw]
            .map(CSVContentType.field).joined(separator: ",") + "\r\n"
    }

    /// Calls `body` with the records of `month` and of rows of no known month, in the order they were found.
    func writeRecords(of month: BillingMonth, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        try flush()
        guard descriptor >= 0 else { return }
        let wanted = Int32(month.year * 12 + month.month)
        var offset = 0
        var header = [UInt8](repeating: 0, count: 8)
        var record: [UInt8] = []
        while offset < written {
            try read(into: &header, at: offset)
            let code = header.withUnsafeBytes { Int32(littleEndian: $0.loadUnaligned(as: Int32.self)) }
            let length = Int(header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) })
            offset += 8
            if code == wanted || code == -1 {
                record = [UInt8](repeating: 0, count: length)
                try read(into: &record, at: offset)
                try record.withUnsafeBytes(body)
            }
            offset += length
        }
    }

    private func read(into bytes: inout [UInt8], at offset: Int) throws {
        let count = bytes.count
        let descriptor = descriptor
        let read = bytes.withUnsafeMutableBytes { FileDescriptorReader.readAll(into: $0, from: descriptor, at: offset) }
        guard read.count == count else {
            throw InputError(path: "temporary file", message: "cannot read back the rejected rows' temporary file: \(read.failure ?? "it ended early")")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty, failure == nil else { return }
        if descriptor < 0 { descriptor = try TemporaryFile.create(for: "the rejected rows") }
        let descriptor = descriptor
        try buffer.withUnsafeBytes { try TemporaryFile.write($0, to: descriptor, for: "the rejected rows") }
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
