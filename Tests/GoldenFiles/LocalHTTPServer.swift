import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server on 127.0.0.1 at a port the system picks, for tests of the publishers: POSIX sockets, a
/// background thread accepting connections, one thread per connection, every request passed to `handler`
/// (Content-Length or chunked bodies, `Expect: 100-continue` answered), every answer sent with
/// `Connection: close`. Generic: a test gives the handler that plays Confluence, a webhook receiver, ….
public final class LocalHTTPServer: Sendable {
    public let port: Int
    private let loop: LocalHTTPServerLoop

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(handler: @escaping @Sendable (LocalHTTPRequest) -> LocalHTTPResponse) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Self.failure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 32) == 0 else {
            close(fd)
            throw Self.failure("bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        loop = LocalHTTPServerLoop(listener: fd, handler: handler)
        let loop = loop
        Thread { loop.acceptLoop() }.start()
    }

    /// Stops when the last reference goes.
    deinit { loop.stop() }

    /// Stops accepting and waits for the accept loop to end (connections being served finish on their own).
    public func stop() { loop.stop() }

    private static func failure(_ call: String) -> NSError {
        NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "\(call) failed: \(String(cString: strerror(errno)))"])
    }
}

/// The listening socket and what serves it; the threads hold this, not the server, so the server can go away.
private final class LocalHTTPServerLoop: @unchecked Sendable {
    private let listener: Int32
    private let handler: @Sendable (LocalHTTPRequest) -> LocalHTTPResponse
    private let lock = NSLock()
    private var stopped = false
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    init(listener: Int32, handler: @escaping @Sendable (LocalHTTPRequest) -> LocalHTTPResponse) {
        self.listener = listener
        self.handler = handler
    }

    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        acceptLoopDone.wait()
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let serve = Thread { [self] in
                serveConnection(connection)
                close(connection)
            }
            serve.start()
        }
    }

    /// Reads one request, answers it, and lets the connection close.
    private func serveConnection(_ connection: Int32) {
        var buffer = Data()
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            guard let more = receive(connection) else { return }
            buffer.append(more)
            headerEnd = buffer.range(of: Data("\r\n\r\n".utf8))
            if buffer.count > 1 << 20 && headerEnd == nil { return }
        }
        let head = String(decoding: buffer[..<headerEnd!.lowerBound], as: UTF8.self)
        var rest = Data(buffer[headerEnd!.upperBound...])
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        if headers["expect"]?.lowercased() == "100-continue" { sendAll(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        var body = Data()
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                while rest.range(of: Data("\r\n".utf8)) == nil {
                    guard let more = receive(connection) else { return }
                    rest.append(more)
                }
                let lineEnd = rest.range(of: Data("\r\n".utf8))!
                let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return }
                rest = Data(rest[lineEnd.upperBound...])
                while rest.count < size + 2 {
                    guard let more = receive(connection) else { return }
                    rest.append(more)
                }
                if size == 0 { break }
                body.append(rest.prefix(size))
                rest = Data(rest.dropFirst(size + 2))
            }
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            while rest.count < length {
                guard let more = receive(connection) else { return }
                rest.append(more)
            }
            body = rest.prefix(length)
        }
        let request = LocalHTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
        let response = handler(request)
        var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for header in response.headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        sendAll(connection, Data(text.utf8) + response.body)
        shutdown(connection, Int32(SHUT_WR))
    }

    private func receive(_ connection: Int32) -> Data? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Data(chunk[..<count]) : nil
        }
    }

    private func sendAll(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                let sent = send(connection, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let sent = send(connection, bytes.baseAddress! + offset, bytes.count - offset, 0)
                #endif
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    private static func reason(_ status: Int) -> String {
        [200: "OK", 201: "Created", 204: "No Content", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
         404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
         503: "Service Unavailable"][status] ?? "Status"
    }
}
