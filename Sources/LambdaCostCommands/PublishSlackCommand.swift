import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report publish slack`: the month's digest, `notify/slack.json`, posted to a Slack incoming webhook (Block Kit blocks with a plain-text fallback).
public struct PublishSlackCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slack",
        abstract: "Post the month's digest (notify/slack.json) to a Slack incoming webhook.",
        discussion: """
            Posts the report's notify/slack.json, as the report command wrote it, to the webhook whose URL \
            --webhook-url-file holds: the month, its Lambda cost and the change against the month before, the \
            potential savings, the top five opportunities, the team budgets at an alert level and the cost \
            anomaly days, with a link to the HTML report when [report] html_base_url is set. The URL is a \
            secret: it is read from the file only and is never printed or written.

            Answers 429 and 5xx are retried (--attempts, waiting what Retry-After asks or 1, 2, 4 … seconds, \
            at most --max-wait); a post that got no answer is not sent again.

            Exit codes: 0 posted, or a dry run; 1 the report folder or its notify/slack.json is missing or \
            incomplete, or Slack refused the message (400, 403, 404, …), answered 429 or 5xx on every try, or \
            did not answer; 64 invalid command-line usage, or the webhook URL file is missing, empty or does not \
            hold one https URL.
            """)

    @OptionGroup var options: PublishWebhookOptions

    public init() {}

    public func run() throws { try options.run(.slack) }
}
