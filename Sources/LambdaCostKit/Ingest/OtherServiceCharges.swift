/// A function's charges of other services, by charge (``OtherServiceCosts/FunctionShare/charges``): a small sorted
/// array used like a dictionary. A fleet has one per function with other services tied to it, and a dictionary's
/// storage for its two or three charges cost twice as much (50,000 functions held them through the render).
public struct OtherServiceCharges: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: OtherServiceCharge, value: OtherServiceCosts.Amount)

    /// In charge order.
    private var entries: [Element] = []

    public init() {}

    public init(dictionaryLiteral elements: (OtherServiceCharge, OtherServiceCosts.Amount)...) {
        for (charge, amount) in elements { self[charge] = amount }
    }

    public subscript(charge: OtherServiceCharge) -> OtherServiceCosts.Amount? {
        get { entries.first { $0.key == charge }?.value }
        set {
            let index = entries.firstIndex { $0.key >= charge } ?? entries.endIndex
            let present = index < entries.endIndex && entries[index].key == charge
            switch (newValue, present) {
            case (let value?, true): entries[index].value = value
            case (let value?, false): entries.insert((charge, value), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    public subscript(charge: OtherServiceCharge, default value: @autoclosure () -> OtherServiceCosts.Amount) -> OtherServiceCosts.Amount {
        get { self[charge] ?? value() }
        set { self[charge] = newValue }
    }

    public var keys: [OtherServiceCharge] { entries.map(\.key) }
    public var values: [OtherServiceCosts.Amount] { entries.map(\.value) }
    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public func makeIterator() -> IndexingIterator<[Element]> { entries.makeIterator() }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
