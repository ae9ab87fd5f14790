import Testing
@testable import LambdaCostKit

/// The ledger's index of cells in memory (``PackedKeyIndex``) answers as a dictionary would, through growth,
/// replaced positions and clearing.
@Suite struct PackedKeyIndexTests {
    @Test func answersAsADictionaryThroughGrowthAndClearing() {
        var index = PackedKeyIndex()
        var reference: [UInt64: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        // Keys shaped like packed ledger keys (function, kind, hour), many sharing their low bits.
        let keys: [UInt64] = (0..<5_000).map { (number: Int) -> UInt64 in
            let function = UInt64(number % 97) << 35, kind = UInt64(number % 7) << 29
            return function | kind | UInt64(number / 7)
        }
        for round in 0..<3 {
            for (position, key) in keys.shuffled(using: &generator).enumerated() {
                index[key] = Int32(position + round)
                reference[key] = Int32(position + round)
            }
            // Replacing a position keeps one entry per key.
            for key in keys.prefix(100) {
                index[key] = 7
                reference[key] = 7
            }
            #expect(index.count == reference.count)
            #expect(keys.allSatisfy { index[$0] == reference[$0] })
            #expect(index[UInt64.max] == nil && index[1 << 63] == nil)
            index.removeAll(keepingCapacity: round == 0)
            reference.removeAll()
            #expect(index.count == 0)
            #expect(keys.allSatisfy { index[$0] == nil })
        }
    }
}
