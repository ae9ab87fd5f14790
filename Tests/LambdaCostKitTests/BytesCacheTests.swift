import Testing
@testable import LambdaCostKit

/// The byte-string cache behind the per-row lookups (function, usage type, line item type).
@Suite struct BytesCacheTests {
    typealias Cache = BytesCache<Int>

    static func with<R>(_ texts: [String], _ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
        let arrays = texts.map { Array($0.utf8) }
        func nest(_ index: Int, _ done: [UnsafeBufferPointer<UInt8>]) -> R {
            guard index < arrays.count else { return body(done) }
            return arrays[index].withUnsafeBufferPointer { nest(index + 1, done + [$0]) }
        }
        return nest(0, [])
    }

    @Test func fieldListsThatJoinToTheSameBytesStayApart() {
        // With a separator byte between fields, ("1␟", "x") and ("1", "␟x") would be the same key.
        let first = ["1\u{1F}", "x"], second = ["1", "\u{1F}x"]
        let key = Self.with(first) { Cache.key($0[0], $0[1]) }
        #expect(Self.with(first) { Cache.matches(key, $0[0], $0[1]) })
        #expect(!Self.with(second) { Cache.matches(key, $0[0], $0[1]) })
        #expect(Self.with(first) { Cache.hash($0[0], $0[1]) } != Self.with(second) { Cache.hash($0[0], $0[1]) })
    }

    @Test func theIncrementalHashAndMatchAgreeWithTheWholeOnes() {
        let fields = ["004519876321", "", "us-east-1", "arn:aws:lambda:us-east-1:004519876321:function:f:live"]
        let whole = Self.with(fields) { Cache.hash($0[0], $0[1], $0[2], $0[3]) }
        let incremental = Self.with(fields) { $0.reduce(Cache.seed) { Cache.hash($0, appending: $1) } }
        #expect(whole == incremental)
        let key = Self.with(fields) { Cache.key($0[0], $0[1], $0[2], $0[3]) }
        #expect(Self.with(fields) { buffers in
            var offset = 0
            return buffers.allSatisfy { Cache.matches(key, at: &offset, $0) } && offset == key.count
        })
        #expect(!Self.with(Array(fields.prefix(3)) + ["arn:aws:lambda:us-east-1:004519876321:function:f"]) { Cache.matches(key, $0[0], $0[1], $0[2], $0[3]) })
    }

    /// Many entries, some under one hash: each is found by its bytes, and a missing one is not.
    @Test func entriesSharingAHashAreToldApartByTheirBytes() {
        var cache = Cache()
        let texts = (0..<3_000).map { "arn:aws:lambda:us-east-1:004519876321:function:f\($0)" }
        for (number, text) in texts.enumerated() {
            let bytes = Array(text.utf8)
            let hash = number % 3 == 0 ? 42 : bytes.withUnsafeBufferPointer { Cache.hash($0) }
            cache.insert(number, hash: hash, key: bytes.withUnsafeBufferPointer { Cache.key($0) })
        }
        for (number, text) in texts.enumerated() {
            let bytes = Array(text.utf8)
            let hash = number % 3 == 0 ? 42 : bytes.withUnsafeBufferPointer { Cache.hash($0) }
            #expect(bytes.withUnsafeBufferPointer { field in cache.value(hash: hash) { Cache.matches($0, field) } } == number)
        }
        let missing = Array("arn:aws:lambda:us-east-1:004519876321:function:g".utf8)
        #expect(missing.withUnsafeBufferPointer { field in cache.value(hash: 42) { Cache.matches($0, field) } } == nil)
        #expect(missing.withUnsafeBufferPointer { field in cache.value(hash: Cache.hash(field)) { Cache.matches($0, field) } } == nil)
    }
}
