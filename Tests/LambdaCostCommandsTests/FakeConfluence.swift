import Foundation
import GoldenFiles

/// A Confluence REST API v1 in memory, served by ``LocalHTTPServer``, that enforces the contract the publisher
/// relies on: every request authenticated (401 otherwise); a page or property update must carry the current
/// version + 1 (409 otherwise); a page title is unique in its space; attachment uploads need
/// `X-Atlassian-Token: no-check` (403 otherwise) and `minorEdit`; POST of an attachment name the page already has
/// fails (PUT adds a new version). Writes to a read-only space are 403. One-shot faults play rate limits, server
/// errors and other people's edits.
final class FakeConfluence: @unchecked Sendable {
    struct Page {
        var id: String
        var title: String
        var space: String
        var version: Int
        var body: String
        var ancestors: [String]
    }

    struct Attachment {
        var versions: Int
        var bytes: Data
        var mediaType: String
    }

    /// What a fault does with a request it sees.
    enum FaultOutcome {
        /// Not this request: the fault stays.
        case pass
        /// The fault did its work (changed the state); the request goes on as normal.
        case consumed
        /// The fault answers the request.
        case respond(LocalHTTPResponse)
    }

    private let lock = NSLock()
    let authorization: String
    var spaces: Set<String> = ["FIN", "LOCKED"]
    /// Spaces the user may read but not write.
    var readOnlySpaces: Set<String> = ["LOCKED"]
    private(set) var pages: [String: Page] = [:]
    private(set) var attachments: [String: [String: Attachment]] = [:]
    private(set) var properties: [String: [String: (version: Int, value: Any)]] = [:]
    private(set) var log: [LocalHTTPRequest] = []
    private var faults: [(inout FakeConfluence.State, LocalHTTPRequest) -> FaultOutcome] = []
    private var nextID = 1000

    /// The state a fault may change.
    struct State {
        var pages: [String: Page]
        var properties: [String: [String: (version: Int, value: Any)]]
    }

    init(authorization: String) { self.authorization = authorization }

    /// Adds a page as if made by hand.
    func addPage(title: String, space: String, version: Int = 1) -> String {
        locked {
            nextID += 1
            let id = String(nextID)
            pages[id] = Page(id: id, title: title, space: space, version: version, body: "<p>by hand</p>", ancestors: [])
            return id
        }
    }

    /// Adds a one-shot fault, seen by every request before it is handled until it stops passing.
    func inject(_ fault: @escaping (inout FakeConfluence.State, LocalHTTPRequest) -> FaultOutcome) { locked { faults.append(fault) } }

    /// Requests that change something (anything but GET), received since `mark`.
    func writes(since mark: Int = 0) -> [LocalHTTPRequest] { locked { log[mark...].filter { $0.method != "GET" } } }

    var requestCount: Int { locked { log.count } }

    func page(titled title: String) -> Page? { locked { pages.values.first { $0.title == title } } }

    func propertyValue(page id: String, key: String) -> (version: Int, value: [String: Any])? {
        locked { properties[id]?[key].map { ($0.version, $0.value as? [String: Any] ?? [:]) } }
    }

    func attachmentsOf(page id: String) -> [String: Attachment] { locked { attachments[id] ?? [:] } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: Handling

    func handle(_ request: LocalHTTPRequest) -> LocalHTTPResponse {
        locked {
            log.append(request)
            var state = State(pages: pages, properties: properties)
            for index in faults.indices {
                switch faults[index](&state, request) {
                case .pass: continue
                case .consumed:
                    (pages, properties) = (state.pages, state.properties)
                    faults.remove(at: index)
                case .respond(let response):
                    (pages, properties) = (state.pages, state.properties)
                    faults.remove(at: index)
                    return response
                }
                break
            }
            guard request.header("Authorization") == authorization else {
                return error(401, "Basic authentication with passwords is deprecated or the credentials are wrong")
            }
            return route(request)
        }
    }

    private func error(_ status: Int, _ message: String) -> LocalHTTPResponse {
        .json(status, ["statusCode": status, "message": message])
    }

    private func route(_ request: LocalHTTPRequest) -> LocalHTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "wiki", parts[1] == "rest", parts[2] == "api" else { return error(404, "no such resource") }
        let rest = Array(parts.dropFirst(3))
        switch (request.method, rest.count) {
        case ("GET", 1) where rest[0] == "content": return find(request)
        case ("POST", 1) where rest[0] == "content": return create(request)
        case ("GET", 2) where rest[0] == "space": return spaces.contains(rest[1]) ? .json(200, ["key": rest[1]]) : error(404, "No space with key : \(rest[1])")
        case ("GET", 2) where rest[0] == "content": return pages[rest[1]].map { .json(200, json($0)) } ?? error(404, "No content found with id: \(rest[1])")
        case ("PUT", 2) where rest[0] == "content": return update(rest[1], request)
        case (_, 4) where rest[0] == "content" && rest[2] == "child" && rest[3] == "attachment": return attach(rest[1], request)
        case ("POST", 3) where rest[0] == "content" && rest[2] == "property": return createProperty(rest[1], request)
        case ("GET", 4) where rest[0] == "content" && rest[2] == "property":
            guard let property = properties[rest[1]]?[rest[3]] else { return error(404, "Cannot find content property") }
            return .json(200, ["key": rest[3], "value": property.value, "version": ["number": property.version]])
        case ("PUT", 4) where rest[0] == "content" && rest[2] == "property": return updateProperty(rest[1], key: rest[3], request)
        default: return error(405, "not handled by the fake: \(request.method) \(request.path)")
        }
    }

    private func json(_ page: Page) -> [String: Any] {
        ["id": page.id, "type": "page", "title": page.title, "version": ["number": page.version],
         "_links": ["webui": "/spaces/\(page.space)/pages/\(page.id)", "base": "https://fake.example/wiki"]]
    }

    private func find(_ request: LocalHTTPRequest) -> LocalHTTPResponse {
        let query = request.query
        guard let space = query["spaceKey"], let title = query["title"] else { return error(400, "spaceKey and title expected") }
        let found = pages.values.filter { $0.space == space && $0.title == title }.map(json)
        return .json(200, ["results": found, "size": found.count, "_links": ["base": "https://fake.example/wiki"]])
    }

    private func body(_ request: LocalHTTPRequest) -> [String: Any]? {
        guard request.header("Content-Type")?.hasPrefix("application/json") == true else { return nil }
        return (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
    }

    private func storage(_ content: [String: Any]) -> String? {
        guard let storage = (content["body"] as? [String: Any])?["storage"] as? [String: Any],
            storage["representation"] as? String == "storage" else { return nil }
        return storage["value"] as? String
    }

    private func create(_ request: LocalHTTPRequest) -> LocalHTTPResponse {
        guard let content = body(request), content["type"] as? String == "page", let title = content["title"] as? String,
            let space = (content["space"] as? [String: Any])?["key"] as? String, let value = storage(content)
        else { return error(400, "expected a page with title, space.key and body.storage") }
        guard spaces.contains(space) else { return error(404, "No space with key : \(space)") }
        guard !readOnlySpaces.contains(space) else { return error(403, "Not permitted to create content in space \(space)") }
        let ancestors = (content["ancestors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        for ancestor in ancestors where pages[ancestor] == nil { return error(404, "No parent content with id \(ancestor)") }
        if pages.values.contains(where: { $0.space == space && $0.title == title }) {
            return error(400, "A page with this title already exists: A page already exists with the same TITLE in this space")
        }
        nextID += 1
        let page = Page(id: String(nextID), title: title, space: space, version: 1, body: value, ancestors: ancestors)
        pages[page.id] = page
        return .json(200, json(page))
    }

    private func update(_ id: String, _ request: LocalHTTPRequest) -> LocalHTTPResponse {
        guard var page = pages[id] else { return error(404, "No content found with id: \(id)") }
        guard let content = body(request), let value = storage(content), let title = content["title"] as? String,
            let version = (content["version"] as? [String: Any])?["number"] as? Int
        else { return error(400, "expected title, version.number and body.storage") }
        guard !readOnlySpaces.contains(page.space) else { return error(403, "Not permitted to edit page \(id)") }
        guard version == page.version + 1 else {
            return error(409, "Version must be incremented on update. Current version is: \(page.version)")
        }
        page.version = version
        page.body = value
        page.title = title
        if let ancestors = content["ancestors"] as? [[String: Any]] { page.ancestors = ancestors.compactMap { $0["id"] as? String } }
        pages[id] = page
        return .json(200, json(page))
    }

    private func attach(_ id: String, _ request: LocalHTTPRequest) -> LocalHTTPResponse {
        guard pages[id] != nil else { return error(404, "No content found with id: \(id)") }
        guard request.header("X-Atlassian-Token") == "no-check" else { return error(403, "XSRF check failed") }
        guard let fields = Self.multipart(request), let file = fields.first(where: { $0.name == "file" }), let name = file.fileName else {
            return error(400, "expected multipart/form-data with a file")
        }
        guard fields.contains(where: { $0.name == "minorEdit" && String(decoding: $0.content, as: UTF8.self) == "true" }) else {
            return error(400, "minorEdit is required")
        }
        var existing = attachments[id] ?? [:]
        if request.method == "POST", existing[name] != nil {
            return error(400, "Cannot add a new attachment with same file name as an existing attachment: \(name)")
        }
        guard request.method == "POST" || request.method == "PUT" else { return error(405, "method not allowed") }
        existing[name] = Attachment(versions: (existing[name]?.versions ?? 0) + 1, bytes: file.content, mediaType: file.mediaType ?? "")
        attachments[id] = existing
        return .json(200, ["results": [["title": name, "version": ["number": existing[name]!.versions]]], "size": 1])
    }

    private func createProperty(_ id: String, _ request: LocalHTTPRequest) -> LocalHTTPResponse {
        guard pages[id] != nil else { return error(404, "No content found with id: \(id)") }
        guard let content = body(request), let key = content["key"] as? String, let value = content["value"] else { return error(400, "key and value expected") }
        guard properties[id]?[key] == nil else { return error(409, "A property with key '\(key)' already exists") }
        properties[id, default: [:]][key] = (1, value)
        return .json(200, ["key": key, "value": value, "version": ["number": 1]])
    }

    private func updateProperty(_ id: String, key: String, _ request: LocalHTTPRequest) -> LocalHTTPResponse {
        guard pages[id] != nil, let current = properties[id]?[key] else { return error(404, "Cannot find content property") }
        guard let content = body(request), let value = content["value"], let version = (content["version"] as? [String: Any])?["number"] as? Int
        else { return error(400, "value and version.number expected") }
        guard version == current.version + 1 else { return error(409, "Version must be incremented. Current version is: \(current.version)") }
        properties[id]?[key] = (version, value)
        return .json(200, ["key": key, "value": value, "version": ["number": version]])
    }

    /// The parts of a multipart/form-data body.
    static func multipart(_ request: LocalHTTPRequest) -> [(name: String, fileName: String?, mediaType: String?, content: Data)]? {
        guard let type = request.header("Content-Type"), type.hasPrefix("multipart/form-data"),
            let boundaryRange = type.range(of: "boundary=") else { return nil }
        let boundary = Data(("--" + type[boundaryRange.upperBound...]).utf8)
        var parts: [(String, String?, String?, Data)] = []
        var rest = request.body
        guard let first = rest.range(of: boundary) else { return nil }
        rest = Data(rest[first.upperBound...])
        while let next = rest.range(of: boundary) {
            var part = Data(rest[..<next.lowerBound])
            rest = Data(rest[next.upperBound...])
            guard part.starts(with: Data("\r\n".utf8)), let headerEnd = part.range(of: Data("\r\n\r\n".utf8)) else { return nil }
            let head = String(decoding: part[part.index(part.startIndex, offsetBy: 2)..<headerEnd.lowerBound], as: UTF8.self)
            part = Data(part[headerEnd.upperBound...])
            guard part.count >= 2 else { return nil }
            let content = part.prefix(part.count - 2)  // the CRLF before the boundary
            func parameter(_ name: String) -> String? {
                guard let range = head.range(of: "\(name)=\"") else { return nil }
                let tail = head[range.upperBound...]
                return tail.firstIndex(of: "\"").map { String(tail[..<$0]) }
            }
            let mediaType = head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
                .map { $0.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) }
            guard let name = parameter("name") else { return nil }
            parts.append((name, parameter("filename"), mediaType, Data(content)))
        }
        return parts
    }
}
