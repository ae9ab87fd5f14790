import Foundation

/// When to try a request again: on 429 and 5xx answers (and, for requests safe to repeat, on no answer at all),
/// up to ``attempts`` tries in all, waiting what the server's `Retry-After` asks (in seconds) or else 1, 2, 4, …
/// seconds, every wait cut to ``maximumWait``.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included (at least 1).
    public var attempts: Int
    /// The longest wait between two tries, in seconds; a longer `Retry-After` is cut to it.
    public var maximumWait: Double
    /// The wait before the second try when the server names none; doubled for each later one.
    public var firstWait: Double
    /// Waits the given seconds (tests record the waits instead).
    public var sleep: @Sendable (Double) -> Void

    public init(attempts: Int = 4, maximumWait: Double = 60, firstWait: Double = 1,
                sleep: @escaping @Sendable (Double) -> Void = { if $0 > 0 { Thread.sleep(forTimeInterval: $0) } }) {
        self.attempts = max(1, attempts)
        self.maximumWait = max(0, maximumWait)
        self.firstWait = max(0, firstWait)
        self.sleep = sleep
    }

    /// Whether an answer of this status is worth another try: too many requests, or a server error.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// The wait before try `attempt + 1` after try `attempt` (1-based) failed: the `Retry-After` seconds when the
    /// answer had a readable one, else the doubling backoff; never more than ``maximumWait``.
    public func wait(after attempt: Int, retryAfter: String?) -> Double {
        let asked = retryAfter.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        let backoff = firstWait * pow(2, Double(min(max(attempt - 1, 0), 30)))
        return min(asked ?? backoff, maximumWait)
    }

    /// What ``send(_:through:)`` ended with, and after how many tries.
    public enum Outcome {
        /// The last answer: a success, a refusal, or a 429 or 5xx on the last try.
        case answered(HTTPResponse, attempts: Int)
        /// No answer on the last try (or on the first, for a request not safe to repeat).
        case noAnswer(HTTPTransportError, attempts: Int)
    }

    /// Sends `request` through `http`, trying again on 429 and 5xx answers and, when the request is safe to repeat
    /// (not a POST, which may have been applied), on no answer, up to ``attempts`` tries with the waits of
    /// ``wait(after:retryAfter:)``.
    public func send(_ request: HTTPRequest, through http: any HTTPClient) -> Outcome {
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPResponse
            do {
                response = try http.send(request)
            } catch {
                guard request.isIdempotent && attempt < attempts else { return .noAnswer(error, attempts: attempt) }
                sleep(wait(after: attempt, retryAfter: nil))
                continue
            }
            guard Self.isRetryable(status: response.status) && attempt < attempts else { return .answered(response, attempts: attempt) }
            sleep(wait(after: attempt, retryAfter: response.header("Retry-After")))
        }
    }
}
