import ArgumentParser
import GoldenFiles
import Testing
@testable import LambdaCostCommands

/// `--help` of every command is a contract: pinned in golden files.
@Suite struct HelpTests {
    @Test func rootHelpIsPinned() {
        let text = LambdaCostReportCommand.helpMessage(columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/lambda-cost-report.txt") == nil)
    }

    @Test func reportHelpIsPinned() {
        let text = LambdaCostReportCommand.helpMessage(for: ReportCommand.self, columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/report.txt") == nil)
    }

    @Test func validateHelpIsPinned() {
        let text = LambdaCostReportCommand.helpMessage(for: ValidateCommand.self, columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/validate.txt") == nil)
    }

    @Test func generateHelpIsPinned() {
        let text = LambdaCostReportCommand.helpMessage(for: GenerateCommand.self, columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/generate.txt") == nil)
    }

    @Test(arguments: [
        ("price", PriceCommand.self as ParsableCommand.Type), ("pricing", PricingCommand.self),
        ("pricing-show", PricingShowCommand.self), ("pricing-import", PricingImportCommand.self),
    ])
    func pricingHelpIsPinned(name: String, command: ParsableCommand.Type) {
        let text = LambdaCostReportCommand.helpMessage(for: command, columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/\(name).txt") == nil)
    }

    @Test(arguments: [
        ("publish", PublishCommand.self as ParsableCommand.Type), ("publish-confluence", PublishConfluenceCommand.self),
        ("publish-git", PublishGitCommand.self), ("publish-slack", PublishSlackCommand.self), ("publish-teams", PublishTeamsCommand.self),
    ])
    func publishHelpIsPinned(name: String, command: ParsableCommand.Type) {
        let text = LambdaCostReportCommand.helpMessage(for: command, columns: 100)
        #expect(GoldenFiles.compare(text + "\n", golden: TestPaths.golden + "/help/\(name).txt") == nil)
    }

    @Test func aBadMonthIsAUsageError() {
        #expect(throws: (any Error).self) { try LambdaCostReportCommand.parseAsRoot(["report", "--month", "2026-13"]) }
        do {
            _ = try LambdaCostReportCommand.parseAsRoot(["report", "--month", "October"])
            Issue.record("expected a validation error")
        } catch {
            #expect(LambdaCostReportCommand.exitCode(for: error).rawValue == 64)
            #expect(LambdaCostReportCommand.message(for: error).contains("--month expects YYYY-MM"))
        }
    }

    @Test func noArgumentsMeansReportOnTheSample() throws {
        let command = try LambdaCostReportCommand.parseAsRoot([])
        let report = try #require(command as? ReportCommand)
        #expect(report.input == ["data/sample"])
        #expect(report.output == "output")
        #expect(report.pricing == "data/pricing")
        #expect(report.templates == "templates")
        #expect(report.month == nil)
        #expect(report.config == nil)
        #expect(!report.quiet)
        #expect(report.summaryJSON == nil)
    }
}
