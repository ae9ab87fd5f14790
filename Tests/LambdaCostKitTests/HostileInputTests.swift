import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// The hostile-input corpus (issue #9): every kind of broken, odd or malicious input the job may be handed,
/// one row of the table each, with the exact diagnostics (file:line:column where there is a place), the exact
/// reconciliation (`input = Lambda + other + rejected + other months`, and every data row counted once), no
/// crash and no hang. Small inputs are files in `Fixtures/hostile/` (and a few reused from `Fixtures/cur/`);
/// big or binary ones (a 10 MB field, NUL bytes, gzip of garbage, truncated gzip) are made here at run time.
///
/// Every CUR that ingests is then run through the whole pipeline (catalog, scenarios, ranking, templates,
/// output) into a temporary folder, so a hostile value cannot crash a later stage either.
@Suite(.serialized) struct HostileInputTests {
    // MARK: - The table

    /// Where a case's input comes from.
    enum Source: Sendable {
        /// `Fixtures/<path>`.
        case fixture(String)
        /// A file of this name written into a temporary folder from the bytes the closure makes.
        case generated(String, @Sendable () -> [UInt8])
    }

    /// What is read.
    enum Subject: Sendable {
        /// CUR files (one delivery), the month to report (`nil`: the latest) and `--allow-empty`.
        case cur([Source], month: String? = nil, allowEmpty: Bool = false)
        /// A CUR and a metrics file.
        case metrics(cur: Source, metrics: Source)
        /// A configuration file.
        case config(Source)
    }

    /// The reconciliation and diagnostics of an input that is read.
    struct Read: Sendable {
        var rows: IngestResult.RowCounts
        /// `input, lambda, other, rejected, outside month`, exact decimals.
        var totals: (String, String, String, String, String)
        var rejectedWithoutCost = 0
        /// Every diagnostic, in order, as printed (`{file}`: the first input, `{metrics}`: the metrics file).
        var diagnostics: [String] = []
    }

    enum Expected: Sendable {
        case read(Read)
        /// The run stops with this error (as printed).
        case fails(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var subject: Subject
        var expected: Expected
        var testDescription: String { name }
    }

    static let header = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost"
    /// The first four fields of an October Lambda row; the usage type starts at column 51.
    static let lambda = "111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,"
    static let rows = IngestResult.RowCounts.init(read:lambda:otherServices:rejected:outsideMonth:)
    static let notAFunction = "lambda-cost-report: warning: %@ Lambda row%@ a resource that is not a Lambda function; counted as not attributable to a function"

    static let cases: [Case] = [
        Case(name: "empty file", subject: .cur([.fixture("hostile/empty.csv")]),
             expected: .fails("{file}: error: the file is empty: expected a Cost and Usage Report header")),
        Case(name: "header only", subject: .cur([.fixture("hostile/header-only.csv")]),
             expected: .fails("{file}: error: no usable CUR rows: there is no month to report")),
        Case(name: "header only, month given", subject: .cur([.fixture("hostile/header-only.csv")], month: "2026-10"),
             expected: .fails("--month 2026-10: the input holds no rows of 2026-10 (months in the input: none); pass --allow-empty to write its empty report anyway")),
        Case(name: "header only, month given, --allow-empty", subject: .cur([.fixture("hostile/header-only.csv")], month: "2026-10", allowEmpty: true),
             expected: .read(Read(rows: rows(0, 0, 0, 0, 0), totals: ("0", "0", "0", "0", "0")))),
        Case(name: "unknown header", subject: .cur([.fixture("hostile/unknown-header.csv")]),
             expected: .fails("{file}:1:1: error: not a Cost and Usage Report header: missing columns 'line_item_line_item_type', 'line_item_usage_account_id', 'line_item_usage_start_date', 'line_item_product_code', 'line_item_usage_type', 'line_item_usage_amount', 'line_item_unblended_cost'")),
        Case(name: "duplicate column names", subject: .cur([.fixture("hostile/duplicate-columns.csv")]),
             expected: .fails("{file}:1:197: error: column 10 'lineItem/UnblendedCost' repeats column 9 'lineItem/UnblendedCost'")),
        Case(name: "duplicate column in another spelling", subject: .cur([.fixture("cur/header-duplicate.csv")]),
             expected: .fails("{file}:1:111: error: column 6 'line_item_usage_type' repeats column 5 'lineItem/UsageType'")),
        Case(name: "ragged rows", subject: .cur([.fixture("hostile/ragged-rows.csv")]),
             expected: .read(Read(rows: rows(5, 2, 0, 3, 0), totals: ("0.375", "0.375", "0", "0", "0"), rejectedWithoutCost: 3, diagnostics: [
                 "{file}:3:1: error: expected 9 fields as in the header, found 8",
                 "{file}:4:1: error: expected 9 fields as in the header, found 11",
                 "{file}:5:1: error: expected 9 fields as in the header, found 1",
             ]))),
        Case(name: "unterminated quote at end of file", subject: .cur([.fixture("hostile/unterminated-quote.csv")]),
             // The open quote swallows the last line too: one rejected record of two lines, cost unknown.
             expected: .read(Read(rows: rows(2, 1, 0, 1, 0), totals: ("0.25", "0.25", "0", "0", "0"), rejectedWithoutCost: 1, diagnostics: [
                 "{file}:3:59: error: a quoted field is never closed (the quote opens here)",
             ]))),
        Case(name: "a 10 MB field", subject: .cur([.generated("ten-megabyte-field.csv", tenMegabyteField)]),
             // The 10 MB resource ID of an S3 row holds 1,000 line breaks: the EUR row after it is on line 1004.
             expected: .read(Read(rows: rows(4, 1, 1, 2, 0), totals: ("1.75", "0.25", "0.5", "1", "0"), diagnostics: [
                 "{file}:1004:77: error: expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD)",
                 "{file}:1005:59: error: expected UTF-8 text in 'lineItem/ResourceId'",
             ]))),
        Case(name: "a record longer than 16 MiB", subject: .cur([.generated("seventeen-megabyte-record.csv", seventeenMegabyteRecord)]),
             expected: .fails("{file}: error: line 3: a record is longer than 16 MiB")),
        Case(name: "NUL bytes", subject: .cur([.generated("nul.csv", nulBytes)]),
             expected: .read(Read(rows: rows(5, 3, 0, 2, 0), totals: ("0.875", "0.875", "0", "0", "0"), rejectedWithoutCost: 2, diagnostics: [
                 "{file}:4:81: error: expected a decimal number in 'lineItem/UnblendedCost', found \"0.5\\u{0}\"",
                 "{file}:5:1: error: expected 9 fields as in the header, found 1",
                 "lambda-cost-report: warning: unknown Lambda usage type 'Req\\u{0}uest' (1 row): kept as 'unclassified' with its cost",
                 String(format: notAFunction, "1", " names"),
             ]))),
        Case(name: "terminal escapes and a forged diagnostic line", subject: .cur([.generated("escapes.csv", terminalEscapes)]),
             // Control characters quoted from the input are printed escaped, never raw.
             expected: .read(Read(rows: rows(3, 2, 0, 1, 0), totals: ("0.375", "0.375", "0", "0", "0"), rejectedWithoutCost: 1, diagnostics: [
                 "{file}:4:81: error: expected a decimal number in 'lineItem/UnblendedCost', found \"0.5\\u{A}fake.csv:1:1: error: forged\"",
                 "lambda-cost-report: warning: unknown Lambda usage type '\\u{1B}]0;pwned\\u{7}\\u{1B}[2J' (1 row): kept as 'unclassified' with its cost",
             ]))),
        Case(name: "invalid UTF-8 in a field", subject: .cur([.fixture("cur/reject-invalid-utf8.csv")]),
             expected: .read(Read(rows: rows(2, 1, 0, 1, 0), totals: ("0.3125", "0.25", "0", "0.0625", "0"), diagnostics: [
                 "{file}:3:59: error: expected UTF-8 text in 'lineItem/ResourceId'",
             ]))),
        Case(name: "invalid UTF-8 in the header", subject: .cur([.generated("invalid-utf8-header.csv", invalidUTF8Header)]),
             expected: .fails("{file}: error: the header is not valid UTF-8 (column 2)")),
        Case(name: "byte order mark", subject: .cur([.fixture("hostile/bom.csv")]),
             expected: .read(Read(rows: rows(2, 1, 0, 1, 0), totals: ("0.25", "0.25", "0", "0", "0"), rejectedWithoutCost: 1, diagnostics: [
                 "{file}:3:81: error: expected a decimal number in 'lineItem/UnblendedCost', found \"0.x5\"",
             ]))),
        Case(name: "CRLF line ends", subject: .cur([.fixture("hostile/crlf.csv")]),
             // A quoted resource ID holds a CRLF, so the EUR of that row is on line 4.
             expected: .read(Read(rows: rows(4, 2, 0, 2, 0), totals: ("0.875", "0.375", "0", "0.5", "0"), rejectedWithoutCost: 1, diagnostics: [
                 "{file}:4:14: error: expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD)",
                 "{file}:6:1: error: expected 9 fields as in the header, found 8",
             ]))),
        Case(name: "truncated gzip", subject: .cur([.generated("truncated.csv.gz", truncatedGzip)]),
             expected: .fails("{file}: error: the gzip stream is truncated (unexpected end of file)")),
        Case(name: "gzip of garbage", subject: .cur([.generated("garbage.csv.gz", gzipOfGarbage)]),
             expected: .fails("{file}: error: the header is not valid UTF-8 (column 1)")),
        Case(name: "garbage with the gzip magic", subject: .cur([.generated("not-gzip.csv", garbageWithGzipMagic)]),
             expected: .fails("{file}: error: the file is not valid gzip data (unknown compression method)")),
        Case(name: "an empty gzip file", subject: .cur([.fixture("csv/empty.csv.gz")]),
             expected: .fails("{file}: error: the gzip file is empty")),
        Case(name: "a CUR of another month", subject: .cur([.fixture("hostile/another-month.csv")], month: "2026-10", allowEmpty: true),
             expected: .read(Read(rows: rows(2, 0, 0, 0, 2), totals: ("0.3", "0", "0", "0", "0.3"), diagnostics: [
                 "lambda-cost-report: note: 2 rows belong to other months (2026-09); they are counted apart, not in 2026-10",
             ]))),
        Case(name: "two currencies", subject: .cur([.fixture("hostile/two-currencies.csv")]),
             expected: .read(Read(rows: rows(5, 2, 1, 2, 0), totals: ("1.07", "0.75", "0.05", "0.27", "0"), diagnostics: [
                 "{file}:3:77: error: expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD)",
                 "{file}:4:78: error: expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD)",
             ]))),
        Case(name: "negative usage", subject: .cur([.fixture("hostile/negative-usage.csv")]),
             // A credit's quantity is not usage: only the usage rows are refused.
             expected: .read(Read(rows: rows(4, 2, 0, 2, 0), totals: ("0.14813333", "0.15", "0", "-0.00186667", "0"), diagnostics: [
                 "{file}:3:72: error: expected a usage amount of 0 or more in 'lineItem/UsageAmount', found \"-1000\"",
                 "{file}:4:81: error: expected a usage amount of 0 or more in 'lineItem/UsageAmount', found \"-100\"",
             ]))),
        Case(name: "credits larger than usage", subject: .cur([.fixture("hostile/credits-exceed-usage.csv")]),
             expected: .read(Read(rows: rows(4, 4, 0, 0, 0), totals: ("-5.99998", "-5.99998", "0", "0", "0")))),
        Case(name: "an ARN without a function name", subject: .cur([.fixture("hostile/arn-without-function-name.csv")]),
             expected: .read(Read(rows: rows(4, 4, 0, 0, 0), totals: ("0.9375", "0.9375", "0", "0", "0"), diagnostics: [
                 String(format: notAFunction, "3", "s name"),
             ]))),
        Case(name: "usage types never seen", subject: .cur([.fixture("hostile/unknown-usage-types.csv")]),
             expected: .read(Read(rows: rows(4, 4, 0, 0, 0), totals: ("0.36", "0.36", "0", "0", "0"), diagnostics: [
                 "lambda-cost-report: warning: unknown Lambda usage type 'Lambda-Teleport-Requests' (1 row): kept as 'unclassified' with its cost",
                 "lambda-cost-report: warning: unknown Lambda usage type 'USE1-Lambda-Quantum-Seconds' (2 rows): kept as 'unclassified' with its cost",
             ]))),
        Case(name: "an amount out of range", subject: .cur([.generated("out-of-range.csv", outOfRange)]),
             expected: .read(Read(rows: rows(2, 1, 0, 1, 0), totals: ("0.25", "0.25", "0", "0", "0"), rejectedWithoutCost: 1, diagnostics: [
                 "{file}:3:81: error: expected a decimal number in 'lineItem/UnblendedCost', found \"1e20\"",
             ]))),
        Case(name: "amounts too large to add up exactly", subject: .cur([.generated("too-large.csv", tooLargeToAdd)]),
             // Ten rows of 10^11 reach the 10^12 bound exactly; the eleventh passes it.
             expected: .fails("{file}:12:82: error: the amounts read add up to more than 10^12 in absolute value with \"100000000000\" in 'lineItem/UnblendedCost': not a plausible bill, and beyond what the report sums exactly")),
        Case(name: "the largest amounts and metrics accepted",
             subject: .metrics(cur: .generated("largest.csv", largestAmounts), metrics: .generated("largest-metrics.csv", largestMetrics)),
             expected: .read(Read(rows: rows(3, 3, 0, 0, 0), totals: ("2000010000", "2000010000", "0", "0", "0")))),
        Case(name: "a metrics file naming unknown functions",
             subject: .metrics(cur: .fixture("hostile/good.csv"), metrics: .fixture("hostile/metrics-unknown-functions.csv")),
             expected: .read(Read(rows: rows(1, 1, 0, 0, 0), totals: ("0.25", "0.25", "0", "0", "0"), diagnostics: [
                 "{metrics}:5:35: error: expected a non-negative decimal number in 'memory_mb', found \"-5\"",
                 "{metrics}:5:38: error: expected a non-negative decimal number in 'avg_duration_ms', found \"fast\"",
                 "{metrics}:6:32: error: expected at most 10240 in 'memory_mb', found \"20000\"",
                 "{metrics}:6:38: error: expected at most 900000 in 'avg_duration_ms', found \"1000000\"",
                 "lambda-cost-report: warning: metrics name bad-values in us-east-1 (111122223333), which has no Lambda usage in 2026-10",
                 "lambda-cost-report: warning: metrics name ghost-fn in us-east-1 (111122223333), which has no Lambda usage in 2026-10",
                 "lambda-cost-report: warning: metrics name huge-fn in us-east-1 (111122223333), which has no Lambda usage in 2026-10",
                 "lambda-cost-report: warning: metrics name checkout-api in eu-west-1 (999999999999), which has no Lambda usage in 2026-10",
             ]))),
        Case(name: "a config with bad values", subject: .config(.fixture("hostile/bad-config.toml")),
             expected: .fails("""
                 {file}:3:19: error: memory_headroom must be at least 0; found -0.2
                 {file}:4:12: error: strategy must be one of cost, speed, balanced; found 'cheapest'
                 {file}:5:16: error: batch_factor must be a whole number from 1 to 10000; found 0
                 {file}:6:18: error: anomaly_factor must be a finite number; found nan
                 {file}:7:1: error: unknown key 'headroom' in [scenarios]; valid keys: memory_headroom, max_p99_slowdown, strategy, balanced_weight, idle_cpu_share, batch_factor, request_cost_share, anomaly_factor, anomaly_minimum_extra_usd, region_move_minimum_share
                 {file}:10:19: error: duration_factor is out of range; found 1e300
                 {file}:13:13: error: bad function pattern '../../etc/passwd': expected a function name or account/region/name, found 4 parts separated by '/'
                 {file}:17:18: error: default_policy must be one of same_group, stay; found 'anywhere'
                 {file}:20:11: error: tag_key must be a tag key such as 'team'; found 42
                 """)),
    ]

    // MARK: - Generated inputs

    static func text(_ lines: [String], ending: String = "\n") -> [UInt8] { Array(lines.map { $0 + ending }.joined().utf8) }

    /// An S3 row whose quoted resource ID is 10 MB of text with commas, doubled quotes and 1,000 line breaks,
    /// between Lambda rows; then a row in EUR and one with invalid UTF-8 in its resource ID.
    @Sendable static func tenMegabyteField() -> [UInt8] {
        var bytes = text([header, lambda + "Request,checkout-api,1000,USD,0.25"])
        bytes += Array("111122223333,Usage,2026-10-01T03:00:00Z,AmazonS3,Requests-Tier1,\"".utf8)
        let chunk = Array(String(repeating: "x", count: 9_984).utf8) + Array("a,b\"\"c\r\n".utf8) + Array(String(repeating: "y", count: 8).utf8)
        for _ in 0..<1_000 { bytes += chunk }
        bytes += Array("\",10,USD,0.5\n".utf8)
        bytes += text([lambda + "Request,checkout-api,1000,EUR,0.75"])
        bytes += Array((lambda + "Request,check").utf8) + [0xC3, 0x28] + Array("out,1000,USD,0.25\n".utf8)
        return bytes
    }

    /// A field of 17 MiB: more than the reader's 16 MiB bound on one record.
    @Sendable static func seventeenMegabyteRecord() -> [UInt8] {
        var bytes = text([header, lambda + "Request,checkout-api,1000,USD,0.25"])
        bytes += Array((lambda + "Request,").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "z"), count: 17 << 20)
        bytes += Array(",1000,USD,0.5\n".utf8)
        return bytes
    }

    /// NUL bytes in a resource ID (not a function name), a cost, a usage type and a whole line.
    @Sendable static func nulBytes() -> [UInt8] {
        var bytes = text([header, lambda + "Request,checkout-api,1000,USD,0.25"])
        bytes += Array((lambda + "Request,check").utf8) + [0] + Array("out,1000,USD,0.5\n".utf8)
        bytes += Array((lambda + "Request,checkout-api,1000,USD,0.5").utf8) + [0, 0x0A]
        bytes += [0, 0, 0, 0, 0x0A]
        bytes += Array((lambda + "Req").utf8) + [0] + Array("uest,checkout-api,1000,USD,0.125\n".utf8)
        return bytes
    }

    /// An ANSI escape sequence as a usage type, and a cost field holding a line break and a fake diagnostic.
    @Sendable static func terminalEscapes() -> [UInt8] {
        text([
            header, lambda + "Request,checkout-api,1000,USD,0.25", lambda + "\u{1B}]0;pwned\u{07}\u{1B}[2J,checkout-api,1000,USD,0.125",
            lambda + "Request,checkout-api,1000,USD,\"0.5\nfake.csv:1:1: error: forged\"",
        ])
    }

    @Sendable static func outOfRange() -> [UInt8] {
        text([header, lambda + "Request,checkout-api,1000,USD,0.25", lambda + "Request,checkout-api,1000,USD,1e20"])
    }

    @Sendable static func tooLargeToAdd() -> [UInt8] {
        text([header] + Array(repeating: "111122223333,Usage,2026-10-01T03:00:00Z,AmazonS3,Requests-Tier1,my-bucket,10,USD,100000000000", count: 11))
    }

    /// Amounts that add up to just under the 10^12 bound (quantities count too), for one function.
    @Sendable static func largestAmounts() -> [UInt8] {
        text([
            header, lambda + "Lambda-GB-Second,checkout-api,498000000000,USD,1000000000",
            "111122223333,Usage,2026-10-01T04:00:00Z,AWSLambda,Request,checkout-api,498000000000,USD,1000000000",
            "111122223333,Usage,2026-10-01T05:00:00Z,AWSLambda,Lambda-Provisioned-Concurrency,checkout-api,1000000,USD,10000",
        ])
    }

    /// Every metric at its maximum (10,240 MB, 900 s, 900,000 ms, 10^12 invocations): the scenarios' products
    /// with the largest amounts stay in range.
    @Sendable static func largestMetrics() -> [UInt8] {
        text([
            "account_id,region,function_name,architecture,memory_mb,ephemeral_mb,timeout_s,trigger,invocations,avg_duration_ms,p50_duration_ms,p99_duration_ms,avg_billed_duration_ms,max_memory_used_mb,cold_starts,avg_init_duration_ms,avg_cpu_time_ms,errors,timeouts,sqs_visibility_timeout_s",
            "111122223333,us-east-1,checkout-api,x86_64,10240,10240,900,api-gateway,1000000000000,900000,900000,900000,900000,10240,1000000000000,900000,900000,1000000000000,1000000000000,43200",
        ])
    }

    @Sendable static func invalidUTF8Header() -> [UInt8] {
        Array("lineItem/UsageAccountId,lineItem/".utf8) + [0xFF, 0xFE] + Array("LineItemType\n".utf8)
    }

    /// A CUR of 5,000 rows, gzipped, cut in the middle of the compressed data.
    @Sendable static func truncatedGzip() -> [UInt8] {
        let rows = (0..<5_000).map { "111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,fn-\($0 % 97),\($0),USD,0.\($0)" }
        let compressed = gzip(text([header] + rows))
        return Array(compressed[0..<(compressed.count / 2)])
    }

    /// 64 KiB of seeded random bytes, gzipped properly: the gzip is fine, the content is not a CUR.
    @Sendable static func gzipOfGarbage() -> [UInt8] {
        var random = SampleRandom(seed: 9)
        return gzip((0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }

    /// The gzip magic followed by random bytes.
    @Sendable static func garbageWithGzipMagic() -> [UInt8] {
        var random = SampleRandom(seed: 11)
        return [0x1F, 0x8B, 0x00] + (0..<4_096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// The bytes gzipped with the project's own writer.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let path = RepositoryPaths.temporaryFolder() + "/data.gz"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let writer = try! GzipFileWriter(path: path)
        try! bytes.withUnsafeBytes { try writer.write($0) }
        try! writer.finish()
        return Array(FileManager.default.contents(atPath: path)!)
    }

    // MARK: - Running a case

    /// Writes generated inputs into `folder`; returns the path of each source.
    static func path(of source: Source, in folder: String) -> String {
        switch source {
        case .fixture(let name):
            return fixturePath(name)
        case .generated(let name, let make):
            let path = folder + "/" + name
            FileManager.default.createFile(atPath: path, contents: Data(make()))
            return path
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: HostileInputTests.cases)
    func hostileInput(_ testCase: Case) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let started = ContinuousClock.now
        var curPaths: [String] = []
        var metricsPaths: [String] = []
        var month: BillingMonth?
        var allowEmpty = false
        var placeholders: [(String, String)] = []
        switch testCase.subject {
        case .cur(let sources, let monthText, let allowEmptyMonth):
            curPaths = sources.map { Self.path(of: $0, in: folder) }
            month = monthText.flatMap(BillingMonth.init)
            allowEmpty = allowEmptyMonth
            placeholders = [("{file}", curPaths[0])]
        case .metrics(let cur, let metrics):
            curPaths = [Self.path(of: cur, in: folder)]
            metricsPaths = [Self.path(of: metrics, in: folder)]
            placeholders = [("{file}", curPaths[0]), ("{metrics}", metricsPaths[0])]
        case .config(let source):
            let path = Self.path(of: source, in: folder)
            let messages: [String]
            do {
                _ = try ReportConfiguration(contentsOfFile: path)
                messages = []
            } catch {
                messages = error.diagnostics.map(\.description)
            }
            guard case .fails(let expected) = testCase.expected else {
                Issue.record("a configuration case expects errors")
                return
            }
            #expect(messages == expected.replacingOccurrences(of: "{file}", with: path).split(separator: "\n").map(String.init))
            return
        }
        func substitute(_ text: String) -> String {
            placeholders.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }

        var input = IngestStage.Input(curFiles: curPaths, metricsFiles: metricsPaths, month: month)
        input.allowEmpty = allowEmpty
        switch testCase.expected {
        case .fails(let message):
            do {
                _ = try IngestStage().run(input)
                Issue.record("\(testCase.name): expected the error \(substitute(message))")
            } catch {
                #expect("\(error)" == substitute(message))
            }
        case .read(let expected):
            let result = try IngestStage().run(input)
            #expect(result.diagnostics.map(\.description) == expected.diagnostics.map(substitute))
            #expect(result.rows == expected.rows)
            let (total, lambda, other, rejected, outside) = expected.totals
            #expect(result.totals == IngestResult.CostTotals(
                input: dec(total), lambda: dec(lambda), otherServices: dec(other), rejected: dec(rejected), outsideMonth: dec(outside)))
            #expect(result.rejectedRowsWithoutCost == expected.rejectedWithoutCost)
            Self.expectNothingLost(result)
            try Self.expectThePipelineRuns(curPaths, metrics: metricsPaths, month: month, allowEmpty: allowEmpty, ingest: result)
        }
        #expect(ContinuousClock.now - started < .seconds(30), "\(testCase.name) took \(ContinuousClock.now - started)")
    }

    /// Every data row is counted once, every readable cent lands in exactly one destination, and every rejected
    /// row is listed.
    static func expectNothingLost(_ result: IngestResult) {
        #expect(result.totals.reconciles)
        #expect(result.totals.input == result.totals.lambda + result.totals.otherServices + result.totals.rejected + result.totals.outsideMonth)
        let rows = result.rows
        #expect(rows.read == rows.lambda + rows.otherServices + rows.rejected + rows.outsideMonth)
        #expect(rows.read == result.inputs.map(\.rows).reduce(0, +))
        #expect(result.rejects.count == rows.rejected)
        #expect(FixedDecimal.sum(result.rejects.files.map(\.cost)) == result.totals.rejected)
        #expect(result.rejects.withoutCost == result.rejectedRowsWithoutCost)
        // The ledger holds exactly the Lambda rows and their cost.
        var ledgerRows = 0
        var ledgerCost = FixedDecimal.zero
        result.ledger.forEachCell { _, amounts in
            ledgerRows += amounts.rows
            ledgerCost += amounts.unblendedCost
        }
        #expect(ledgerRows == rows.lambda)
        #expect(ledgerCost == result.totals.lambda)
    }

    /// The whole job on the same input: it finishes, and its manifest reconciles to the ingest.
    static func expectThePipelineRuns(_ inputs: [String], metrics: [String], month: BillingMonth?, allowEmpty: Bool = false,
                                      ingest: IngestResult) throws {
        let output = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        var options = ReportPipeline.Options(
            inputs: inputs, metrics: metrics, pricingDirectory: RepositoryPaths.pricing, month: month,
            outputDirectory: output, templatesDirectory: RepositoryPaths.templates)
        options.allowEmpty = allowEmpty
        let pipeline = ReportPipeline(options: options)
        let outcome = try pipeline.run()
        let manifest = outcome.manifest
        #expect(manifest.rows.read == ingest.rows.read)
        #expect(manifest.rows.rejected == ingest.rows.rejected)
        #expect(manifest.totals.inputUnblendedUSD == ingest.totals.input)
        #expect(manifest.totals.inputUnblendedUSD == manifest.totals.lambdaUnblendedUSD + manifest.totals.otherUnblendedUSD
            + manifest.totals.rejectedUnblendedUSD + manifest.totals.outsideMonthUnblendedUSD)
        let files = GoldenFiles.files(under: output)
        for required in ["index.html", "functions.csv", "rejects.csv", "manifest.json"] {
            #expect(files.contains("\(ingest.month)/\(required)"), "\(required)")
        }
        // rejects.csv has one record per rejected row (records end with CRLF; raw rows may hold line breaks).
        let rejects = try CSVReader(source: ByteSource(path: "\(output)/\(ingest.month)/rejects.csv"))
        var records = 0
        while try rejects.nextRecord() { records += 1 }
        #expect(records == 1 + ingest.rows.rejected)
    }
}
