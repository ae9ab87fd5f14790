import Foundation
import Parquet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet CUR or FOCUS file as ``CURReader`` reads it: its top-level columns as the header, and its row groups
/// decoded as ``ParquetRowGroupRecord``s — only the columns the report reads (the column chunks of the others are
/// never touched), those of one row group decoded in parallel, and the next row group decoded on another thread
/// while the rules take the current one. The file's SHA-256 (for `manifest.json` and the duplicate check) is
/// computed on a thread of its own.
final class ParquetCURFile: Sendable {
    let path: String
    let file: ParquetFile
    /// The top-level column names, in schema order.
    let names: [String]
    private enum Field: Sendable { case flat(leaf: Int), map, nested }
    private let fields: [Field]

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

    /// The file's rows.
    var rowCount: Int { Int(file.metadata.numberOfRows) }

    /// Checks that every field in `needed` can be read as a value or a map; an error names the first that cannot.
    func checkReadable(_ needed: [Int], columns: CURColumns) throws {
        for index in needed where index < fields.count {
            if case .nested = fields[index] {
                throw InputError(path: path, message: "Parquet: column '\(names[index])' is a nested group; \(columns.name(of: index)) needs one value per row")
            }
        }
    }

    /// Decodes the fields `needed` of row group `rowGroup`.
    private func decode(rowGroup: Int, needed: [Int], firstRow: Int) throws(ParquetError) -> ParquetRowGroupRecord {
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
        let slots = Slots(count: names.count, jobs: needed.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: needed.count) { job in
            let index = needed[job]
            do throws(ParquetError) {
                switch fields[index] {
                case .flat(let leaf):
                    let text = try file.readText(rowGroup: rowGroup, column: leaf)
                    lock.withLock { slots.texts[index] = text }
                case .map:
                    let map = try file.readMap(rowGroup: rowGroup, name: names[index])
                    lock.withLock { slots.maps[index] = map }
                case .nested: break
                }
            } catch {
                lock.withLock { slots.failures[job] = error }
            }
        }
        if let failure = slots.failures.lazy.compactMap({ $0 }).first { throw failure }
        return ParquetRowGroupRecord(names: names, texts: slots.texts, maps: slots.maps, firstRow: firstRow,
            rowCount: Int(file.metadata.rowGroups[rowGroup].numberOfRows))
    }

    /// Calls `body` with each row group in order, the fields `needed` decoded; the next row group is decoded on
    /// another thread while `body` runs (two row groups in memory at most).
    func forEachRowGroup(needed: [Int], _ body: (ParquetRowGroupRecord) throws -> Void) throws {
        final class Pending: @unchecked Sendable {
            var result: Result<ParquetRowGroupRecord, ParquetError>?
            let done = DispatchSemaphore(value: 0)
        }
        let groups = file.metadata.rowGroups
        var firstRows: [Int] = []
        var rows = 0
        for group in groups {
            firstRows.append(rows)
            rows += Int(group.numberOfRows)
        }
        let queue = DispatchQueue(label: "parquet-row-groups")
        func start(_ index: Int) -> Pending {
            let pending = Pending()
            let first = firstRows[index]
            queue.async { [self] in
                do throws(ParquetError) {
                    pending.result = .success(try decode(rowGroup: index, needed: needed, firstRow: first))
                } catch {
                    pending.result = .failure(error)
                }
                pending.done.signal()
            }
            return pending
        }
        var next = groups.isEmpty ? nil : start(0)
        for index in groups.indices {
            guard let pending = next else { break }
            pending.done.wait()
            next = index + 1 < groups.count ? start(index + 1) : nil
            switch pending.result! {
            case .success(let record): try body(record)
            case .failure(let error):
                next?.done.wait()
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
