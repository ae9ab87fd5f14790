import ArgumentParser
import Foundation
import LambdaCostKit

/// The options `publish slack` and `publish teams` share, and the run they share: read the month's digest and the
/// webhook URL file, then post (or, in a dry run, say what would be posted).
struct PublishWebhookOptions: ParsableArguments {
    /// The help text of `publish slack` and `publish teams`, which differ only in the service and its file.
    static func discussion(_ service: ChatService) -> String {
        """
        Posts the report's \(service.digestPath), as the report command wrote it, to the webhook whose URL \
        --webhook-url-file holds: the month, its Lambda cost and the change against the month before, the \
        potential savings, the top five opportunities, the team budgets at an alert level and the cost \
        anomaly days, with a link to the HTML report when [report] html_base_url is set. The URL is a \
        secret: it is read from the file only and is never printed or written.

        Answers 429 and 5xx are retried (--attempts, waiting what Retry-After asks or 1, 2, 4 … seconds, \
        at most --max-wait); a post that got no answer is not sent again.

        Exit codes: 0 posted, or a dry run; 1 the report folder or its \(service.digestPath) is missing or \
        incomplete, or \(service.name) refused the message (400, 403, 404, …), answered 429 or 5xx on every \
        try, or did not answer; 64 invalid command-line usage, or the webhook URL file is missing, empty or \
        does not hold one https URL.
        """
    }

    @Option(name: .long, help: ArgumentHelp("The month's report folder, as the report command wrote it (for example output/2026-10).", valueName: "dir"))
    var report: String

    @Option(name: .customLong("webhook-url-file"), help: ArgumentHelp(
        "A file holding the incoming webhook's URL, one https URL (http only for this machine). The URL is a secret: it is read from this file only and never printed.",
        valueName: "file"))
    var webhookURLFile: String

    @Flag(name: .customLong("dry-run"), help: "Read the digest and the webhook URL file and say what would be posted; post nothing.")
    var dryRun = false

    @OptionGroup var network: PublishRetryOptions

    init() {}

    func validate() throws {
        if report.isEmpty { throw ValidationError("--report needs the month's report folder, such as output/2026-10") }
        if webhookURLFile.isEmpty { throw ValidationError("--webhook-url-file needs the file that holds the webhook's URL") }
    }

    /// Exit codes: 0 posted (or a dry run), 1 the report or its digest is missing or the service refused or did not
    /// answer, 64 the webhook URL file is missing, unreadable or does not hold one usable URL.
    func run(_ service: ChatService) throws {
        let digest: WebhookPublisher.Digest
        do {
            digest = try WebhookPublisher.digest(folder: report, service: service)
        } catch {
            StandardError.write(Diagnostic.printable(error.description))
            throw ExitCode.failure
        }
        let url: URL
        do {
            url = try WebhookURLFile.read(webhookURLFile)
        } catch {
            StandardError.write(Diagnostic.printable(error.description))
            throw ExitCode.validationFailure
        }
        let size = Format.quantity(FixedDecimal(digest.bytes.count), places: 0)
        let subject = "\(service.digestPath) of \(digest.month) (\(size) bytes) to the \(service.name) webhook in \(webhookURLFile)"
        if dryRun {
            StandardOutput.write(Diagnostic.printable("dry run: would post \(subject); nothing sent"))
            return
        }
        let publisher = WebhookPublisher(http: network.client, retry: network.policy)
        let outcome: WebhookPublisher.Outcome
        do {
            outcome = try publisher.post(digest, to: url, service: service)
        } catch {
            StandardError.write(Diagnostic.printable(WebhookPublisher.masked(error.description, url: url)))
            throw ExitCode.failure
        }
        let tries = outcome.attempts == 1 ? "" : ", \(outcome.attempts) tries"
        StandardOutput.write(Diagnostic.printable("posted \(subject) (\(outcome.status)\(tries))"))
    }
}
