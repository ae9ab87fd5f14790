import Foundation

/// The few calls of the Confluence REST API v1 (`<base-url>/rest/api/…`) that publishing needs, with the
/// retries of ``RetryPolicy`` and every failure turned into a ``ConfluenceError`` that says what was being done.
public struct ConfluenceClient: Sendable {
    /// What a 404 answer means for a request.
    enum Missing {
        /// The page (by ID) is gone.
        case page(String)
        /// The space (by key) does not exist.
        case space(String)
        /// The parent page (by ID) does not exist.
        case parent(String)
        /// Nothing is wrong: the thing asked for is absent (`nil` is returned).
        case isAnAnswer
    }

    /// The site's address up to the API (`https://example.atlassian.net/wiki`), without a trailing `/`.
    public let baseURL: String
    let credentials: ConfluenceCredentials
    let http: any HTTPClient
    let retry: RetryPolicy

    public init(baseURL: String, credentials: ConfluenceCredentials, http: any HTTPClient, retry: RetryPolicy) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.credentials = credentials
        self.http = http
        self.retry = retry
    }

    /// The page titled `title` in space `space`, or `nil` when it has none.
    func findPage(space: String, title: String) throws(ConfluenceError) -> ConfluencePage? {
        let action = "looking for the page \"\(title)\" in space \(space)"
        guard let response = try send("GET", ["content"], query: [("spaceKey", space), ("title", title), ("type", "page"), ("expand", "version")],
                                      action: action, missing: .space(space))
        else { return nil }
        let answer = try json(response, action)
        guard let results = answer["results"] as? [[String: Any]] else { throw unreadable(action) }
        let base = (answer["_links"] as? [String: Any])?["base"] as? String
        guard let first = results.first else { return nil }
        guard let page = ConfluencePage.from(json: first, base: base) else { throw unreadable(action) }
        return page
    }

    /// The page with this ID (its current version); a 404 is reported as `missing`.
    func page(id: String, missing: Missing) throws(ConfluenceError) -> ConfluencePage {
        let action = "reading page \(id)"
        guard let response = try send("GET", ["content", id], query: [("expand", "version")], action: action, missing: missing),
            let page = ConfluencePage.from(json: try json(response, action), base: nil)
        else { throw unreadable(action) }
        return page
    }

    /// Checks that the space exists (and is visible to the user).
    func checkSpace(_ key: String) throws(ConfluenceError) {
        _ = try send("GET", ["space", key], action: "reading space \(key)", missing: .space(key))
    }

    /// Creates the page; a 409 (or Confluence's 400 "already exists") is thrown as ``ConfluenceError/Kind/conflict``.
    func createPage(space: String, title: String, parentID: String?, body: String) throws(ConfluenceError) -> ConfluencePage {
        var content: [String: Any] = [
            "type": "page", "title": title, "space": ["key": space],
            "body": ["storage": ["value": body, "representation": "storage"]],
        ]
        if let parentID { content["ancestors"] = [["id": parentID]] }
        let action = "creating the page \"\(title)\" in space \(space)"
        let response: HTTPResponse?
        do {
            response = try send("POST", ["content"], json: content, action: action, missing: parentID.map(Missing.parent) ?? .space(space))
        } catch let error where error.status == 400 && error.message.lowercased().contains("already exists") {
            throw ConfluenceError(.conflict, status: 400, error.message)
        }
        guard let response, let page = ConfluencePage.from(json: try json(response, action), base: nil) else { throw unreadable(action) }
        return page
    }

    /// Replaces the page's body (and title, and parent when given) as version `page.version + 1`.
    func updatePage(_ page: ConfluencePage, space: String, title: String, parentID: String?, body: String, message: String) throws(ConfluenceError) -> ConfluencePage {
        var content: [String: Any] = [
            "id": page.id, "type": "page", "title": title, "space": ["key": space],
            "body": ["storage": ["value": body, "representation": "storage"]],
            "version": ["number": page.version + 1, "message": message],
        ]
        if let parentID { content["ancestors"] = [["id": parentID]] }
        let action = "updating page \(page.id) (\"\(title)\") to version \(page.version + 1)"
        guard let response = try send("PUT", ["content", page.id], json: content, action: action, missing: .page(page.id)),
            let updated = ConfluencePage.from(json: try json(response, action), base: nil)
        else { throw unreadable(action) }
        return updated
    }

    /// Uploads a file to the page: PUT creates the attachment or adds a new version of the one of that name.
    func upload(_ attachment: PublishableReport.Attachment, toPage pageID: String) throws(ConfluenceError) {
        var form = MultipartFormData()
        form.addFile(field: "file", fileName: attachment.name, mediaType: attachment.mediaType, bytes: attachment.bytes)
        form.addField("minorEdit", "true")
        let (contentType, body) = form.encoded()
        _ = try send("PUT", ["content", pageID, "child", "attachment"], body: body, contentType: contentType,
                     extraHeaders: [("X-Atlassian-Token", "no-check")],
                     action: "uploading \(attachment.name) to page \(pageID)", missing: .page(pageID))
    }

    /// A content property of the page: its version and value, or `nil` when the page has none of that key.
    func property(pageID: String, key: String) throws(ConfluenceError) -> (version: Int, value: [String: Any])? {
        let action = "reading the property \(key) of page \(pageID)"
        guard let response = try send("GET", ["content", pageID, "property", key], action: action, missing: .isAnAnswer) else { return nil }
        let answer = try json(response, action)
        guard let version = (answer["version"] as? [String: Any])?["number"] as? Int else { throw unreadable(action) }
        return (version, answer["value"] as? [String: Any] ?? [:])
    }

    /// Creates the property (POST) when `version` is `nil`, else writes it as `version + 1` (PUT).
    func setProperty(pageID: String, key: String, value: [String: Any], version: Int?) throws(ConfluenceError) {
        if let version {
            let content: [String: Any] = ["key": key, "value": value, "version": ["number": version + 1, "minorEdit": true]]
            _ = try send("PUT", ["content", pageID, "property", key], json: content,
                         action: "updating the property \(key) of page \(pageID)", missing: .page(pageID))
        } else {
            _ = try send("POST", ["content", pageID, "property"], json: ["key": key, "value": value],
                         action: "creating the property \(key) of page \(pageID)", missing: .page(pageID))
        }
    }

    // MARK: Requests

    /// Sends a request with a JSON body.
    private func send(_ method: String, _ path: [String], query: [(String, String)] = [], json: [String: Any], action: String,
                      missing: Missing) throws(ConfluenceError) -> HTTPResponse? {
        let body: Data
        do {
            body = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw ConfluenceError(.rejected, status: nil, "cannot encode the request for \(action)")
        }
        return try send(method, path, query: query, body: body, contentType: "application/json; charset=utf-8", action: action, missing: missing)
    }

    /// Sends a request, trying again on 429 and 5xx (and on no answer when the request is safe to repeat). Returns
    /// the 2xx answer, or `nil` for a 404 that `missing` says is an answer; throws for any other.
    private func send(_ method: String, _ path: [String], query: [(String, String)] = [], body: Data? = nil, contentType: String? = nil,
                      extraHeaders: [(name: String, value: String)] = [], action: String, missing: Missing) throws(ConfluenceError) -> HTTPResponse? {
        guard let url = url(path, query: query) else {
            throw ConfluenceError(.rejected, status: nil, "cannot form a URL from --base-url \(baseURL) for \(action)")
        }
        var headers: [(name: String, value: String)] = [
            ("Authorization", credentials.authorization), ("Accept", "application/json"),
            ("User-Agent", "lambda-cost-report/\(ToolVersion.current)"),
        ]
        if let contentType { headers.append(("Content-Type", contentType)) }
        headers += extraHeaders
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        switch retry.send(request, through: http) {
        case .answered(let response, let attempts):
            return try check(response, action: action, missing: missing, attempts: attempts)
        case .noAnswer(let error, let attempts):
            let host = url.host ?? baseURL
            let tries = attempts == 1 ? "" : " (\(attempts) tries)"
            let unsure = request.isIdempotent ? "" : "; it may have been applied or not: run again (a page created then is found and updated)"
            throw ConfluenceError(.unavailable, status: nil, "no answer from \(host) when \(action): \(error.message)\(tries)\(unsure)")
        }
    }

    /// The answer when it is a success; `nil` for an expected 404; else the error it means.
    private func check(_ response: HTTPResponse, action: String, missing: Missing, attempts: Int) throws(ConfluenceError) -> HTTPResponse? {
        let status = response.status
        if (200...299).contains(status) { return response }
        let said = serverMessage(response).map { ": Confluence says \"\($0)\"" } ?? ""
        let code = "\(status) \(Self.reason(status))"
        switch status {
        case 401:
            throw ConfluenceError(.unauthorized, status: status, "Confluence refused the credentials (\(code)) when \(action): check \(ConfluenceCredentials.userVariable) and \(ConfluenceCredentials.tokenVariable) (Cloud: the account's e-mail and an API token) or \(ConfluenceCredentials.bearerVariable) (Data Center: a personal access token)")
        case 403:
            throw ConfluenceError(.forbidden, status: status, "Confluence denied \(action) (\(code)): the user lacks the permission\(said)")
        case 404:
            switch missing {
            case .isAnAnswer: return nil
            case .page(let id): throw ConfluenceError(.notFound, status: status, "page \(id) not found (\(code)) when \(action): was it deleted or moved while publishing?")
            case .space(let key): throw ConfluenceError(.notFound, status: status, "space \(key) not found (\(code)) when \(action): check --space (and that the user can see the space)")
            case .parent(let id): throw ConfluenceError(.notFound, status: status, "parent page \(id) not found (\(code)) when \(action): check --parent-id (and that the user can see the page)")
            }
        case 409:
            throw ConfluenceError(.conflict, status: status, "Confluence reported a conflict (\(code)) when \(action): someone else changed it meanwhile\(said)")
        case 300...399:
            let location = response.header("Location").map { " to \(Diagnostic.printable(String($0.prefix(200))))" } ?? ""
            throw ConfluenceError(.rejected, status: status, "Confluence answered \(action) with a redirect (\(code))\(location): check --base-url (Cloud: https://<site>.atlassian.net/wiki); redirects are not followed")
        case 429, 500...599:
            let tries = attempts == 1 ? "once" : "on all \(attempts) tries"
            throw ConfluenceError(.unavailable, status: status, "Confluence answered \(code) to \(action) \(tries); try again later\(said)")
        default:
            throw ConfluenceError(.rejected, status: status, "Confluence refused \(action) (\(code))\(said)")
        }
    }

    /// The `message` of Confluence's JSON error answer (or a short plain-text answer), printable and at most 300 characters.
    private func serverMessage(_ response: HTTPResponse) -> String? {
        var text: String?
        if let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] {
            text = object["message"] as? String
        } else if response.header("Content-Type")?.lowercased().hasPrefix("text/plain") == true {
            text = String(decoding: response.body.prefix(600), as: UTF8.self)
        }
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return Diagnostic.printable(text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }

    private func json(_ response: HTTPResponse, _ action: String) throws(ConfluenceError) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else { throw unreadable(action) }
        return object
    }

    private func unreadable(_ action: String) -> ConfluenceError {
        ConfluenceError(.rejected, status: nil, "cannot read Confluence's answer to \(action) (not the JSON of the REST API v1: check --base-url, which ends in /wiki on Cloud)")
    }

    /// `<base>/rest/api/<segments>?<query>`, every segment and query value percent-encoded.
    func url(_ segments: [String], query: [(String, String)]) -> URL? {
        var text = baseURL + "/rest/api/" + segments.map(Self.encoded).joined(separator: "/")
        if !query.isEmpty { text += "?" + query.map { "\(Self.encoded($0.0))=\(Self.encoded($0.1))" }.joined(separator: "&") }
        return URL(string: text)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters (so `+`, `&`, `/` and space are literal).
    static func encoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 415: return "Unsupported Media Type"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "HTTP"
        }
    }
}
