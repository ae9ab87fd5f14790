/// The AWS billing-code prefixes of usage types (`EU` = eu-west-1, none = us-east-1), read from
/// `data/pricing/regions.csv` or built in for the commercial regions of the reference.
public struct RegionTable: Sendable {
    /// Prefix → region code. Contains `USE1` for us-east-1, which Lambda omits.
    public private(set) var regionByPrefix: [String: String]
    /// Region code → Lambda usage-type prefix ("" for us-east-1).
    public private(set) var prefixByRegion: [String: String]

    public init(prefixes: [(region: String, prefix: String)]) {
        regionByPrefix = [:]
        prefixByRegion = [:]
        for (region, prefix) in prefixes {
            prefixByRegion[region] = prefix
            if !prefix.isEmpty { regionByPrefix[prefix] = region }
        }
        if prefixByRegion["us-east-1"] != nil { regionByPrefix["USE1"] = "us-east-1" }
    }

    /// The table of the reference (§3.2), used when no catalog is loaded.
    public static let builtIn = RegionTable(prefixes: [
        ("us-east-1", ""), ("us-east-2", "USE2"), ("us-west-1", "USW1"), ("us-west-2", "USW2"),
        ("ca-central-1", "CAN1"), ("ca-west-1", "CAN2"), ("mx-central-1", "MXC1"), ("af-south-1", "AFS1"),
        ("ap-east-1", "APE1"), ("ap-east-2", "APE2"), ("ap-northeast-1", "APN1"), ("ap-northeast-2", "APN2"),
        ("ap-northeast-3", "APN3"), ("ap-southeast-1", "APS1"), ("ap-southeast-2", "APS2"), ("ap-south-1", "APS3"),
        ("ap-southeast-3", "APS4"), ("ap-south-2", "APS5"), ("ap-southeast-4", "APS6"), ("ap-southeast-5", "APS7"),
        ("ap-southeast-6", "APS8"), ("ap-southeast-7", "APS9"), ("eu-west-1", "EU"), ("eu-west-2", "EUW2"),
        ("eu-west-3", "EUW3"), ("eu-central-1", "EUC1"), ("eu-central-2", "EUC2"), ("eu-north-1", "EUN1"),
        ("eu-south-1", "EUS1"), ("eu-south-2", "EUS2"), ("il-central-1", "ILC1"), ("me-central-1", "MEC1"),
        ("me-south-1", "MES1"), ("sa-east-1", "SAE1"), ("us-gov-west-1", "UGW1"), ("us-gov-east-1", "UGE1"),
        ("cn-north-1", "CNN1"), ("cn-northwest-1", "CNW1"),
    ])

    /// A Lambda usage type split into region, kind and architecture.
    public struct Classification: Equatable, Sendable {
        /// The region the prefix names; `nil` for an unknown prefix.
        public var region: String?
        public var kind: UsageKind
        public var architecture: Architecture
    }

    /// Classifies a Lambda usage type by table lookup: strip a known prefix (a type without one is us-east-1),
    /// strip `-ARM`, compare the rest exactly. Data-transfer types carry two codes (`USW2-USE1-AWS-Out-Bytes`).
    public func classify(_ usageType: String) -> Classification {
        var rest = Substring(usageType)
        var region: String? = "us-east-1"
        var prefixed = false
        if let dash = rest.firstIndex(of: "-"), let named = regionByPrefix[String(rest[..<dash])] {
            region = named
            prefixed = true
            rest = rest[rest.index(after: dash)...]
        }
        var architecture = Architecture.x86_64
        if rest.hasSuffix("-ARM") {
            architecture = .arm64
            rest = rest.dropLast(4)
        }
        if let kind = UsageKind.suffixes[String(rest)] {
            return Classification(region: region, kind: kind, architecture: architecture)
        }
        if rest.hasSuffix("-Bytes") && (rest.contains("DataTransfer-") || rest.contains("AWS-Out-") || rest.contains("AWS-In-")) {
            return Classification(region: region, kind: .dataTransfer, architecture: .x86_64)
        }
        if usageType.isEmpty { return Classification(region: nil, kind: .none, architecture: .x86_64) }
        return Classification(region: prefixed ? region : nil, kind: .unclassified, architecture: architecture)
    }
}
