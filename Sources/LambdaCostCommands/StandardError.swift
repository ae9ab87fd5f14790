import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes diagnostics to stderr, one per line.
enum StandardError {
    static func write(_ line: String) {
        if let capture = OutputCapture.current {
            capture.append(line + "\n", toStandardError: true)
            return
        }
        var text = line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Whether stderr is a terminal (a person is watching): only then is progress shown. Never while captured.
    static var isTerminal: Bool { OutputCapture.current == nil && isatty(2) == 1 }
}

/// Writes result lines (the summary line, `validate`'s reconciliation) to stdout.
enum StandardOutput {
    static func write(_ line: String) {
        if let capture = OutputCapture.current {
            capture.append(line + "\n", toStandardError: false)
            return
        }
        print(line)
    }
}

/// What the commands printed, collected instead of written while a test runs them (`OutputCapture.$current`
/// is task-local, so tests running in parallel do not see each other's output).
final class OutputCapture: @unchecked Sendable {
    @TaskLocal static var current: OutputCapture?

    private let lock = NSLock()
    private var out = ""
    private var err = ""

    init() {}

    func append(_ text: String, toStandardError: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if toStandardError { err += text } else { out += text }
    }

    var standardOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return out
    }

    var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return err
    }
}
