import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostCommands
@testable import LambdaCostKit

/// The hourly aggregate of a CUR (docs/scale-out.md, issue #8): made by `sql/duckdb-parquet.sql` (through
/// `scripts/cur-aggregate`) from the end-to-end fixture and from the sample month, it must give the same ledger,
/// totals and report files as the CUR itself. With DuckDB's Python module installed the aggregates are made here
/// and checked against the committed copies in `Fixtures/aggregate/` (re-record them with `RECORD_GOLDEN=1`);
/// without it the committed copies are read, so the reader is tested either way.
@Suite(.serialized) struct AggregateInputTests {
    static let fixtures = TestPaths.fixtures + "/aggregate"
    static let e2eCUR = TestPaths.fixtures + "/e2e/cur-2026-10.csv"
    static let e2eMetrics = TestPaths.fixtures + "/e2e/metrics-2026-10.csv"
    static let sampleCUR = RepositoryPaths.sample + "/cur-2026-10.csv.gz"
    static let sampleMetrics = RepositoryPaths.sample + "/metrics-2026-10.csv"

    /// Whether `python3 -c 'import duckdb'` works (`AGGREGATE_TESTS_WITHOUT_DUCKDB=1` tests the committed copies only).
    static let duckDBAvailable: Bool = ProcessInfo.processInfo.environment["AGGREGATE_TESTS_WITHOUT_DUCKDB"] != "1"
        && (try? run(["python3", "-c", "import duckdb"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try ToolProcess.run(arguments) }

    /// The aggregate to test: made now with DuckDB (and compared with the committed copy), else the committed copy.
    static func aggregate(of cur: String, committed: String, month: String?, in folder: String) throws -> String {
        guard duckDBAvailable else { return committed }
        let made = folder + "/aggregate-made-" + UUID().uuidString + ".csv"
        let script = RepositoryPaths.root + "/scripts/cur-aggregate"
        let outcome = try run(["python3", script, "--output", made] + (month.map { ["--month", $0] } ?? []) + [cur])
        #expect(outcome.status == 0, "\(outcome.output)")
        let bytes = try InputBytes.contents(made)
        if GoldenFiles.isRecording, bytes != (try? InputBytes.contents(committed)) {
            // Like every golden: written, then the run fails naming it, so a re-record is always reviewed.
            Issue.record("recorded \(committed): review the diff, then run again without RECORD_GOLDEN")
            if committed.hasSuffix(".gz") {
                let plain = String(committed.dropLast(3))
                try Data(bytes).write(to: URL(fileURLWithPath: plain))
                let zipped = try run(["gzip", "-9", "-n", "-f", plain])
                #expect(zipped.status == 0, "\(zipped.output)")
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: committed))
            }
        } else if !GoldenFiles.isRecording {
            #expect(bytes == (try InputBytes.contents(committed)),
                "sql/duckdb-parquet.sql no longer makes \(committed): check the change, then re-record it with RECORD_GOLDEN=1 swift test --filter AggregateInputTests")
        }
        return made
    }

    static func ingest(_ files: InputFiles, attribution: AttributionRules = AttributionRules()) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: files.cur, metricsFiles: files.metrics)
        input.aggregateFiles = files.aggregate
        input.attribution = attribution
        return try IngestStage().run(input)
    }

    /// Everything the ingest result holds that must not depend on reading the CUR or its aggregate.
    static func expectSameIngest(_ fromCUR: IngestResult, _ fromAggregate: IngestResult, sameRejectReasons: Bool = true) {
        #expect(fromAggregate.month == fromCUR.month)
        #expect(fromAggregate.monthsPresent == fromCUR.monthsPresent)
        #expect(fromAggregate.monthSelection == fromCUR.monthSelection)
        #expect(fromAggregate.rows == fromCUR.rows)
        #expect(fromAggregate.totals == fromCUR.totals)
        #expect(fromAggregate.totals.reconciles)
        #expect(fromAggregate.savingsPlanFees == fromCUR.savingsPlanFees)
        #expect(fromAggregate.otherServices == fromCUR.otherServices)
        #expect(fromAggregate.rejectedRowsWithoutCost == fromCUR.rejectedRowsWithoutCost)
        #expect(fromAggregate.rejects.examples.map(\.unblendedCost) == fromCUR.rejects.examples.map(\.unblendedCost))
        for (cur, aggregate) in zip(fromCUR.rejects.examples, fromAggregate.rejects.examples) where sameRejectReasons {
            #expect(aggregate.reason.hasPrefix(cur.reason), "\(aggregate.reason)")
        }
        let curCells = fromCUR.ledger.cells
        let aggregateCells = fromAggregate.ledger.cells
        #expect(aggregateCells.count == curCells.count)
        #expect(aggregateCells == curCells)
        #expect(fromAggregate.ledger.functions == fromCUR.ledger.functions)
        #expect(fromAggregate.ledger.qualifiers == fromCUR.ledger.qualifiers)
        for function in fromCUR.ledger.functions {
            #expect(fromAggregate.ledger.tags(of: function) == fromCUR.ledger.tags(of: function), "\(function)")
        }
        #expect(fromAggregate.metrics.keys.sorted() == fromCUR.metrics.keys.sorted())
        // The warnings and notes (shown on the report) are the same; errors name the file they come from.
        func shown(_ result: IngestResult) -> [String] {
            result.diagnostics.filter { $0.severity != .error }.map(\.description)
        }
        #expect(shown(fromAggregate) == shown(fromCUR))
        #expect(fromAggregate.inputs.map(\.spelling) == [.aggregate])
        #expect(fromAggregate.inputs.allSatisfy { $0.hasPublicOnDemandCost })
    }

    static func report(input: String, metrics: String, output: String, config: String? = nil) throws {
        var command = try LambdaCostReportCommand.parseAsRoot([
            "report", "--input", input, "--metrics", metrics, "--output", output, "--templates", TestPaths.templates,
            "--pricing", TestPaths.pricing, "--month", "2026-10",
        ] + (config.map { ["--config", $0] } ?? []))
        try OutputCapture.$current.withValue(OutputCapture()) { try command.run() }
    }

    /// Every report file is byte-identical except the manifest's inputs and the rejects' locations (in
    /// rejects.csv and in the rejected-rows section of findings.html, which names the input file).
    static func expectSameReport(cur: String, aggregate: String, metrics: String, config: String? = nil) throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try report(input: cur, metrics: metrics, output: folder + "/cur", config: config)
        try report(input: aggregate, metrics: metrics, output: folder + "/aggregate", config: config)
        let fromCUR = folder + "/cur/2026-10"
        let fromAggregate = folder + "/aggregate/2026-10"
        let files = GoldenFiles.files(under: fromCUR)
        #expect(GoldenFiles.files(under: fromAggregate) == files)
        #expect(files.contains("functions.csv") && files.contains("opportunities.csv") && files.contains("index.html"))
        let withLocations: Set<String> = ["manifest.json", "rejects.csv", "findings.html"]
        for file in files where !withLocations.contains(file) {
            #expect(FileManager.default.contents(atPath: "\(fromAggregate)/\(file)") == FileManager.default.contents(atPath: "\(fromCUR)/\(file)"),
                "\(file) differs")
        }
        func manifest(_ folder: String) throws -> Manifest {
            try JSONDecoder().decode(Manifest.self, from: try #require(FileManager.default.contents(atPath: folder + "/manifest.json")))
        }
        let curManifest = try manifest(fromCUR)
        let aggregateManifest = try manifest(fromAggregate)
        #expect(aggregateManifest.totals == curManifest.totals)
        #expect(aggregateManifest.rows == curManifest.rows)
        #expect(aggregateManifest.month == curManifest.month)
        #expect(aggregateManifest.roundedAmounts == curManifest.roundedAmounts)
        #expect(aggregateManifest.metricsInputs == curManifest.metricsInputs)
        #expect(aggregateManifest.outputs.filter { !withLocations.contains($0.path) } == curManifest.outputs.filter { !withLocations.contains($0.path) })
        #expect(aggregateManifest.inputs.map(\.spelling) == ["aggregate"])
        #expect(aggregateManifest.inputs.map(\.path) == [aggregate])
    }

    // MARK: - The same results as from the CUR

    @Test func theEndToEndFixtureGivesTheSameLedgerAndReport() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let aggregate = try Self.aggregate(
            of: Self.e2eCUR, committed: Self.fixtures + "/e2e/aggregate-2026-10.csv", month: nil, in: folder)
        let fromCUR = try Self.ingest(InputFiles(cur: [Self.e2eCUR], metrics: [Self.e2eMetrics]))
        let fromAggregate = try Self.ingest(InputFiles(cur: [], metrics: [Self.e2eMetrics], aggregate: [aggregate]))
        Self.expectSameIngest(fromCUR, fromAggregate)
        // The fixture's one rejected row (cost "1,0") is rejected by the query and counted without a cost.
        #expect(fromAggregate.rejects.count == 1)
        #expect(fromAggregate.totals.lambda.description == "8.0265562")
        try Self.expectSameReport(cur: Self.e2eCUR, aggregate: aggregate, metrics: Self.e2eMetrics)
    }

    @Test func theSampleMonthGivesTheSameLedgerAndReport() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let aggregate = try Self.aggregate(
            of: Self.sampleCUR, committed: Self.fixtures + "/sample/aggregate-2026-10.csv.gz", month: "2026-10", in: folder)
        // The sample ties API Gateway and Bedrock rows by their function tag, which an aggregate does not keep
        // (docs/scale-out.md): the CUR is read without it, as the aggregate is.
        let withoutTag = AttributionRules(functionTag: nil)
        let fromCUR = try Self.ingest(InputFiles(cur: [Self.sampleCUR], metrics: [Self.sampleMetrics]), attribution: withoutTag)
        let fromAggregate = try Self.ingest(InputFiles(cur: [], metrics: [Self.sampleMetrics], aggregate: [aggregate]), attribution: withoutTag)
        Self.expectSameIngest(fromCUR, fromAggregate)
        #expect(fromAggregate.rows.read == 56865)
        #expect(fromAggregate.savingsPlanFees.rows > 0)
        // The sample's CloudWatch Logs rows of functions' log groups are tied to their functions from the aggregate too.
        #expect(fromAggregate.otherServices.attributed.values.contains { $0.charges[.logIngestion] != nil })
        let config = folder + "/lambda-cost-report.toml"
        try Data("[attribution]\nfunction_tag = \"\"\n".utf8).write(to: URL(fileURLWithPath: config))
        try Self.expectSameReport(cur: Self.sampleCUR, aggregate: aggregate, metrics: Self.sampleMetrics, config: config)
    }

    /// The same query on the Parquet files AWS delivers (legacy CUR in Parquet: snake_case, DOUBLE amounts, TIMESTAMP
    /// dates, tag columns; CUR 2.0: product_region_code, TIMESTAMPTZ, the resource_tags MAP), made from the fixture.
    /// Needs DuckDB: Parquet files are not committed.
    @Test(.enabled(if: duckDBAvailable), arguments: ["athena", "cur2"])
    func parquetExportsGiveTheSameLedgerAndReport(style: String) throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let parquet = folder + "/cur-2026-10.parquet"
        let converted = try Self.run(["python3", Self.fixtures + "/cur-to-parquet.py", Self.e2eCUR, parquet, style])
        #expect(converted.status == 0, "\(converted.output)")
        let aggregate = folder + "/aggregate-2026-10.csv"
        let made = try Self.run(["python3", RepositoryPaths.root + "/scripts/cur-aggregate", "--output", aggregate, parquet])
        #expect(made.status == 0, "\(made.output)")
        let fromCUR = try Self.ingest(InputFiles(cur: [Self.e2eCUR], metrics: [Self.e2eMetrics]))
        let fromAggregate = try Self.ingest(InputFiles(cur: [], metrics: [Self.e2eMetrics], aggregate: [aggregate]))
        // The cost "1,0" is NULL in the typed file, so the query's reason quotes an empty value.
        Self.expectSameIngest(fromCUR, fromAggregate, sameRejectReasons: false)
        #expect(fromAggregate.rejects.examples.map(\.reason) == [
            "expected a decimal number in 'lineItem/UnblendedCost', found \"\" (identity/LineItemId id022)",
        ])
        try Self.expectSameReport(cur: Self.e2eCUR, aggregate: aggregate, metrics: Self.e2eMetrics)
    }

    /// CloudWatch rows of a function's log group keep their account, usage type, region, log group and usage amount
    /// in the aggregate, so the built-in rule ties them to the function as from the CUR (docs/attribution.md); the
    /// other services' other rows are counted by product.
    @Test func logGroupRecordsAreTiedToTheirFunctionAsFromTheCUR() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let orders = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api"
        let worker = "arn:aws:logs:eu-west-1:444455556666:log-group:/aws/lambda/worker"
        let cur = folder + "/cur-2026-10.csv"
        try ([
            "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/UnblendedCost,product/regionCode",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,\(orders),2,1.00,us-east-1",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,\(orders),0.5,0.25,us-east-1",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,\(orders):*,1,0.5,us-east-1",
            "111122223333,Usage,2026-10-01T05:00:00Z,AmazonCloudWatch,USE1-TimedStorage-ByteHrs,\(orders),0.001,0.00003,us-east-1",
            "111122223333,Usage,2026-10-31T05:00:00Z,AmazonCloudWatch,USE1-TimedStorage-ByteHrs,\(orders),0.002,0.00006,us-east-1",
            "111122223333,Credit,2026-10-02T00:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,\(orders),,-0.1,us-east-1",
            "444455556666,Usage,2026-10-03T00:00:00Z,AmazonCloudWatch,EUW1-DataProcessing-Bytes,\(worker),4,2,eu-west-1",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,arn:aws:logs:us-east-1:111122223333:log-group:/ecs/orders,1,0.7,us-east-1",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-CW:MetricMonitorUsage,,1,0.3,us-east-1",
            "111122223333,Usage,2026-10-01T01:00:00Z,AmazonS3,USE1-TimedStorage-ByteHrs,bucket-1,1,0.023,us-east-1",
        ].joined(separator: "\n") + "\n").write(toFile: cur, atomically: false, encoding: .utf8)
        // The aggregate sql/duckdb-parquet.sql makes of it (without its optional columns).
        let header = "format_version,record_type,billing_period,usage_account_id,product_code,line_item_type,usage_type,region,resource_id,usage_hour,usage_amount,unblended_cost,rows"
        let written = folder + "/aggregate-2026-10.csv"
        try ([
            header,
            "1,other,2026-10,111122223333,AmazonCloudWatch,Usage,USE1-DataProcessing-Bytes,us-east-1,\(orders),2026-10-01T01:00:00Z,2.5,1.25,2",
            "1,other,2026-10,111122223333,AmazonCloudWatch,Usage,USE1-DataProcessing-Bytes,us-east-1,\(orders):*,2026-10-01T01:00:00Z,1,0.5,1",
            "1,other,2026-10,111122223333,AmazonCloudWatch,Usage,USE1-TimedStorage-ByteHrs,us-east-1,\(orders),2026-10-01T05:00:00Z,0.001,0.00003,1",
            "1,other,2026-10,111122223333,AmazonCloudWatch,Usage,USE1-TimedStorage-ByteHrs,us-east-1,\(orders),2026-10-31T05:00:00Z,0.002,0.00006,1",
            "1,other,2026-10,111122223333,AmazonCloudWatch,Credit,USE1-DataProcessing-Bytes,us-east-1,\(orders),2026-10-02T00:00:00Z,,-0.1,1",
            "1,other,2026-10,444455556666,AmazonCloudWatch,Usage,EUW1-DataProcessing-Bytes,eu-west-1,\(worker),2026-10-03T00:00:00Z,4,2,1",
            "1,other,2026-10,,AmazonCloudWatch,Usage,,,,2026-10-01T01:00:00Z,,1,2",
            "1,other,2026-10,,AmazonS3,Usage,,,,2026-10-01T01:00:00Z,,0.023,1",
        ].joined(separator: "\n") + "\n").write(toFile: written, atomically: false, encoding: .utf8)

        func ingest(cur: [String], aggregate: [String]) throws -> IngestResult {
            var input = IngestStage.Input(curFiles: cur, month: BillingMonth(year: 2026, month: 10)!)
            input.aggregateFiles = aggregate
            return try IngestStage().run(input)
        }
        let fromCUR = try ingest(cur: [cur], aggregate: [])
        let fromAggregate = try ingest(cur: [], aggregate: [written])
        #expect(fromAggregate.otherServices == fromCUR.otherServices)
        #expect(fromAggregate.rows == fromCUR.rows)
        #expect(fromAggregate.totals == fromCUR.totals)

        let shares = fromAggregate.otherServices.attributed
        let ordersShare = try #require(shares[FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api")])
        #expect(ordersShare.charges[.logIngestion] == OtherServiceCosts.Amount(cost: FixedDecimal(parsing: "1.65")!, rows: 4))
        #expect(ordersShare.charges[.logStorage] == OtherServiceCosts.Amount(
            cost: FixedDecimal(parsing: "0.00009")!, quantity: FixedDecimal(parsing: "0.003")!, rows: 2))
        #expect(ordersShare.storageFirstDays == FixedDecimal(parsing: "0.001")!)
        #expect(ordersShare.storageLastDays == FixedDecimal(parsing: "0.002")!)
        #expect(shares[FunctionIdentity(accountID: "444455556666", region: "eu-west-1", name: "worker")]?.charges[.logIngestion]
            == OtherServiceCosts.Amount(cost: FixedDecimal(2), rows: 1))
        #expect(fromAggregate.otherServices.notAttributed == [
            "AmazonCloudWatch": OtherServiceCosts.Amount(cost: FixedDecimal(1), rows: 2),
            "AmazonS3": OtherServiceCosts.Amount(cost: FixedDecimal(parsing: "0.023")!, rows: 1),
        ])
        #expect(fromAggregate.otherServices.total == fromAggregate.totals.otherServices)

        // The query makes the same records of it.
        if Self.duckDBAvailable {
            let made = folder + "/aggregate-made.csv"
            let outcome = try Self.run(["python3", RepositoryPaths.root + "/scripts/cur-aggregate", "--output", made, cur])
            #expect(outcome.status == 0, "\(outcome.output)")
            let fromQuery = try ingest(cur: [], aggregate: [made])
            #expect(fromQuery.otherServices == fromCUR.otherServices)
            #expect(fromQuery.rows == fromCUR.rows)
            #expect(fromQuery.totals == fromCUR.totals)
        }

        // A tied log storage record whose usage amount is not a number is rejected, as the reader's other amounts are.
        let bad = folder + "/aggregate-bad.csv"
        try "\(header)\n1,other,2026-10,111122223333,AmazonCloudWatch,Usage,USE1-TimedStorage-ByteHrs,us-east-1,\(orders),2026-10-01T01:00:00Z,x,1,1\n"
            .write(toFile: bad, atomically: false, encoding: .utf8)
        let rejected = try ingest(cur: [], aggregate: [bad])
        #expect(rejected.rejects.examples.map(\.reason) == ["expected a decimal number in 'usage_amount', found \"x\""])
        #expect(rejected.otherServices.total == .zero)
        #expect(rejected.totals.rejected == FixedDecimal(1))
    }

    // MARK: - Finding and refusing inputs

    @Test func anAggregateInAnInputFolderIsFoundByItsHeader() throws {
        let files = try InputFiles.expand(inputs: [Self.fixtures + "/e2e", TestPaths.fixtures + "/e2e"], metrics: [])
        #expect(files.aggregate == [Self.fixtures + "/e2e/aggregate-2026-10.csv"])
        #expect(files.cur == [Self.e2eCUR])
        #expect(files.metrics == [Self.e2eMetrics])
    }

    @Test func aCURAndItsAggregateTogetherAreRefused() throws {
        let files = try InputFiles.expand(inputs: [Self.fixtures + "/e2e", TestPaths.fixtures + "/e2e"], metrics: [])
        let error = try #require(throws: InputError.self) { try Self.ingest(files) }
        #expect(error.message.contains("is an aggregate of payer 004519876321 for 2026-10"), "\(error.message)")
        #expect(error.message.contains("would count their cost twice"))
    }

    @Test func aHeaderWithoutTheRequiredColumnsNamesThem() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/aggregate.csv"
        try "format_version,record_type,billing_period,usage_hour,unblended_cost\n1,other,2026-10,2026-10-01T00:00:00Z,1\n"
            .write(toFile: path, atomically: false, encoding: .utf8)
        let error = try #require(throws: IngestError.self) {
            try Self.ingest(InputFiles(cur: [], metrics: [], aggregate: [path]))
        }
        #expect(error.location == SourceLocation(file: path, line: 1, column: 1))
        #expect(error.message == "not a lambda-cost-report aggregate header (docs/scale-out.md): missing columns 'usage_account_id', 'line_item_type', 'usage_type', 'resource_id', 'usage_amount', 'rows'")
    }

    // MARK: - Records the reader cannot use

    /// `Fixtures/aggregate/hostile/`: two good records, one bad thing per line after them, and two records that
    /// the rules accept with a warning or a default.
    @Test func badRecordsAreRejectedWithTheirPlace() throws {
        let path = Self.fixtures + "/hostile/aggregate-2026-10.csv"
        let result = try Self.ingest(InputFiles(cur: [], metrics: [], aggregate: [path]))
        let found = result.rejects.examples.map { "\($0.location.line):\($0.location.column) \($0.unblendedCost?.description ?? "-")" }
        #expect(found == [
            "4:1 -", "5:173 -", "6:3 1.5", "7:165 -", "8:142 0.25", "9:10 0.125", "10:136 0.0625", "11:163 0.03125",
            "12:174 0.015625", "13:179 0.01", "14:148 -", "15:1 -", "16:61 -", "17:31 0.0078125", "19:110 1",
        ])
        let reasons = result.rejects.examples.map(\.reason)
        #expect(reasons[0] == "expected format_version 1 in 'format_version', found \"2\" (docs/scale-out.md)")
        #expect(reasons[1] == "expected a whole number of rows from 1 to 1000000000000 in 'rows', found \"0\"")
        #expect(reasons[2] == "expected 'lambda', 'other' or 'rejected' in 'record_type', found \"lambada\"")
        #expect(reasons[3] == "expected a decimal number in 'unblended_cost', found \"abc\"")
        #expect(reasons[4] == "expected an hour such as 2026-10-01T00:00:00Z in 'usage_hour', found \"2026-10-02\"")
        #expect(reasons[5] == "expected a month such as 2026-10 in 'billing_period', found \"2026/10\"")
        #expect(reasons[6] == "expected true or false in 'free_tier', found \"yes\"")
        #expect(reasons[7] == "expected a decimal number in 'usage_amount', found \"\"")
        #expect(reasons[8] == "expected a decimal number in 'public_on_demand_cost', found \"n/a\"")
        #expect(reasons[9] == "expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD) (identity/LineItemId x1)")
        #expect(reasons[10] == "rejected by the query that made the aggregate")
        #expect(reasons[11] == "expected 22 fields as in the header, found 3")
        #expect(reasons[13] == "expected an account ID in 'usage_account_id'")
        #expect(reasons[14] == "expected a decimal number in 'total_commitment', found \"x\"")

        #expect(result.month == BillingMonth(year: 2026, month: 10)!)
        #expect(result.monthSelection == .latestComplete)
        #expect(result.rows == IngestResult.RowCounts(read: 22, lambda: 4, otherServices: 3, rejected: 15, outsideMonth: 0))
        #expect(result.totals.lambda.description == "1.500002")
        #expect(result.totals.otherServices.description == "2.3")
        #expect(result.totals.rejected.description == "3.0021875")
        #expect(result.totals.input.description == "6.8021895")
        #expect(result.totals.reconciles)
        #expect(result.rejectedRowsWithoutCost == 6)
        #expect(result.savingsPlanFees.rows == 0)

        let orders = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api")
        #expect(result.ledger.tags(of: orders) == ["team": "payments"])
        let covered = result.ledger.cells.filter { $0.key.charge == .savingsPlanCoveredUsage }
        #expect(covered.count == 1)
        #expect(covered.first?.value == UsageLedger.Amounts(
            quantity: FixedDecimal(parsing: "60000")!, unblendedCost: FixedDecimal(parsing: "1.000002")!,
            onDemandCost: FixedDecimal(parsing: "1.000002")!, effectiveCost: FixedDecimal(parsing: "1.000002")!, rows: 2))
        #expect(result.diagnostics.contains {
            $0.severity == .warning && $0.message.hasPrefix("2 Savings Plan covered rows lack")
        })
    }
}
