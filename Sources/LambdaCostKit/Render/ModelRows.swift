/// A long list of a page model (every function, opportunity or finding) whose rows are made while a template
/// renders them, one at a time, and dropped after: the model of a fleet's report stays small whatever the
/// fleet's size.
/// A template that renders the list twice makes its rows twice.
/// A row is a dictionary, or a ``LazyModel`` whose values are made when the template looks them up.
struct ModelRows: Sequence {
    let count: Int
    private let row: (Int) -> Any

    /// The rows of `items`, each made by `row`.
    init<Items: RandomAccessCollection>(_ items: Items, row: @escaping (Items.Element) -> [String: Any]) where Items.Index == Int {
        count = items.count
        let start = items.startIndex
        self.row = { row(items[start + $0]) }
    }

    /// The rows of `items`, each a model made by `row` whose values are made when looked up.
    init<Items: RandomAccessCollection>(_ items: Items, lazyRow row: @escaping (Items.Element) -> LazyModel) where Items.Index == Int {
        count = items.count
        let start = items.startIndex
        self.row = { row(items[start + $0]) }
    }

    private init(count: Int, row: @escaping (Int) -> Any) {
        self.count = count
        self.row = row
    }

    var isEmpty: Bool { count == 0 }

    /// The rows at `positions` (within `0..<count`).
    func slice(_ positions: Range<Int>) -> ModelRows {
        let row = self.row
        return ModelRows(count: positions.count) { row(positions.lowerBound + $0) }
    }

    struct Iterator: IteratorProtocol {
        let rows: ModelRows
        var position = 0

        mutating func next() -> Any? {
            guard position < rows.count else { return nil }
            defer { position += 1 }
            return rows.row(position)
        }
    }

    func makeIterator() -> Iterator { Iterator(rows: self) }
}
