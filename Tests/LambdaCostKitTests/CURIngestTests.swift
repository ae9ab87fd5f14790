import Foundation
import Testing
@testable import LambdaCostKit

/// An exact decimal from a literal, built digit by digit here (not with `FixedDecimal.parse`), so the parser the
/// ingest uses is not its own oracle.
func dec(_ literal: String) -> FixedDecimal {
    var text = Substring(literal)
    let negative = text.hasPrefix("-")
    if negative { text = text.dropFirst() }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    precondition(parts.count <= 2 && (parts.count == 1 || parts[1].count <= 24), "bad literal \(literal)")
    var units: Int128 = 0
    let digits = String(parts[0]) + (parts.count == 2 ? String(parts[1]) : "")
    for character in digits { units = units * 10 + Int128(character.wholeNumberValue!) }
    for _ in 0..<(24 - (parts.count == 2 ? parts[1].count : 0)) { units *= 10 }
    return FixedDecimal(units: negative ? -units : units)
}

/// The ingest stage on tiny CUR fixtures (`Fixtures/cur/`), one concern each, with totals worked out by hand.
@Suite struct CURIngestTests {
    static let account = "111122223333"
    static let october = BillingMonth(year: 2026, month: 10)!
    static let september = BillingMonth(year: 2026, month: 9)!

    func path(_ name: String) -> String { fixturePath("cur/" + name) }

    func ingest(_ names: String..., month: BillingMonth? = nil) throws -> IngestResult {
        try IngestStage().run(IngestStage.Input(curFiles: names.map(path), metricsFiles: [], month: month, regions: .builtIn))
    }

    func cells(_ result: IngestResult, name: String) -> [(key: UsageLedger.Key, amounts: UsageLedger.Amounts)] {
        result.ledger.cells.filter { $0.key.function.name == name }.map { ($0.key, $0.value) }
    }

    func function(_ output: FunctionCostStage.Output, _ name: String) -> FunctionCost? {
        output.functions.first { $0.function.name == name }
    }

    /// Unblended cost of the rows of no function, by charge type, summed from the ledger here.
    func unattributed(_ result: IngestResult) -> [ChargeType: FixedDecimal] {
        var sums: [ChargeType: FixedDecimal] = [:]
        for (key, amounts) in result.ledger.cells where key.function.name.isEmpty {
            sums[key.charge, default: .zero] += amounts.unblendedCost
        }
        return sums
    }

    func warnings(_ result: IngestResult) -> [String] {
        result.diagnostics.filter { $0.severity == .warning }.map(\.description)
    }

    // MARK: - Header spellings

    @Test(arguments: [
        ("spelling-legacy.csv", CURColumns.Spelling.legacy),
        ("spelling-athena.csv", .athena),
        ("spelling-cur2.csv", .cur2),
    ])
    func everySpellingGivesTheSameFunctions(file: String, spelling: CURColumns.Spelling) throws {
        let result = try ingest(file)
        #expect(result.inputs.map(\.spelling) == [spelling])
        #expect(result.inputs.map(\.rows) == [4])
        #expect(result.month == Self.october)
        #expect(result.rows == IngestResult.RowCounts(read: 4, lambda: 3, otherServices: 1, rejected: 0, outsideMonth: 0))
        #expect(result.totals.lambda == dec("0.0049083428"))
        #expect(result.totals.otherServices == dec("0.023"))
        #expect(result.totals.input == dec("0.0279083428"))
        #expect(result.totals.reconciles)
        #expect(result.rejects.isEmpty)

        let output = try FunctionCostStage().run(result)
        #expect(output.functions.map(\.function) == [
            FunctionIdentity(accountID: Self.account, region: "us-east-1", name: "checkout-api"),
            FunctionIdentity(accountID: Self.account, region: "us-west-2", name: "orders-worker"),
        ])
        #expect(unattributed(result).isEmpty)
        let checkout = try #require(function(output, "checkout-api"))
        #expect(checkout.requests == dec("1000"))
        #expect(checkout.gbSeconds == dec("250.5"))
        #expect(checkout.unblendedCost == dec("0.0043750084"))
        #expect(checkout.architectures == [.x86_64])
        #expect(checkout.qualifiers == ["live"])
        #expect(checkout.tags == ["team": "payments"])
        let orders = try #require(function(output, "orders-worker"))
        #expect(orders.requests == .zero)
        #expect(orders.gbSeconds == dec("40"))
        #expect(orders.unblendedCost == dec("0.0005333344"))
        #expect(orders.architectures == [.arm64])
        #expect(orders.qualifiers == [])
        #expect(orders.tags == ["team": "fulfilment"])
    }

    @Test func everySpellingGivesTheSameLedgerCells() throws {
        let legacy = try ingest("spelling-legacy.csv")
        let athena = try ingest("spelling-athena.csv")
        let cur2 = try ingest("spelling-cur2.csv")
        #expect(legacy.ledger.cells.count == 3)
        #expect(athena.ledger.cells == legacy.ledger.cells)
        #expect(cur2.ledger.cells == legacy.ledger.cells)
        let hour = UsageHour(year: 2026, month: 10, day: 1, hour: 3)
        let key = UsageLedger.Key(
            function: FunctionIdentity(accountID: Self.account, region: "us-east-1", name: "checkout-api"),
            architecture: .x86_64, kind: .requests, charge: .usage, hour: hour)
        #expect(legacy.ledger.cells[key] == UsageLedger.Amounts(
            quantity: dec("1000"), unblendedCost: dec("0.0002"), onDemandCost: dec("0.0002"), effectiveCost: dec("0.0002"), rows: 1))
    }

    // MARK: - Headers that are not usable

    @Test func headerMissingColumnsNamesThemInItsOwnSpelling() throws {
        let legacy = path("header-missing-legacy.csv")
        let error = #expect(throws: IngestError.self) { try ingest("header-missing-legacy.csv") }
        #expect(error?.description
            == "\(legacy):1:1: error: not a Cost and Usage Report header: missing columns 'lineItem/UsageAmount', 'lineItem/UnblendedCost'")

        let snake = path("header-missing-snake.csv")
        let snakeError = #expect(throws: IngestError.self) { try ingest("header-missing-snake.csv") }
        #expect(snakeError?.description
            == "\(snake):1:1: error: not a Cost and Usage Report header: missing column 'line_item_unblended_cost'")
    }

    @Test func headerNamingAColumnTwiceIsAnError() throws {
        // `line_item_usage_type` is `lineItem/UsageType` in the other spelling; it starts at byte 111 of line 1.
        let file = path("header-duplicate.csv")
        let error = #expect(throws: IngestError.self) { try ingest("header-duplicate.csv") }
        #expect(error?.description == "\(file):1:111: error: column 6 'line_item_usage_type' repeats column 5 'lineItem/UsageType'")
    }

    // MARK: - Rejected rows

    struct RejectCase: Sendable, CustomTestStringConvertible {
        var file: String
        var reason: String
        var line: Int
        var column: Int
        var raw: String
        /// The rejected row's readable cost, `nil` when it cannot be read.
        var cost: String?
        /// The good row (0.25) plus the readable rejected cost.
        var input: String
        var testDescription: String { file }
    }

    static let prefix = "111122223333,Usage,2026-10-01T03:00:00Z,AWSLambda,Request,"
    static let rejectCases = [
        RejectCase(
            file: "reject-field-count.csv", reason: "expected 9 fields as in the header, found 8", line: 3, column: 1,
            raw: prefix + "checkout-api,1000,0.75", cost: nil, input: "0.25"),
        RejectCase(
            file: "reject-bad-cost.csv", reason: "expected a decimal number in 'lineItem/UnblendedCost', found \"1.2.3\"",
            line: 3, column: 81, raw: prefix + "checkout-api,1000,USD,1.2.3", cost: nil, input: "0.25"),
        RejectCase(
            file: "reject-bad-usage-amount.csv", reason: "expected a decimal number in 'lineItem/UsageAmount', found \"12abc\"",
            line: 3, column: 72, raw: prefix + "checkout-api,12abc,USD,0.5", cost: "0.5", input: "0.75"),
        RejectCase(
            file: "reject-bad-date.csv",
            reason: "expected a timestamp such as 2026-10-01T00:00:00Z in 'lineItem/UsageStartDate', found \"2026-13-01T03:00:00Z\"",
            line: 3, column: 20, raw: "111122223333,Usage,2026-13-01T03:00:00Z,AmazonS3,Requests-Tier1,my-bucket,3,USD,0.125",
            cost: "0.125", input: "0.375"),
        RejectCase(
            file: "reject-currency.csv",
            reason: "expected currency 'USD' in 'lineItem/CurrencyCode', found \"EUR\" (the report is in USD)",
            line: 3, column: 77, raw: prefix + "checkout-api,1000,EUR,0.19", cost: "0.19", input: "0.44"),
        RejectCase(
            file: "reject-invalid-utf8.csv", reason: "expected UTF-8 text in 'lineItem/ResourceId'", line: 3, column: 59,
            raw: prefix + "check\u{FFFD}out,1000,USD,0.0625", cost: "0.0625", input: "0.3125"),
        RejectCase(
            file: "reject-malformed-quote.csv", reason: "a quote inside an unquoted field", line: 3, column: 67,
            raw: prefix + "checkout\"api,1000,USD,0.3", cost: nil, input: "0.25"),
    ]

    @Test(arguments: CURIngestTests.rejectCases)
    func rejectedRowIsReportedAndReconciled(_ expected: RejectCase) throws {
        let file = path(expected.file)
        let result = try ingest(expected.file)
        #expect(result.month == Self.october)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description)
            == ["\(file):\(expected.line):\(expected.column): error: \(expected.reason)"])
        #expect(result.rejects.examples.map(\.location) == [SourceLocation(file: file, line: expected.line, column: expected.column)])
        #expect(result.rejects.examples.map(\.reason) == [expected.reason])
        #expect(result.rejects.examples.map(\.raw) == [expected.raw])
        #expect(result.rejects.examples.map(\.unblendedCost) == [expected.cost.map(dec)])
        #expect(result.rows == IngestResult.RowCounts(read: 2, lambda: 1, otherServices: 0, rejected: 1, outsideMonth: 0))
        #expect(result.rejectedRowsWithoutCost == (expected.cost == nil ? 1 : 0))
        #expect(result.totals.lambda == dec("0.25"))
        #expect(result.totals.rejected == dec(expected.cost ?? "0"))
        #expect(result.totals.input == dec(expected.input))
        #expect(result.totals.reconciles)
        // The good row is still in the ledger.
        #expect(cells(result, name: "checkout-api").map(\.amounts.unblendedCost) == [dec("0.25")])
    }

    // MARK: - Classification of usage types

    struct Classified {
        var name: String
        var region: String
        var architecture: Architecture
        var kind: UsageKind
        var quantity: String
        var cost: String
    }

    @Test func usageTypesAreClassifiedByRegionArchitectureAndKind() throws {
        let result = try ingest("classify.csv")
        let expected = [
            Classified(name: "f-request", region: "us-east-1", architecture: .x86_64, kind: .requests, quantity: "1000000", cost: "0.20"),
            Classified(name: "f-eu", region: "eu-west-1", architecture: .x86_64, kind: .duration, quantity: "100", cost: "0.00166667"),
            Classified(name: "f-aps2-arm", region: "ap-southeast-2", architecture: .arm64, kind: .requests, quantity: "500", cost: "0.0001"),
            Classified(name: "f-arm", region: "us-east-1", architecture: .arm64, kind: .duration, quantity: "200", cost: "0.00266668"),
            Classified(name: "f-edge", region: "us-east-1", architecture: .x86_64, kind: .edgeRequests, quantity: "10", cost: "0.000006"),
            Classified(name: "f-pc-duration", region: "us-east-1", architecture: .x86_64, kind: .provisionedDuration, quantity: "300", cost: "0.0029"),
            Classified(name: "f-pc", region: "us-east-1", architecture: .x86_64, kind: .provisionedConcurrency, quantity: "3600", cost: "0.015"),
            Classified(name: "f-storage", region: "us-east-1", architecture: .x86_64, kind: .ephemeralStorage, quantity: "1024", cost: "0.0000316"),
            Classified(name: "", region: "us-west-2", architecture: .x86_64, kind: .dataTransfer, quantity: "0.5", cost: "0.01"),
            Classified(name: "f-mystery", region: "", architecture: .x86_64, kind: .unclassified, quantity: "7", cost: "0.07"),
        ]
        #expect(result.ledger.cells.count == expected.count)
        for row in expected {
            let found = cells(result, name: row.name)
            #expect(found.count == 1, "\(row.name)")
            guard let cell = found.first else { continue }
            #expect(cell.key.function == FunctionIdentity(accountID: Self.account, region: row.region, name: row.name), "\(row.name)")
            #expect(cell.key.architecture == row.architecture, "\(row.name)")
            #expect(cell.key.kind == row.kind, "\(row.name)")
            #expect(cell.key.charge == .usage, "\(row.name)")
            #expect(cell.amounts.quantity == dec(row.quantity), "\(row.name)")
            #expect(cell.amounts.unblendedCost == dec(row.cost), "\(row.name)")
        }
        #expect(result.rows == IngestResult.RowCounts(read: 10, lambda: 10, otherServices: 0, rejected: 0, outsideMonth: 0))
        #expect(result.totals.lambda == dec("0.30237095"))
        #expect(result.totals.reconciles)
        #expect(warnings(result) == [
            "lambda-cost-report: warning: unknown Lambda usage type 'Lambda-Mystery-Units' (1 row): kept as 'unclassified' with its cost"
        ])

        let output = try FunctionCostStage().run(result)
        #expect(function(output, "f-edge")?.requests == .zero)  // Lambda-Edge-Request is not a Lambda request
        #expect(function(output, "f-request")?.requests == dec("1000000"))
        #expect(function(output, "f-aps2-arm")?.requests == dec("500"))
        #expect(function(output, "f-pc")?.provisionedGBSeconds == dec("3600"))
        #expect(function(output, "f-pc")?.provisionedDurationGBSeconds == .zero)
        #expect(function(output, "f-pc-duration")?.provisionedDurationGBSeconds == dec("300"))
        #expect(function(output, "f-pc-duration")?.gbSeconds == .zero)
        #expect(unattributed(result) == [.usage: dec("0.01")])
    }

    // MARK: - Function identity

    @Test func functionNameComesFromTheResourceID() throws {
        let result = try ingest("identity.csv")
        let output = try FunctionCostStage().run(result)
        #expect(output.functions.map(\.function.name) == ["checkout-api", "orders-worker"])
        let checkout = try #require(function(output, "checkout-api"))
        #expect(checkout.function == FunctionIdentity(accountID: Self.account, region: "us-east-1", name: "checkout-api"))
        #expect(checkout.unblendedCost == dec("0.35"))
        #expect(checkout.requests == dec("3000"))
        #expect(checkout.qualifiers == ["$LATEST", "live"])
        let orders = try #require(function(output, "orders-worker"))
        #expect(orders.unblendedCost == dec("0.30"))
        #expect(orders.qualifiers == [])
        // Empty resource ID, an S3 ARN and a DynamoDB ARN: not attributable to a function.
        #expect(unattributed(result) == [.usage: dec("1.50")])
        #expect(cells(result, name: "").map(\.amounts.rows) == [3])
        #expect(result.totals.lambda == dec("2.15"))
        #expect(result.totals.reconciles)
        #expect(warnings(result) == [
            "lambda-cost-report: warning: 2 Lambda rows name a resource that is not a Lambda function; counted as not attributable to a function"
        ])
    }

    // MARK: - Charge types

    @Test func chargeTypesAndEffectiveCost() throws {
        let result = try ingest("charges.csv")
        func only(_ name: String) -> (key: UsageLedger.Key, amounts: UsageLedger.Amounts)? {
            let found = cells(result, name: name)
            return found.count == 1 ? found[0] : nil
        }
        // Usage at cost 0 under the free-tier offer term A429C66SYZ.
        let free = try #require(only("free-fn"))
        #expect(free.key.charge == .freeTierUsage)
        #expect(free.amounts == UsageLedger.Amounts(
            quantity: dec("1.501875"), unblendedCost: .zero, onDemandCost: dec("0.0000250313"), effectiveCost: .zero, rows: 1))
        // Cost 0 but the on-demand term: plain usage. A429C66SYZ but a cost: plain usage.
        #expect(only("zero-fn")?.key.charge == .usage)
        #expect(only("zero-fn")?.amounts.onDemandCost == dec("0.0000002"))
        #expect(only("paid-fn")?.key.charge == .usage)
        #expect(only("paid-fn")?.amounts.unblendedCost == dec("0.000001"))
        // Savings Plan covered usage: unblended is the on-demand cost, effective the SP cost.
        let covered = try #require(only("sp-fn"))
        #expect(covered.key.charge == .savingsPlanCoveredUsage)
        #expect(covered.amounts == UsageLedger.Amounts(
            quantity: dec("100"), unblendedCost: dec("0.00166667"), onDemandCost: dec("0.00166667"), effectiveCost: dec("0.0012"), rows: 1))

        let noFunction = cells(result, name: "")
        func cell(_ charge: ChargeType) -> (key: UsageLedger.Key, amounts: UsageLedger.Amounts)? {
            noFunction.first { $0.key.charge == charge }
        }
        #expect(noFunction.count == 3)
        let negation = try #require(cell(.savingsPlanNegation))
        #expect(negation.key.kind == .duration)
        #expect(negation.amounts == UsageLedger.Amounts(
            quantity: .zero, unblendedCost: dec("-0.00166667"), onDemandCost: .zero, effectiveCost: .zero, rows: 1))
        let credit = try #require(cell(.credit))
        #expect(credit.key.kind == UsageKind.none)
        #expect(credit.key.function == FunctionIdentity(accountID: Self.account, region: "", name: ""))
        #expect(credit.amounts.unblendedCost == dec("-1.00"))
        #expect(credit.amounts.effectiveCost == dec("-1.00"))
        let tax = try #require(cell(.tax))
        #expect(tax.key.kind == UsageKind.none)
        #expect(tax.amounts.unblendedCost == dec("0.07"))
        #expect(tax.amounts.effectiveCost == dec("0.07"))

        let output = try FunctionCostStage().run(result)
        #expect(function(output, "free-fn")?.freeTierValue == dec("0.0000250313"))
        #expect(function(output, "sp-fn")?.effectiveCost == dec("0.0012"))
        #expect(unattributed(result) == [.savingsPlanNegation: dec("-0.00166667"), .credit: dec("-1.00"), .tax: dec("0.07")])
        #expect(result.rows == IngestResult.RowCounts(read: 7, lambda: 7, otherServices: 0, rejected: 0, outsideMonth: 0))
        #expect(result.totals.lambda == dec("-0.929999"))
        #expect(result.totals.reconciles)
        #expect(warnings(result) == [])
    }

    // MARK: - Months

    @Test func latestMonthIsTheDefaultAndOtherMonthsAreCountedApart() throws {
        let result = try ingest("months.csv")
        #expect(result.month == Self.october)
        #expect(result.monthsPresent == [Self.september, Self.october])
        #expect(result.rows == IngestResult.RowCounts(read: 5, lambda: 2, otherServices: 1, rejected: 0, outsideMonth: 2))
        #expect(result.totals == IngestResult.CostTotals(
            input: dec("1.66"), lambda: dec("0.77"), otherServices: dec("0.45"), rejected: .zero, outsideMonth: dec("0.44")))
        #expect(result.totals.reconciles)
        #expect(result.ledger.month == Self.october)
        #expect(result.ledger.cells.count == 2)
        #expect(result.diagnostics.map(\.description).contains(
            "lambda-cost-report: note: 2 rows belong to other months (2026-09); they are counted apart, not in 2026-10"))
    }

    @Test func monthOptionPicksTheEarlierMonth() throws {
        let result = try ingest("months.csv", month: Self.september)
        #expect(result.month == Self.september)
        #expect(result.rows == IngestResult.RowCounts(read: 5, lambda: 1, otherServices: 1, rejected: 0, outsideMonth: 3))
        #expect(result.totals == IngestResult.CostTotals(
            input: dec("1.66"), lambda: dec("0.11"), otherServices: dec("0.33"), rejected: .zero, outsideMonth: dec("1.22")))
        #expect(result.totals.reconciles)
        #expect(result.ledger.month == Self.september)
        #expect(result.ledger.cells.values.map(\.unblendedCost) == [dec("0.11")])
    }

    // MARK: - Inputs

    @Test func sameFileGivenTwiceIsAnError() throws {
        let file = path("months.csv")
        let error = #expect(throws: InputError.self) { try ingest("months.csv", "months.csv") }
        #expect(error?.description.contains("was given twice") == true)
        #expect(error?.description == "\(file): error: the same content as \(file) was given twice; it would be counted twice")
    }

    // MARK: - Reconciliation

    @Test func totalsReconcileExactly() throws {
        // October is given: by default September would be reported, the latest month whose data reaches its last
        // day (the row of 2026-09-30T23:00; October's data ends on the 2nd).
        let result = try ingest("reconcile.csv", month: Self.october)
        #expect(result.month == Self.october)
        // Lambda 0.0000166667 + 1.25 - 0.50 + 0.0000002 = 0.7500168667
        // Other services 3.10 + 0.0000000739 (written 7.39e-8) = 3.1000000739
        // Rejected: a bad date with cost 2.5, and a short row whose cost is unknown
        // September: 0.333
        // Input: 0.7500168667 + 3.1000000739 + 2.5 + 0.333 = 6.6830169406
        #expect(result.totals == IngestResult.CostTotals(
            input: dec("6.6830169406"), lambda: dec("0.7500168667"), otherServices: dec("3.1000000739"),
            rejected: dec("2.5"), outsideMonth: dec("0.333")))
        #expect(result.totals.reconciles)
        #expect(result.rows == IngestResult.RowCounts(read: 9, lambda: 4, otherServices: 2, rejected: 2, outsideMonth: 1))
        #expect(result.rejectedRowsWithoutCost == 1)
        #expect(result.rejects.examples.map(\.location.line) == [8, 9])
        #expect(result.inputs.map(\.rows) == [9])
    }

    // MARK: - Real AWS data

    /// aws-samples/aws-serverless-saas-workshop `Lab7/SampleCUR/` (MIT-0): an Athena extract of a legacy CUR for
    /// October 2022. Expected values were computed with Python's `Decimal` from the file.
    @Test func realAWSMonthIngestsWithZeroRejects() throws {
        let file = fixturePath("aws/saas-workshop-cur-2022-10.csv.gz")
        let result = try IngestStage().run(IngestStage.Input(curFiles: [file]))
        #expect(result.month == BillingMonth(year: 2022, month: 10)!)
        #expect(result.inputs.map(\.spelling) == [.athena])
        #expect(result.inputs.map(\.rows) == [14_218])
        #expect(result.rows == IngestResult.RowCounts(read: 14_218, lambda: 173, otherServices: 14_045, rejected: 0, outsideMonth: 0))
        #expect(result.rejects.isEmpty)
        #expect(result.totals == IngestResult.CostTotals(
            input: dec("1.9539007572"), lambda: dec("0.0000007572"), otherServices: dec("1.9539"), rejected: .zero,
            outsideMonth: .zero))
        #expect(result.totals.reconciles)
        #expect(result.diagnostics.filter { $0.severity >= .warning }.isEmpty)

        let output = try FunctionCostStage().run(result)
        // Every resource ID is anonymised to the same (valid) function name, in two regions.
        #expect(output.functions.map(\.function) == [
            FunctionIdentity(accountID: "1234567890", region: "us-east-1", name: "arn_of_aws_resource_in_question"),
            FunctionIdentity(accountID: "1234567890", region: "us-west-2", name: "arn_of_aws_resource_in_question"),
        ])
        let east = output.functions[0]
        #expect(east.unblendedCost == .zero)
        #expect(east.onDemandCost > .zero)
        #expect(east.freeTierValue == dec("0.00046963"))
        #expect(output.functions[1].unblendedCost == dec("0.0000007572"))

        let freeTierRows = result.ledger.cells.filter { $0.key.charge == .freeTierUsage }.map(\.value.rows).reduce(0, +)
        #expect(freeTierRows == 161)
        // 14 data-transfer rows; the 5 charged ones (USW2-USE1-AWS-Out-Bytes, $0.02/GB) fall in 5 different hours.
        let transfer = result.ledger.cells.filter { $0.key.kind == .dataTransfer }
        #expect(transfer.map(\.value.rows).reduce(0, +) == 14)
        #expect(transfer.allSatisfy { $0.key.function.region == "us-west-2" })
        let chargedTransfer = transfer.filter { !$0.value.unblendedCost.isZero }
        #expect(chargedTransfer.count == 5)
        #expect(chargedTransfer.allSatisfy { $0.key.charge == .usage })
        #expect(FixedDecimal.sum(chargedTransfer.map(\.value.unblendedCost)) == dec("0.0000007572"))
        #expect(Set(chargedTransfer.map(\.key.hour)) == [
            UsageHour(year: 2022, month: 10, day: 4, hour: 1), UsageHour(year: 2022, month: 10, day: 4, hour: 15),
            UsageHour(year: 2022, month: 10, day: 5, hour: 0), UsageHour(year: 2022, month: 10, day: 5, hour: 13),
            UsageHour(year: 2022, month: 10, day: 6, hour: 13),
        ])
    }
}
