/// A growable run of bytes for writers that append many short pieces (the chart SVG, rendered templates): an
/// append is a capacity check and a copy, where `Array.append(contentsOf:)` goes through the generic sequence path
/// on every call (a function page is tens of thousands of appends). A value, like `Array`: a copy shares the
/// storage until either is written to.
struct ByteBuffer {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        func copy() -> Storage {
            let copy = Storage(capacity: capacity)
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }

        func grow(toHold needed: Int) {
            var newCapacity = capacity
            while newCapacity < needed { newCapacity *= 2 }
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.initialize(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
    }

    private var storage: Storage

    init(capacity: Int = 4096) {
        storage = Storage(capacity: capacity)
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.count == 0 }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let needed = storage.count + extra
        if needed > storage.capacity { storage.grow(toHold: needed) }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage.base + storage.count).initialize(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage.base[storage.count] = byte
        storage.count += 1
    }

    /// Appends the UTF-8 of `text`.
    @inline(__always)
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Forgets the bytes, keeping the capacity (when the storage is not shared).
    mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) {
            storage.count = 0
        } else {
            storage = Storage(capacity: storage.capacity)
        }
    }

    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The bytes as an array.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes as text (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}
