import Foundation
import Testing
@testable import LambdaCostKit

/// Other services tied to functions (docs/attribution.md): the rules, the charges, the ingest's exact split of the
/// month's other services, read in one pass or in parts, and the findings.
@Suite struct AttributionTests {
    static let october = BillingMonth(year: 2026, month: 10)!
    static let header = "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/UnblendedCost,product/regionCode,resourceTags/user:function,resourceTags/user:app"

    // MARK: - Rules

    @Test func logGroupsOfFunctionsAreTiedByTheirArn() {
        let rules = AttributionRules()
        func function(_ resource: String, product: String = "AmazonCloudWatch") -> FunctionIdentity? {
            rules.function(product: product, resource: resource, account: "999999999999", region: "eu-west-1", tags: [:])
        }
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api")
            == FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api"))
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:*")?.name == "orders-api")
        #expect(function("arn:aws-cn:logs:cn-north-1:111122223333:log-group:/aws/lambda/a_b-9")?.region == "cn-north-1")
        // Not a function's log group, not CloudWatch, not an ARN, a name no function can have.
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/orders") == nil)
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api", product: "AmazonS3") == nil)
        #expect(function("/aws/lambda/orders-api") == nil)
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/") == nil)
        #expect(function("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/us-east-1.edge fn") == nil)
        #expect(function("arn:aws:logs::111122223333:log-group:/aws/lambda/orders-api") == nil)
    }

    @Test func mappingsComeInOrderThenTheFunctionTag() throws {
        let rules = AttributionRules(functionTag: "user:Function", mappings: [
            AttributionMapping(product: "AmazonApiGateway", resource: try ResourcePattern(parsing: "arn:aws:apigateway:us-east-1::/restapis/abc*"),
                               function: try FunctionTarget(parsing: "orders-api")),
            AttributionMapping(resource: try ResourcePattern(parsing: "*restapis/abc123"), function: try FunctionTarget(parsing: "never-reached")),
            AttributionMapping(product: "AmazonBedrock", tag: TagSelector(key: "app", value: "summarizer"),
                               function: try FunctionTarget(parsing: "004519876321/us-west-2/llm-summarizer")),
        ])
        #expect(rules.functionTag == "function")
        #expect(rules.tagKeys == ["function", "app"])
        func function(_ product: String, _ resource: String, tags: [String: String] = [:]) -> FunctionIdentity? {
            rules.function(product: product, resource: resource, account: "111122223333", region: "eu-west-1", tags: tags)
        }
        // The ARN's region, not the row's; the first mapping that matches.
        #expect(function("AmazonApiGateway", "arn:aws:apigateway:us-east-1::/restapis/abc123")
            == FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api"))
        #expect(function("AmazonS3", "arn:aws:apigateway:us-east-1::/restapis/abc123")?.name == "never-reached")
        #expect(function("AmazonBedrock", "", tags: ["app": "summarizer"])
            == FunctionIdentity(accountID: "004519876321", region: "us-west-2", name: "llm-summarizer"))
        #expect(function("AmazonBedrock", "", tags: ["app": "other"]) == nil)
        // The function tag names a function in the row's account and region (no ARN region here).
        #expect(function("AWSQueueService", "queue-1", tags: ["function": "worker"])
            == FunctionIdentity(accountID: "111122223333", region: "eu-west-1", name: "worker"))
        #expect(function("AWSQueueService", "queue-1", tags: ["function": "not a name"]) == nil)
        #expect(function("AWSQueueService", "queue-1") == nil)
    }

    @Test func chargesComeFromProductAndUsageType() {
        let cases: [(String, String, OtherServiceCharge)] = [
            ("AmazonCloudWatch", "USE1-DataProcessing-Bytes", .logIngestion),
            ("AmazonCloudWatch", "EUW1-VendedLog-Bytes", .logIngestion),
            ("AmazonCloudWatch", "USE1-TimedStorage-ByteHrs", .logStorage),
            ("AmazonCloudWatch", "USE1-CW:MetricMonitorUsage", .logOther),
            ("AmazonApiGateway", "USE1-ApiGatewayRequest", .apiGateway),
            ("AWSStepFunctions", "USE1-StateTransition", .stepFunctions),
            ("AWSQueueService", "USE1-Requests-Tier1", .sqs),
            ("AmazonBedrock", "USE1-Claude3Sonnet-input-tokens", .bedrockInput),
            ("AmazonBedrock", "USE1-Claude3Sonnet-Output-Tokens", .bedrockOutput),
            ("AmazonBedrock", "USE1-ProvisionedThroughput", .bedrockOther),
            ("AWSDataTransfer", "USE1-USW2-AWS-Out-Bytes", .dataTransfer),
            ("AmazonDynamoDB", "TimedStorage-ByteHrs", .other),
        ]
        for (product, usageType, charge) in cases {
            #expect(OtherServiceCharge(productCode: product, usageType: usageType) == charge, "\(product) \(usageType)")
        }
    }

    @Test func configurationReadsAttributionAndSaysWhatIsWrong() throws {
        let configuration = try ReportConfiguration(parsing: """
            [attribution]
            function_tag = "Function"
            [[attribution.map]]
            product = "AmazonApiGateway"
            resource = "arn:aws:apigateway:us-east-1::/restapis/a1*"
            function = "orders-api"
            [[attribution.map]]
            tag = "app=summarizer"
            function = "004519876321/us-east-1/llm-summarizer"
            """)
        #expect(configuration.attribution.functionTag == "function")
        #expect(configuration.attribution.mappings.map(\.function.description) == ["orders-api", "004519876321/us-east-1/llm-summarizer"])
        #expect(configuration.attribution.mappings.first?.resource?.text == "arn:aws:apigateway:us-east-1::/restapis/a1*")
        func errors(_ text: String) -> [String] { configurationErrors(text, file: "c.toml") }
        #expect(errors("[attribution]\n[[attribution.map]]\nproduct = \"AmazonApiGateway\"\nfunction = \"x\"\n") == [
            "c.toml:2:1: error: [[attribution.map]] needs 'resource' or 'tag' (or both): a product alone would tie all of it to one function",
        ])
        #expect(errors("[[attribution.map]]\nresource = \"a*\"\n") == ["c.toml:1:1: error: [[attribution.map]] needs 'function'"])
        #expect(errors("[[attribution.map]]\ntag = \"app\"\nfunction = \"1/2/3/4\"\n") == [
            "c.toml:2:7: error: tag must be key=value, such as 'app=checkout'; found 'app'",
            "c.toml:3:12: error: function '1/2/3/4': expected a function name or account/region/name, found 4 parts separated by '/'",
        ])
        #expect(errors("[attribution]\nfunction_tag = 3\nunknown = 1\n").count == 2)
    }

    // MARK: - Ingest

    static func write(_ rows: [String]) throws -> (folder: String, path: String) {
        let folder = NSTemporaryDirectory() + "attribution-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/cur.csv"
        try ([header] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    static let rows = [
        // Two functions billed; log rows of both and of a function without Lambda rows this month.
        "111122223333,Usage,2026-10-01T01:00:00Z,AWSLambda,USE1-Request,arn:aws:lambda:us-east-1:111122223333:function:orders-api,1000,0.0002,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AWSLambda,USE1-Lambda-GB-Second,arn:aws:lambda:us-east-1:111122223333:function:orders-api,100,0.00166667,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AWSLambda,USE1-Request,arn:aws:lambda:us-east-1:111122223333:function:llm-summarizer,10,0.000002,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api,2,1.00,us-east-1,,",
        "111122223333,Usage,2026-10-02T01:00:00Z,AmazonCloudWatch,USE1-DataProcessing-Bytes,arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api,0.5,0.25,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-TimedStorage-ByteHrs,arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api,0.001,0.00003,us-east-1,,",
        "111122223333,Usage,2026-10-31T01:00:00Z,AmazonCloudWatch,USE1-TimedStorage-ByteHrs,arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api,0.002,0.00006,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-TimedStorage-ByteHrs,arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/deleted-fn,0.004,0.00012,us-east-1,,",
        // An API mapped by resource, Bedrock tokens by tag, an SQS queue by the function tag, and rows no rule ties.
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonApiGateway,USE1-ApiGatewayRequest,arn:aws:apigateway:us-east-1::/restapis/a1b2c3,1000,0.0035,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonBedrock,USE1-Claude-input-tokens,,1000,0.003,us-east-1,,summarizer",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonBedrock,USE1-Claude-output-tokens,,500,0.0075,us-east-1,,summarizer",
        "111122223333,Usage,2026-10-01T01:00:00Z,AWSQueueService,USE1-Requests-Tier1,arn:aws:sqs:us-east-1:111122223333:jobs,100,0.00004,us-east-1,llm-summarizer,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonS3,USE1-TimedStorage-ByteHrs,bucket-1,1,0.023,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonCloudWatch,USE1-CW:MetricMonitorUsage,,1,0.3,us-east-1,,",
        "111122223333,Usage,2026-10-01T01:00:00Z,AmazonApiGateway,USE1-ApiGatewayRequest,arn:aws:apigateway:us-east-1::/restapis/zzz,1000,0.0035,us-east-1,,",
    ]

    static let rules = AttributionRules(functionTag: "function", mappings: [
        AttributionMapping(product: "AmazonApiGateway", resource: try! ResourcePattern(parsing: "arn:aws:apigateway:us-east-1::/restapis/a1*"),
                           function: try! FunctionTarget(parsing: "orders-api")),
        AttributionMapping(product: "AmazonBedrock", tag: TagSelector(key: "app", value: "summarizer"), function: try! FunctionTarget(parsing: "llm-summarizer")),
    ])

    static func ingest(_ path: String, rules: AttributionRules = rules, split: ParseSplit = .never) throws -> IngestResult {
        var input = IngestStage.Input(curFiles: [path], month: october, regions: .builtIn)
        input.attribution = rules
        input.parseSplit = split
        return try IngestStage().run(input)
    }

    @Test func everyRowOfAnotherServiceIsTiedOrNotAndTheSumsAreExact() throws {
        let (folder, path) = try Self.write(Self.rows)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ingest = try Self.ingest(path)
        let orders = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api")
        let summarizer = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "llm-summarizer")
        let deleted = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "deleted-fn")
        let costs = ingest.otherServices
        // Hand-summed from the rows above.
        // Only log storage keeps its quantity (the growth check reads it).
        #expect(costs.attributed[orders]?.charges[.logIngestion] == .init(cost: dec("1.25"), rows: 2))
        #expect(costs.attributed[orders]?.charges[.logStorage]?.quantity == dec("0.003"))
        #expect(costs.attributed[orders]?.charges[.logStorage]?.cost == dec("0.00009"))
        #expect(costs.attributed[orders]?.storageFirstDays == dec("0.001"))
        #expect(costs.attributed[orders]?.storageLastDays == dec("0.002"))
        #expect(costs.attributed[orders]?.charges[.apiGateway]?.cost == dec("0.0035"))
        #expect(costs.attributed[summarizer]?.charges[.bedrockInput]?.cost == dec("0.003"))
        #expect(costs.attributed[summarizer]?.charges[.bedrockOutput]?.cost == dec("0.0075"))
        #expect(costs.attributed[summarizer]?.charges[.sqs]?.cost == dec("0.00004"))
        #expect(costs.attributed[deleted]?.total == dec("0.00012"))
        #expect(costs.notAttributed["AmazonS3"]?.cost == dec("0.023"))
        #expect(costs.notAttributed["AmazonCloudWatch"]?.cost == dec("0.3"))
        #expect(costs.notAttributed["AmazonApiGateway"] == .init(cost: dec("0.0035"), rows: 1))
        #expect(costs.total == ingest.totals.otherServices)
        #expect(ingest.totals.otherServices == dec("1.59075"))
        #expect(ingest.totals.reconciles)

        // The pricing stage: functions carry their share; the function without Lambda rows is listed apart.
        let output = try FunctionCostStage().run(ingest)
        let breakdown = output.otherServices
        #expect(output.functions.first { $0.function == orders }?.otherServicesCost == dec("1.25359"))
        #expect(output.functions.first { $0.function == orders }?.fullCost == dec("1.25359") + dec("0.00186667"))
        #expect(breakdown.unbilledFunctions == [.init(function: deleted, cost: dec("0.00012"))])
        #expect(breakdown.attributed == dec("1.26413"))
        #expect(breakdown.notAttributedTotal == dec("0.3265"))
        #expect(breakdown.total == ingest.totals.otherServices)
    }

    /// Without configuration the log groups and the `function` tag tie rows; `function_tag = ""` leaves the log
    /// groups alone.
    @Test func withoutConfigurationLogGroupsAndTheFunctionTagTie() throws {
        let (folder, path) = try Self.write(Self.rows)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let defaults = try Self.ingest(path, rules: ReportConfiguration().attribution)
        #expect(Set(defaults.otherServices.attributed.keys.map(\.name)) == ["orders-api", "deleted-fn", "llm-summarizer"])
        #expect(defaults.otherServices.notAttributed["AmazonApiGateway"]?.rows == 2)
        #expect(defaults.otherServices.total == defaults.totals.otherServices)

        let configuration = try ReportConfiguration(parsing: "[attribution]\nfunction_tag = \"\"\n", file: "off.toml")
        #expect(configuration.attribution.functionTag == nil)
        let logsOnly = try Self.ingest(path, rules: configuration.attribution)
        #expect(Set(logsOnly.otherServices.attributed.keys.map(\.name)) == ["orders-api", "deleted-fn"])
        #expect(logsOnly.otherServices.total == logsOnly.totals.otherServices)
    }

    /// The reader caches a row's function by what decides it: rows of one resource with different tag values go to
    /// their own functions; Savings Plans line items are never tied; a product no rule names is not resolved at all.
    @Test func theCacheKeysOnWhatDecidesAndCommitmentIsNeverTied() throws {
        let rows = [
            "111122223333,Usage,2026-10-01T01:00:00Z,AWSLambda,USE1-Request,arn:aws:lambda:us-east-1:111122223333:function:a,1,0.1,us-east-1,,",
            "111122223333,Usage,2026-10-01T01:00:00Z,AWSLambda,USE1-Request,arn:aws:lambda:us-east-1:111122223333:function:b,1,0.1,us-east-1,,",
            "111122223333,Usage,2026-10-01T01:00:00Z,AWSQueueService,USE1-Requests-Tier1,arn:aws:sqs:us-east-1:111122223333:shared,1,0.01,eu-west-1,a,",
            "111122223333,Usage,2026-10-01T02:00:00Z,AWSQueueService,USE1-Requests-Tier1,arn:aws:sqs:us-east-1:111122223333:shared,1,0.02,eu-west-1,b,",
            "111122223333,Usage,2026-10-01T03:00:00Z,AWSQueueService,USE1-Requests-Tier1,arn:aws:sqs:us-east-1:111122223333:other,1,0.04,eu-west-1,a,",
            "111122223333,SavingsPlanRecurringFee,2026-10-01T01:00:00Z,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,arn:aws:savingsplans::111122223333:savingsplan/x,1,0.5,,a,",
            "111122223333,SavingsPlanCoveredUsage,2026-10-01T01:00:00Z,AmazonEC2,USE1-BoxUsage,i-1,1,0.3,us-east-1,a,",
        ]
        let (folder, path) = try Self.write(rows)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ingest = try Self.ingest(path, rules: AttributionRules(functionTag: "function"))
        func share(_ name: String) -> OtherServiceCosts.FunctionShare? {
            ingest.otherServices.attributed[FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: name)]
        }
        // The queue's region is its ARN's (us-east-1), not the row's; each row goes to the function its tag names.
        #expect(share("a")?.charges[.sqs] == .init(cost: dec("0.05"), rows: 2))
        #expect(share("b")?.charges[.sqs] == .init(cost: dec("0.02"), rows: 1))
        #expect(ingest.otherServices.notAttributed["ComputeSavingsPlans"]?.cost == dec("0.5"))
        #expect(ingest.otherServices.notAttributed["AmazonEC2"]?.cost == dec("0.3"))
        #expect(ingest.otherServices.total == ingest.totals.otherServices)
        // Charges keep their order and behave as a dictionary.
        var charges: OtherServiceCharges = [.sqs: .init(cost: dec("1"), rows: 1), .logIngestion: .init(cost: dec("2"), rows: 1)]
        charges[.apiGateway, default: .init()] += .init(cost: dec("3"), rows: 2)
        #expect(charges.keys == [.logIngestion, .apiGateway, .sqs])
        charges[.logIngestion] = nil
        #expect(charges.keys == [.apiGateway, .sqs] && charges[.apiGateway]?.rows == 2 && charges[.logIngestion] == nil)
    }

    /// A file read in parts on several threads ties the same rows as one read in turn.
    @Test func aFileReadInPartsTiesTheSameRows() throws {
        let folder = NSTemporaryDirectory() + "attribution-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        _ = try SampleGenerator.write(configuration: SampleGenerator.Configuration(functions: 12, days: 3, seed: 5, month: Self.october), curTo: path)
        let whole = try Self.ingest(path, rules: AttributionRules())
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let parts = try Self.ingest(path, rules: AttributionRules(), split: ParseSplit(minimumBytes: 0, parts: 3, offsets: [size / 5, size / 2]))
        #expect(!whole.otherServices.attributed.isEmpty)
        #expect(whole.otherServices.attributed.values.allSatisfy { $0.charges[.logIngestion] != nil || $0.charges[.logStorage] != nil })
        #expect(parts.otherServices == whole.otherServices)
        #expect(whole.otherServices.total == whole.totals.otherServices)
    }

    // MARK: - Findings

    @Test func logsAndApisAboveTheFunctionAreFindings() {
        let function = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "orders-api")
        var cost = FunctionCost(function: function, architectures: [.x86_64], requests: dec("1000"), gbSeconds: dec("100"),
                                provisionedGBSeconds: .zero, provisionedDurationGBSeconds: .zero, unblendedCost: dec("2"),
                                effectiveCost: dec("2"), onDemandCost: dec("2"), freeTierValue: .zero, tags: [:], qualifiers: [], usage: [:])
        var share = OtherServiceCosts.FunctionShare()
        share.charges[.logIngestion] = .init(cost: dec("3"), rows: 10)
        share.charges[.logStorage] = .init(cost: dec("1.5"), rows: 10)
        share.charges[.apiGateway] = .init(cost: dec("1.99"), rows: 10)
        share.storageFirstDays = dec("10")
        share.storageLastDays = dec("11")
        cost.otherServices = share
        let findings = OtherServicesScenario().evaluate([cost], monthComplete: true)
        #expect(findings.map(\.kind) == ["log-ingestion-above-compute", "log-storage-growing"])
        #expect(findings.map(\.moneyAtRisk) == [dec("3"), dec("1.5")])
        #expect(findings[1].summary.contains("10.0 % more"))
        // An incomplete month says nothing about growth; storage that grew by less than 10 % is no finding; nor is a
        // charge under $1.
        var small = cost
        var smallShare = share
        smallShare.charges[.logIngestion] = .init(cost: dec("0.99"), rows: 1)
        smallShare.charges[.logStorage] = .init(cost: dec("0.99"), rows: 1)
        small.otherServices = smallShare
        #expect(OtherServicesScenario().evaluate([small], monthComplete: true).isEmpty)
        #expect(OtherServicesScenario().evaluate([cost], monthComplete: false).map(\.kind) == ["log-ingestion-above-compute"])
        share.storageLastDays = dec("10.99")
        share.charges[.apiGateway] = .init(cost: dec("2.01"), rows: 10)
        cost.otherServices = share
        #expect(OtherServicesScenario().evaluate([cost], monthComplete: true).map(\.kind) == ["log-ingestion-above-compute", "api-gateway-above-function"])
        #expect(OtherServicesScenario().evaluate([cost], monthComplete: true).allSatisfy { $0.section == .fullCost })
    }

    /// The LLM wrapper against its token bill: $5 of Lambda against $1.25 + $2.50 + $0.50 = $4.25 of tokens is
    /// $0.75 more, 1.18 dollars of Lambda per dollar of tokens (5 ÷ 4.25 = 1.176…).
    @Test func aWrapperThatCostsMoreThanItsTokensIsAFinding() {
        let function = FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: "llm-summarizer")
        func wrapper(lambda: String, input: String?, output: String?, other: String? = nil) -> FunctionCost {
            var cost = FunctionCost(function: function, architectures: [.x86_64], requests: dec("1000"), gbSeconds: dec("100"),
                                    provisionedGBSeconds: .zero, provisionedDurationGBSeconds: .zero, unblendedCost: dec(lambda),
                                    effectiveCost: dec(lambda), onDemandCost: dec(lambda), freeTierValue: .zero, tags: [:], qualifiers: [], usage: [:])
            var share = OtherServiceCosts.FunctionShare()
            share.charges[.logIngestion] = .init(cost: dec("0.4"), rows: 2)
            if let input { share.charges[.bedrockInput] = .init(cost: dec(input), rows: 2) }
            if let output { share.charges[.bedrockOutput] = .init(cost: dec(output), rows: 2) }
            if let other { share.charges[.bedrockOther] = .init(cost: dec(other), rows: 1) }
            cost.otherServices = share
            return cost
        }
        let cost = wrapper(lambda: "5", input: "1.25", output: "2.5", other: "0.5")
        let bill = ModelTokenBill(cost)
        #expect(bill == ModelTokenBill(lambdaCost: dec("5"), inputTokens: dec("1.25"), outputTokens: dec("2.5"), otherModelCost: dec("0.5")))
        #expect(bill?.tokens == dec("4.25") && bill?.wrapperCostsMore == true)
        #expect(bill?.wrapperPerTokenDollar.map { Format.quantity($0, places: 2) } == "1.18")
        let findings = OtherServicesScenario().evaluate([cost], monthComplete: true)
        #expect(findings.map(\.kind) == ["wrapper-above-tokens"])
        #expect(findings.first?.moneyAtRisk == dec("0.75") && findings.first?.section == .modelTokens)
        #expect(findings.first?.summary.contains("$5.00 in Lambda this month, more than the model tokens it pays for, $4.25 ($1.25 of input tokens, $2.50 of output tokens, $0.50 of other model charges)") == true)
        // Tokens that cost more, a wrapper under $1, and a function that calls no model: no finding.
        #expect(OtherServicesScenario().evaluate([wrapper(lambda: "4.25", input: "1.25", output: "3")], monthComplete: true).isEmpty)
        #expect(OtherServicesScenario().evaluate([wrapper(lambda: "0.99", input: "0.1", output: nil)], monthComplete: true).isEmpty)
        #expect(ModelTokenBill(wrapper(lambda: "5", input: nil, output: nil)) == nil)
        #expect(ModelTokenBill(wrapper(lambda: "5", input: nil, output: "0.5"))?.inputTokens == .zero)
    }
}
