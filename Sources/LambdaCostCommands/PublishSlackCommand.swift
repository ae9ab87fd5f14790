import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report publish slack`: the month's digest, `notify/slack.json`, posted to a Slack incoming webhook (Block Kit blocks with a plain-text fallback).
public struct PublishSlackCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "slack",
        abstract: "Post the month's digest (notify/slack.json) to a Slack incoming webhook.",
        discussion: PublishWebhookOptions.discussion(.slack))

    @OptionGroup var options: PublishWebhookOptions

    public init() {}

    public func run() throws { try options.run(.slack) }
}
