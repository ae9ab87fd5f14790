import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// ``ConfluenceClient``'s retries and waits against scripted answers (no sleeping: the waits are recorded), its
/// URLs, and ``URLSessionHTTPClient`` against a local server.
@Suite struct ConfluenceClientTests {
    /// Answers from a script, one per request, and records the requests.
    final class ScriptedHTTP: HTTPClient, @unchecked Sendable {
        private let script: Locked<[Result<HTTPResponse, HTTPTransportError>]>
        let requests = Locked<[HTTPRequest]>([])

        init(_ script: [Result<HTTPResponse, HTTPTransportError>]) { self.script = Locked(script) }

        func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
            requests.withValue { $0.append(request) }
            let next = script.withValue { $0.isEmpty ? Result.failure(HTTPTransportError("script ended")) : $0.removeFirst() }
            return try next.get()
        }
    }

    static let found = HTTPResponse(status: 200, body: Data(#"{"results": [{"id": "7", "title": "T", "version": {"number": 3}}]}"#.utf8))
    static let credentials = try! ConfluenceCredentials.from(environment: ["CONFLUENCE_BEARER": "pat-secret-token"])!

    func client(_ http: ScriptedHTTP, attempts: Int = 4, maximumWait: Double = 60, waits: Locked<[Double]>) -> ConfluenceClient {
        ConfluenceClient(baseURL: "https://example.atlassian.net/wiki/", credentials: Self.credentials, http: http,
                         retry: RetryPolicy(attempts: attempts, maximumWait: maximumWait, sleep: { seconds in waits.withValue { $0.append(seconds) } }))
    }

    @Test func retryAfterIsHonoredAndCutToTheMaximum() throws {
        let waits = Locked<[Double]>([])
        let http = ScriptedHTTP([
            .success(HTTPResponse(status: 429, headers: ["Retry-After": "7"])),
            .success(HTTPResponse(status: 503, headers: ["retry-after": "600"])),
            .success(HTTPResponse(status: 502)),
            .success(Self.found),
        ])
        let page = try client(http, waits: waits).findPage(space: "FIN", title: "T")
        #expect(page == ConfluencePage(id: "7", title: "T", version: 3))
        #expect(waits.get() == [7, 60, 4])  // as asked; cut to 60; none asked: the third try's backoff 1, 2, 4
        #expect(http.requests.get().count == 4)
    }

    @Test func theNumberOfTriesIsBounded() {
        let waits = Locked<[Double]>([])
        let http = ScriptedHTTP(Array(repeating: .success(HTTPResponse(status: 500)), count: 10))
        #expect { try client(http, attempts: 3, waits: waits).findPage(space: "FIN", title: "T") } throws: { error in
            (error as? ConfluenceError)?.kind == .unavailable && (error as? ConfluenceError)?.status == 500
        }
        #expect(http.requests.get().count == 3)
        #expect(waits.get() == [1, 2])
    }

    @Test func aPostWithoutAnAnswerIsNotSentAgainButAGetIs() throws {
        let waits = Locked<[Double]>([])
        let post = ScriptedHTTP([.failure(HTTPTransportError("no answer within the timeout", timedOut: true)), .success(Self.found)])
        #expect(throws: ConfluenceError.self) {
            try client(post, waits: waits).createPage(space: "FIN", title: "T", parentID: nil, body: "<p/>")
        }
        #expect(post.requests.get().count == 1)
        let get = ScriptedHTTP([.failure(HTTPTransportError("the connection was refused")), .success(Self.found)])
        #expect(try client(get, waits: waits).findPage(space: "FIN", title: "T")?.id == "7")
        #expect(get.requests.get().count == 2)
    }

    @Test func urlsEncodeEveryReservedCharacter() throws {
        let waits = Locked<[Double]>([])
        let http = ScriptedHTTP([.success(HTTPResponse(status: 200, body: Data(#"{"results": []}"#.utf8)))])
        #expect(try client(http, waits: waits).findPage(space: "~user", title: "Cost & usage: 50% + more/less?") == nil)
        let request = try #require(http.requests.get().first)
        #expect(request.url.absoluteString == "https://example.atlassian.net/wiki/rest/api/content?spaceKey=~user&title=Cost%20%26%20usage%3A%2050%25%20%2B%20more%2Fless%3F&type=page&expand=version")
        #expect(request.headers.first { $0.name == "Authorization" }?.value == "Bearer pat-secret-token")
    }

    @Test func credentialsAreMaskedAndNeverDescribed() throws {
        let basic = try #require(try ConfluenceCredentials.from(environment: ["CONFLUENCE_USER": "me@example.com", "CONFLUENCE_TOKEN": "ATATT-abc123"]))
        let encoded = Data("me@example.com:ATATT-abc123".utf8).base64EncodedString()
        #expect(basic.authorization == "Basic " + encoded)
        #expect(basic.redact("token ATATT-abc123, header Basic \(encoded)") == "token ***, header Basic ***")
        #expect(!"\(basic)".contains("ATATT"))
        #expect(try ConfluenceCredentials.from(environment: [:]) == nil)
        #expect(throws: ConfluenceCredentials.Problem.self) { try ConfluenceCredentials.from(environment: ["CONFLUENCE_TOKEN": "x"]) }
        #expect(throws: ConfluenceCredentials.Problem.self) { try ConfluenceCredentials.from(environment: ["CONFLUENCE_BEARER": "a\nb"]) }
    }

    @Test func theURLSessionClientTalksToALocalServerAndTimesOut() throws {
        let server = try LocalHTTPServer { request in
            if request.path == "/slow" { Thread.sleep(forTimeInterval: 4) }
            return LocalHTTPResponse(status: 201, headers: [("X-Echo", request.header("X-Test") ?? "")], body: request.body + Data(request.method.utf8))
        }
        let response = try URLSessionHTTPClient(timeout: 30).send(HTTPRequest(method: "PUT", url: URL(string: server.baseURL + "/echo")!, headers: [("X-Test", "yes")], body: Data("abc".utf8)))
        #expect(response.status == 201 && response.header("x-echo") == "yes" && response.body == Data("abcPUT".utf8))
        // A body over 1 MiB: libcurl asks with Expect: 100-continue first.
        let large = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let echoed = try URLSessionHTTPClient(timeout: 30).send(HTTPRequest(method: "PUT", url: URL(string: server.baseURL + "/echo")!, body: large))
        #expect(echoed.body == large + Data("PUT".utf8))
        let started = Date()
        #expect { try URLSessionHTTPClient(timeout: 1).send(HTTPRequest(method: "GET", url: URL(string: server.baseURL + "/slow")!)) } throws: { error in
            (error as? HTTPTransportError)?.timedOut == true
        }
        #expect(Date().timeIntervalSince(started) >= 0.9)  // the timeout, not an immediate failure
    }
}
