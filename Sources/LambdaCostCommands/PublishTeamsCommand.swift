import ArgumentParser
import LambdaCostKit

/// `lambda-cost-report publish teams`: the month's digest, `notify/teams.json`, posted to a Microsoft Teams incoming webhook or Workflows webhook (one Adaptive Card).
public struct PublishTeamsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Post the month's digest (notify/teams.json) to a Microsoft Teams incoming webhook.",
        discussion: PublishWebhookOptions.discussion(.teams))

    @OptionGroup var options: PublishWebhookOptions

    public init() {}

    public func run() throws { try options.run(.teams) }
}
