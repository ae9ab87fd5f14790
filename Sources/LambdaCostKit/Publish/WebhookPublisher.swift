import Foundation

/// Posts a month's chat digest (`notify/slack.json`, `notify/teams.json`) to an incoming webhook: the file's bytes
/// exactly, as `Content-Type: application/json`, tried again on 429 and 5xx as ``RetryPolicy`` says (waiting what
/// `Retry-After` asks). A POST that got no answer is not sent again (it may have been posted). The webhook's URL
/// is a secret: no message names it, and what the server answers is shown with it masked.
public struct WebhookPublisher: Sendable {
    /// A month's digest read from its report folder.
    public struct Digest: Sendable {
        public var month: BillingMonth
        public var path: String
        public var bytes: Data
    }

    /// What a post did, for the command's line.
    public struct Outcome: Sendable {
        public var status: Int
        public var attempts: Int
    }

    /// A digest larger than this is refused: neither service takes more (Slack about 40,000 characters of text and
    /// 50 blocks, Teams about 28 KB).
    public static let maximumDigestBytes = 1 << 20

    let http: any HTTPClient
    let retry: RetryPolicy

    public init(http: any HTTPClient, retry: RetryPolicy) {
        self.http = http
        self.retry = retry
    }

    /// The service's digest of the month's report in `folder`: a complete report (it has `manifest.json`, which
    /// lists the digest) whose digest is a JSON object.
    public static func digest(folder: String, service: ChatService) throws(PublishError) -> Digest {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw PublishError("\(folder): no such report folder (expected a month's report folder, such as output/2026-10)")
        }
        let manifestPath = folder + "/manifest.json"
        guard let manifestData = try? BoundedFile.read(manifestPath, what: "manifest.json") else {
            throw PublishError("\(folder): not a complete report folder: it has no readable manifest.json (the report writes it last)")
        }
        guard let manifest = (try? JSONSerialization.jsonObject(with: manifestData)) as? [String: Any],
            let monthText = manifest["month"] as? String, let month = BillingMonth(monthText),
            let outputs = manifest["outputs"] as? [[String: Any]]
        else {
            throw PublishError("\(manifestPath): expected the manifest of a report (a JSON object with \"month\" and \"outputs\")")
        }
        let path = folder + "/" + service.digestPath
        guard outputs.contains(where: { $0["path"] as? String == service.digestPath }) else {
            throw PublishError("\(folder): the report has no \(service.digestPath) (reports made before the chat digests lack it): run the report again")
        }
        guard let bytes = try? BoundedFile.read(path, limit: maximumDigestBytes, what: service.digestPath) else {
            throw PublishError("\(path): missing, not a regular file, or larger than \(maximumDigestBytes >> 20) MiB, though manifest.json lists it")
        }
        guard (try? JSONSerialization.jsonObject(with: bytes)) is [String: Any] else {
            throw PublishError("\(path): not a JSON object (was the file edited?)")
        }
        return Digest(month: month, path: path, bytes: bytes)
    }

    /// Posts `digest` to `url`; a refusal or no answer throws a ``PublishError`` that does not hold the URL.
    public func post(_ digest: Digest, to url: URL, service: ChatService) throws(PublishError) -> Outcome {
        let request = HTTPRequest(method: "POST", url: url, headers: [
            ("Content-Type", "application/json"), ("User-Agent", "lambda-cost-report/\(ToolVersion.current)"),
        ], body: digest.bytes)
        let what = "posting \(service.digestPath) of \(digest.month) to the \(service.name) webhook"
        switch retry.send(request, through: http) {
        case .answered(let response, let attempts):
            if (200...299).contains(response.status) { return Outcome(status: response.status, attempts: attempts) }
            throw PublishError(Self.masked(Self.refusal(response, what: what, service: service, attempts: attempts), url: url))
        case .noAnswer(let error, let attempts):
            // A POST is never sent again after no answer: it may have been posted.
            let tries = attempts == 1 ? "" : " (\(attempts) tries)"
            throw PublishError(Self.masked("no answer when \(what): \(error.message)\(tries); it may have been posted or not", url: url))
        }
    }

    /// What an answer other than 2xx means, in words.
    static func refusal(_ response: HTTPResponse, what: String, service: ChatService, attempts: Int) -> String {
        let status = response.status
        let said = serverMessage(response).map { ": \(service.name) says \"\($0)\"" } ?? ""
        switch status {
        case 400:
            return "\(service.name) refused the message (\(status)) when \(what)\(said): the payload is not one it takes (run the report again to remake it)"
        case 401, 403:
            return "\(service.name) refused the webhook (\(status)) when \(what)\(said): the webhook is disabled, revoked or not allowed to post; make a new one and put its URL in the webhook URL file"
        case 404:
            return "no such webhook (\(status)) when \(what)\(said): the URL in the webhook URL file is wrong, or the webhook or its channel was removed"
        case 410:
            return "the webhook's channel is gone or archived (\(status)) when \(what)\(said)"
        case 413:
            return "\(service.name) found the message too large (\(status)) when \(what)\(said)"
        case 300...399:
            return "the webhook answered with a redirect (\(status)) when \(what): redirects are not followed; check the URL in the webhook URL file"
        case 429, 500...599:
            let tries = attempts == 1 ? "once" : "on all \(attempts) tries"
            return "\(service.name) answered \(status) \(tries) when \(what); try again later\(said)"
        default:
            return "\(service.name) refused the message (\(status)) when \(what)\(said)"
        }
    }

    /// The server's short answer (Slack's `invalid_payload`, `no_service`, …; a JSON `error` or `message`), on one
    /// line and at most 300 characters.
    static func serverMessage(_ response: HTTPResponse) -> String? {
        var text: String?
        if let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] {
            text = (object["error"] as? String) ?? (object["message"] as? String)
                ?? ((object["error"] as? [String: Any])?["message"] as? String)
        } else if !response.body.isEmpty {
            text = String(decoding: response.body.prefix(600), as: UTF8.self)
        }
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        let line = Diagnostic.printable(text)
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// `text` with the URL and its secret parts (path, query) replaced by `***`, in case a server or the
    /// transport echoes them.
    public static func masked(_ text: String, url: URL) -> String {
        var result = text
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var secrets = [url.absoluteString]
        if let path = components?.percentEncodedPath, path.count > 1 {
            secrets.append(path)
            secrets += path.split(separator: "/").map(String.init).filter { $0.count >= 8 }
        }
        if let query = components?.percentEncodedQuery, !query.isEmpty { secrets.append(query) }
        if let path = components?.path, path.count > 1 { secrets.append(path) }
        for secret in secrets.sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }
}
