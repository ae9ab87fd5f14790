/// A kind of Lambda usage line item (§3.1), before region prefix and `-ARM` suffix are applied.
enum SampleLambdaUsage: Int, CaseIterable, Sendable {
    case request
    case duration
    case provisionedDuration
    case provisionedConcurrency
    case storage

    var suffix: String {
        switch self {
        case .request: "Request"
        case .duration: "Lambda-GB-Second"
        case .provisionedDuration: "Lambda-Provisioned-GB-Second"
        case .provisionedConcurrency: "Lambda-Provisioned-Concurrency"
        case .storage: "Lambda-Storage-GB-Second"
        }
    }

    /// The usage type in a region, for example `EU-Lambda-GB-Second-ARM`.
    func usageType(in region: SampleRegion, _ architecture: Architecture) -> String {
        region.lambdaPrefix + suffix + (architecture == .arm64 ? "-ARM" : "")
    }

    /// `product/group` (§4.2).
    func group(_ architecture: Architecture) -> String {
        let base = switch self {
        case .request: "AWS-Lambda-Requests"
        case .duration: "AWS-Lambda-Duration"
        case .provisionedDuration: "AWS-Lambda-Duration-Provisioned"
        case .provisionedConcurrency: "AWS-Lambda-Provisioned-Concurrency"
        case .storage: "AWS-Lambda-Storage-Duration"
        }
        return base + (architecture == .arm64 ? "-ARM" : "")
    }

    /// `pricing/unit`.
    var unit: String {
        switch self {
        case .request: "Requests"
        case .storage: "GB-Seconds"
        default: "seconds"
        }
    }

    /// The paid line item description, modelled on the price list's `PriceDescription` plus the region
    /// (assumption: the exact wording of paid and arm64 rows was not seen in real data).
    func description(in region: SampleRegion, _ architecture: Architecture) -> String {
        let arm = architecture == .arm64 ? " (ARM)" : ""
        let what = switch self {
        case .request: "Total Requests\(arm)"
        case .duration: "Total Compute\(arm)"
        case .provisionedDuration: "Total Compute (Provisioned)\(arm)"
        case .provisionedConcurrency: "Provisioned Concurrency\(arm)"
        case .storage: "Storage-Duration\(arm)"
        }
        return "AWS Lambda - \(what) - \(region.descriptionName)"
    }

    /// The free-tier description, exactly as in real CUR rows (§2.3).
    func freeTierDescription(in region: SampleRegion) -> String {
        switch self {
        case .request: "AWS Lambda - Requests Free Tier - 1,000,000 Requests - \(region.descriptionName)"
        default: "AWS Lambda - Compute Free Tier - 400,000 GB-Seconds - \(region.descriptionName)"
        }
    }

    /// Whether the monthly free tier applies (on-demand requests and duration only, §5.5).
    var isFreeTierEligible: Bool { self == .request || self == .duration }

    /// Whether a Compute Savings Plan discounts it (§6.1; assumption: storage is not discounted).
    var isSavingsPlanEligible: Bool {
        self == .duration || self == .provisionedDuration || self == .provisionedConcurrency
    }
}
