/// A map of a few entries held as an array sorted by key, read as a dictionary is (a subscript by key, iteration as
/// `(key, value)`, `keys`, `values`): a dictionary keeps a handful of entries in about twice the room, and a fleet
/// holds one such map per function (``UsageSlices``, ``OtherServiceCharges``).
public struct SmallSortedMap<Key: Comparable & Sendable, Value: Sendable>: RandomAccessCollection, ExpressibleByDictionaryLiteral, Sendable {
    public typealias Element = (key: Key, value: Value)

    /// In key order.
    private var entries: [Element] = []

    public init() {}

    public init(_ map: [Key: Value]) where Key: Hashable {
        entries = map.sorted { $0.key < $1.key }
    }

    public init(dictionaryLiteral elements: (Key, Value)...) {
        for (key, value) in elements {
            precondition(self[key] == nil, "a key given twice")
            self[key] = value
        }
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Element { entries[position] }

    /// The value of a key; setting `nil` removes it.
    public subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { !($0.key < key) } ?? entries.endIndex
            let found = index < entries.endIndex && entries[index].key == key
            switch (newValue, found) {
            case (let value?, true): entries[index].value = value
            case (let value?, false): entries.insert((key, value), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    public subscript(key: Key, default value: @autoclosure () -> Value) -> Value {
        get { self[key] ?? value() }
        set { self[key] = newValue }
    }

    /// The keys, in order.
    public var keys: [Key] { entries.map(\.key) }
    /// The values, in the order of their keys.
    public var values: [Value] { entries.map(\.value) }
}

extension SmallSortedMap: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
