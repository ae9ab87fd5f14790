import Dispatch
import Foundation

/// The SHA-256 of an input file's bytes, for `manifest.json` and the check for a file given twice.
///
/// A file read as a stream is hashed in the same read, so its digest is known when it has been read. A large plain
/// file parsed in parts is hashed by the first part as it reads, then from where that part stopped on a thread of
/// its own (``SplitFileDigest``): the rest of the parse and the stages after the ingest run beside the hash, on one
/// thread fewer while it runs (``ParallelWork/beside(_:)``), and only what needs the digest waits for it. A file that changed while it was read has no
/// digest: asking for it throws the ingest's error.
public final class InputDigest: @unchecked Sendable, Hashable, CustomStringConvertible {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, InputError>?

    /// A digest known now.
    public init(_ sha256: String) {
        result = .success(sha256)
        done.signal()
    }

    /// A digest that `compute` makes on a thread of its own, started now; the stages' parallel work leaves it a core
    /// (``ParallelWork/beside(_:)``).
    init(computing compute: @escaping @Sendable () -> Result<String, InputError>) {
        Thread.detachNewThread { [self] in
            result = ParallelWork.beside(compute)
            done.signal()
        }
    }

    /// The digest as lowercase hex, waiting for it when it is still being computed; throws when the file changed
    /// while it was read.
    public func sha256() throws(InputError) -> String {
        try outcome.get()
    }

    /// Waits until the digest is known (or known to be missing).
    func wait() { _ = outcome }

    private var outcome: Result<String, InputError> {
        done.wait()
        done.signal()
        return result!
    }

    public static func == (left: InputDigest, right: InputDigest) -> Bool {
        switch (left.outcome, right.outcome) {
        case let (.success(a), .success(b)): a == b
        default: left === right
        }
    }

    public func hash(into hasher: inout Hasher) {
        if case .success(let hex) = outcome { hasher.combine(hex) }
    }

    public var description: String {
        switch outcome {
        case .success(let hex): hex
        case .failure(let error): "(no digest: \(error.message))"
        }
    }
}
