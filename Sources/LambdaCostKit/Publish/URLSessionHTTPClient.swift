import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPClient`` over Foundation's URLSession (on Linux FoundationNetworking, on libcurl, which a machine with
/// the Swift toolchain already has): no extra package to build. Ephemeral: no cookies, cache or credential
/// store. Redirects are not followed (the 3xx answer is returned), so a credential header never goes to a host it
/// was not meant for. One request at a time, as the publishers send them.
public final class URLSessionHTTPClient: HTTPClient, @unchecked Sendable {
    private let session: URLSession
    private let delegate = TaskDelegate()

    /// `timeout`: seconds a request may wait for the server (to connect, or between bytes of the answer); at least
    /// 1 (FoundationNetworking takes whole seconds: a fraction under 1 would time out at once).
    public init(timeout: Double) {
        let timeout = max(1, timeout.rounded(.up))
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout, 900)  // a large upload may take minutes
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        let done = DispatchSemaphore(value: 0)
        delegate.start(task.taskIdentifier, done: done)
        task.resume()
        done.wait()
        return try delegate.finish(task.taskIdentifier).get()
    }

    /// Collects each task's answer and refuses redirects.
    private final class TaskDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private struct Pending {
            var done: DispatchSemaphore
            var body = Data()
            var result: Result<HTTPResponse, HTTPTransportError>?
        }

        private let pending = Locked<[Int: Pending]>([:])

        func start(_ task: Int, done: DispatchSemaphore) { pending.withValue { $0[task] = Pending(done: done) } }

        func finish(_ task: Int) -> Result<HTTPResponse, HTTPTransportError> {
            pending.withValue { $0.removeValue(forKey: task)?.result } ?? .failure(HTTPTransportError("the request ended without an answer"))
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            pending.withValue { $0[dataTask.taskIdentifier]?.body.append(data) }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            let done = pending.withValue { entries -> DispatchSemaphore? in
                guard var entry = entries[task.taskIdentifier] else { return nil }
                if let error {
                    let urlError = error as? URLError
                    let timedOut = urlError?.code == .timedOut
                    let words = timedOut ? "no answer within the timeout" : (urlError.map(Self.words) ?? "\(error.localizedDescription)")
                    entry.result = .failure(HTTPTransportError(words, timedOut: timedOut))
                } else if let response = task.response as? HTTPURLResponse {
                    var headers: [String: String] = [:]
                    for (name, value) in response.allHeaderFields {
                        if let name = name as? String, let value = value as? String { headers[name] = value }
                    }
                    entry.result = .success(HTTPResponse(status: response.statusCode, headers: headers, body: entry.body))
                } else {
                    entry.result = .failure(HTTPTransportError("the answer was not HTTP"))
                }
                entries[task.taskIdentifier] = entry
                return entry.done
            }
            done?.signal()
        }

        /// A URLError in words, without the URL (it is named by the caller).
        private static func words(_ error: URLError) -> String {
            switch error.code {
            case .cannotFindHost, .dnsLookupFailed: return "the host name did not resolve"
            case .cannotConnectToHost: return "the connection was refused"
            case .networkConnectionLost: return "the connection was cut"
            case .notConnectedToInternet: return "no network"
            case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                 .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
                return "the TLS connection failed (certificate or protocol)"
            case .badServerResponse: return "the server's answer was not valid HTTP"
            default: return "the request failed (URLError \(error.code.rawValue))"
            }
        }
    }
}
