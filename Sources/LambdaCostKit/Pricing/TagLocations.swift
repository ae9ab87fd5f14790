/// Where each tag value of a function was read in the input, by tag key: a small array sorted by key, read as a
/// dictionary would be (`locations[key]`). A function has a few tags; a dictionary would take twice the room.
public struct TagLocations: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(key: String, location: SourceLocation)] = []

    public init(_ locations: [String: SourceLocation] = [:]) {
        entries = locations.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public init(dictionaryLiteral elements: (String, SourceLocation)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Where the value of the tag `key` was read, when known.
    public subscript(key: String) -> SourceLocation? { entries.first { $0.key == key }?.location }

    public var isEmpty: Bool { entries.isEmpty }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.location == $1.location }
    }
}
