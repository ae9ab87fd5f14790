import Dispatch
import Foundation

/// Work items spread over the machine's cores: the render stage's pages.
enum ParallelWork {
    /// Threads used: one per active core, at most 8 (each holds a batch of pages or a part's buffers in memory).
    static let width = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Threads busy with work of their own beside the stages (an input's SHA-256 being computed, ``InputDigest``).
    private static let busy = Locked(0)

    /// Runs `body` on this thread, counted as busy beside the stages while it runs: ``forEach(_:_:)`` leaves its core
    /// to it, so that a long serial task (a large input's hash) is not slowed by more threads than cores.
    static func beside<T>(_ body: () -> T) -> T {
        busy.withValue { $0 += 1 }
        defer { busy.withValue { $0 -= 1 } }
        return body()
    }

    /// Runs `body` for every index of `0..<count`, on up to ``width`` threads at once, fewer by the threads busy
    /// ``beside(_:)`` the stages unless `everyCore` (the parts of a split parse, which must not be left on one thread
    /// for the whole file by a hash that ends meanwhile), and returns when all are done. After a failure no new index
    /// starts; the error of the lowest failed index is rethrown, so the same input always reports the same error. What
    /// `body` does for an index must not depend on the thread that runs it (the results are the same on any number of
    /// threads).
    static func forEach(_ count: Int, everyCore: Bool = false, _ body: (Int) throws -> Void) throws {
        let threads = min(count, width - (everyCore ? 0 : busy.get()))
        guard threads > 1 else {
            for index in 0..<count { try body(index) }
            return
        }
        let next = Locked(0)
        let failures = Locked<[(index: Int, error: any Error)]>([])
        withoutActuallyEscaping(body) { body in
            let work = Work(body: body)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
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
