import Foundation

/// Decompressed bytes made on a thread of their own, a few chunks ahead of the caller: a gzip file's inflation runs
/// on this thread while the caller parses what it inflated before (and the ``ReadAhead`` thread reads and hashes the
/// compressed bytes). The bytes and a failure come out exactly as calling `produce` on the caller's thread would
/// give them, in order: a failure after the bytes produced before it.
final class InflateAhead: @unchecked Sendable {
    static let chunkBytes = 1 << 18
    private static let slotCount = 3

    private let slots: [UnsafeMutableRawBufferPointer]
    private let produce: (UnsafeMutableRawBufferPointer) throws -> Int
    private let finished: () -> Void

    // Shared with the thread, under `condition`.
    private let condition = NSCondition()
    private var filledSlots = 0
    private var slotCounts: [Int]
    private var failure: (any Error)?
    private var stopped = false

    // The consumer's side.
    private var consumerSlot = 0
    private var holdsSlot = false
    private var chunkCount = 0
    private var chunkPosition = 0
    private var atEnd = false

    /// Starts the thread, which fills chunks with `produce` (0: the end) until the end, a failure or ``stop()``,
    /// then calls `finished`.
    init(produce: @escaping (UnsafeMutableRawBufferPointer) throws -> Int, finished: @escaping () -> Void) {
        self.produce = produce
        self.finished = finished
        slots = (0..<Self.slotCount).map { _ in .allocate(byteCount: Self.chunkBytes, alignment: 16) }
        slotCounts = Array(repeating: 0, count: Self.slotCount)
        // The thread keeps this object alive until it ends.
        Thread.detachNewThread { [self] in
            run()
            self.finished()
        }
    }

    deinit { for slot in slots { slot.deallocate() } }

    /// Tells the thread to stop after the chunk it is making.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Fills `buffer` with the next bytes; 0 only at the end; rethrows the thread's failure once its bytes are read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if chunkPosition == chunkCount {
            if atEnd { return try end() }
            try loadChunk()
            if atEnd { return try end() }
        }
        let count = min(buffer.count, chunkCount - chunkPosition)
        buffer.baseAddress!.copyMemory(from: slots[consumerSlot].baseAddress! + chunkPosition, byteCount: count)
        chunkPosition += count
        return count
    }

    private func end() throws -> Int {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        return 0
    }

    private func loadChunk() throws {
        condition.lock()
        defer { condition.unlock() }
        if holdsSlot {
            holdsSlot = false
            filledSlots -= 1
            consumerSlot = (consumerSlot + 1) % slots.count
            condition.broadcast()
        }
        while filledSlots == 0 { condition.wait() }
        holdsSlot = true
        chunkCount = slotCounts[consumerSlot]
        chunkPosition = 0
        if chunkCount == 0 { atEnd = true }
    }

    /// The thread: fills each free slot in turn; an empty slot marks the end (with the failure, if any).
    private func run() {
        var slot = 0
        while true {
            condition.lock()
            while filledSlots == slots.count && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            var filled = 0
            var ended = false
            var error: (any Error)?
            while filled < Self.chunkBytes {
                do {
                    let count = try produce(UnsafeMutableRawBufferPointer(rebasing: slots[slot][filled...]))
                    if count == 0 {
                        ended = true
                        break
                    }
                    filled += count
                } catch let thrown {
                    error = thrown
                    ended = true
                    break
                }
            }
            condition.lock()
            slotCounts[slot] = filled
            filledSlots += 1
            if ended && filled > 0 {
                // The bytes first, then an empty slot for the end.
                while filledSlots == slots.count && !stopped { condition.wait() }
                if stopped {
                    condition.unlock()
                    return
                }
                slot = (slot + 1) % slots.count
                slotCounts[slot] = 0
                filledSlots += 1
            }
            if ended { failure = error }
            condition.broadcast()
            condition.unlock()
            if ended { return }
            slot = (slot + 1) % slots.count
        }
    }
}
