import Foundation

/// Decompressed bytes made on a thread of their own, a few chunks ahead of the caller: a gzip file's inflation runs
/// on this thread while the caller parses what it inflated before (and the ``ReadAhead`` thread reads and hashes the
/// compressed bytes). The bytes and a failure come out exactly as calling `produce` on the caller's thread would
/// give them, in order: a failure after the bytes produced before it.
final class InflateAhead: @unchecked Sendable {
    static let chunkBytes = 1 << 18
    private static let slotCount = 3

    private let ring = SlotRing(slotCount: slotCount, slotBytes: chunkBytes)

    // The consumer's side.
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    private var chunkPosition = 0
    private var atEnd = false

    /// Starts the thread, which fills chunks with `produce` (0: the end) until the end, a failure or ``stop()``,
    /// then calls `finished`.
    init(produce: @escaping (UnsafeMutableRawBufferPointer) throws -> Int, finished: @escaping () -> Void) {
        ring.start(fill: { slot in Self.fill(slot, produce) }, finished: finished)
    }

    /// Tells the thread to stop after the chunk it is making.
    func stop() { ring.stop() }

    /// Fills `buffer` with the next bytes; 0 only at the end; rethrows the thread's failure once its bytes are read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if chunkPosition == chunk.count {
            if !atEnd {
                chunk = ring.next()
                chunkPosition = 0
                atEnd = chunk.count == 0
            }
            if atEnd {
                if let failure = ring.failure { throw failure }
                return 0
            }
        }
        let count = min(buffer.count, chunk.count - chunkPosition)
        buffer.baseAddress!.copyMemory(from: chunk.baseAddress! + chunkPosition, byteCount: count)
        chunkPosition += count
        return count
    }

    /// Fills a whole slot with `produce`, short only at the end or a failure.
    private static func fill(
        _ slot: UnsafeMutableRawBufferPointer, _ produce: (UnsafeMutableRawBufferPointer) throws -> Int
    ) -> SlotRing.Fill {
        var filled = 0
        while filled < slot.count {
            do {
                let count = try produce(UnsafeMutableRawBufferPointer(rebasing: slot[filled...]))
                if count == 0 { return SlotRing.Fill(count: filled, ended: true) }
                filled += count
            } catch {
                return SlotRing.Fill(count: filled, ended: true, failure: error)
            }
        }
        return SlotRing.Fill(count: filled, ended: false)
    }
}
