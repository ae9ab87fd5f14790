import Testing
@testable import LambdaCostKit

/// The ledger's index of the cells it holds in memory (``PackedKeyIndex``) finds each cell by its key through
/// growth, a reordering (rebuilt) and clearing, and finds no key it does not hold.
@Suite struct PackedKeyIndexTests {
    /// Keys shaped like packed ledger keys (function, kind, hour), many sharing their low bits.
    static let keys: [UInt64] = (0..<5_000).map { (number: Int) -> UInt64 in
        let function = UInt64(number % 97) << 35, kind = UInt64(number % 7) << 29
        return function | kind | UInt64(number / 7)
    }

    static func expectFindsEach(_ index: PackedKeyIndex, _ cells: [LedgerRun.Cell]) {
        cells.withUnsafeBufferPointer { buffer in
            #expect(cells.indices.allSatisfy { index.position(of: cells[$0].key, in: buffer) == $0 })
            #expect(index.position(of: UInt64.max, in: buffer) == nil)
            #expect(index.position(of: 1 << 62, in: buffer) == nil)
        }
    }

    @Test func findsEachCellThroughGrowthReorderingAndClearing() {
        var generator = SystemRandomNumberGenerator()
        var index = PackedKeyIndex()
        var cells: [LedgerRun.Cell] = []
        for key in Self.keys.shuffled(using: &generator) {
            cells.append(LedgerRun.Cell(key: key, amounts: UsageLedger.Amounts()))
            cells.withUnsafeBufferPointer { index.insert($0.count - 1, of: $0) }
        }
        #expect(index.count == Self.keys.count)
        Self.expectFindsEach(index, cells)

        cells.sort { $0.key < $1.key }
        cells.withUnsafeBufferPointer { index.rebuild($0) }
        #expect(index.count == Self.keys.count)
        Self.expectFindsEach(index, cells)

        for keepingCapacity in [true, false] {
            index.removeAll(keepingCapacity: keepingCapacity)
            #expect(index.count == 0)
            #expect(cells.withUnsafeBufferPointer { buffer in Self.keys.allSatisfy { index.position(of: $0, in: buffer) == nil } })
            let few = Array(cells.prefix(40))
            few.withUnsafeBufferPointer { index.rebuild($0) }
            Self.expectFindsEach(index, few)
        }
    }
}
