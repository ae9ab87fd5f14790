import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// `publish slack` and `publish teams` against a local receiver, with a real report of the end-to-end fixture:
/// the file's bytes posted as JSON, retries on 429 honoring Retry-After, refusals, the webhook URL file's
/// problems, dry runs, and the URL kept secret.
@Suite struct PublishWebhookTests {
    /// The secret part of the test webhooks' path.
    static let token = "XoXb-Secret-Token-0123456789abcdef"
    static let webhookPath = "/services/T0SECRET1/B0SECRET2/" + token

    static let report = PublishConfluenceTests.report

    /// A receiver answering each request with the next of `answers` (the last one again when they run out).
    final class Receiver: @unchecked Sendable {
        let lock = NSLock()
        var requests: [LocalHTTPRequest] = []
        let answers: [LocalHTTPResponse]
        var server: LocalHTTPServer!

        init(_ answers: [LocalHTTPResponse] = [LocalHTTPResponse(status: 200, body: Data("ok".utf8))]) throws {
            self.answers = answers
            server = try LocalHTTPServer { [unowned self] request in
                self.lock.lock()
                defer { self.lock.unlock() }
                self.requests.append(request)
                return self.answers[min(self.requests.count, self.answers.count) - 1]
            }
        }

        var received: [LocalHTTPRequest] {
            lock.lock()
            defer { lock.unlock() }
            return requests
        }

        var url: String { server.baseURL + PublishWebhookTests.webhookPath }
    }

    /// A webhook URL file holding `text`.
    static func urlFile(_ text: String) throws -> String {
        let path = TestPaths.temporaryFolder() + "/webhook-url"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `publish <service>` with a fast retry; nothing of the URL's secret part may be printed.
    static func publish(_ service: String, urlFile: String, report: String = Self.report, _ extra: [String] = []) -> CommandRun {
        let run = CommandRun.run(["publish", service, "--report", report, "--webhook-url-file", urlFile, "--max-wait", "0.05", "--timeout", "10"] + extra)
        for secret in [token, "T0SECRET1", "B0SECRET2", webhookPath] {
            #expect(!run.standardOutput.contains(secret) && !run.standardError.contains(secret), "the webhook URL was printed")
        }
        return run
    }

    @Test(arguments: ["slack", "teams"])
    func theDigestIsPostedByteForByteAsJSON(service: String) throws {
        let receiver = try Receiver()
        let run = Self.publish(service, urlFile: try Self.urlFile(receiver.url + "\n"))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == "")
        let requests = receiver.received
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == "POST" && request.path == Self.webhookPath)
        #expect(request.header("Content-Type") == "application/json")
        let file = try #require(FileManager.default.contents(atPath: Self.report + "/notify/\(service).json"))
        #expect(request.body == file)
        let size = Format.quantity(FixedDecimal(file.count), places: 0)
        let name = service == "slack" ? "Slack" : "Microsoft Teams"
        #expect(run.standardOutput.hasPrefix("posted notify/\(service).json of 2026-10 (\(size) bytes) to the \(name) webhook in "))
        #expect(run.standardOutput.hasSuffix(" (200)\n"))
    }

    @Test func a429IsRetriedAfterWhatRetryAfterAsks() throws {
        let receiver = try Receiver([
            LocalHTTPResponse(status: 429, headers: [("Retry-After", "1")], body: Data("rate_limited".utf8)),
            LocalHTTPResponse(status: 503),
            LocalHTTPResponse(status: 200, body: Data("ok".utf8)),
        ])
        let run = Self.publish("slack", urlFile: try Self.urlFile(receiver.url))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(receiver.received.count == 3)
        #expect(run.standardOutput.hasSuffix(" (200, 3 tries)\n"))
        #expect(Set(receiver.received.map(\.body)).count == 1)  // the same bytes each time

        // The waits: what Retry-After asks (cut to the maximum), else the doubling backoff.
        let waits = Locked<[Double]>([])
        let again = try Receiver([LocalHTTPResponse(status: 429, headers: [("Retry-After", "2")]), LocalHTTPResponse(status: 502),
                                  LocalHTTPResponse(status: 204)])
        let publisher = WebhookPublisher(http: URLSessionHTTPClient(timeout: 10),
                                         retry: RetryPolicy(attempts: 4, maximumWait: 60, firstWait: 1, sleep: { wait in waits.withValue { $0.append(wait) } }))
        let digest = try WebhookPublisher.digest(folder: Self.report, service: .teams)
        let outcome = try publisher.post(digest, to: URL(string: again.url)!, service: .teams)
        #expect(outcome.status == 204 && outcome.attempts == 3)
        #expect(waits.get() == [2, 2])
    }

    @Test(arguments: [
        (400, "invalid_payload", "Slack refused the message (400)"),
        (403, "invalid_token", "Slack refused the webhook (403)"),
        (404, "no_service", "no such webhook (404)"),
        (410, "channel_is_archived", "the webhook's channel is gone or archived (410)"),
    ])
    func aRefusalFailsWithoutNamingTheURL(status: Int, answer: String, words: String) throws {
        // The server echoes the URL it was sent to: it is masked too.
        let receiver = try Receiver([LocalHTTPResponse(status: status, headers: [("Content-Type", "text/plain")],
                                                       body: Data("\(answer) at \(Self.webhookPath)".utf8))])
        let run = Self.publish("slack", urlFile: try Self.urlFile(receiver.url))
        #expect(run.status == 1)
        #expect(receiver.received.count == 1)  // not retried
        #expect(run.standardOutput == "")
        #expect(run.standardError.hasPrefix("lambda-cost-report: error: \(words) when posting notify/slack.json of 2026-10 to the Slack webhook: Slack says \"\(answer) at ***\""), "\(run.standardError)")
        #expect(!run.standardError.contains(receiver.server.baseURL))
    }

    @Test func serverErrorsOnEveryTryFail() throws {
        let receiver = try Receiver([LocalHTTPResponse(status: 500)])
        let run = Self.publish("teams", urlFile: try Self.urlFile(receiver.url), ["--attempts", "2"])
        #expect(run.status == 1)
        #expect(receiver.received.count == 2)
        #expect(run.standardError == "lambda-cost-report: error: Microsoft Teams answered 500 on all 2 tries when posting notify/teams.json of 2026-10 to the Microsoft Teams webhook; try again later\n")
    }

    @Test func noAnswerFailsWithoutRetryingThePost() throws {
        let receiver = try Receiver()
        let url = receiver.url
        receiver.server.stop()
        let run = Self.publish("slack", urlFile: try Self.urlFile(url))
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("lambda-cost-report: error: no answer when posting notify/slack.json of 2026-10 to the Slack webhook: "))
        #expect(run.standardError.hasSuffix("; it may have been posted or not\n"))
        #expect(!run.standardError.contains("127.0.0.1"))
    }

    @Test func theWebhookURLFileMustHoldOneHTTPSURL() throws {
        let receiver = try Receiver()
        let folder = TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cases: [(content: String?, words: String)] = [
            (nil, "cannot read the webhook URL file"),
            ("", "the webhook URL file is empty"),
            ("  \n\n", "the webhook URL file is empty"),
            ("not a url at all", "holds more than one line or word"),
            ("hooks.slack.com" + Self.webhookPath, "does not hold a URL"),
            ("http://hooks.slack.com" + Self.webhookPath, "the webhook URL must be https (the secret would cross the network in clear); http only for localhost"),
            ("ftp://hooks.slack.com" + Self.webhookPath, "the webhook URL must be https"),
            ("https://hooks.slack.com" + Self.webhookPath + "\nhttps://hooks.slack.com" + Self.webhookPath, "holds more than one line or word"),
            ("https://user:" + Self.token + "@hooks.slack.com/x", "must not hold a user or password"),
            (String(repeating: "https://a.example/" + Self.token, count: 200), "bytes; it must hold one URL (at most 4096 bytes)"),
        ]
        for (index, test) in cases.enumerated() {
            let path = folder + "/url-\(index)"
            if let content = test.content { try content.write(toFile: path, atomically: true, encoding: .utf8) }
            let run = Self.publish("slack", urlFile: path)
            #expect(run.status == 64, "\(index)")
            #expect(run.standardError.hasPrefix("lambda-cost-report: error: \(path): "), "\(index): \(run.standardError)")
            #expect(run.standardError.contains(test.words), "\(index): \(run.standardError)")
            #expect(!run.standardError.contains("hooks.slack.com"), "\(index)")
        }
        // A folder is not a file.
        let run = Self.publish("teams", urlFile: folder)
        #expect(run.status == 64 && run.standardError.contains("is not a regular file"))
        #expect(receiver.received.isEmpty)
    }

    @Test func aDryRunPostsNothing() throws {
        let receiver = try Receiver()
        let urlFile = try Self.urlFile(receiver.url)
        for service in ["slack", "teams"] {
            let run = Self.publish(service, urlFile: urlFile, ["--dry-run"])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.hasPrefix("dry run: would post notify/\(service).json of 2026-10 ("))
            #expect(run.standardOutput.hasSuffix(" webhook in \(urlFile); nothing sent\n"))
        }
        #expect(receiver.received.isEmpty)
        // The URL file is still checked.
        let empty = try Self.urlFile("")
        #expect(Self.publish("slack", urlFile: empty, ["--dry-run"]).status == 64)
    }

    @Test func aMissingOrOlderReportIsAFailure() throws {
        let receiver = try Receiver()
        let urlFile = try Self.urlFile(receiver.url)
        let missing = Self.publish("slack", urlFile: urlFile, report: TestPaths.temporaryFolder() + "/2026-10")
        #expect(missing.status == 1 && missing.standardError.contains("no such report folder"))
        // A report made before the digests: manifest.json does not list them.
        let older = TestPaths.temporaryFolder() + "/2026-10"
        try FileManager.default.createDirectory(atPath: (older as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.report, toPath: older)
        let manifestPath = older + "/manifest.json"
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        manifest["outputs"] = (manifest["outputs"] as! [[String: Any]]).filter { !(($0["path"] as! String).hasPrefix("notify/")) }
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
        let run = Self.publish("teams", urlFile: urlFile, report: older)
        #expect(run.status == 1)
        #expect(run.standardError == "lambda-cost-report: error: \(older): the report has no notify/teams.json (reports made before the chat digests lack it): run the report again\n")
        #expect(receiver.received.isEmpty)
        // Usage errors are 64.
        #expect(CommandRun.run(["publish", "slack", "--report", Self.report]).status == 64)
        #expect(CommandRun.run(["publish", "teams", "--report", Self.report, "--webhook-url-file", urlFile, "--attempts", "0"]).status == 64)
    }
}
