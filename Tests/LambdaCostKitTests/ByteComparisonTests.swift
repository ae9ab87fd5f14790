import Foundation
import Testing
@testable import LambdaCostKit

/// ``ByteComparison/equal(_:_:count:)`` says what `memcmp` says, at every length and for a difference at every byte
/// (the word loop, the overlapping last word and the byte loop each decide some of them).
@Suite struct ByteComparisonTests {
    @Test func agreesWithMemcmpAtEveryLengthAndPosition() {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
            bytes.withUnsafeBytes { lhs in
                let copy = Array(bytes)
                copy.withUnsafeBytes { rhs in
                    #expect(ByteComparison.equal(lhs.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, rhs.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: count))
                }
                for index in 0..<count {
                    var changed = bytes
                    changed[index] ^= 0x80
                    changed.withUnsafeBytes { rhs in
                        #expect(!ByteComparison.equal(lhs.baseAddress!, rhs.baseAddress!, count: count), "length \(count), byte \(index)")
                        #expect(memcmp(lhs.baseAddress!, rhs.baseAddress!, count) != 0)
                    }
                }
            }
        }
    }
}
