/// The true configuration and behaviour of one synthetic Lambda function.
public struct SampleFunction: Sendable, Hashable {
    /// Instruction set architecture.
    /// What invokes the function.
    public enum Trigger: String, Sendable, Hashable {
        case apiGateway = "api-gateway"
        case sqs
        case eventBridge = "eventbridge"
        case s3
        case direct
    }

    /// Shape of the traffic over a day.
    public enum TrafficProfile: String, Sendable, Hashable {
        case diurnal
        case nightlyBatch = "nightly-batch"
        case flat
        case spiky
    }

    /// Function name, unique in the sample.
    public let name: String
    /// Usage account (12 digits, text: `004519876321` keeps its leading zeros).
    public let accountId: String
    /// Region code, for example `eu-west-1`.
    public let regionCode: String
    public let architecture: Architecture
    public let memoryMB: Int
    /// Configured ephemeral storage (512 MB is free; more produces storage rows).
    public let ephemeralStorageMB: Int
    public let timeoutSeconds: Int
    public let trigger: Trigger
    /// Values of the `team` and `env` cost allocation tags.
    public let team: String
    public let env: String
    /// Provisioned concurrency kept all month on ``provisionedAlias`` (0 = none).
    public let provisionedConcurrency: Int
    public let provisionedAlias: String?
    public let profile: TrafficProfile
    /// Mean invocations per hour before the daily shape and noise are applied.
    public let meanHourlyInvocations: Int
    /// Mean billed milliseconds per invocation (INIT included).
    public let meanBilledMilliseconds: Int
    /// Highest memory used by any invocation.
    public let maxMemoryUsedMB: Int
    /// CPU time as a share of duration, in percent (low for I/O-bound functions).
    public let cpuPercent: Int
    /// Cold starts per million invocations.
    public let coldStartsPerMillion: Int
    public let initDurationMilliseconds: Int
    public let errorsPerMillion: Int
    public let timeoutsPerMillion: Int
    /// Median and 99th-percentile duration as a percentage of the mean duration.
    public let p50Percent: Int
    public let p99Percent: Int
    /// The `project` tag (empty: untagged).
    public var project = ""
    /// The `model_tier` tag of a function that calls a model (empty: none).
    public var modelTier = ""
    /// Model tokens per call (Amazon Bedrock, through an application inference profile tagged with the
    /// function's name); 0 for functions that call no model.
    public var inputTokensPerCall = 0
    public var outputTokensPerCall = 0

    /// Position of the region in ``SampleRegion/all``.
    var regionIndex: Int {
        switch regionCode {
        case "us-east-1": 0
        case "eu-west-1": 1
        default: 2
        }
    }

    var region: SampleRegion { SampleRegion.all[regionIndex] }

    /// `arn:aws:lambda:<region>:<account>:function:<name>`.
    public var arn: String { "arn:aws:lambda:\(regionCode):\(accountId):function:\(name)" }

    /// The qualified ARN that provisioned-concurrency rows carry, if any.
    public var provisionedARN: String? { provisionedAlias.map { "\(arn):\($0)" } }
}
