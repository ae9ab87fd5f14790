#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sorted run of ledger cells spilled to a temporary file, so that the ledger's memory stays bounded
/// however many cells a month has. The file is unlinked as soon as it is created: it disappears with the
/// last reference to the run, also when the process is killed.
final class LedgerRun: @unchecked Sendable {
    /// One cell as stored in memory and in a run file (the same process writes and reads it).
    struct Cell {
        var key: UInt64
        var amounts: UsageLedger.Amounts
    }

    /// Cells read or written per system call.
    static let bufferCells = 2048

    private let descriptor: Int32
    /// Number of cells in the run, sorted by key, each key once.
    let count: Int

    /// Writes `cells` (sorted by key, keys unique) to a new temporary file.
    convenience init(sortedCells cells: some Sequence<Cell>) throws {
        let writer = try Writer()
        for cell in cells { try writer.append(cell) }
        try self.init(writer)
    }

    private init(_ writer: Writer) throws {
        try writer.flush()
        descriptor = writer.descriptor
        count = writer.written
        writer.handedOver = true
    }

    deinit { close(descriptor) }

    /// Merges runs into one, summing the amounts of equal keys.
    static func merging(_ runs: [LedgerRun]) throws -> LedgerRun {
        let writer = try Writer()
        var merger = Merger(runs.map { $0.makeCursor() })
        while let cell = merger.next() { try writer.append(cell) }
        return try LedgerRun(writer)
    }

    func makeCursor() -> Cursor { Cursor(run: self) }

    /// Reads a run front to back through a bounded buffer, or walks sorted cells held in memory.
    struct Cursor {
        private let run: LedgerRun?
        private var buffer: [Cell] = []
        private var index = 0
        private var nextCell = 0

        init(run: LedgerRun) {
            self.run = run
            buffer.reserveCapacity(LedgerRun.bufferCells)
        }

        /// A cursor over cells already in memory, sorted by key with unique keys.
        init(cells: [Cell]) {
            run = nil
            buffer = cells
        }

        mutating func next() -> Cell? {
            if index == buffer.count {
                guard let run, nextCell < run.count else { return nil }
                let batch = min(LedgerRun.bufferCells, run.count - nextCell)
                let stride = MemoryLayout<Cell>.stride
                let offset = nextCell * stride
                let descriptor = run.descriptor
                buffer = [Cell](unsafeUninitializedCapacity: batch) { storage, initialized in
                    let raw = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(storage.baseAddress!), count: batch * stride)
                    let read = FileDescriptorReader.readAll(into: raw, from: descriptor, at: offset)
                    // The file is the process's own, unlinked and complete: failing to read it back is not an input
                    // problem but a broken machine.
                    guard read.count == raw.count else { fatalError("cannot read back the ledger's temporary file: \(read.failure ?? "it ended early")") }
                    initialized = batch
                }
                nextCell += batch
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// A k-way merge of sorted cursors that sums the amounts of equal keys.
    struct Merger {
        private var cursors: [Cursor]
        /// Min-heap of (key, cursor index) over the cursors' current cells.
        private var heap: [(key: UInt64, source: Int)] = []
        private var current: [Cell?]

        init(_ cursors: [Cursor]) {
            self.cursors = cursors
            current = Array(repeating: nil, count: cursors.count)
            for index in cursors.indices {
                if let cell = self.cursors[index].next() {
                    current[index] = cell
                    push((cell.key, index))
                }
            }
        }

        mutating func next() -> Cell? {
            guard let top = heap.first else { return nil }
            var result = Cell(key: top.key, amounts: UsageLedger.Amounts())
            while let head = heap.first, head.key == top.key {
                result.amounts += current[head.source]!.amounts
                if let cell = cursors[head.source].next() {
                    current[head.source] = cell
                    heap[0] = (cell.key, head.source)
                    siftDown(0)
                } else {
                    current[head.source] = nil
                    let last = heap.removeLast()
                    if !heap.isEmpty {
                        heap[0] = last
                        siftDown(0)
                    }
                }
            }
            return result
        }

        private mutating func push(_ entry: (key: UInt64, source: Int)) {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.less(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        private mutating func siftDown(_ start: Int) {
            // The two children compared one by one (a list of them would be allocated at every step, for every cell).
            heap.withUnsafeMutableBufferPointer { heap in
                var parent = start
                while true {
                    let left = 2 * parent + 1
                    guard left < heap.count else { return }
                    var smallest = Self.less(heap[left], heap[parent]) ? left : parent
                    if left + 1 < heap.count && Self.less(heap[left + 1], heap[smallest]) { smallest = left + 1 }
                    guard smallest != parent else { return }
                    heap.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }

        private static func less(_ lhs: (key: UInt64, source: Int), _ rhs: (key: UInt64, source: Int)) -> Bool {
            (lhs.key, lhs.source) < (rhs.key, rhs.source)
        }
    }

    /// Appends cells to a new unlinked temporary file through a bounded buffer.
    private final class Writer {
        let descriptor: Int32
        private(set) var written = 0
        private var buffer: [Cell] = []
        /// Set once a ``LedgerRun`` owns the descriptor; until then (a failed write) the writer closes it.
        var handedOver = false

        deinit { if !handedOver { close(descriptor) } }

        init() throws {
            descriptor = try TemporaryFile.create(for: "the usage ledger")
            buffer.reserveCapacity(LedgerRun.bufferCells)
        }

        func append(_ cell: Cell) throws {
            buffer.append(cell)
            if buffer.count == LedgerRun.bufferCells { try flush() }
        }

        func flush() throws {
            try buffer.withUnsafeBytes { try TemporaryFile.write($0, to: descriptor, for: "the usage ledger") }
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
