import Foundation
import Testing

@testable import LambdaCostKit

/// The shipped sample month, generated once for all tests.
private let sampleConfiguration = SampleGenerator.Configuration(
    functions: 24, days: 31, seed: 2026, month: BillingMonth("2026-10")!)
private let sampleGenerator = try! SampleGenerator(sampleConfiguration)
private let sample = ParsedCUR(generating: sampleGenerator)

/// A generated CUR with the offsets of every field; values are decoded on demand (the generator never
/// writes line breaks inside fields).
private struct ParsedCUR: Sendable {
    let bytes: [UInt8]
    let statistics: SampleStatistics
    let header: [String]
    /// Data rows are `0..<rowCount`.
    let rowCount: Int
    /// Number of fields of each data row.
    let fieldCounts: [Int]
    /// Start offset of each field of row `r` at `r * stride + field`, then the end offset of the last field.
    private let starts: [Int]
    private let stride: Int
    let column: [String: Int]

    init(generating generator: SampleGenerator) {
        var bytes: [UInt8] = []
        let statistics = try! generator.writeCUR { bytes.append(contentsOf: $0) }
        self.init(bytes: bytes, statistics: statistics)
    }

    init(bytes: [UInt8], statistics: SampleStatistics) {
        self.bytes = bytes
        self.statistics = statistics
        #expect(bytes.last == UInt8(ascii: "\n"), "the file ends with a newline")
        let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))!
        header = csvFields(bytes[0..<headerEnd])
        stride = header.count + 1
        var starts: [Int] = []
        var counts: [Int] = []
        starts.reserveCapacity(bytes.count / 12)
        let stride = self.stride
        bytes.withUnsafeBufferPointer { buffer in
            var index = headerEnd + 1
            while index < buffer.count {
                var fields = 0
                var quoted = false
                var recorded = 1
                starts.append(index)
                while true {
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        quoted.toggle()
                    } else if !quoted && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n")) {
                        fields += 1
                        if recorded < stride { starts.append(index + 1); recorded += 1 }
                        if byte == UInt8(ascii: "\n") { break }
                    }
                    index += 1
                }
                while recorded < stride { starts.append(index + 1); recorded += 1 }  // keep short rows aligned
                counts.append(fields)
                index += 1
            }
        }
        self.starts = starts
        fieldCounts = counts
        rowCount = counts.count
        column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    }

    var rows: Range<Int> { 0..<rowCount }

    /// The raw bytes of a field (without the separator).
    private func raw(_ row: Int, _ field: Int) -> ArraySlice<UInt8> {
        bytes[starts[row * stride + field]..<(starts[row * stride + field + 1] - 1)]
    }

    func value(_ row: Int, _ name: String) -> String {
        let raw = raw(row, column[name]!)
        if raw.first == UInt8(ascii: "\"") { return csvFields(raw)[0] }
        return String(decoding: raw, as: UTF8.self)
    }

    func decimal(_ row: Int, _ name: String) -> FixedDecimal {
        let raw = raw(row, column[name]!)
        if raw.isEmpty { return .zero }
        return raw.withUnsafeBufferPointer { try! FixedDecimal.parse($0).get().value }
    }
}

/// RFC 4180 fields of one line.
private func csvFields<S: Collection>(_ line: S) -> [String] where S.Element == UInt8 {
    var fields: [String] = []
    var current: [UInt8] = []
    var quoted = false
    var previousWasQuote = false
    for byte in line {
        if quoted {
            if byte == UInt8(ascii: "\"") { quoted = false; previousWasQuote = true; continue }
            current.append(byte)
        } else if byte == UInt8(ascii: "\"") {
            if previousWasQuote { current.append(byte) }
            quoted = true
        } else if byte == UInt8(ascii: ",") {
            fields.append(String(decoding: current, as: UTF8.self))
            current.removeAll()
        } else {
            current.append(byte)
        }
        previousWasQuote = false
    }
    fields.append(String(decoding: current, as: UTF8.self))
    return fields
}

private func generate(_ configuration: SampleGenerator.Configuration) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try SampleGenerator(configuration).writeCUR { bytes.append(contentsOf: $0) }
    return bytes
}

@Suite struct SampleGeneratorTests {
    // MARK: - Determinism and streaming

    @Test func sameConfigurationGivesIdenticalBytes() throws {
        for spelling in CURSpelling.allCases {
            var configuration = SampleGenerator.Configuration(
                functions: 24, days: 3, seed: 7, month: BillingMonth("2026-02")!, spelling: spelling)
            let first = try generate(configuration)
            let second = try generate(configuration)
            #expect(first == second, "\(spelling)")
            configuration.seed = 8
            #expect(try generate(configuration) != first, "another seed gives another month")
        }
        #expect(try SampleGenerator(sampleConfiguration).metricsCSV() == sampleGenerator.metricsCSV())
    }

    @Test func largeRunStreamsInBoundedChunks() throws {
        struct Enough: Error {}
        let generator = try SampleGenerator(SampleGenerator.Configuration(
            functions: 200, days: 31, seed: 99, month: BillingMonth("2026-10")!))
        let residentBefore = residentMegabytes()
        let clock = ContinuousClock()
        var total = 0
        var chunks = 0
        var largestChunk = 0
        let elapsed = clock.measure {
            do {
                try generator.writeCUR { chunk in
                    total += chunk.count
                    chunks += 1
                    largestChunk = max(largestChunk, chunk.count)
                    if total > 60_000_000 { throw Enough() }
                }
                Issue.record("the 200-function month should be larger than 60 MB")
            } catch is Enough {
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(total > 50_000_000)
        #expect(largestChunk <= SampleOutputBuffer.capacity)
        #expect(chunks > 200)
        #expect(elapsed < .seconds(120), "debug builds are slow, release writes ~250 MB/s")
        if let before = residentBefore, let after = residentMegabytes() {
            #expect(after - before < 150, "memory grew by \(after - before) MB while streaming")
        }
    }

    @Test func filesArePlainOrGzipByExtension() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = sampleConfiguration
        configuration.days = 2
        let plain = directory.appendingPathComponent("cur.csv").path
        let metrics = directory.appendingPathComponent("metrics.csv").path
        let statistics = try SampleGenerator.write(configuration: configuration, curTo: plain, metricsTo: metrics)
        let plainBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain)))
        #expect(plainBytes == (try generate(configuration)))
        #expect(statistics.bytes == plainBytes.count)
        #expect(try String(contentsOfFile: metrics, encoding: .utf8) == SampleGenerator(configuration).metricsCSV())

        let gzip1 = directory.appendingPathComponent("a.csv.gz").path
        let gzip2 = directory.appendingPathComponent("b.csv.gz").path
        try SampleGenerator.write(configuration: configuration, curTo: gzip1)
        try SampleGenerator.write(configuration: configuration, curTo: gzip2)
        let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gzip1)))
        #expect(compressed == [UInt8](try Data(contentsOf: URL(fileURLWithPath: gzip2))))
        #expect(Array(compressed.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], "no name, mtime 0")
        #expect(compressed.count < plainBytes.count / 4)
    }

    // MARK: - Configuration

    @Test func outOfRangeConfigurationThrows() {
        let month = BillingMonth("2026-02")!
        let cases: [(SampleGenerator.Configuration, String)] = [
            (.init(functions: 0, days: 1, seed: 1, month: month), "functions"),
            (.init(functions: 1, days: 29, seed: 1, month: month), "days must be 1...28 for 2026-02"),
            (.init(functions: 1, days: 0, seed: 1, month: month), "days"),
            (.init(functions: 1, days: 1, seed: 1, month: month, otherServicesRowPercent: 96), "otherServicesRowPercent"),
        ]
        for (configuration, text) in cases {
            #expect {
                _ = try SampleGenerator(configuration)
            } throws: { error in
                (error as? SampleGeneratorError)?.message.contains(text) == true
            }
        }
    }

    @Test func fixedScenarioFunctionsComeFirst() throws {
        let functions = sampleGenerator.functions
        #expect(functions.count == 24)
        #expect(Set(functions.map(\.name)).count == 24, "names are unique")
        let checkout = functions[0]
        #expect(checkout.name == "checkout-api" && checkout.regionCode == "us-east-1")
        #expect(checkout.architecture == .x86_64 && checkout.memoryMB == 1024)
        #expect(checkout.provisionedConcurrency == 10 && checkout.provisionedARN?.hasSuffix(":function:checkout-api:live") == true)
        #expect(functions[1].architecture == .arm64 && functions[1].regionCode == "eu-west-1")
        #expect(functions[2].name == "llm-summarizer" && functions[2].cpuPercent < 10)
        #expect(functions[3].ephemeralStorageMB == 2048)
        #expect(functions[4].regionCode == "ap-southeast-2")
        #expect(functions[5].meanBilledMilliseconds <= 5)
        #expect(functions.allSatisfy { $0.accountId == SampleFleet.payerAccount || $0.accountId == SampleFleet.linkedAccount })
        let big = try SampleGenerator(.init(functions: 2_000, days: 1, seed: 3, month: BillingMonth("2026-10")!))
        #expect(Set(big.functions.map(\.name)).count == 2_000)
        let arm = big.functions.filter { $0.architecture == .arm64 }.count
        #expect((450...750).contains(arm), "about 30 % arm64")
        let east = big.functions.filter { $0.regionCode == "us-east-1" }.count
        #expect((850...1_150).contains(east), "about 50 % us-east-1")
    }

    // MARK: - Consistency of the sample

    @Test func everyLineHasTheHeaderFieldCount() {
        #expect(sample.header.count == SampleGenerator.legacyColumnCount)
        #expect(sample.fieldCounts.allSatisfy { $0 == sample.header.count })
        #expect(sample.statistics.rows == sample.rows.count)
        #expect(sample.statistics.bytes == sample.bytes.count)
        let identifiers = sample.rows.map { sample.value($0, "identity/LineItemId") }
        #expect(identifiers.allSatisfy { $0.count == 52 && $0.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 50 && $0 <= 55) } })
        #expect(Set(identifiers).count == identifiers.count)
        for name in ["bill/PayerAccountId", "lineItem/UsageAccountId"] {
            #expect(sample.rows.allSatisfy { ["004519876321", "210987654321"].contains(sample.value($0, name)) })
        }
        let first = sample.rows[0]
        #expect(sample.value(first, "identity/TimeInterval") == "2026-10-01T00:00:00Z/2026-10-01T01:00:00Z")
        #expect(sample.value(first, "bill/BillingPeriodStartDate") == "2026-10-01T00:00:00Z")
        #expect(sample.value(first, "bill/BillingPeriodEndDate") == "2026-11-01T00:00:00Z")
    }

    @Test func requestsMatchMetricsInvocations() {
        var requests: [String: Int] = [:]
        for row in sample.rows where sample.value(row, "lineItem/ProductCode") == "AWSLambda" {
            let type = sample.value(row, "lineItem/LineItemType")
            let usage = sample.value(row, "lineItem/UsageType")
            guard type == "Usage" || type == "SavingsPlanCoveredUsage",
                usage.hasSuffix("Request") || usage.hasSuffix("Request-ARM")
            else { continue }
            let name = sample.value(row, "lineItem/ResourceId").split(separator: ":")[6]
            requests[String(name), default: 0] += Int(sample.value(row, "lineItem/UsageAmount"))!
        }
        let metrics = sampleGenerator.metricsCSV().split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(metrics.count == 24)
        for fields in metrics {
            #expect(requests[String(fields[2]), default: 0] == Int(fields[8])!, "\(fields[2])")
        }
    }

    @Test func freeTierIsCappedAndExhausted() {
        var free = (requests: FixedDecimal.zero, seconds: FixedDecimal.zero)
        var usage = (requests: FixedDecimal.zero, seconds: FixedDecimal.zero)
        for row in sample.rows where sample.value(row, "lineItem/ProductCode") == "AWSLambda" {
            let kind = sample.value(row, "lineItem/UsageType")
            let isRequest = kind.hasSuffix("Request") || kind.hasSuffix("Request-ARM")
            let isDuration = kind.hasSuffix("Lambda-GB-Second") || kind.hasSuffix("Lambda-GB-Second-ARM")
            let amount = sample.decimal(row, "lineItem/UsageAmount")
            if sample.value(row, "pricing/RateCode").contains(".A429C66SYZ.") {
                #expect(isRequest || isDuration)
                #expect(sample.value(row, "lineItem/UnblendedRate") == "0.0000000000")
                #expect(sample.value(row, "lineItem/UnblendedCost") == "0")
                #expect(sample.value(row, "pricing/term") == "")
                #expect(sample.value(row, "lineItem/LineItemDescription").contains("Free Tier"))
                #expect(!sample.decimal(row, "pricing/publicOnDemandCost").isZero)
                if isRequest { free.requests += amount } else { free.seconds += amount }
            }
            if sample.value(row, "lineItem/LineItemType") != "SavingsPlanNegation" {
                if isRequest { usage.requests += amount }
                if isDuration { usage.seconds += amount }
            }
        }
        #expect(free.requests <= FixedDecimal(1_000_000) && free.seconds <= FixedDecimal(400_000))
        if usage.requests > FixedDecimal(1_000_000) { #expect(free.requests == FixedDecimal(1_000_000)) }
        if usage.seconds > FixedDecimal(400_000) { #expect(free.seconds == FixedDecimal(400_000)) }
        #expect(sample.statistics.freeTierRows > 0)
    }

    @Test func costsAreAmountTimesRateRoundedToTenDecimals() {
        for row in sample.rows {
            let type = sample.value(row, "lineItem/LineItemType")
            guard type == "Usage" || type == "SavingsPlanCoveredUsage" else { continue }
            let amount = sample.decimal(row, "lineItem/UsageAmount")
            let rate = sample.decimal(row, "lineItem/UnblendedRate")
            #expect(sample.decimal(row, "lineItem/UnblendedCost") == (amount * rate).rounded(places: 10))
            #expect(sample.value(row, "lineItem/UnblendedCost") == sample.value(row, "lineItem/BlendedCost"))
            let list = sample.decimal(row, "pricing/publicOnDemandRate")
            #expect(sample.decimal(row, "pricing/publicOnDemandCost") == (amount * list).rounded(places: 10))
            #expect(sample.value(row, "lineItem/UnblendedRate").split(separator: ".").last?.count == 10)
            if type == "SavingsPlanCoveredUsage" {
                let spRate = sample.decimal(row, "savingsPlan/SavingsPlanRate")
                #expect(spRate == (rate * FixedDecimal(88, fractionDigits: 2)).rounded(places: 10))
                #expect(sample.decimal(row, "savingsPlan/SavingsPlanEffectiveCost") == (amount * spRate).rounded(places: 10))
                #expect(!sample.value(row, "lineItem/UsageType").contains("Request"))
            }
        }
    }

    @Test func savingsPlanRowsBalance() {
        var covered: [String: FixedDecimal] = [:]
        var effective: [String: FixedDecimal] = [:]
        var negated: [String: FixedDecimal] = [:]
        var fees: [(total: FixedDecimal, used: FixedDecimal, hour: String)] = []
        for row in sample.rows {
            let hour = sample.value(row, "lineItem/UsageStartDate")
            let key = "\(hour)|\(sample.value(row, "lineItem/UsageAccountId"))|\(sample.value(row, "lineItem/UsageType"))"
            switch sample.value(row, "lineItem/LineItemType") {
            case "SavingsPlanCoveredUsage":
                covered[key, default: .zero] += sample.decimal(row, "lineItem/UnblendedCost")
                effective[hour, default: .zero] += sample.decimal(row, "savingsPlan/SavingsPlanEffectiveCost")
            case "SavingsPlanNegation":
                #expect(negated[key] == nil, "one negation per hour, account and usage type")
                negated[key] = sample.decimal(row, "lineItem/UnblendedCost")
                #expect(sample.value(row, "lineItem/ResourceId").isEmpty)
                #expect(sample.decimal(row, "lineItem/UsageAmount").isZero)
            case "SavingsPlanRecurringFee":
                let total = sample.decimal(row, "savingsPlan/TotalCommitmentToDate")
                #expect(sample.decimal(row, "lineItem/UnblendedCost") == total)
                #expect(sample.decimal(row, "savingsPlan/RecurringCommitmentForBillingPeriod") == total * 744)
                #expect(sample.value(row, "lineItem/ProductCode") == "ComputeSavingsPlans")
                fees.append((total, sample.decimal(row, "savingsPlan/UsedCommitment"), hour))
            default: break
            }
        }
        #expect(!covered.isEmpty)
        #expect(Set(covered.keys) == Set(negated.keys))
        for (key, cost) in covered { #expect(cost + negated[key]! == .zero, "\(key)") }
        #expect(fees.count == 744)
        for fee in fees {
            #expect(fee.used <= fee.total)
            #expect(fee.used == effective[fee.hour, default: .zero])
        }
        let unused = fees.filter { ($0.total - $0.used) * 100 > $0.total }.count
        let fullyUsed = fees.filter { ($0.total - $0.used) * 10_000 < $0.total }.count
        #expect(unused >= 50, "partly unused at night")
        #expect(fullyUsed >= 300, "fully used in busy hours")
    }

    @Test func provisionedConcurrencyIsIdleAtNight() {
        var provisioned: [Int: FixedDecimal] = [:]
        var served: [Int: FixedDecimal] = [:]
        for row in sample.rows where sample.value(row, "lineItem/ResourceId").hasSuffix(":function:checkout-api:live") {
            let type = sample.value(row, "lineItem/LineItemType")
            guard type == "Usage" || type == "SavingsPlanCoveredUsage" else { continue }
            let hour = Int(sample.value(row, "lineItem/UsageStartDate").dropFirst(11).prefix(2))!
            switch sample.value(row, "lineItem/UsageType") {
            case "Lambda-Provisioned-Concurrency": provisioned[hour, default: .zero] += sample.decimal(row, "lineItem/UsageAmount")
            case "Lambda-Provisioned-GB-Second": served[hour, default: .zero] += sample.decimal(row, "lineItem/UsageAmount")
            default: break
            }
        }
        #expect(provisioned.count == 24 && provisioned.values.allSatisfy { $0 == FixedDecimal(36_000 * 31) })
        let utilization = (0..<24).map { (served[$0, default: .zero] * 100).divided(by: 36_000 * 31) }
        #expect(utilization.min()! < FixedDecimal(15), "idle provisioned concurrency at night")
        #expect(utilization.max()! > FixedDecimal(60))
        #expect(sample.rows.contains { sample.value($0, "lineItem/ResourceId").hasSuffix(":function:checkout-api")
            && sample.value($0, "lineItem/UsageType") == "Lambda-GB-Second" }, "spill-over above PC")
    }

    @Test func monthEndCreditAndTaxes() {
        let tail = sample.rows.suffix(20)
        let credit = sample.rows.filter { sample.value($0, "lineItem/LineItemType") == "Credit" }
        #expect(credit.count == 1)
        let taxes = sample.rows.filter { sample.value($0, "lineItem/LineItemType") == "Tax" }
        #expect(!taxes.isEmpty && taxes.allSatisfy { sample.value($0, "lineItem/TaxType") == "Sales Tax" })
        #expect(tail.filter { ["Tax", "Credit"].contains(sample.value($0, "lineItem/LineItemType")) }.count
            == taxes.count + 1, "month-end rows come last")
        var totals: [String: FixedDecimal] = [:]
        for row in sample.rows where sample.value(row, "lineItem/LineItemType") != "Tax" {
            totals["\(sample.value(row, "lineItem/UsageAccountId"))|\(sample.value(row, "lineItem/ProductCode"))",
                default: .zero] += sample.decimal(row, "lineItem/UnblendedCost")
        }
        for tax in taxes {
            let key = "\(sample.value(tax, "lineItem/UsageAccountId"))|\(sample.value(tax, "lineItem/ProductCode"))"
            #expect(sample.decimal(tax, "lineItem/UnblendedCost") == (totals[key]! * FixedDecimal(8, fractionDigits: 2)).rounded(places: 2))
        }
        let lambda = totals["004519876321|AWSLambda"]!
        let creditCost = sample.decimal(credit[0], "lineItem/UnblendedCost")
        #expect(creditCost < .zero && -creditCost < lambda - creditCost)
    }

    @Test func otherServicesShareFollowsTheTarget() throws {
        func share(_ rows: Range<Int>, _ cur: ParsedCUR) -> Int {
            rows.filter { cur.value($0, "lineItem/ProductCode") != "AWSLambda" }.count * 100 / rows.count
        }
        #expect(abs(share(sample.rows, sample) - 25) <= 3)
        let products = Set(sample.rows.map { sample.value($0, "lineItem/ProductCode") })
        #expect(products.isSuperset(of: ["AWSLambda", "AmazonDynamoDB", "AmazonS3", "AmazonApiGateway", "AmazonCloudWatch"]))
        for percent in [0, 50, 90] {
            let cur = ParsedCUR(generating: try SampleGenerator(.init(
                functions: 30, days: 1, seed: 5, month: BillingMonth("2026-10")!, otherServicesRowPercent: percent)))
            #expect(abs(share(cur.rows, cur) - percent) <= 3, "target \(percent) %")
        }
    }

    @Test func otherUsageTypesAndDataTransferLookReal() {
        let lambdaTypes = Set(sample.rows.filter { sample.value($0, "lineItem/ProductCode") == "AWSLambda" }
            .map { sample.value($0, "lineItem/UsageType") })
        #expect(lambdaTypes.isSuperset(of: [
            "Request", "Request-ARM", "Lambda-GB-Second", "Lambda-GB-Second-ARM", "EU-Request-ARM",
            "EU-Lambda-GB-Second-ARM", "APS2-Lambda-GB-Second", "Lambda-Provisioned-Concurrency",
            "Lambda-Provisioned-GB-Second", "Lambda-Storage-GB-Second", "EU-USE1-AWS-Out-Bytes",
        ]))
        #expect(!lambdaTypes.contains { $0.hasPrefix("USE1-") })
        let transfers = sample.rows.filter { sample.value($0, "lineItem/UsageType") == "EU-USE1-AWS-Out-Bytes" }
        #expect((31...124).contains(transfers.count), "a few a day")
        #expect(transfers.allSatisfy { sample.value($0, "product/productFamily") == "Data Transfer"
            && sample.value($0, "lineItem/ResourceId").isEmpty && sample.value($0, "lineItem/UnblendedRate") == "0.0200000000" })
    }

    // MARK: - Daily granularity

    /// The sample month with `--granularity daily`.
    private static let daily: ParsedCUR = {
        var configuration = sampleConfiguration
        configuration.granularity = .daily
        return ParsedCUR(generating: try! SampleGenerator(configuration))
    }()

    /// Usage amount, unblended and public on-demand cost, Savings Plan effective cost and commitments summed per
    /// value of the `key` columns (and per day when `perDay`).
    private static func sums(_ cur: ParsedCUR, _ key: [String], perDay: Bool = false) -> [String: [FixedDecimal]] {
        let summed = ["lineItem/UsageAmount", "lineItem/UnblendedCost", "pricing/publicOnDemandCost",
                      "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment"]
        var sums: [String: [FixedDecimal]] = [:]
        for row in cur.rows {
            let values = key.map { cur.value(row, $0) } + (perDay ? [String(cur.value(row, "lineItem/UsageStartDate").prefix(10))] : [])
            var total = sums[values.joined(separator: "|")] ?? Array(repeating: .zero, count: summed.count)
            for (index, column) in summed.enumerated() { total[index] += cur.decimal(row, column) }
            sums[values.joined(separator: "|")] = total
        }
        return sums
    }

    /// A line item: account, resource, usage type, line item type, description and rate.
    private static let lineItem = ["lineItem/UsageAccountId", "lineItem/ResourceId", "lineItem/UsageType",
                                   "lineItem/LineItemType", "lineItem/LineItemDescription", "lineItem/UnblendedRate"]

    @Test func dailyMonthSumsEachDayOfTheHourlyMonthExactly() {
        let daily = Self.daily
        #expect(daily.statistics.totalUnblendedCost == sample.statistics.totalUnblendedCost)
        #expect(daily.statistics.lambdaUnblendedCost == sample.statistics.lambdaUnblendedCost)
        #expect(daily.statistics.totalUnblendedCost == daily.rows.reduce(.zero) { $0 + daily.decimal($1, "lineItem/UnblendedCost") })
        #expect(daily.statistics.rows == daily.rowCount)
        #expect(daily.rowCount * 9 < sample.rowCount, "\(daily.rowCount) daily rows, \(sample.rowCount) hourly")

        // Each line item's day is the sum of its hours (usage, costs, commitments; the rate kept), and appears once.
        let dailyDays = Self.sums(daily, Self.lineItem, perDay: true)
        #expect(dailyDays.count == daily.rowCount, "one row per line item and day")
        #expect(dailyDays == Self.sums(sample, Self.lineItem, perDay: true))

        // Per function (resource) and usage type: usage and unblended cost of the month are the hourly month's.
        let functions = Self.sums(daily, ["lineItem/ResourceId", "lineItem/UsageType"])
        #expect(functions == Self.sums(sample, ["lineItem/ResourceId", "lineItem/UsageType"]))
        #expect(functions.keys.filter { $0.contains(":function:") }.count >= sampleConfiguration.functions * 2)

        // Statistics count the daily rows.
        let types = daily.rows.map { daily.value($0, "lineItem/LineItemType") }
        #expect(daily.statistics.savingsPlanCoveredRows == types.filter { $0 == "SavingsPlanCoveredUsage" }.count)
        #expect(daily.statistics.savingsPlanCoveredRows > 0)
        #expect(daily.statistics.freeTierRows == daily.rows.filter { daily.value($0, "lineItem/LineItemDescription").contains("Free Tier") }.count)
        #expect(daily.statistics.lambdaRows == daily.rows.filter { daily.value($0, "lineItem/ProductCode") == "AWSLambda" }.count)
    }

    @Test func everyDailyRowSpansOneDayFromMidnight() {
        let daily = Self.daily
        var days = Set<Int>()
        for row in daily.rows {
            let start = daily.value(row, "lineItem/UsageStartDate"), end = daily.value(row, "lineItem/UsageEndDate")
            #expect(start.hasSuffix("T00:00:00Z") && end.hasSuffix("T00:00:00Z"), "\(start) – \(end)")
            #expect(daily.value(row, "identity/TimeInterval") == "\(start)/\(end)")
            let type = daily.value(row, "lineItem/LineItemType")
            if type == "Tax" || type == "Credit" {
                #expect(start == "2026-10-01T00:00:00Z" && end == "2026-11-01T00:00:00Z", "\(type) spans the month")
                continue
            }
            let day = Int(start.dropFirst(8).prefix(2))!
            let next = day == 31 ? "2026-11-01" : "2026-10-" + (day < 9 ? "0" : "") + String(day + 1)
            #expect(start.hasPrefix("2026-10-") && end == next + "T00:00:00Z", "\(start) – \(end)")
            days.insert(day)
        }
        #expect(days == Set(1...31))
        // The fee: one a day, 24 hours of the hourly commitment.
        let fees = daily.rows.filter { daily.value($0, "lineItem/LineItemType") == "SavingsPlanRecurringFee" }
        #expect(fees.count == 31)
        let commitment = sample.statistics.savingsPlanHourlyCommitment
        for fee in fees {
            #expect(daily.decimal(fee, "lineItem/UsageAmount") == FixedDecimal(24))
            #expect(daily.decimal(fee, "lineItem/UnblendedRate") == commitment)
            #expect(daily.decimal(fee, "lineItem/UnblendedCost") == commitment * 24)
        }
    }

    @Test func dailyGranularityIsDeterministicAndLeavesHourlyAlone() throws {
        var configuration = SampleGenerator.Configuration(functions: 12, days: 2, seed: 3, month: BillingMonth("2026-10")!)
        let hourly = try generate(configuration)
        #expect(configuration.granularity == .hourly, "hourly is the default")
        configuration.granularity = .daily
        let first = try generate(configuration)
        #expect(first == (try generate(configuration)))
        #expect(first != hourly && first.count * 5 < hourly.count)
    }

    // MARK: - Spellings

    @Test func athenaAndCUR2Spellings() throws {
        var configuration = sampleConfiguration
        configuration.days = 1
        configuration.spelling = .athena
        let athena = String(decoding: try generate(configuration), as: UTF8.self).split(separator: "\n")
        #expect(athena[0].hasPrefix("\"identity_line_item_id\",\"identity_time_interval\""))
        #expect(athena[0].contains("\"savings_plan_savings_plan_a_r_n\"") && athena[0].contains("\"resource_tags_user_team\""))
        #expect(athena[1].contains(",\"004519876321\",2026-10-01 00:00:00.000000000,2026-11-01 00:00:00.000000000,"))
        #expect(athena[1].contains("\"2026-10-01T00:00:00Z/2026-10-01T01:00:00Z\""))

        configuration.spelling = .cur2
        let cur2 = ParsedCUR(generating: try SampleGenerator(configuration))
        #expect(cur2.column["product_region_code"] != nil && cur2.column["product_region"] == nil)
        #expect(cur2.column["resource_tags"] != nil && cur2.column["resource_tags_user_team"] == nil)
        let tagged = cur2.rows.first { cur2.value($0, "line_item_resource_id").hasSuffix(":function:checkout-api") }!
        #expect(cur2.value(tagged, "resource_tags") == #"{"user_team":"payments","user_env":"prod","user_project":"storefront"}"#)
        // The model the LLM wrapper calls names it in the `function` tag.
        let model = cur2.rows.first { cur2.value($0, "line_item_usage_type") == "USE1-NovaMicro-input-tokens" }!
        #expect(cur2.value(model, "resource_tags")
            == #"{"user_team":"ml","user_env":"prod","user_project":"assistant","user_model_tier":"small","user_function":"llm-summarizer"}"#)
        #expect(cur2.value(tagged, "line_item_usage_start_date").hasSuffix("Z"))
        #expect(cur2.fieldCounts.allSatisfy { $0 == cur2.header.count })
    }

    // MARK: - Metrics

    @Test func metricsFileIsConsistent() {
        let lines = sampleGenerator.metricsCSV().split(separator: "\n").map(String.init)
        #expect(lines[0] == "account_id,region,function_name,architecture,memory_mb,ephemeral_mb,timeout_s,trigger,invocations,avg_duration_ms,p50_duration_ms,p99_duration_ms,avg_billed_duration_ms,max_memory_used_mb,cold_starts,avg_init_duration_ms,avg_cpu_time_ms,errors,timeouts")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let keys = rows.map { "\($0[0])|\($0[1])|\($0[2])" }
        #expect(keys == keys.sorted())
        for fields in rows {
            let function = sampleGenerator.functions.first { $0.name == fields[2] }!
            let totals = sampleGenerator.totals[sampleGenerator.functions.firstIndex(of: function)!]
            let invocations = Int(fields[8])!
            let billed = FixedDecimal(parsing: fields[12])!
            #expect(billed == FixedDecimal(Int(totals.billedMilliseconds)).divided(by: invocations).rounded(places: 3))
            #expect(fields[12].split(separator: ".")[1].count == 3)
            let average = FixedDecimal(parsing: fields[9])!
            #expect(average < billed && average > billed * FixedDecimal(5, fractionDigits: 1) - FixedDecimal(1))
            #expect(FixedDecimal(parsing: fields[10])! < FixedDecimal(parsing: fields[11])!)
            #expect(Int(fields[13])! < Int(fields[4])!, "max memory used below memory")
            #expect(["api-gateway", "sqs", "eventbridge", "s3", "direct"].contains(fields[7]))
        }
        let llm = rows.first { $0[2] == "llm-summarizer" }!
        #expect(FixedDecimal(parsing: llm[16])! * 10 < FixedDecimal(parsing: llm[9])!, "I/O-bound: low CPU time")
        #expect(rows.contains { $0[7] == "api-gateway" && Int($0[6])! > 29 }, "an API Gateway function above 29 s")
        #expect(rows.contains { FixedDecimal(Int($0[6])! * 1000) > FixedDecimal(parsing: $0[11])! * 100 },
            "a timeout far above p99")
        #expect(rows.contains { Int($0[13])! * 5 < Int($0[4])! }, "a far over-provisioned function")
    }

    // MARK: - Number formatting

    @Test func fastCostMatchesFixedDecimalArithmetic() {
        var random = SampleRandom(seed: 43)
        let rates = ["0.0000166667", "0.0000002000", "0.5000000000", "0.0200000000", "0.0000000309", "3.25"]
            .map { FixedDecimal(parsing: $0)! } + [FixedDecimal(parsing: "0.123456789012")!]
        for _ in 0..<3_000 {
            let amount = FixedDecimal(units: Int128(random.next() >> UInt64(random.next(below: 64)))
                * Int128(random.next() >> 20) * (random.chance(percent: 10) ? -1 : 1))
            let rate = random.pick(rates)
            #expect(SampleCURProducer.cost(amount, rate) == (amount * rate).rounded(places: 10), "\(amount) × \(rate)")
        }
    }

    @Test func fastDecimalFormattingMatchesDescription() throws {
        var random = SampleRandom(seed: 42)
        var values: [FixedDecimal] = [.zero, FixedDecimal(1), FixedDecimal(-1), FixedDecimal(units: 1),
            FixedDecimal(units: -1), FixedDecimal(parsing: "0.0000166667")!, FixedDecimal(parsing: "-12.5")!,
            FixedDecimal(parsing: "170000000000000.123456789012345678901234")!]
        for _ in 0..<2_000 {
            let magnitude = Int128(random.next() >> UInt64(random.next(below: 64))) * Int128(random.next() >> UInt64(random.next(below: 64)))
            values.append(FixedDecimal(units: random.chance(percent: 50) ? magnitude : -magnitude))
        }
        for value in values {
            var written: [UInt8] = []
            let buffer = SampleOutputBuffer { written.append(contentsOf: $0) }
            buffer.appendDecimal(value)
            buffer.append(UInt8(ascii: " "))
            buffer.appendDecimal(value.rounded(places: 10), minimumPlaces: 10)
            try buffer.flush()
            #expect(String(decoding: written, as: UTF8.self) == "\(value) \(value.formatted(places: 10))")
        }
    }
}

/// Resident set size in MB (Linux only).
private func residentMegabytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * 4096 / 1_048_576
}
