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
    /// The reader thread's hand-over, with `hashing`; without it, `buffer` is read on the caller's thread.
    private let ring: SlotRing?
    private let buffer: UnsafeMutableRawBufferPointer?
    /// Set by the reader thread at the end of the file.
    private let digest = Locked<Digest?>(nil)

    // The consumer's side.
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
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
        if hashing {
            let ring = SlotRing(slotCount: Self.slotCount, slotBytes: Self.chunkBytes)
            self.ring = ring
            buffer = nil
            // The thread keeps this object alive until it stops, so `deinit` never waits for a blocked read.
            let hasher = SHA256()
            var total = 0
            ring.start(fill: { [self] slot in
                let count = Self.fill(slot, from: descriptor)
                hasher.update(UnsafeRawBufferPointer(rebasing: slot[0..<count.bytes]))
                total += count.bytes
                if let failure = count.failure {
                    return SlotRing.Fill(count: count.bytes, ended: true, failure: readError(failure))
                }
                if count.bytes == 0 { digest.set(Digest(hex: hasher.finalizeHex(), bytes: total)) }
                return SlotRing.Fill(count: count.bytes, ended: count.bytes == 0)
            })
        } else {
            ring = nil
            buffer = .allocate(byteCount: Self.chunkBytes, alignment: 16)
        }
    }

    deinit {
        if closesDescriptor { close(descriptor) }
        buffer?.deallocate()
    }

    /// Tells the reader thread to stop after its current read; call when the caller is done with the file.
    func stop() { ring?.stop() }

    /// Up to `count` bytes at the current position without consuming them (fewer only at the end of the file
    /// or past the first chunk's end; the reader fills whole chunks, so at the start that is the file's size).
    func peek(_ count: Int) throws -> [UInt8] {
        if chunkPosition == chunk.count && !atEnd { try loadChunk() }
        let available = min(count, chunk.count - chunkPosition)
        guard available > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(rebasing: chunk[chunkPosition..<(chunkPosition + available)]))
    }

    /// The next bytes of the file, at most `limit`; empty only at its end. Valid until the next call.
    func take(upTo limit: Int) throws -> UnsafeRawBufferPointer {
        if chunkPosition == chunk.count {
            if atEnd { return UnsafeRawBufferPointer(start: nil, count: 0) }
            try loadChunk()
            if atEnd { return UnsafeRawBufferPointer(start: nil, count: 0) }
        }
        let count = min(limit, chunk.count - chunkPosition)
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[chunkPosition..<(chunkPosition + count)])
        chunkPosition += count
        bytesConsumed += count
        return bytes
    }

    /// The digest of every byte read, once the end of the file was consumed; `nil` before or without hashing.
    func finishedDigest() -> Digest? {
        guard atEnd, ring != nil else { return nil }
        return digest.get()
    }

    /// Releases the current chunk and takes the next one (or reads it, without a thread).
    private func loadChunk() throws {
        if let ring {
            chunk = ring.next()
        } else {
            let count = Self.fill(buffer!, from: descriptor)
            if let failure = count.failure { throw readError(failure) }
            chunk = UnsafeRawBufferPointer(rebasing: buffer![0..<count.bytes])
        }
        chunkPosition = 0
        bytesRead += chunk.count
        if chunk.count == 0 {
            atEnd = true
            if let failure = ring?.failure { throw failure }
        }
    }

    private func readError(_ reason: String) -> InputError {
        InputError(path: path, message: "cannot read the file: \(reason)")
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
