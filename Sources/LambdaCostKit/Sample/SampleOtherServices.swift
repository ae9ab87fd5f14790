/// The non-Lambda part of the bill: DynamoDB tables, S3 buckets, API Gateway APIs, CloudWatch log groups and
/// metrics, and Amazon Bedrock model tokens of the company, as hourly usage "slots" (one resource and usage type
/// each).
///
/// Each hour the generator emits as many slots as it needs to reach the configured share of non-Lambda rows,
/// rotating through the catalog so that every slot appears regularly. A company-sized fleet (up to
/// ``everyFunctionLimit`` functions) has every function's own slots in the catalog: its log group, the API in
/// front of it, the model it calls; a larger fleet, made for benchmarks, has as many of them as its share of rows
/// reaches.
struct SampleOtherServices: Sendable {
    /// An AWS service other than Lambda.
    enum Service: Int, Sendable, CaseIterable {
        case dynamoDB, s3, apiGateway, cloudWatch, bedrock

        var productCode: String {
            switch self {
            case .dynamoDB: "AmazonDynamoDB"
            case .s3: "AmazonS3"
            case .apiGateway: "AmazonApiGateway"  // the real product code (not "AmazonAPIGateway")
            case .cloudWatch: "AmazonCloudWatch"
            case .bedrock: "AmazonBedrock"
            }
        }

        var productName: String {
            switch self {
            case .dynamoDB: "Amazon DynamoDB"
            case .s3: "Amazon Simple Storage Service"
            case .apiGateway: "Amazon API Gateway"
            case .cloudWatch: "AmazonCloudWatch"
            case .bedrock: "Amazon Bedrock"
            }
        }
    }

    /// Fleets of at most this many functions have every function's own slots in the catalog.
    static let everyFunctionLimit = 100

    /// How a slot's hourly usage amount is made.
    enum Amount: Sendable {
        /// Stored data of `megabytes` growing 0.5 % a day, billed in GB-months per hour.
        case storage(megabytes: Int)
        /// Requests (or request units) per hour on average, following a daytime curve in local time.
        case requests(perHour: Int, utcOffset: Int)
        /// Ingested data per hour on average, in GB, following a daytime curve.
        case ingestion(megabytesPerHour: Int, utcOffset: Int)
        /// Metrics stored, billed in metric-months per hour.
        case metrics(count: Int)
    }

    /// One resource and usage type.
    struct Slot: Sendable {
        var service: Service
        var accountIndex: Int
        var values: SampleCURStaticValues
        var rate: FixedDecimal
        var amount: Amount
        /// Sort key of the output order: account, service, region, resource, usage type.
        var sortKey: String
    }

    /// The active slots in output order.
    let slots: [Slot]

    /// Builds a catalog of the functions' own slots (all of them up to ``everyFunctionLimit`` functions) and at
    /// least `minimumSlots` more (more resources are invented when the company's own resources are not enough).
    init(functions: [SampleFunction], seed: UInt64, minimumSlots: Int) {
        var random = SampleRandom(seed: seed, 0x07E4_5E4C)
        var queues: [[Slot]] = Array(repeating: [], count: Service.allCases.count)
        var apiIdentifiers = Set<String>()

        func apiIdentifier() -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            while true {
                let id = String((0..<10).map { _ in random.pick(alphabet) })
                if apiIdentifiers.insert(id).inserted { return id }
            }
        }

        // Each function's own slots: its log group (tied to it by name), the API in front of it and the model it
        // calls (tied to it by the `function` tag).
        var functionSlots: [Slot] = []
        for function in functions {
            let region = function.region
            let account = SampleFleet.accounts.firstIndex(of: function.accountId)!
            let logGroup = "arn:aws:logs:\(region.code):\(function.accountId):log-group:/aws/lambda/\(function.name)"
            let perHour = max(1, function.meanHourlyInvocations * random.int(in: 600...3_000) / 1_048_576)
            var owned = [
                Self.logIngestion(account, region, logGroup, function, megabytesPerHour: perHour),
                Self.logStorage(account, region, logGroup, function, megabytes: perHour * 24 * 30 + 50),
            ]
            if function.trigger == .apiGateway {
                let api = "arn:aws:apigateway:\(region.code)::/restapis/\(apiIdentifier())"
                owned.append(Self.apiRequests(account, region, api, function))
            }
            if function.inputTokensPerCall > 0 || function.outputTokensPerCall > 0 {
                owned += Self.modelTokens(account, region, inferenceProfile: apiIdentifier(), function)
            }
            if functions.count <= Self.everyFunctionLimit {
                functionSlots += owned
            } else {
                for slot in owned { queues[slot.service.rawValue].append(slot) }
            }
        }

        // Tables, buckets and metrics per account and region that has functions, in a fixed order.
        var places: [(Int, SampleRegion, [String])] = []
        for (account, accountId) in SampleFleet.accounts.enumerated() {
            for region in SampleRegion.all {
                let teams = SampleFleet.teams.filter { team in
                    functions.contains { $0.accountId == accountId && $0.regionCode == region.code && $0.team == team }
                }
                if !teams.isEmpty { places.append((account, region, teams)) }
            }
        }
        let tableWords = ["orders", "sessions", "events", "customers", "jobs", "idempotency", "ledger", "catalog"]
        for (account, region, teams) in places {
            let accountId = SampleFleet.accounts[account]
            for team in teams {
                let table = "\(team)-\(random.pick(tableWords))"
                queues[Service.dynamoDB.rawValue] += Self.table(
                    account, region, accountId, table, team, &random)
            }
            for purpose in ["assets", "exports"] {
                let bucket = "acme-\(teams[0])-\(purpose)-\(region.code)-\(accountId.suffix(4))"
                queues[Service.s3.rawValue] += Self.bucket(account, region, bucket, teams[0], &random)
            }
            queues[Service.cloudWatch.rawValue] += Self.metrics(account, region, accountId, teams[0], &random)
        }

        // Interleave the services so that any prefix of the catalog has all of them.
        var catalog = functionSlots
        let size = functionSlots.count + minimumSlots
        var positions = [Int](repeating: 0, count: queues.count)
        while catalog.count < size {
            var added = false
            for service in queues.indices where positions[service] < queues[service].count {
                catalog.append(queues[service][positions[service]])
                positions[service] += 1
                added = true
            }
            if !added { break }
        }
        // Invent more tables and buckets if needed.
        var extra = 1
        while catalog.count < size {
            let (account, region, teams) = places[extra % places.count]
            let accountId = SampleFleet.accounts[account]
            let team = teams[extra % teams.count]
            catalog += Self.table(account, region, accountId, "\(team)-\(random.pick(tableWords))-\(extra)", team, &random)
            catalog += Self.bucket(account, region, "acme-\(team)-archive-\(extra)-\(region.code)", team, &random)
            extra += 1
        }
        slots = catalog.sorted { $0.sortKey < $1.sortKey }
    }

    // MARK: - Slot factories

    private static func slot(
        _ service: Service, _ account: Int, _ region: SampleRegion, usageType: String, operation: String,
        resource: String, family: String, group: String = "", unit: String, description: String,
        rate: FixedDecimal, team: String, env: String, owner: SampleFunction? = nil, amount: Amount
    ) -> Slot {
        var values = SampleCURStaticValues()
        values.usageAccountId = SampleFleet.accounts[account]
        values.lineItemType = "Usage"
        values.productCode = service.productCode
        values.usageType = usageType
        values.operation = operation
        values.resourceId = resource
        values.description = description
        values.productName = service.productName
        values.group = group
        values.location = region.location
        values.productFamily = family
        values.region = region.code
        values.serviceCode = service.productCode
        values.sku = SampleSKU.sku(region.code, usageType)
        values.rateCode = "\(values.sku).JRTCKXETXF.6YS6EN2CT7"
        values.rateId = SampleSKU.rateId(values.rateCode)
        values.term = "OnDemand"
        values.unit = unit
        values.team = team
        values.env = env
        if let owner {
            values.project = owner.project
            values.modelTier = service == .bedrock ? owner.modelTier : ""
            // A log group is tied by its name; other resources carry the function's name in a tag.
            values.function = service == .cloudWatch ? "" : owner.name
        }
        let key = "\(account)|\(service.rawValue)|\(region.index)|\(resource)|\(usageType)"
        return Slot(service: service, accountIndex: account, values: values, rate: rate, amount: amount, sortKey: key)
    }

    /// `$0.50`, `$0.0004`: at least two decimals, like AWS descriptions.
    private static func money(_ value: FixedDecimal) -> String {
        var text = value.description
        if !text.contains(".") { text += ".00" } else if text.split(separator: ".")[1].count == 1 { text += "0" }
        return "$" + text
    }

    private static func logIngestion(
        _ account: Int, _ region: SampleRegion, _ logGroup: String, _ function: SampleFunction, megabytesPerHour: Int
    ) -> Slot {
        slot(.cloudWatch, account, region, usageType: region.servicePrefix + "DataProcessing-Bytes",
             operation: "PutLogEvents", resource: logGroup, family: "Data Payload", unit: "GB",
             description: "\(money(region.logIngestionPrice)) per GB custom log data ingested - \(region.location)",
             rate: region.logIngestionPrice, team: function.team, env: function.env, owner: function,
             amount: .ingestion(megabytesPerHour: megabytesPerHour, utcOffset: region.utcOffsetHours))
    }

    private static func logStorage(
        _ account: Int, _ region: SampleRegion, _ logGroup: String, _ function: SampleFunction, megabytes: Int
    ) -> Slot {
        slot(.cloudWatch, account, region, usageType: region.servicePrefix + "TimedStorage-ByteHrs",
             operation: "HourlyStorageMetering", resource: logGroup, family: "Storage Snapshot", unit: "GB-Mo",
             description: "\(money(region.logStoragePrice)) per GB-mo of log storage - \(region.location)",
             rate: region.logStoragePrice, team: function.team, env: function.env, owner: function,
             amount: .storage(megabytes: megabytes))
    }

    private static func apiRequests(
        _ account: Int, _ region: SampleRegion, _ api: String, _ function: SampleFunction
    ) -> Slot {
        let perMillion = region.apiRequestPrice * 1_000_000
        return slot(.apiGateway, account, region, usageType: region.servicePrefix + "ApiGatewayHttpRequest",
             operation: "ApiGatewayHttpApi", resource: api, family: "API Calls", unit: "Requests",
             description: "\(money(perMillion)) per million requests - HTTP API first 300 million requests/month",
             rate: region.apiRequestPrice, team: function.team, env: function.env, owner: function,
             amount: .requests(perHour: function.meanHourlyInvocations, utcOffset: region.utcOffsetHours))
    }

    /// Amazon Nova Micro's on-demand token prices in us-east-1 ($0.035 and $0.14 per million input and output
    /// tokens), used in every region of the sample: they only need to be plausible.
    static let inputTokenPrice = FixedDecimal(parsing: "0.000000035")!
    static let outputTokenPrice = FixedDecimal(parsing: "0.00000014")!

    /// The input and output tokens of the model a function calls through an application inference profile
    /// tagged with the function's name (`user:function`), as Bedrock bills them: one usage type per token type.
    private static func modelTokens(
        _ account: Int, _ region: SampleRegion, inferenceProfile: String, _ function: SampleFunction
    ) -> [Slot] {
        let profile = "arn:aws:bedrock:\(region.code):\(function.accountId):application-inference-profile/\(inferenceProfile)"
        let tokens = [("input", inputTokenPrice, function.inputTokensPerCall), ("output", outputTokenPrice, function.outputTokensPerCall)]
        return tokens.map { direction, price, perCall in
            slot(.bedrock, account, region, usageType: region.servicePrefix + "NovaMicro-\(direction)-tokens",
                 operation: "InvokeModelInference", resource: profile, family: "Amazon Bedrock", unit: "Tokens",
                 description: "\(money(price * 1_000_000)) per million \(direction) tokens for Nova Micro in \(region.location)",
                 rate: price, team: function.team, env: function.env, owner: function,
                 amount: .requests(perHour: function.meanHourlyInvocations * perCall, utcOffset: region.utcOffsetHours))
        }
    }

    private static func table(
        _ account: Int, _ region: SampleRegion, _ accountId: String, _ name: String, _ team: String,
        _ random: inout SampleRandom
    ) -> [Slot] {
        let arn = "arn:aws:dynamodb:\(region.code):\(accountId):table/\(name)"
        let reads = random.int(in: 2_000...400_000)
        let prefix = region.storagePrefix
        return [
            slot(.dynamoDB, account, region, usageType: prefix + "ReadRequestUnits",
                 operation: "PayPerRequestThroughput", resource: arn,
                 family: "Amazon DynamoDB PayPerRequest Throughput", group: "DDB-ReadUnits", unit: "ReadRequestUnits",
                 description: "\(money(region.dynamoReadPrice * 1_000_000)) per million read request units",
                 rate: region.dynamoReadPrice, team: team, env: "prod",
                 amount: .requests(perHour: reads, utcOffset: region.utcOffsetHours)),
            slot(.dynamoDB, account, region, usageType: prefix + "WriteRequestUnits",
                 operation: "PayPerRequestThroughput", resource: arn,
                 family: "Amazon DynamoDB PayPerRequest Throughput", group: "DDB-WriteUnits",
                 unit: "WriteRequestUnits",
                 description: "\(money(region.dynamoWritePrice * 1_000_000)) per million write request units",
                 rate: region.dynamoWritePrice, team: team, env: "prod",
                 amount: .requests(perHour: max(1, reads / random.int(in: 3...12)), utcOffset: region.utcOffsetHours)),
            slot(.dynamoDB, account, region, usageType: prefix + "TimedStorage-ByteHrs", operation: "StandardStorage",
                 resource: arn, family: "Database Storage", unit: "GB-Mo",
                 description: "\(money(region.dynamoStoragePrice)) per GB-Month of storage used beyond first 25 free GB-Months",
                 rate: region.dynamoStoragePrice, team: team, env: "prod",
                 amount: .storage(megabytes: random.int(in: 200...40_000))),
        ]
    }

    private static func bucket(
        _ account: Int, _ region: SampleRegion, _ name: String, _ team: String, _ random: inout SampleRandom
    ) -> [Slot] {
        let prefix = region.storagePrefix
        let gets = random.int(in: 500...200_000)
        return [
            slot(.s3, account, region, usageType: prefix + "TimedStorage-ByteHrs", operation: "StandardStorage",
                 resource: name, family: "Storage", unit: "GB-Mo",
                 description: "\(money(region.s3StoragePrice)) per GB - first 50 TB / month of storage used",
                 rate: region.s3StoragePrice, team: team, env: "prod",
                 amount: .storage(megabytes: random.int(in: 1_000...800_000))),
            slot(.s3, account, region, usageType: prefix + "Requests-Tier1", operation: "PutObject", resource: name,
                 family: "API Request", group: "S3-API-Tier1", unit: "Requests",
                 description: "\(money(region.s3Tier1Price * 1_000)) per 1,000 PUT, COPY, POST, or LIST requests",
                 rate: region.s3Tier1Price, team: team, env: "prod",
                 amount: .requests(perHour: max(1, gets / random.int(in: 5...40)), utcOffset: region.utcOffsetHours)),
            slot(.s3, account, region, usageType: prefix + "Requests-Tier2", operation: "GetObject", resource: name,
                 family: "API Request", group: "S3-API-Tier2", unit: "Requests",
                 description: "\(money(region.s3Tier2Price * 1_000)) per 1,000 GET and all other requests",
                 rate: region.s3Tier2Price, team: team, env: "prod",
                 amount: .requests(perHour: gets, utcOffset: region.utcOffsetHours)),
        ]
    }

    private static func metrics(
        _ account: Int, _ region: SampleRegion, _ accountId: String, _ team: String, _ random: inout SampleRandom
    ) -> [Slot] {
        let prefix = region.servicePrefix
        return [
            slot(.cloudWatch, account, region, usageType: prefix + "CW:MetricMonitorUsage", operation: "MetricStorage",
                 resource: "", family: "Metric", unit: "Metrics",
                 description: "\(money(region.metricPrice)) per metric-month - first 10,000 metrics - \(region.location)",
                 rate: region.metricPrice, team: "", env: "",
                 amount: .metrics(count: random.int(in: 40...900))),
            slot(.cloudWatch, account, region, usageType: prefix + "CW:Requests", operation: "GetMetricData",
                 resource: "", family: "API Request", unit: "Requests",
                 description: "\(money(region.cloudWatchRequestPrice * 1_000)) per 1,000 requests - \(region.location)",
                 rate: region.cloudWatchRequestPrice, team: "", env: "",
                 amount: .requests(perHour: random.int(in: 200...20_000), utcOffset: region.utcOffsetHours)),
        ]
    }

    // MARK: - Amounts

    /// The usage amount of a slot in an hour of the month.
    func amount(of slot: Int, hour: Int, hoursInMonth: Int, seed: UInt64) -> FixedDecimal {
        var random = SampleRandom(seed: seed, 0x07E4_A40, UInt64(slot), UInt64(hour))
        let noise = random.int(in: 90...110)
        switch slots[slot].amount {
        case .storage(let megabytes):
            let size = megabytes + megabytes * (hour / 24) / 200
            return FixedDecimal(size).divided(by: 1024 * hoursInMonth).rounded(places: 10)
        case .requests(let perHour, let utcOffset):
            let weight = Int(SampleUsageModel.localWeight(.diurnal, utcHour: hour % 24, utcOffset: utcOffset))
            return FixedDecimal(max(1, perHour * weight * noise / 10_000))
        case .ingestion(let megabytesPerHour, let utcOffset):
            let weight = Int(SampleUsageModel.localWeight(.diurnal, utcHour: hour % 24, utcOffset: utcOffset))
            let bytes = max(1_024, megabytesPerHour * 1_048_576 / 100 * weight * noise / 100)
            return FixedDecimal(bytes).divided(by: 1_073_741_824).rounded(places: 10)
        case .metrics(let count):
            return FixedDecimal(count).divided(by: hoursInMonth).rounded(places: 10)
        }
    }
}
