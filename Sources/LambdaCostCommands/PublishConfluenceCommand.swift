import ArgumentParser
import Foundation
import LambdaCostKit

/// `lambda-cost-report publish confluence`: the month's report as a Confluence page with its files attached.
public struct PublishConfluenceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "confluence",
        abstract: "Create or update the month's Confluence page, with report.xlsx and the CSV files attached.",
        discussion: """
            Through the Confluence REST API v1 under <base-url>/rest/api/: finds the page by --space and \
            --title, creates it (under --parent-id when given) or updates it as its next version with the \
            report's wiki/report.confluence.xhtml and a paragraph linking the attachments, then uploads \
            report.xlsx and the CSV files (replacing the older versions of the same names). A SHA-256 of the \
            page body and the files is kept in the page property lambda-cost-report: a second run with an \
            unchanged report writes nothing and says "unchanged".

            Credentials come from the environment, never from the command line: CONFLUENCE_USER and \
            CONFLUENCE_TOKEN (Cloud: the account's e-mail and an API token, sent as basic auth) or \
            CONFLUENCE_BEARER (Data Center: a personal access token). They are never printed or written.

            Answers 429 and 5xx are retried (--attempts, waiting what Retry-After asks or 1, 2, 4 … seconds, \
            at most --max-wait); a page edited meanwhile (409) is read again and the update tried once more.

            Exit codes: 0 published, unchanged, or a dry run; 1 the report folder is missing or incomplete, or \
            Confluence refused or failed (401, 403, 404, a second 409, 429 or 5xx on every try, no answer); 64 \
            invalid command-line usage, or the credential variables are not set (or set inconsistently).
            """)

    @Option(name: .long, help: ArgumentHelp("The month's report folder, as the report command wrote it (for example output/2026-10).", valueName: "dir"))
    var report: String

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The Confluence site up to the REST API: https://<site>.atlassian.net/wiki on Cloud, the server's address on Data Center. https (http only for this machine).",
        valueName: "url"))
    var baseURL: String

    @Option(name: .long, help: ArgumentHelp("The key of the space the page lives in.", valueName: "key"))
    var space: String

    @Option(name: .customLong("parent-id"), help: ArgumentHelp("The ID of the page to create the page under (also moves an existing page there).", valueName: "id"))
    var parentID: String?

    @Option(name: .long, help: ArgumentHelp("The page title, which finds the page in the space. Default: \"Lambda cost <YYYY-MM>\", the month from the report's manifest.json.", valueName: "text"))
    var title: String?

    @Flag(name: .customLong("dry-run"), help: "Write nothing: read the page (when credentials are set) and say whether it would be created, updated or left unchanged, and which files would be uploaded.")
    var dryRun = false

    @OptionGroup var network: PublishRetryOptions

    /// The environment the credentials are read from; tests set it (the process environment otherwise).
    @TaskLocal static var environment: [String: String]?

    public init() {}

    public func validate() throws {
        if report.isEmpty { throw ValidationError("--report needs the month's report folder, such as output/2026-10") }
        try Self.checkBaseURL(baseURL)
        if space.isEmpty || space.count > 255 || space.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw ValidationError("--space expects a space key (letters and digits, such as FIN), got '\(Diagnostic.printable(space))'")
        }
        if let parentID, parentID.isEmpty || parentID.count > 20 || !parentID.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("--parent-id expects a page ID (digits), got '\(Diagnostic.printable(parentID))'")
        }
        if let title {
            if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--title must not be empty") }
            if title.count > 255 { throw ValidationError("--title is \(title.count) characters; Confluence takes at most 255") }
            if Diagnostic.printable(title) != title { throw ValidationError("--title must not hold control characters") }
        }
    }

    /// `--base-url`: an http(s) URL with a host and no credentials, query or fragment; plain http only to this machine.
    static func checkBaseURL(_ text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            scheme == "https" || scheme == "http"
        else { throw ValidationError("--base-url expects an https URL such as https://example.atlassian.net/wiki") }
        if url.user != nil || url.password != nil {
            throw ValidationError("--base-url must not hold a user or password: set \(ConfluenceCredentials.userVariable) and \(ConfluenceCredentials.tokenVariable), or \(ConfluenceCredentials.bearerVariable)")
        }
        if url.query != nil || url.fragment != nil { throw ValidationError("--base-url must not have a query or fragment (it ends where /rest/api/ begins)") }
        if scheme == "http" && !["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased()) {
            throw ValidationError("--base-url must use https (credentials would cross the network in clear); http only for localhost")
        }
    }

    public func run() throws {
        let credentials: ConfluenceCredentials?
        do {
            credentials = try ConfluenceCredentials.from(environment: Self.environment ?? ProcessInfo.processInfo.environment)
        } catch {
            StandardError.write("lambda-cost-report: error: \(error.description)")
            throw ExitCode.validationFailure
        }
        if credentials == nil && !dryRun {
            StandardError.write("lambda-cost-report: error: \(ConfluenceCredentials.missingMessage)")
            throw ExitCode.validationFailure
        }
        let folder: PublishableReport
        do {
            folder = try PublishableReport.read(folder: report)
        } catch {
            StandardError.write(Diagnostic.printable(error.description))
            throw ExitCode.failure
        }
        let client = credentials.map {
            ConfluenceClient(baseURL: baseURL, credentials: $0, http: network.client, retry: network.policy)
        }
        let target = ConfluencePublisher.Target(space: space, title: title ?? folder.defaultTitle, parentID: parentID)
        let publication: ConfluencePublication
        do {
            publication = try ConfluencePublisher(client: client).publish(folder, to: target, dryRun: dryRun)
        } catch {
            let message = Diagnostic.printable("lambda-cost-report: error: \(error.message)")
            StandardError.write(credentials?.redact(message) ?? message)
            throw ExitCode.failure
        }
        for line in publication.lines {
            let printable = Diagnostic.printable(line)
            StandardOutput.write(credentials?.redact(printable) ?? printable)
        }
    }
}
