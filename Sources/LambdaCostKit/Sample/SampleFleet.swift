/// Builds the deterministic list of functions of the sample company from the seed.
enum SampleFleet {
    /// The management (payer) account, which owns the Savings Plan. Account IDs are text.
    static let payerAccount = "004519876321"
    /// The linked member account.
    static let linkedAccount = "210987654321"
    static let accounts = [payerAccount, linkedAccount]

    static let teams = ["payments", "platform", "growth", "data", "search", "identity", "ml"]

    private static let nouns = [
        "orders", "image", "invoice", "llm", "payment", "user", "cart", "search", "email", "report", "auth",
        "inventory", "shipping", "notification", "webhook", "thumbnail", "audit", "billing", "catalog", "session",
        "pricing", "review", "coupon", "ledger", "refund", "profile", "media", "video", "geo", "fraud",
        "recommendation", "analytics", "export", "import", "backup", "chat", "support", "signup", "metrics", "queue",
    ]
    private static let verbs = [
        "api", "resize", "pdf", "summarizer", "worker", "consumer", "processor", "sync", "exporter", "ingest",
        "handler", "cron", "validator", "router", "indexer", "scheduler", "notifier", "transformer", "aggregator",
        "webhook", "cleanup", "enricher", "loader", "dispatcher",
    ]

    /// The functions in generation order: up to six fixed ones first, then random ones.
    static func make(count: Int, seed: UInt64) -> [SampleFunction] {
        var functions = Array(fixed.prefix(count))
        var taken = Set(fixed.map(\.name))
        var random = SampleRandom(seed: seed, 0xF1EE7)
        while functions.count < count {
            functions.append(randomFunction(&random, taken: &taken))
        }
        return functions
    }

    /// Functions that every sample contains, so that each scenario of the report has material.
    static let fixed: [SampleFunction] = [
        // 0: provisioned concurrency 10 on alias `live`, busy by day and idle at night.
        SampleFunction(
            name: "checkout-api", accountId: payerAccount, regionCode: "us-east-1", architecture: .x86_64,
            memoryMB: 1024, ephemeralStorageMB: 512, timeoutSeconds: 10, trigger: .apiGateway, team: "payments",
            env: "prod", provisionedConcurrency: 10, provisionedAlias: "live", profile: .diurnal,
            meanHourlyInvocations: 160_000, meanBilledMilliseconds: 115, maxMemoryUsedMB: 402, cpuPercent: 72,
            coldStartsPerMillion: 150, initDurationMilliseconds: 640, errorsPerMillion: 900, timeoutsPerMillion: 3,
            p50Percent: 88, p99Percent: 310, project: "storefront"),
        // 1: arm64 in eu-west-1, behind API Gateway with a 60 s timeout (above the 29 s integration limit).
        SampleFunction(
            name: "orders-api", accountId: linkedAccount, regionCode: "eu-west-1", architecture: .arm64,
            memoryMB: 512, ephemeralStorageMB: 512, timeoutSeconds: 60, trigger: .apiGateway, team: "growth",
            env: "prod", provisionedConcurrency: 0, provisionedAlias: nil, profile: .diurnal,
            meanHourlyInvocations: 25_000, meanBilledMilliseconds: 85, maxMemoryUsedMB: 231, cpuPercent: 68,
            coldStartsPerMillion: 1_800, initDurationMilliseconds: 410, errorsPerMillion: 1_200,
            timeoutsPerMillion: 0, p50Percent: 90, p99Percent: 280, project: "storefront"),
        // 2: I/O-bound: about 4 s per call, mostly waiting for a model (Amazon Nova Micro on Bedrock, through an
        // application inference profile tagged with its name): its Lambda cost is above its tokens'.
        SampleFunction(
            name: "llm-summarizer", accountId: payerAccount, regionCode: "us-east-1", architecture: .x86_64,
            memoryMB: 2048, ephemeralStorageMB: 512, timeoutSeconds: 30, trigger: .sqs, team: "ml", env: "prod",
            provisionedConcurrency: 0, provisionedAlias: nil, profile: .diurnal, meanHourlyInvocations: 1_500,
            meanBilledMilliseconds: 4_100, maxMemoryUsedMB: 388, cpuPercent: 4, coldStartsPerMillion: 6_000,
            initDurationMilliseconds: 1_150, errorsPerMillion: 4_000, timeoutsPerMillion: 120, p50Percent: 92,
            p99Percent: 235, project: "assistant", modelTier: "small", inputTokensPerCall: 1_800,
            outputTokensPerCall: 350),
        // 3: 2048 MB ephemeral storage (storage rows); timeout far above its p99.
        SampleFunction(
            name: "invoice-pdf", accountId: linkedAccount, regionCode: "us-east-1", architecture: .x86_64,
            memoryMB: 1024, ephemeralStorageMB: 2048, timeoutSeconds: 900, trigger: .sqs, team: "payments",
            env: "prod", provisionedConcurrency: 0, provisionedAlias: nil, profile: .diurnal,
            meanHourlyInvocations: 900, meanBilledMilliseconds: 1_800, maxMemoryUsedMB: 690, cpuPercent: 81,
            coldStartsPerMillion: 9_000, initDurationMilliseconds: 830, errorsPerMillion: 2_500,
            timeoutsPerMillion: 0, p50Percent: 86, p99Percent: 240, project: "backoffice"),
        // 4: ap-southeast-2, far over-provisioned memory (3008 MB, uses under 300 MB).
        SampleFunction(
            name: "image-resize", accountId: payerAccount, regionCode: "ap-southeast-2", architecture: .x86_64,
            memoryMB: 3008, ephemeralStorageMB: 512, timeoutSeconds: 15, trigger: .s3, team: "growth", env: "prod",
            provisionedConcurrency: 0, provisionedAlias: nil, profile: .spiky, meanHourlyInvocations: 4_000,
            meanBilledMilliseconds: 420, maxMemoryUsedMB: 286, cpuPercent: 88, coldStartsPerMillion: 12_000,
            initDurationMilliseconds: 520, errorsPerMillion: 600, timeoutsPerMillion: 0, p50Percent: 90,
            p99Percent: 260, project: "storefront"),
        // 5: request-heavy: an SQS consumer taking one tiny message per call (about 3 ms), so requests cost
        // more than duration and batching pays.
        SampleFunction(
            name: "flag-events", accountId: linkedAccount, regionCode: "us-east-1", architecture: .x86_64,
            memoryMB: 128, ephemeralStorageMB: 512, timeoutSeconds: 3, trigger: .sqs, team: "platform",
            env: "prod", provisionedConcurrency: 0, provisionedAlias: nil, profile: .diurnal,
            meanHourlyInvocations: 250_000, meanBilledMilliseconds: 3, maxMemoryUsedMB: 71, cpuPercent: 85,
            coldStartsPerMillion: 90, initDurationMilliseconds: 180, errorsPerMillion: 40, timeoutsPerMillion: 0,
            p50Percent: 80, p99Percent: 400),
    ]

    private static func randomFunction(_ random: inout SampleRandom, taken: inout Set<String>) -> SampleFunction {
        var name = "\(random.pick(nouns))-\(random.pick(verbs))"
        if taken.contains(name) {
            var suffix = 2
            while taken.contains("\(name)-\(suffix)") { suffix += 1 }
            name = "\(name)-\(suffix)"
        }
        taken.insert(name)

        let account = random.chance(percent: 55) ? payerAccount : linkedAccount
        let region = SampleRegion.all[random.index(weights: [50, 30, 20])]
        let architecture: Architecture = random.chance(percent: 70) ? .x86_64 : .arm64
        let memory = [128, 256, 512, 1024, 1536, 2048, 3008][random.index(weights: [15, 20, 25, 20, 8, 7, 5])]
        let ephemeral = [512, 1024, 4096][random.index(weights: [92, 5, 3])]
        let trigger = [SampleFunction.Trigger.apiGateway, .sqs, .eventBridge, .s3, .direct][
            random.index(weights: [35, 25, 15, 10, 15])]
        let profile: SampleFunction.TrafficProfile
        let milliseconds: [Int]
        let invocations: [Int]
        var coldStarts = random.int(in: 2_000...20_000)
        switch trigger {
        case .apiGateway:
            profile = random.chance(percent: 80) ? .diurnal : .flat
            milliseconds = [12, 25, 40, 60, 90, 140, 220, 350]
            invocations = [300, 800, 2_000, 5_000, 12_000, 30_000]
            coldStarts = random.int(in: 500...4_000)
        case .sqs:
            profile = [.diurnal, .spiky, .flat][random.index(weights: [50, 30, 20])]
            milliseconds = [45, 80, 150, 300, 600, 1_200, 2_500]
            invocations = [100, 400, 1_500, 5_000, 15_000]
        case .eventBridge:
            profile = random.chance(percent: 60) ? .nightlyBatch : .flat
            milliseconds = [250, 800, 2_000, 6_000, 15_000, 45_000]
            invocations = [2, 12, 60, 240, 900]
            coldStarts = random.int(in: 50_000...300_000)
        case .s3:
            profile = random.chance(percent: 70) ? .spiky : .diurnal
            milliseconds = [150, 300, 600, 1_200, 2_400, 4_800]
            invocations = [30, 120, 500, 2_000]
        case .direct:
            profile = [.flat, .diurnal, .spiky][random.index(weights: [50, 30, 20])]
            milliseconds = [8, 20, 50, 120, 300, 800]
            invocations = [10, 60, 300, 1_200, 5_000]
        }
        let meanMilliseconds = max(1, random.pick(milliseconds) * random.int(in: 80...120) / 100)
        let meanInvocations = max(1, random.pick(invocations) * random.int(in: 70...130) / 100)
        let p99Percent = random.int(in: 200...350)
        let p99Seconds = meanMilliseconds * p99Percent / 100 / 1000
        // Hygienic timeout: the smallest usual value at least three times the p99 (at most 29 s behind API Gateway).
        let timeouts = trigger == .apiGateway ? [3, 5, 10, 15, 20, 29] : [3, 5, 10, 15, 30, 60, 120, 300, 600, 900]
        let timeout = timeouts.first { $0 >= 3 * p99Seconds + 1 } ?? timeouts.last!
        var function = SampleFunction(
            name: name, accountId: account, regionCode: region.code, architecture: architecture, memoryMB: memory,
            ephemeralStorageMB: ephemeral, timeoutSeconds: timeout, trigger: trigger, team: random.pick(teams),
            env: ["prod", "staging", "dev"][random.index(weights: [70, 20, 10])], provisionedConcurrency: 0,
            provisionedAlias: nil, profile: profile, meanHourlyInvocations: meanInvocations,
            meanBilledMilliseconds: meanMilliseconds,
            maxMemoryUsedMB: max(min(60, memory - 16), memory * random.int(in: 35...85) / 100),
            cpuPercent: random.int(in: 55...92), coldStartsPerMillion: coldStarts,
            initDurationMilliseconds: random.int(in: 120...900), errorsPerMillion: random.int(in: 50...5_000),
            timeoutsPerMillion: random.chance(percent: 20) ? random.int(in: 1...50) : 0,
            p50Percent: random.int(in: 82...95), p99Percent: p99Percent)
        function.project = project(of: name)
        return function
    }

    /// Projects of random functions; about one in five has no `project` tag.
    private static let projects = ["storefront", "backoffice", "insights", "assistant", ""]

    /// A function's project from its name (FNV-1a), so that the random stream, and with it every other value of
    /// the fleet, does not depend on projects.
    private static func project(of name: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return projects[Int(hash % UInt64(projects.count))]
    }
}
