import ArgumentParser

/// `lambda-cost-report publish`: put a month's report where people read it.
public struct PublishCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a month's report (a folder the report command wrote) where people read it.",
        subcommands: [PublishConfluenceCommand.self, PublishGitCommand.self, PublishSlackCommand.self, PublishTeamsCommand.self])

    public init() {}
}
