/// Sends one request and waits for its answer. The publishers talk to servers only through this, so tests and
/// other transports can stand in for ``URLSessionHTTPClient``. An answer of any status is returned; only a
/// request that got no answer (refused, timed out, cut) throws ``HTTPTransportError``.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}
