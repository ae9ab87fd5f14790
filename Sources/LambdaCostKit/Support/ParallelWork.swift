import Dispatch
import Foundation

/// Work items spread over the machine's cores: the render stage's pages.
enum ParallelWork {
    /// Threads used: one per active core, at most 8 (each holds a batch of pages or a part's buffers in memory).
    static let width = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `body` for every index of `0..<count`, on up to ``width`` threads at once, and returns when all are
    /// done. After a failure no new index starts; the error of the lowest failed index is rethrown, so the same
    /// input always reports the same error.
    static func forEach(_ count: Int, _ body: (Int) throws -> Void) throws {
        guard count > 1 && width > 1 else {
            for index in 0..<count { try body(index) }
            return
        }
        let next = Locked(0)
        let failures = Locked<[(index: Int, error: any Error)]>([])
        withoutActuallyEscaping(body) { body in
            let work = Work(body: body)
            DispatchQueue.concurrentPerform(iterations: min(width, count)) { _ in
                work.run(count, next: next, failures: failures)
            }
        }
        if let first = failures.get().min(by: { $0.index < $1.index }) { throw first.error }
    }

    /// The body, shared by the threads of one ``forEach(_:_:)`` (which returns only when they are done).
    private struct Work: @unchecked Sendable {
        let body: (Int) throws -> Void

        func run(_ count: Int, next: Locked<Int>, failures: Locked<[(index: Int, error: any Error)]>) {
            while true {
                let index = next.withValue { next in
                    defer { next += 1 }
                    return next
                }
                guard index < count, failures.get().isEmpty else { return }
                do {
                    try body(index)
                } catch {
                    failures.withValue { $0.append((index, error)) }
                }
            }
        }
    }
}
