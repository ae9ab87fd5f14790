/// A Lambda function as the report counts it: account + region + unqualified name. Rows that belong to no
/// function (Savings Plan negations, credits, tax, data transfer) have an empty name.
public struct FunctionIdentity: Hashable, Comparable, Sendable, Codable {
    public var accountID: String
    public var region: String
    public var name: String

    public init(accountID: String, region: String, name: String) {
        self.accountID = accountID
        self.region = region
        self.name = name
    }

    /// Whether the rows belong to no particular function.
    public var isUnattributed: Bool { name.isEmpty }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.accountID, lhs.region, lhs.name) < (rhs.accountID, rhs.region, rhs.name)
    }

    /// The function name and qualifier in a resource ID: `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`,
    /// or a bare function name. `nil` when the ID names something else.
    public static func nameAndQualifier(fromResourceID resourceID: String) -> (name: String, qualifier: String?)? {
        if resourceID.isEmpty { return ("", nil) }
        if resourceID.hasPrefix("arn:") {
            let parts = resourceID.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 7, parts.count <= 8, parts[2] == "lambda", parts[5] == "function",
                isFunctionName(parts[6])
            else { return nil }
            return (String(parts[6]), parts.count == 8 ? String(parts[7]) : nil)
        }
        return isFunctionName(Substring(resourceID)) ? (resourceID, nil) : nil
    }

    /// The function an ARN names (`arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`),
    /// its qualifier dropped; `nil` when it is not a Lambda function ARN.
    public init?(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts.count <= 8, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function",
            Self.isFunctionName(parts[6])
        else { return nil }
        self.init(accountID: String(parts[4]), region: String(parts[3]), name: String(parts[6]))
    }

    /// `[a-zA-Z0-9-_]+`, the characters AWS allows in function names.
    static func isFunctionName(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}
