// What every fuzz target uses to report a broken invariant: the message on stderr, then abort() (libFuzzer keeps
// the input as a crash reproducer). Each target names itself in `fuzzTargetName`. Compiled into every target by
// scripts/fuzz.
#if canImport(Glibc)
import Glibc
#endif

func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Stops the run with `message` when `condition` is false.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fail(message()) }
}

/// Stops the run with `message`.
func fail(_ message: String) -> Never {
    writeToStandardError("\(fuzzTargetName) invariant failed: \(message)\n")
    abort()
}
