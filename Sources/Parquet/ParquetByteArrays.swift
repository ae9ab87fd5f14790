/// The BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values of a column chunk: each distinct stored value once (a dictionary
/// entry, or a plain value), and for every value the index of its stored bytes. Memory stays bounded by the chunk
/// even when a long dictionary string repeats on every row, and a reader can decode each distinct value once.
public struct ParquetByteArrays: Sendable {
    /// The stored values, concatenated, and where each ends.
    private(set) var storage: [UInt8] = []
    private(set) var ends: [Int] = []
    /// For every value, in order: the index of its stored bytes.
    public private(set) var indices: [Int32] = []

    public init() {}

    /// The number of values.
    public var count: Int { indices.count }
    /// The number of stored values (the dictionary's entries first, when the chunk has a dictionary).
    public var storedCount: Int { ends.count }

    /// The bytes of stored value `index`.
    public func stored(_ index: Int) -> ArraySlice<UInt8> {
        storage[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// The bytes of value `index`.
    public subscript(index: Int) -> ArraySlice<UInt8> { stored(Int(indices[index])) }

    /// Calls `body` with all stored values concatenated and the end offset of each.
    public func withStorage<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { bytes in try ends.withUnsafeBufferPointer { try body(bytes, $0) } }
    }

    /// Calls `body` with the bytes of stored value `index`, where they lie.
    public func withStored<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Value `index` as text (invalid UTF-8 repaired with U+FFFD).
    public func string(at index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// Splits off the first `count` values and returns them (sharing the stored bytes); keeps the other values, with
    /// the first `keptStored` stored values (a dictionary) and the bytes of the kept values only, so that what a
    /// reader holds between batches stays small.
    mutating func splitOff(first count: Int, keepingStored keptStored: Int) -> ParquetByteArrays {
        var head = self
        head.indices = Array(indices[..<count])
        var rest = ParquetByteArrays()
        let keptEnd = keptStored == 0 ? 0 : ends[keptStored - 1]
        // Only a dictionary stored: share its bytes (copied on write, when plain values are stored after it).
        rest.storage = keptEnd == storage.count ? storage : Array(storage[..<keptEnd])
        rest.ends = keptStored == ends.count ? ends : Array(ends[..<keptStored])
        for index in indices[count...] {
            if Int(index) < keptStored {
                rest.indices.append(index)
            } else {
                withStored(Int(index)) { bytes in rest.append(UnsafeRawBufferPointer(bytes)) }
            }
        }
        self = rest
        return head
    }

    /// Stores `bytes` without adding a value; returns its stored index.
    mutating func store(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
        return Int32(ends.count - 1)
    }

    /// Stores `bytes` and adds a value referring to it.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        indices.append(store(bytes))
    }

    /// Adds a value referring to the stored value `index`.
    mutating func appendReference(_ index: Int32) {
        indices.append(index)
    }
}
