import Foundation
import Testing
@testable import LambdaCostKit

/// ``ParallelWork``: every index once, the lowest failure rethrown, and a core left to a task running beside the
/// stages (a large input's hash), so that there are never more busy threads than cores.
@Suite struct ParallelWorkTests {
    /// Runs 16 slow items and returns the distinct threads that ran them and the indices they ran.
    static func threadsUsed(everyCore: Bool = false) throws -> (threads: Int, indices: [Int]) {
        let seen = Locked<(threads: Set<String>, indices: [Int])>(([], []))
        try ParallelWork.forEach(16, everyCore: everyCore) { index in
            Thread.sleep(forTimeInterval: 0.005)
            let thread = "\(pthread_self())"
            seen.withValue { $0.threads.insert(thread); $0.indices.append(index) }
        }
        let result = seen.get()
        return (result.threads.count, result.indices.sorted())
    }

    @Test func everyIndexOnceOnTheCoresAndOneFewerBesideAHashExceptForAParse() throws {
        let alone = try Self.threadsUsed()
        #expect(alone.indices == Array(0..<16))
        #expect(alone.threads <= ParallelWork.width)
        // While a task runs beside the stages, one thread fewer (one at least).
        let started = DispatchSemaphore(value: 0)
        let finish = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            ParallelWork.beside {
                started.signal()
                finish.wait()
            }
            ended.signal()
        }
        started.wait()
        let beside = try Self.threadsUsed()
        // The parts of a split parse take every core all the same.
        let parse = try Self.threadsUsed(everyCore: true)
        finish.signal()
        ended.wait()
        #expect(beside.indices == Array(0..<16))
        #expect(beside.threads <= max(1, ParallelWork.width - 1))
        if ParallelWork.width > 1 { #expect(alone.threads > beside.threads || alone.threads == 1) }
        #expect(parse.indices == Array(0..<16))
        #expect(parse.threads <= ParallelWork.width)
        if ParallelWork.width > 1 && alone.threads > 1 { #expect(parse.threads > beside.threads) }
    }

    @Test func theLowestFailureIsRethrown() {
        struct Failure: Error, Equatable { var index: Int }
        #expect(throws: Failure(index: 3)) {
            try ParallelWork.forEach(40) { index in
                if index == 3 || index == 7 { throw Failure(index: index) }
            }
        }
    }
}
