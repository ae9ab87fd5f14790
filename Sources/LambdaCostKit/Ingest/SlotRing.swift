import Foundation

/// Chunks of bytes handed from a producer thread to one consumer through a ring of buffers: the producer fills
/// each free slot in turn (waiting while all are full), the consumer takes them in the same order (waiting while
/// none is). The end is an empty slot after the last bytes, carrying the producer's failure, if any, so a failure
/// reaches the consumer after every byte made before it. ``stop()`` ends the producer after the slot it is filling.
final class SlotRing: @unchecked Sendable {
    /// What the producer made in one slot.
    struct Fill {
        /// Bytes written at the slot's start.
        var count: Int
        /// No bytes follow (the end of the input, or `failure`); a count of 0 is always the end.
        var ended: Bool
        var failure: (any Error)? = nil
    }

    private let slots: [UnsafeMutableRawBufferPointer]
    /// The closures given to ``start(fill:finished:)``, until the thread takes them.
    private var producer: (fill: (UnsafeMutableRawBufferPointer) -> Fill, finished: () -> Void)?

    // Shared by both sides, under `condition`.
    private let condition = NSCondition()
    private var filledSlots = 0
    private var counts: [Int]
    private var endFailure: (any Error)?
    private var stopped = false

    // The consumer's side.
    private var consumerSlot = 0
    private var holdsSlot = false

    init(slotCount: Int, slotBytes: Int) {
        precondition(slotCount >= 2 && slotBytes > 0)
        slots = (0..<slotCount).map { _ in .allocate(byteCount: slotBytes, alignment: 16) }
        counts = Array(repeating: 0, count: slotCount)
    }

    deinit { for slot in slots { slot.deallocate() } }

    /// Starts the producer thread, which calls `fill` on each free slot until it reports the end (or ``stop()``),
    /// then calls `finished`. The thread keeps the ring, and what `fill` holds, alive until it ends.
    func start(fill: @escaping (UnsafeMutableRawBufferPointer) -> Fill, finished: @escaping () -> Void = {}) {
        producer = (fill, finished)
        Thread.detachNewThread { [self] in
            let (fill, finished) = producer!
            producer = nil
            produce(fill)
            finished()
        }
    }

    /// Tells the producer to stop after the slot it is filling; a consumer must not wait for a slot afterwards.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands the slot taken before back to the producer and waits for the next one; empty at the end (again at
    /// each later call). Valid until the next call.
    func next() -> UnsafeRawBufferPointer {
        condition.lock()
        defer { condition.unlock() }
        if holdsSlot {
            let count = counts[consumerSlot]
            // The end slot stays: every later call finds the end again.
            if count == 0 { return UnsafeRawBufferPointer(start: slots[consumerSlot].baseAddress, count: 0) }
            holdsSlot = false
            filledSlots -= 1
            consumerSlot = (consumerSlot + 1) % slots.count
            condition.broadcast()
        }
        while filledSlots == 0 { condition.wait() }
        holdsSlot = true
        return UnsafeRawBufferPointer(start: slots[consumerSlot].baseAddress, count: counts[consumerSlot])
    }

    /// The producer's failure, once ``next()`` returned the end.
    var failure: (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return endFailure
    }

    /// The producer thread: fills each free slot in turn; after the last bytes, an empty slot marks the end.
    private func produce(_ fill: (UnsafeMutableRawBufferPointer) -> Fill) {
        var slot = 0
        while true {
            guard waitForFreeSlot() else { return }
            let made = fill(slots[slot])
            let ended = made.ended || made.count == 0
            condition.lock()
            defer { condition.unlock() }
            counts[slot] = made.count
            filledSlots += 1
            if ended && made.count > 0 {
                // The bytes first, then an empty slot for the end.
                condition.broadcast()
                while filledSlots == slots.count && !stopped { condition.wait() }
                if stopped { return }
                slot = (slot + 1) % slots.count
                counts[slot] = 0
                filledSlots += 1
            }
            if ended { endFailure = made.failure }
            condition.broadcast()
            if ended { return }
            slot = (slot + 1) % slots.count
        }
    }

    /// Waits until a slot is free; false once stopped.
    private func waitForFreeSlot() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while filledSlots == slots.count && !stopped { condition.wait() }
        return !stopped
    }
}
