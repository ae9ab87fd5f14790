/// A function's usage slices by architecture and kind: what a `[UsageSlice.Key: UsageSlice]` gives its
/// readers (a subscript by key, iteration as `(key, value)`, `keys`, `values`), held as a small array sorted by
/// key. A function has a handful of slices, which a dictionary keeps in about twice the room.
public struct UsageSlices: RandomAccessCollection, ExpressibleByDictionaryLiteral, Equatable, Sendable {
    public typealias Element = (key: UsageSlice.Key, value: UsageSlice)

    private var entries: [Element] = []

    public init() {}

    public init(_ slices: [UsageSlice.Key: UsageSlice]) {
        entries = slices.sorted { $0.key < $1.key }
    }

    public init(dictionaryLiteral elements: (UsageSlice.Key, UsageSlice)...) {
        for (key, slice) in elements {
            precondition(self[key] == nil, "a usage key given twice")
            self[key] = slice
        }
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Element { entries[position] }

    /// The slice of a key; setting `nil` removes it.
    public subscript(key: UsageSlice.Key) -> UsageSlice? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { !($0.key < key) } ?? entries.endIndex
            let found = index < entries.endIndex && entries[index].key == key
            switch (newValue, found) {
            case (let slice?, true): entries[index].value = slice
            case (let slice?, false): entries.insert((key, slice), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The keys, in order.
    public var keys: [UsageSlice.Key] { entries.map(\.key) }
    /// The slices, in the order of their keys.
    public var values: [UsageSlice] { entries.map(\.value) }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
