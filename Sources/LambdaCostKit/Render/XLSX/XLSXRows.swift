/// A sheet's data rows: an array, or rows made on demand from their number and a function that makes one (a
/// fleet's Functions and Opportunities sheets: their cells are never all in memory), followed by rows appended
/// to them (a total). A made row that is changed in place (a text cut to fit a cell) is kept as changed.
///
/// Every pass over the rows makes them again, so the writer passes over a sheet a fixed number of times.
public struct XLSXRows: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Hashable, @unchecked Sendable {
    /// `count` rows, row `index` made by `make(index)`; `make` must give the same row every time.
    private struct Maker {
        let count: Int
        let make: (Int) -> [XLSXCell]
    }

    private var maker: Maker?
    /// Made rows changed in place, by index.
    private var changed: [Int: [XLSXCell]] = [:]
    /// The rows after the made ones (every row when there is no maker).
    private var stored: [[XLSXCell]]

    public init(_ rows: [[XLSXCell]]) { stored = rows }

    public init(arrayLiteral rows: [XLSXCell]...) { stored = rows }

    /// `count` rows made by `make`, which is called again each time a row is read.
    public init(count: Int, make: @escaping (Int) -> [XLSXCell]) {
        maker = Maker(count: Swift.max(0, count), make: make)
        stored = []
    }

    private var madeCount: Int { maker?.count ?? 0 }

    public var startIndex: Int { 0 }
    public var endIndex: Int { madeCount + stored.count }

    public subscript(index: Int) -> [XLSXCell] {
        get {
            precondition(index >= 0 && index < endIndex, "row \(index) out of range")
            if let maker, index < maker.count { return changed[index] ?? maker.make(index) }
            return stored[index - madeCount]
        }
        set {
            precondition(index >= 0 && index < endIndex, "row \(index) out of range")
            if index < madeCount { changed[index] = newValue } else { stored[index - madeCount] = newValue }
        }
    }

    /// Adds a row after the others.
    public mutating func append(_ row: [XLSXCell]) { stored.append(row) }

    public static func == (left: XLSXRows, right: XLSXRows) -> Bool { left.elementsEqual(right) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for row in self { hasher.combine(row) }
    }
}
