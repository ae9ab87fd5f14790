import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// `publish confluence` against ``FakeConfluence`` on a local HTTP server, with a real report of the end-to-end
/// fixture month: create, update, unchanged, conflicts, errors, retries, dry runs, and the secret kept secret.
@Suite struct PublishConfluenceTests {
    static let user = "finops@example.com"
    static let token = "Tok3n-ATATT-secret-0123456789"
    static let environment = ["CONFLUENCE_USER": user, "CONFLUENCE_TOKEN": token]
    static let authorization = "Basic " + Data("\(user):\(token)".utf8).base64EncodedString()

    /// The report of the end-to-end fixture, made once by the report command (read-only: copy it to change it).
    static let report: String = {
        let output = TestPaths.temporaryFolder()
        let run = CommandRun.run([
            "report", "--input", TestPaths.fixtures + "/e2e", "--output", output, "--templates", TestPaths.templates,
            "--pricing", TestPaths.pricing, "--quiet",
        ])
        precondition(run.status == 0, run.standardError)
        return output + "/2026-10"
    }()

    /// A fake and its server.
    struct Site {
        let fake: FakeConfluence
        let server: LocalHTTPServer
        var baseURL: String { server.baseURL + "/wiki" }

        init() throws {
            let fake = FakeConfluence(authorization: PublishConfluenceTests.authorization)
            self.fake = fake
            server = try LocalHTTPServer { fake.handle($0) }
        }
    }

    /// Runs `publish confluence` with the test credentials (or `environment`), a fast retry and the secret checked.
    func publish(_ site: Site, report: String = Self.report, space: String = "FIN", _ extra: [String] = [],
                 environment: [String: String] = Self.environment) -> CommandRun {
        let run = PublishConfluenceCommand.$environment.withValue(environment) {
            CommandRun.run(["publish", "confluence", "--report", report, "--base-url", site.baseURL, "--space", space,
                            "--max-wait", "0.05", "--timeout", "10"] + extra)
        }
        let secrets = [Self.token, Self.authorization, String(Self.authorization.dropFirst("Basic ".count))]
        for secret in secrets {
            #expect(!run.standardOutput.contains(secret) && !run.standardError.contains(secret), "a secret was printed")
        }
        return run
    }

    func copyOfReport() throws -> String {
        let copy = TestPaths.temporaryFolder() + "/2026-10"
        try FileManager.default.copyItem(atPath: Self.report, toPath: copy)
        return copy
    }

    @Test func firstRunCreatesThePageWithItsAttachmentsAndHash() throws {
        let site = try Site()
        let run = publish(site)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == "")
        let page = try #require(site.fake.page(titled: "Lambda cost 2026-10"))
        #expect(page.space == "FIN" && page.version == 1 && page.ancestors.isEmpty)
        let published = try PublishableReport.read(folder: Self.report)
        let xhtml = try String(contentsOfFile: Self.report + "/wiki/report.confluence.xhtml", encoding: .utf8)
        #expect(page.body.hasPrefix(xhtml))
        #expect(page.body.contains("<ac:link><ri:attachment ri:filename=\"report.xlsx\" /></ac:link>"))
        #expect(page.body.contains("<ri:attachment ri:filename=\"functions.csv\" />"))
        let csvNames = try FileManager.default.contentsOfDirectory(atPath: Self.report).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(csvNames.count >= 8)
        #expect(published.attachments.map(\.name) == ["report.xlsx"] + csvNames)
        let attached = site.fake.attachmentsOf(page: page.id)
        #expect(attached.keys.sorted() == (["report.xlsx"] + csvNames).sorted())
        for name in attached.keys {
            #expect(attached[name]?.bytes == FileManager.default.contents(atPath: Self.report + "/" + name), "\(name)")
            #expect(attached[name]?.versions == 1)
        }
        #expect(attached["report.xlsx"]?.mediaType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let property = try #require(site.fake.propertyValue(page: page.id, key: "lambda-cost-report"))
        #expect(property.version == 1)
        #expect(property.value["sha256"] as? String == published.contentHash)
        #expect(property.value["month"] as? String == "2026-10")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "created page \"Lambda cost 2026-10\" in space FIN (id \(page.id), version 1) with \(csvNames.count + 1) attachments: https://fake.example/wiki/spaces/FIN/pages/\(page.id)")
        #expect(lines.dropFirst().first?.hasPrefix("uploaded report.xlsx (") == true)
        #expect(lines.count == csvNames.count + 2)
        // The page is found by an exact title lookup in the space.
        let lookup = try #require(site.fake.log.first { $0.method == "GET" && $0.path == "/wiki/rest/api/content" })
        #expect(lookup.query["spaceKey"] == "FIN" && lookup.query["title"] == "Lambda cost 2026-10" && lookup.query["expand"] == "version")
    }

    @Test func aSecondRunOfTheSameReportWritesNothing() throws {
        let site = try Site()
        #expect(publish(site).status == 0)
        let mark = site.fake.requestCount
        let again = publish(site)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(site.fake.writes(since: mark).isEmpty)
        let page = try #require(site.fake.page(titled: "Lambda cost 2026-10"))
        #expect(again.standardOutput == "unchanged: page \"Lambda cost 2026-10\" in space FIN (id \(page.id), version 1) already holds this report: https://fake.example/wiki/spaces/FIN/pages/\(page.id)\n")
        #expect(page.version == 1)
    }

    @Test func aChangedReportUpdatesThePageAsItsNextVersion() throws {
        let site = try Site()
        let copy = try copyOfReport()
        #expect(publish(site, report: copy, ["--title", "FinOps: Lambda & more"]).status == 0)
        try Data("changed by hand\r\n".utf8).append(toFile: copy + "/teams.csv")
        let run = publish(site, report: copy, ["--title", "FinOps: Lambda & more"])
        #expect(run.status == 0, "\(run.standardError)")
        let page = try #require(site.fake.page(titled: "FinOps: Lambda & more"))
        #expect(page.version == 2)
        #expect(run.standardOutput.hasPrefix("updated page \"FinOps: Lambda & more\" in space FIN (id \(page.id), version 1 → 2) with "))
        let attached = site.fake.attachmentsOf(page: page.id)
        #expect(attached["teams.csv"]?.versions == 2)  // PUT replaced it: a new version of the same name
        #expect(attached["teams.csv"]?.bytes == FileManager.default.contents(atPath: copy + "/teams.csv"))
        let property = try #require(site.fake.propertyValue(page: page.id, key: "lambda-cost-report"))
        #expect(property.version == 2)
        #expect(property.value["sha256"] as? String == (try PublishableReport.read(folder: copy)).contentHash)
        #expect(site.fake.pages.count == 1)
    }

    /// The same report asked under a parent page is a change: the page is updated and moved there, once.
    @Test func theSameReportUnderAnotherParentMovesThePage() throws {
        let site = try Site()
        #expect(publish(site).status == 0)
        let parent = site.fake.addPage(title: "Cost reports", space: "FIN")
        let moved = publish(site, ["--parent-id", parent])
        #expect(moved.status == 0, "\(moved.standardError)")
        let page = try #require(site.fake.page(titled: "Lambda cost 2026-10"))
        #expect(page.version == 2 && page.ancestors == [parent])
        #expect(moved.standardOutput.hasPrefix("updated page "))
        #expect(publish(site, ["--parent-id", parent]).standardOutput.hasPrefix("unchanged: "))
    }

    @Test func aPageMadeByHandIsUpdatedAndMovedUnderTheParent() throws {
        let site = try Site()
        let parent = site.fake.addPage(title: "Cost reports", space: "FIN")
        let existing = site.fake.addPage(title: "Lambda cost 2026-10", space: "FIN", version: 7)
        let run = publish(site, ["--parent-id", parent])
        #expect(run.status == 0, "\(run.standardError)")
        let page = try #require(site.fake.pages[existing])
        #expect(page.version == 8 && page.ancestors == [parent])
        #expect(page.body.hasPrefix("<h1>AWS Lambda cost report — 2026-10</h1>"))
    }

    @Test func aConcurrentEditIsReadAgainAndTriedOnce() throws {
        let site = try Site()
        let copy = try copyOfReport()
        #expect(publish(site, report: copy).status == 0)
        try Data("x\r\n".utf8).append(toFile: copy + "/rejects.csv")
        let id = try #require(site.fake.page(titled: "Lambda cost 2026-10")).id
        site.fake.inject(Self.editByHand(id))
        let mark = site.fake.requestCount
        let run = publish(site, report: copy)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(site.fake.pages[id]?.version == 3)  // 1, someone else's 2, then ours
        let sequence = site.fake.log[mark...].filter { $0.path == "/wiki/rest/api/content/\(id)" }.map(\.method)
        #expect(sequence == ["PUT", "GET", "PUT"])
        #expect(run.standardOutput.hasPrefix("updated page \"Lambda cost 2026-10\" in space FIN (id \(id), version 2 → 3)"))

        // Edited again at once after the second read too: fails clearly, exit 1.
        try Data("y\r\n".utf8).append(toFile: copy + "/rejects.csv")
        site.fake.inject(Self.editByHand(id))
        site.fake.inject(Self.editByHand(id, afterRead: true))
        let twice = publish(site, report: copy)
        #expect(twice.status == 1)
        #expect(twice.standardError == "lambda-cost-report: error: page \(id) (\"Lambda cost 2026-10\") was changed by someone else twice while publishing (409 Conflict on both tries, at versions 4 and 5); run again\n")
    }

    @Test func aPageCreatedByOthersMeanwhileIsUpdatedInstead() throws {
        let site = try Site()
        site.fake.inject { state, request in  // someone creates the page between our lookup and our POST
            guard request.method == "POST", request.path == "/wiki/rest/api/content" else { return .pass }
            state.pages["5000"] = FakeConfluence.Page(id: "5000", title: "Lambda cost 2026-10", space: "FIN", version: 1, body: "<p>theirs</p>", ancestors: [])
            return .consumed
        }
        let run = publish(site)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(site.fake.pages.count == 1)
        #expect(site.fake.pages["5000"]?.version == 2)
        #expect(site.fake.pages["5000"]?.body.hasPrefix("<h1>AWS Lambda cost report") == true)
        #expect(run.standardOutput.hasPrefix("updated page \"Lambda cost 2026-10\" in space FIN (id 5000, version 1 → 2)"))
    }

    @Test func aPropertyChangedMeanwhileIsReadAgainAndWrittenOnce() throws {
        let site = try Site()
        let copy = try copyOfReport()
        #expect(publish(site, report: copy).status == 0)
        try Data("p\r\n".utf8).append(toFile: copy + "/skipped.csv")
        let id = try #require(site.fake.page(titled: "Lambda cost 2026-10")).id
        site.fake.inject { state, request in
            guard request.method == "PUT", request.path == "/wiki/rest/api/content/\(id)/property/lambda-cost-report" else { return .pass }
            state.properties[id]?["lambda-cost-report"]?.version += 1
            return .consumed
        }
        let run = publish(site, report: copy)
        #expect(run.status == 0, "\(run.standardError)")
        let property = try #require(site.fake.propertyValue(page: id, key: "lambda-cost-report"))
        #expect(property.version == 3)
        #expect(property.value["sha256"] as? String == (try PublishableReport.read(folder: copy)).contentHash)
        #expect(publish(site, report: copy).standardOutput.hasPrefix("unchanged: "))
    }

    /// A fault: someone edits page `id` just before our PUT of it (when `afterRead`, only after we read it again).
    static func editByHand(_ id: String, afterRead: Bool = false) -> (inout FakeConfluence.State, LocalHTTPRequest) -> FakeConfluence.FaultOutcome {
        var seenRead = !afterRead
        return { state, request in
            guard request.path == "/wiki/rest/api/content/\(id)" else { return .pass }
            if request.method == "GET" { seenRead = true }
            guard request.method == "PUT", seenRead else { return .pass }
            state.pages[id]?.version += 1
            return .consumed
        }
    }

    @Test func wrongCredentialsAreA401WithExit1() throws {
        let site = try Site()
        let run = publish(site, environment: ["CONFLUENCE_USER": Self.user, "CONFLUENCE_TOKEN": "wrong-" + Self.token])
        #expect(run.status == 1)
        #expect(run.standardOutput == "")
        #expect(run.standardError == "lambda-cost-report: error: Confluence refused the credentials (401 Unauthorized) when looking for the page \"Lambda cost 2026-10\" in space FIN: check CONFLUENCE_USER and CONFLUENCE_TOKEN (Cloud: the account's e-mail and an API token) or CONFLUENCE_BEARER (Data Center: a personal access token)\n")
        #expect(!run.standardError.contains("wrong-"))
        #expect(site.fake.writes().isEmpty)
    }

    @Test func aBearerTokenIsSentAsSuch() throws {
        let fake = FakeConfluence(authorization: "Bearer pat-" + Self.token)
        let server = try LocalHTTPServer { fake.handle($0) }
        let run = PublishConfluenceCommand.$environment.withValue(["CONFLUENCE_BEARER": "pat-" + Self.token]) {
            CommandRun.run(["publish", "confluence", "--report", Self.report, "--base-url", server.baseURL + "/wiki/", "--space", "FIN"])
        }
        #expect(run.status == 0, "\(run.standardError)")
        #expect(fake.page(titled: "Lambda cost 2026-10")?.version == 1)
        #expect(!run.standardOutput.contains(Self.token))
    }

    @Test func aSpaceTheUserMayNotWriteIsA403WithExit1() throws {
        let site = try Site()
        let run = publish(site, space: "LOCKED")
        #expect(run.status == 1)
        #expect(run.standardError == "lambda-cost-report: error: Confluence denied creating the page \"Lambda cost 2026-10\" in space LOCKED (403 Forbidden): the user lacks the permission: Confluence says \"Not permitted to create content in space LOCKED\"\n")
    }

    @Test func aMissingSpaceParentOrPageIsA404ThatSaysWhich() throws {
        let site = try Site()
        let space = publish(site, space: "NOPE")
        #expect(space.status == 1)
        #expect(space.standardError == "lambda-cost-report: error: space NOPE not found (404 Not Found) when reading space NOPE: check --space (and that the user can see the space)\n")
        let parent = publish(site, ["--parent-id", "424242"])
        #expect(parent.status == 1)
        #expect(parent.standardError == "lambda-cost-report: error: parent page 424242 not found (404 Not Found) when reading page 424242: check --parent-id (and that the user can see the page)\n")
        let id = site.fake.addPage(title: "Lambda cost 2026-10", space: "FIN")
        site.fake.inject { state, request in  // deleted between our lookup and our update
            guard request.method == "PUT", request.path == "/wiki/rest/api/content/\(id)" else { return .pass }
            state.pages[id] = nil
            return .consumed
        }
        let page = publish(site)
        #expect(page.status == 1)
        #expect(page.standardError == "lambda-cost-report: error: page \(id) not found (404 Not Found) when updating page \(id) (\"Lambda cost 2026-10\") to version 2: was it deleted or moved while publishing?\n")
        #expect(site.fake.pages.isEmpty)
    }

    @Test func rateLimitsAndServerErrorsAreRetriedHonoringRetryAfter() throws {
        let site = try Site()
        site.fake.inject { _, request in
            request.method == "GET" ? .respond(.json(429, ["message": "Rate limited"], headers: [("Retry-After", "1")])) : .pass
        }
        site.fake.inject { _, request in
            request.path.hasSuffix("/child/attachment") ? .respond(.json(503, ["message": "busy"])) : .pass
        }
        let started = Date()
        let run = PublishConfluenceCommand.$environment.withValue(Self.environment) {
            CommandRun.run(["publish", "confluence", "--report", Self.report, "--base-url", site.baseURL, "--space", "FIN", "--max-wait", "0.3"])
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(elapsed >= 0.6)  // two waits, each cut to --max-wait
        let page = try #require(site.fake.page(titled: "Lambda cost 2026-10"))
        #expect(site.fake.attachmentsOf(page: page.id)["report.xlsx"]?.versions == 1)
        let uploads = site.fake.log.filter { $0.path.hasSuffix("/child/attachment") }
        #expect(uploads.count == site.fake.attachmentsOf(page: page.id).count + 1)  // the first one twice
    }

    @Test func aServerThatStaysBusyFailsAfterTheLastTry() throws {
        let site = try Site()
        for _ in 0..<3 {
            site.fake.inject { _, _ in .respond(.json(503, ["message": "Service is down for maintenance"])) }
        }
        let run = publish(site, ["--attempts", "3"])
        #expect(run.status == 1)
        #expect(run.standardError == "lambda-cost-report: error: Confluence answered 503 Service Unavailable to looking for the page \"Lambda cost 2026-10\" in space FIN on all 3 tries; try again later: Confluence says \"Service is down for maintenance\"\n")
        #expect(site.fake.requestCount == 3)
    }

    @Test func aServerMessageEchoingTheCredentialsIsMasked() throws {
        let site = try Site()
        site.fake.inject { _, request in
            .respond(.json(400, ["message": "bad header \(request.header("Authorization") ?? "") for \(Self.token)"]))
        }
        let run = publish(site)  // checks that no secret is printed
        #expect(run.status == 1)
        #expect(run.standardError.contains("Confluence says \"bad header Basic *** for ***\""))
    }

    @Test func aRedirectIsNotFollowed() throws {
        let elsewhere = try LocalHTTPServer { _ in LocalHTTPResponse.json(200, ["results": []]) }
        let seen = Locked(0)
        let redirecting = try LocalHTTPServer { _ in
            seen.withValue { $0 += 1 }
            return LocalHTTPResponse(status: 302, headers: [("Location", elsewhere.baseURL + "/steal")])
        }
        let run = PublishConfluenceCommand.$environment.withValue(Self.environment) {
            CommandRun.run(["publish", "confluence", "--report", Self.report, "--base-url", redirecting.baseURL + "/wiki", "--space", "FIN"])
        }
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("lambda-cost-report: error: Confluence answered looking for the page \"Lambda cost 2026-10\" in space FIN with a redirect (302 Found) to \(elsewhere.baseURL)/steal: check --base-url"))
        #expect(seen.get() == 1)
        _ = elsewhere  // never asked: the credentials went nowhere else
    }

    @Test func aDryRunReadsButWritesNothing() throws {
        let site = try Site()
        let create = publish(site, ["--dry-run"])
        #expect(create.status == 0, "\(create.standardError)")
        #expect(create.standardOutput.hasPrefix("dry run: would create page \"Lambda cost 2026-10\" in space FIN with "))
        #expect(create.standardOutput.contains("dry run: would upload report.xlsx ("))
        #expect(site.fake.writes().isEmpty && site.fake.requestCount > 0)

        let copy = try copyOfReport()
        #expect(publish(site, report: copy).status == 0)
        let unchanged = publish(site, report: copy, ["--dry-run"])
        #expect(unchanged.standardOutput.hasPrefix("dry run: unchanged: page \"Lambda cost 2026-10\" in space FIN (id "))
        try Data("z\r\n".utf8).append(toFile: copy + "/findings.csv")
        let mark = site.fake.requestCount
        let update = publish(site, report: copy, ["--dry-run"])
        #expect(update.standardOutput.hasPrefix("dry run: would update page \"Lambda cost 2026-10\" in space FIN ("))
        #expect(update.standardOutput.contains("version 1 → 2"))
        #expect(site.fake.writes(since: mark).isEmpty)
        #expect(site.fake.page(titled: "Lambda cost 2026-10")?.version == 1)

        let asked = site.fake.requestCount
        let blind = publish(site, ["--dry-run"], environment: [:])
        #expect(blind.status == 0)
        #expect(blind.standardOutput.hasPrefix("dry run: would create or update page \"Lambda cost 2026-10\" in space FIN with "))
        #expect(site.fake.requestCount == asked)
    }

    @Test func missingCredentialsAreAUsageError() throws {
        let site = try Site()
        let none = publish(site, environment: [:])
        #expect(none.status == 64)
        #expect(none.standardError == "lambda-cost-report: error: no Confluence credentials: set CONFLUENCE_USER and CONFLUENCE_TOKEN (Cloud: the account's e-mail and an API token) or CONFLUENCE_BEARER (Data Center: a personal access token)\n")
        let half = publish(site, environment: ["CONFLUENCE_USER": Self.user])
        #expect(half.status == 64)
        #expect(half.standardError.contains("CONFLUENCE_USER is set but CONFLUENCE_TOKEN is not"))
        let both = publish(site, environment: Self.environment.merging(["CONFLUENCE_BEARER": "x"]) { $1 })
        #expect(both.status == 64)
        #expect(site.fake.requestCount == 0)
    }

    @Test func aMissingOrIncompleteReportFolderIsAClearError() throws {
        let site = try Site()
        let folder = TestPaths.temporaryFolder()
        let missing = publish(site, report: folder + "/2026-10")
        #expect(missing.status == 1)
        #expect(missing.standardError == "\(folder)/2026-10: error: no such report folder (expected a month's report folder, such as output/2026-10)\n")
        let empty = publish(site, report: folder)
        #expect(empty.status == 1)
        #expect(empty.standardError == "\(folder): error: not a complete report folder: it has no manifest.json (the report writes it into every month's folder)\n")
        let copy = try copyOfReport()
        try FileManager.default.removeItem(atPath: copy + "/wiki/report.confluence.xhtml")
        let noPage = publish(site, report: copy)
        #expect(noPage.status == 1)
        #expect(noPage.standardError == "\(copy): error: not a complete report folder: it has no wiki/report.confluence.xhtml (the page body for Confluence, from templates/wiki/report.confluence.xhtml.mustache)\n")
        let other = try copyOfReport()
        try FileManager.default.removeItem(atPath: other + "/teams.csv")
        let noCSV = publish(site, report: other)
        #expect(noCSV.status == 1)
        #expect(noCSV.standardError == "\(other)/teams.csv: error: not a complete report folder: manifest.json lists teams.csv but the file is missing\n")
        try Data("{\"month\": 7}".utf8).write(to: URL(fileURLWithPath: other + "/manifest.json"))
        let badManifest = publish(site, report: other)
        #expect(badManifest.standardError == "\(other)/manifest.json: error: expected \"month\": \"YYYY-MM\" in manifest.json\n")
        #expect(site.fake.requestCount == 0)
    }

    @Test(arguments: [
        (["--base-url", "http://confluence.example.com/wiki"], "--base-url must use https"),
        (["--base-url", "https://me:pw@example.atlassian.net/wiki"], "--base-url must not hold a user or password"),
        (["--base-url", "example.atlassian.net/wiki"], "--base-url expects an https URL"),
        (["--parent-id", "12a"], "--parent-id expects a page ID"),
        (["--title", " "], "--title must not be empty"),
        (["--attempts", "0"], "--attempts expects 1 to 10"),
        (["--timeout", "0"], "--timeout expects seconds"),
    ])
    func badOptionsAreUsageErrors(extra: [String], message: String) {
        let run = PublishConfluenceCommand.$environment.withValue(Self.environment) {
            CommandRun.run(["publish", "confluence", "--report", Self.report, "--base-url", "https://example.atlassian.net/wiki", "--space", "FIN"] + extra)
        }
        #expect(run.status == 64)
        #expect(run.standardError.contains(message), "\(run.standardError)")
    }
}

extension Data {
    fileprivate func append(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: self)
    }
}
