#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// The raw bytes of a file descriptor, read once, front to back, in chunks. With `hashing`, a reader thread
/// reads each chunk, adds it to a SHA-256 and hands it over through a queue of three buffers, so the digest
/// is of exactly the bytes the caller consumes and is computed while the caller parses. Without it, the
/// caller's thread reads (no thread, no digest).
final class ReadAhead: @unchecked Sendable {
    /// What the reader thread found at the end of the file.
    struct Digest: Sendable {
        var hex: String
        var bytes: Int
    }

    static let chunkBytes = 1 << 18
    private static let slotCount = 3

    private let path: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let hashing: Bool
    private let slots: [UnsafeMutableRawBufferPointer]

    // Shared with the reader thread, under `condition`.
    private let condition = NSCondition()
    private var filledSlots = 0
    private var slotCounts: [Int]
    private var readFailure: String?
    private var stopped = false
    private var digest: Digest?

    // The consumer's side.
    private var consumerSlot = 0
    private var holdsSlot = false
    private var chunkCount = 0
    private var chunkPosition = 0
    private var atEnd = false
    /// Bytes handed to the caller so far (the offset in the stream).
    private(set) var bytesConsumed = 0
    /// Bytes read from the descriptor and received by the caller's side.
    private(set) var bytesRead = 0

    init(path: String, descriptor: Int32, closesDescriptor: Bool, hashing: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.hashing = hashing
        let count = hashing ? Self.slotCount : 1
        slots = (0..<count).map { _ in .allocate(byteCount: Self.chunkBytes, alignment: 16) }
        slotCounts = Array(repeating: 0, count: count)
        if hashing {
            // The thread keeps this object alive until it stops, so `deinit` never waits for a blocked read.
            Thread.detachNewThread { [self] in readLoop() }
        }
    }

    deinit {
        if closesDescriptor { close(descriptor) }
        for slot in slots { slot.deallocate() }
    }

    /// Tells the reader thread to stop after its current read; call when the caller is done with the file.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Up to `count` bytes at the current position without consuming them (fewer only at the end of the file
    /// or past the first chunk's end; the reader fills whole chunks, so at the start that is the file's size).
    func peek(_ count: Int) throws -> [UInt8] {
        if chunkPosition == chunkCount && !atEnd { try loadChunk() }
        let available = min(count, chunkCount - chunkPosition)
        return Array(UnsafeRawBufferPointer(start: slots[consumerSlot].baseAddress! + chunkPosition, count: available))
    }

    /// The next bytes of the file, at most `limit`; empty only at its end. Valid until the next call.
    func take(upTo limit: Int) throws -> UnsafeRawBufferPointer {
        if chunkPosition == chunkCount {
            if atEnd { return UnsafeRawBufferPointer(start: nil, count: 0) }
            try loadChunk()
            if atEnd { return UnsafeRawBufferPointer(start: nil, count: 0) }
        }
        let count = min(limit, chunkCount - chunkPosition)
        let bytes = UnsafeRawBufferPointer(start: slots[consumerSlot].baseAddress! + chunkPosition, count: count)
        chunkPosition += count
        bytesConsumed += count
        return bytes
    }

    /// The digest of every byte read, once the end of the file was consumed; `nil` before or without hashing.
    func finishedDigest() -> Digest? {
        guard atEnd, hashing else { return nil }
        condition.lock()
        defer { condition.unlock() }
        return digest
    }

    /// Releases the current chunk and waits for the next one (or reads it, without a thread).
    private func loadChunk() throws {
        guard hashing else {
            let count = Self.fill(slots[0], from: descriptor)
            if let failure = count.failure { throw readError(failure) }
            chunkCount = count.bytes
            chunkPosition = 0
            bytesRead += chunkCount
            if chunkCount == 0 { atEnd = true }
            return
        }
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
        bytesRead += chunkCount
        if chunkCount == 0 {
            atEnd = true
            if let readFailure { throw readError(readFailure) }
        }
    }

    private func readError(_ reason: String) -> InputError {
        InputError(path: path, message: "cannot read the file: \(reason)")
    }

    /// The reader thread: fills free slots in turn, hashing each, until the end of the file, an error or `stop()`.
    private func readLoop() {
        let hasher = SHA256()
        var slot = 0
        var total = 0
        while true {
            condition.lock()
            while filledSlots == slots.count && !stopped { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let count = Self.fill(slots[slot], from: descriptor)
            hasher.update(UnsafeRawBufferPointer(rebasing: slots[slot][0..<count.bytes]))
            total += count.bytes
            let ended = count.bytes == 0 || count.failure != nil
            condition.lock()
            if let failure = count.failure {
                // The bytes read before the error are handed over first; an empty slot then carries the error.
                readFailure = failure
                slotCounts[slot] = count.bytes
                filledSlots += 1
                if count.bytes > 0 {
                    while filledSlots == slots.count && !stopped { condition.wait() }
                    slot = (slot + 1) % slots.count
                    slotCounts[slot] = 0
                    filledSlots += 1
                }
            } else {
                slotCounts[slot] = count.bytes
                filledSlots += 1
                if count.bytes == 0 { digest = Digest(hex: hasher.finalizeHex(), bytes: total) }
            }
            condition.broadcast()
            condition.unlock()
            if ended { return }
            slot = (slot + 1) % slots.count
        }
    }

    /// Reads until `buffer` is full or the file ends (a pipe hands out less per call).
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32) -> (bytes: Int, failure: String?) {
        var filled = 0
        while filled < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                return (filled, String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        return (filled, nil)
    }
}
