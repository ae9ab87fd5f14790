/// What a Lambda usage type measures, after its region prefix and `-ARM` suffix are removed.
public enum UsageKind: String, CaseIterable, Sendable, Comparable, Codable {
    case requests
    case duration
    case provisionedConcurrency = "provisioned_concurrency"
    case provisionedDuration = "provisioned_duration"
    case ephemeralStorage = "ephemeral_storage"
    case streamingBytes = "streaming_bytes"
    case snapStartCache = "snapstart_cache"
    case snapStartRestore = "snapstart_restore"
    case edgeRequests = "edge_requests"
    case edgeDuration = "edge_duration"
    case dataTransfer = "data_transfer"
    /// Rows without a usage type of their own: tax, credits, Savings Plan negations grouped by AWS.
    case none
    /// A Lambda usage type the tool does not know; kept with its cost and named in a warning.
    case unclassified

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// Suffixes compared exactly (not by substring: `Lambda-Edge-Request` contains `Request`).
    static let suffixes: [String: UsageKind] = [
        "Request": .requests,
        "Lambda-GB-Second": .duration,
        "Lambda-Provisioned-Concurrency": .provisionedConcurrency,
        "Lambda-Provisioned-GB-Second": .provisionedDuration,
        "Lambda-Storage-GB-Second": .ephemeralStorage,
        "Lambda-Streaming-Response-Processed-Bytes": .streamingBytes,
        "Lambda-SnapStart-Cached-GB-S": .snapStartCache,
        "Lambda-SnapStart-Restored-GB": .snapStartRestore,
        "Lambda-Edge-Request": .edgeRequests,
        "Lambda-Edge-GB-Second": .edgeDuration,
    ]
}

/// The instruction set a function runs on.
public enum Architecture: String, CaseIterable, Sendable, Comparable, Codable {
    case x86_64
    case arm64

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }  // x86_64 first
}
