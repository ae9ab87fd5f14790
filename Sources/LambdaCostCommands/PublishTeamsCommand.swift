import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report publish teams`: the month's digest, `notify/teams.json`, posted to a Microsoft Teams incoming webhook or Workflows webhook (one Adaptive Card).
public struct PublishTeamsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Post the month's digest (notify/teams.json) to a Microsoft Teams incoming webhook.",
        discussion: """
            Posts the report's notify/teams.json, as the report command wrote it, to the webhook whose URL \
            --webhook-url-file holds: the month, its Lambda cost and the change against the month before, the \
            potential savings, the top five opportunities, the team budgets at an alert level and the cost \
            anomaly days, with a link to the HTML report when [report] html_base_url is set. The URL is a \
            secret: it is read from the file only and is never printed or written.

            Answers 429 and 5xx are retried (--attempts, waiting what Retry-After asks or 1, 2, 4 … seconds, \
            at most --max-wait); a post that got no answer is not sent again.

            Exit codes: 0 posted, or a dry run; 1 the report folder or its notify/teams.json is missing or \
            incomplete, or Microsoft Teams refused the message (400, 403, 404, …), answered 429 or 5xx on every try, or \
            did not answer; 64 invalid command-line usage, or the webhook URL file is missing, empty or does not \
            hold one https URL.
            """)

    @OptionGroup var options: PublishWebhookOptions

    public init() {}

    public func run() throws { try options.run(.teams) }
}
