import Foundation
import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet CUR or FOCUS file as ``CURReader`` reads it: its top-level columns as the header, and its rows decoded
/// a batch at a time as ``ParquetBatchRecord``s — only the columns the report reads (the column chunks of the
/// others are never touched), the columns of a batch decoded in parallel, and the next batch decoded on another
/// thread while the rules take the current one. The file's SHA-256 (for `manifest.json` and the duplicate check) is
/// computed on a thread of its own.
final class ParquetCURFile: Sendable {
    let path: String
    let file: ParquetFile
    /// The top-level column names, in schema order.
    let names: [String]
    fileprivate enum Field: Sendable { case flat(leaf: Int), map, nested }
    fileprivate let fields: [Field]

    init(path: String) throws {
        self.path = path
        do {
            file = try ParquetFile(path: path)
        } catch {
            throw InputError(path: path, message: Self.message(error))
        }
        var names: [String] = []
        var fields: [Field] = []
        for (leaf, column) in file.columns.enumerated() {
            let name = column.path[0]
            if names.last == name {
                fields[fields.count - 1] = .nested
                continue
            }
            names.append(name)
            fields.append(column.path.count == 1 ? .flat(leaf: leaf) : .nested)
        }
        // A MAP (`name.key_value.key`, `name.key_value.value`) is one field.
        for (index, name) in names.enumerated() {
            let leaves = file.columns.filter { $0.path[0] == name }
            if leaves.count == 2, leaves.allSatisfy({ $0.path.count == 3 && $0.maximumRepetitionLevel == 1 }) { fields[index] = .map }
        }
        self.names = names
        self.fields = fields
    }

    /// A ``ParquetError`` as the rest of the ingest words errors (the path is added by ``InputError``).
    static func message(_ error: ParquetError) -> String {
        var place: [String] = []
        if let rowGroup = error.rowGroup { place.append("row group \(rowGroup)") }
        if let column = error.column { place.append("column '\(column)'") }
        return "Parquet: " + (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + error.message
    }

    /// Checks that every field in `needed` can be read as a value or a map; an error names the first that cannot.
    func checkReadable(_ needed: [Int], columns: CURColumns) throws {
        for index in needed where index < fields.count {
            if case .nested = fields[index] {
                throw InputError(path: path, message: "Parquet: column '\(names[index])' is a nested group; \(columns.name(of: index)) needs one value per row")
            }
        }
    }

    /// The rows decoded at a time: memory holds two such batches of the columns read (and the compressed column
    /// chunks of one row group), whatever the file's row-group size.
    static let batchRows = 32_768

    /// Hands out the rows of a range of row groups a batch at a time, the fields `needed` decoded (in parallel), row
    /// group after row group. Used from one thread at a time.
    private final class Batches: @unchecked Sendable {
        let file: ParquetCURFile
        let needed: [Int]
        let batchRows: Int
        private let groups: Range<Int>
        private var group: Int
        /// The row (from 0) of the file at which the current row group starts.
        private var groupFirstRow: Int
        private var rowInGroup = 0
        private var groupRows = 0
        private var texts: [ParquetColumnReader?] = []
        private var maps: [ParquetMapReader?] = []

        init(file: ParquetCURFile, needed: [Int], batchRows: Int, groups: Range<Int>) {
            self.file = file
            self.needed = needed
            self.batchRows = batchRows
            self.groups = groups
            group = groups.lowerBound - 1
            groupFirstRow = file.file.metadata.rowGroups[..<groups.lowerBound].reduce(0) { $0 + Int($1.numberOfRows) }
        }

        /// The next batch, or `nil` after the last row.
        func next() throws(ParquetError) -> ParquetBatchRecord? {
            let rowGroups = file.file.metadata.rowGroups
            while rowInGroup >= groupRows {
                group += 1
                guard group < groups.upperBound else { return nil }
                groupFirstRow += groupRows
                groupRows = Int(rowGroups[group].numberOfRows)
                rowInGroup = 0
                texts = Array(repeating: nil, count: file.names.count)
                maps = Array(repeating: nil, count: file.names.count)
                guard groupRows > 0 else { continue }
                for index in needed {
                    switch file.fields[index] {
                    case .flat(let leaf): texts[index] = try file.file.columnReader(rowGroup: group, column: leaf)
                    case .map: maps[index] = try file.file.mapReader(rowGroup: group, name: file.names[index])
                    case .nested: break
                    }
                }
            }
            let rows = min(batchRows, groupRows - rowInGroup)
            final class Slots: @unchecked Sendable {
                var texts: [ParquetTextColumn?]
                var maps: [ParquetMap?]
                var failures: [ParquetError?]
                init(count: Int, jobs: Int) {
                    texts = Array(repeating: nil, count: count)
                    maps = Array(repeating: nil, count: count)
                    failures = Array(repeating: nil, count: jobs)
                }
            }
            let slots = Slots(count: file.names.count, jobs: needed.count)
            let lock = NSLock()
            let (textReaders, mapReaders, needed) = (texts, maps, self.needed)
            DispatchQueue.concurrentPerform(iterations: needed.count) { job in
                let index = needed[job]
                do throws(ParquetError) {
                    if let reader = textReaders[index] {
                        let text = try reader.nextText(rows: rows)
                        lock.withLock { slots.texts[index] = text }
                    } else if let reader = mapReaders[index] {
                        let map = try reader.next(rows: rows)
                        lock.withLock { slots.maps[index] = map }
                    }
                } catch {
                    lock.withLock { slots.failures[job] = error }
                }
            }
            if let failure = slots.failures.lazy.compactMap({ $0 }).first { throw failure }
            let record = ParquetBatchRecord(names: file.names, texts: slots.texts, maps: slots.maps,
                firstRow: groupFirstRow + rowInGroup, rowCount: rows)
            rowInGroup += rows
            return record
        }
    }

    /// Calls `body` with each batch of rows of the row groups `rowGroups` (all by default) in order (``batchRows`` at
    /// a time, never across row groups, each row numbered as in the whole file), the fields `needed` decoded; the next
    /// batch is decoded on another thread while `body` runs.
    func forEachBatch(needed: [Int], rowGroups: Range<Int>? = nil, _ body: (ParquetBatchRecord) throws -> Void) throws {
        final class Pending: @unchecked Sendable {
            var result: Result<ParquetBatchRecord?, ParquetError>?
            let done = DispatchSemaphore(value: 0)
        }
        let batches = Batches(file: self, needed: needed, batchRows: Self.batchRows,
                              groups: rowGroups ?? 0..<file.metadata.rowGroups.count)
        let queue = DispatchQueue(label: "parquet-batches")
        func start() -> Pending {
            let pending = Pending()
            queue.async {
                do throws(ParquetError) {
                    pending.result = .success(try batches.next())
                } catch {
                    pending.result = .failure(error)
                }
                pending.done.signal()
            }
            return pending
        }
        var next = start()
        while true {
            next.done.wait()
            switch next.result! {
            case .success(nil): return
            case .success(let record?):
                next = start()
                do {
                    try body(record)
                } catch {
                    next.done.wait()
                    throw error
                }
            case .failure(let error):
                throw InputError(path: path, message: Self.message(error))
            }
        }
    }

    /// Starts hashing the whole file on another thread; the returned function waits for the hex digest.
    func startDigest() -> () throws -> String {
        final class Outcome: @unchecked Sendable {
            var digest: String?
            var failure: String?
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        let path = self.path
        DispatchQueue.global().async {
            defer { outcome.done.signal() }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                outcome.failure = String(cString: strerror(errno))
                return
            }
            defer { close(descriptor) }
            let hasher = SHA256()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = read(descriptor, buffer.baseAddress!, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else {
                    outcome.failure = String(cString: strerror(errno))
                    return
                }
                if count == 0 { break }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            }
            outcome.digest = hasher.finalizeHex()
        }
        return {
            outcome.done.wait()
            guard let digest = outcome.digest else {
                throw InputError(path: path, message: "cannot read the file for its digest (\(outcome.failure ?? "unknown error"))")
            }
            return digest
        }
    }
}
