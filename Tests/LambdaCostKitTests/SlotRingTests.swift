import Foundation
import Testing
@testable import LambdaCostKit

/// The hand-over of chunks from a producer thread (``SlotRing``): every chunk in order, the end after the last
/// bytes (and again on later calls), a failure after the bytes made before it, and a stopped producer ends.
@Suite struct SlotRingTests {
    struct Failure: Error, Equatable { var code: Int }

    /// A producer that writes `chunks` in turn (chunk `i` is `count(i)` bytes of value `i % 251`), then ends with
    /// `failure`, if any; each chunk's bytes end there when `failure` is set on the last one.
    static func start(_ ring: SlotRing, chunks: Int, count: @escaping @Sendable (Int) -> Int, failure: Failure? = nil,
                      finished: @escaping () -> Void = {}) {
        var next = 0
        ring.start(fill: { slot in
            guard next < chunks else { return SlotRing.Fill(count: 0, ended: true, failure: failure) }
            let bytes = min(slot.count, count(next))
            for index in 0..<bytes { slot[index] = UInt8(next % 251) }
            next += 1
            return SlotRing.Fill(count: bytes, ended: false)
        }, finished: finished)
    }

    /// Reads chunks until the end: their byte counts and whether each is filled with its number's value.
    static func drain(_ ring: SlotRing) -> [(count: Int, intact: Bool)] {
        var chunks: [(count: Int, intact: Bool)] = []
        while true {
            let chunk = ring.next()
            if chunk.count == 0 { return chunks }
            let expected = UInt8(chunks.count % 251)
            chunks.append((chunk.count, chunk.allSatisfy { $0 == expected }))
            // Slow consumer now and then: the producer fills every slot and waits.
            if chunks.count % 50 == 0 { usleep(1_000) }
        }
    }

    @Test func chunksArriveInOrderThenTheEndAgainAndAgain() {
        let ring = SlotRing(slotCount: 3, slotBytes: 64)
        Self.start(ring, chunks: 1_000, count: { 1 + $0 % 64 })
        let chunks = Self.drain(ring)
        #expect(chunks.count == 1_000)
        #expect(chunks.map(\.count) == (0..<1_000).map { 1 + $0 % 64 })
        #expect(chunks.allSatisfy { $0.intact })
        #expect(ring.next().count == 0)
        #expect(ring.next().count == 0)
        #expect(ring.failure == nil)
    }

    /// The last bytes and the end reported in one fill: the bytes come first, then an empty chunk.
    @Test func bytesReportedWithTheEndComeBeforeIt() {
        let ring = SlotRing(slotCount: 2, slotBytes: 16)
        var calls = 0
        ring.start(fill: { slot in
            calls += 1
            for index in 0..<5 { slot[index] = UInt8(calls) }
            return SlotRing.Fill(count: 5, ended: calls == 3, failure: calls == 3 ? Failure(code: 7) : nil)
        })
        var counts: [Int] = []
        var values: [UInt8] = []
        while true {
            let chunk = ring.next()
            if chunk.count == 0 { break }
            counts.append(chunk.count)
            values.append(chunk[0])
        }
        #expect(counts == [5, 5, 5])
        #expect(values == [1, 2, 3])
        #expect(ring.failure as? Failure == Failure(code: 7))
    }

    @Test func aFailureReachesTheConsumerAfterEveryByteBeforeIt() {
        let ring = SlotRing(slotCount: 3, slotBytes: 32)
        Self.start(ring, chunks: 200, count: { _ in 32 }, failure: Failure(code: 3))
        let chunks = Self.drain(ring)
        #expect(chunks.count == 200)
        #expect(chunks.allSatisfy { $0.count == 32 && $0.intact })
        #expect(ring.failure as? Failure == Failure(code: 3))
    }

    /// A consumer that stops after one chunk: the producer, waiting for a free slot, ends and calls `finished`.
    @Test func aStoppedProducerEnds() {
        let ring = SlotRing(slotCount: 2, slotBytes: 8)
        let done = DispatchSemaphore(value: 0)
        Self.start(ring, chunks: .max, count: { _ in 8 }, finished: { done.signal() })
        #expect(ring.next().count == 8)
        #expect(done.wait(timeout: .now() + 0.2) == .timedOut)  // the producer waits while both slots are full
        ring.stop()
        #expect(done.wait(timeout: .now() + 10) == .success)
    }
}
