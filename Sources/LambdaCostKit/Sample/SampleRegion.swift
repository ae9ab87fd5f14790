/// An AWS region the sample uses, with its billing codes, names and tier-1 list prices.
///
/// Prices come from `shared/reference/lambda-billing.md` §5.3/§5.4 (x86 and arm64 tier 1; only the first
/// duration tier is reachable by a small company). Other-service prices are rounded public list prices and
/// only need to be plausible.
struct SampleRegion: Sendable, Hashable {
    /// Region code, for example `eu-west-1`.
    let code: String
    /// Prefix of Lambda usage types: none in us-east-1, `EU-` in eu-west-1 (§3.2).
    let lambdaPrefix: String
    /// Billing code used in data-transfer usage types (`USE1`, `EU`, `APS2`).
    let billingCode: String
    /// Usage-type prefix of DynamoDB and S3 (unprefixed in us-east-1, like Lambda).
    let storagePrefix: String
    /// Usage-type prefix of API Gateway and CloudWatch (assumption: `USE1-` even in us-east-1).
    let servicePrefix: String
    /// `product/location`, for example `US East (N. Virginia)`.
    let location: String
    /// Region name in line item descriptions, for example `US East (Northern Virginia)`.
    let descriptionName: String
    /// Offset of local time to UTC in whole hours (daylight saving time is ignored).
    let utcOffsetHours: Int

    let requestPrice: FixedDecimal
    let x86DurationPrice: FixedDecimal
    let armDurationPrice: FixedDecimal
    let x86ProvisionedConcurrencyPrice: FixedDecimal
    let x86ProvisionedDurationPrice: FixedDecimal
    /// arm64 provisioned prices are known for us-east-1 only (§5.3); elsewhere `nil`.
    let armProvisionedConcurrencyPrice: FixedDecimal?
    let armProvisionedDurationPrice: FixedDecimal?
    let storagePrice: FixedDecimal

    /// DynamoDB on-demand read / write request unit, storage per GB-month.
    let dynamoReadPrice: FixedDecimal
    let dynamoWritePrice: FixedDecimal
    let dynamoStoragePrice: FixedDecimal
    /// S3 Standard storage per GB-month, tier-1 (PUT) and tier-2 (GET) requests.
    let s3StoragePrice: FixedDecimal
    let s3Tier1Price: FixedDecimal
    let s3Tier2Price: FixedDecimal
    /// API Gateway HTTP API request.
    let apiRequestPrice: FixedDecimal
    /// CloudWatch Logs ingestion per GB, log storage per GB-month, API request, metric per month.
    let logIngestionPrice: FixedDecimal
    let logStoragePrice: FixedDecimal
    let cloudWatchRequestPrice: FixedDecimal
    let metricPrice: FixedDecimal

    static let usEast1 = SampleRegion(
        code: "us-east-1", lambdaPrefix: "", billingCode: "USE1", storagePrefix: "", servicePrefix: "USE1-",
        location: "US East (N. Virginia)", descriptionName: "US East (Northern Virginia)", utcOffsetHours: -5,
        requestPrice: rate("0.0000002000"), x86DurationPrice: rate("0.0000166667"),
        armDurationPrice: rate("0.0000133334"), x86ProvisionedConcurrencyPrice: rate("0.0000041667"),
        x86ProvisionedDurationPrice: rate("0.0000097222"), armProvisionedConcurrencyPrice: rate("0.0000033334"),
        armProvisionedDurationPrice: rate("0.0000077778"), storagePrice: rate("0.0000000309"),
        dynamoReadPrice: rate("0.0000001250"), dynamoWritePrice: rate("0.0000006250"),
        dynamoStoragePrice: rate("0.2500000000"), s3StoragePrice: rate("0.0230000000"),
        s3Tier1Price: rate("0.0000050000"), s3Tier2Price: rate("0.0000004000"),
        apiRequestPrice: rate("0.0000010000"), logIngestionPrice: rate("0.5000000000"),
        logStoragePrice: rate("0.0300000000"), cloudWatchRequestPrice: rate("0.0000100000"),
        metricPrice: rate("0.3000000000"))

    static let euWest1 = SampleRegion(
        code: "eu-west-1", lambdaPrefix: "EU-", billingCode: "EU", storagePrefix: "EU-", servicePrefix: "EU-",
        location: "EU (Ireland)", descriptionName: "EU (Ireland)", utcOffsetHours: 0,
        requestPrice: rate("0.0000002000"), x86DurationPrice: rate("0.0000166667"),
        armDurationPrice: rate("0.0000133334"), x86ProvisionedConcurrencyPrice: rate("0.0000046460"),
        x86ProvisionedDurationPrice: rate("0.0000108407"), armProvisionedConcurrencyPrice: nil,
        armProvisionedDurationPrice: nil, storagePrice: rate("0.0000000340"),
        dynamoReadPrice: rate("0.0000001415"), dynamoWritePrice: rate("0.0000007075"),
        dynamoStoragePrice: rate("0.2830000000"), s3StoragePrice: rate("0.0230000000"),
        s3Tier1Price: rate("0.0000050000"), s3Tier2Price: rate("0.0000004000"),
        apiRequestPrice: rate("0.0000010000"), logIngestionPrice: rate("0.5700000000"),
        logStoragePrice: rate("0.0300000000"), cloudWatchRequestPrice: rate("0.0000100000"),
        metricPrice: rate("0.3000000000"))

    static let apSoutheast2 = SampleRegion(
        code: "ap-southeast-2", lambdaPrefix: "APS2-", billingCode: "APS2", storagePrefix: "APS2-",
        servicePrefix: "APS2-", location: "Asia Pacific (Sydney)", descriptionName: "Asia Pacific (Sydney)",
        utcOffsetHours: 10,
        requestPrice: rate("0.0000002000"), x86DurationPrice: rate("0.0000166667"),
        armDurationPrice: rate("0.0000133334"), x86ProvisionedConcurrencyPrice: rate("0.0000052360"),
        x86ProvisionedDurationPrice: rate("0.0000122173"), armProvisionedConcurrencyPrice: nil,
        armProvisionedDurationPrice: nil, storagePrice: rate("0.0000000370"),
        dynamoReadPrice: rate("0.0000001420"), dynamoWritePrice: rate("0.0000007100"),
        dynamoStoragePrice: rate("0.2850000000"), s3StoragePrice: rate("0.0250000000"),
        s3Tier1Price: rate("0.0000055000"), s3Tier2Price: rate("0.0000004400"),
        apiRequestPrice: rate("0.0000012000"), logIngestionPrice: rate("0.7000000000"),
        logStoragePrice: rate("0.0330000000"), cloudWatchRequestPrice: rate("0.0000100000"),
        metricPrice: rate("0.3000000000"))

    /// The regions in a fixed order (the order of negation rows and of the other-services catalog).
    static let all: [SampleRegion] = [usEast1, euWest1, apSoutheast2]

    /// Position in ``all``.
    var index: Int { Self.all.firstIndex { $0.code == code }! }

    /// ``utcOffsetHours`` of each region in ``all``.
    static let utcOffsets = all.map(\.utcOffsetHours)

    /// The on-demand list price of a Lambda usage, or `nil` when unknown (arm64 PC outside us-east-1).
    func lambdaPrice(_ usage: SampleLambdaUsage, _ architecture: Architecture) -> FixedDecimal? {
        let arm = architecture == .arm64
        switch usage {
        case .request: return requestPrice
        case .duration: return arm ? armDurationPrice : x86DurationPrice
        case .provisionedDuration: return arm ? armProvisionedDurationPrice : x86ProvisionedDurationPrice
        case .provisionedConcurrency: return arm ? armProvisionedConcurrencyPrice : x86ProvisionedConcurrencyPrice
        case .storage: return storagePrice
        }
    }

    private static func rate(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
}
