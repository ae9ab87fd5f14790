import ArgumentParser
import LambdaCostKit

/// The network options every `publish` command that talks HTTP shares (`confluence`, `slack`, `teams`): how long a
/// request may wait and how often it is tried.
struct PublishRetryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Seconds a request may wait for the server (to connect, or between bytes of the answer) before it fails.", valueName: "seconds"))
    var timeout: Int = 30

    @Option(name: .long, help: ArgumentHelp("Tries of a request in all when the server answers 429 or 5xx, or does not answer (then only a request safe to repeat: never a post, which may have been applied).", valueName: "n"))
    var attempts: Int = 4

    @Option(name: .customLong("max-wait"), help: ArgumentHelp("The longest wait between two tries, in seconds; a longer Retry-After is cut to it.", valueName: "seconds"))
    var maxWait: Double = 60

    init() {}

    func validate() throws {
        if !(timeout >= 1 && timeout <= 3600) { throw ValidationError("--timeout expects seconds from 1 to 3600, got \(timeout)") }
        if !(1...10).contains(attempts) { throw ValidationError("--attempts expects 1 to 10, got \(attempts)") }
        if !(maxWait >= 0 && maxWait <= 3600) { throw ValidationError("--max-wait expects seconds from 0 to 3600, got \(maxWait)") }
    }

    /// The HTTP client with the timeout asked for.
    var client: URLSessionHTTPClient { URLSessionHTTPClient(timeout: Double(timeout)) }

    /// The retry policy asked for.
    var policy: RetryPolicy { RetryPolicy(attempts: attempts, maximumWait: maxWait) }
}
