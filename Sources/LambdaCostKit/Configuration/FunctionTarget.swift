/// The function a mapping names: `name` in the row's own account and region, or `account/region/name`.
public struct FunctionTarget: Hashable, Sendable, CustomStringConvertible {
    public var accountID: String?
    public var region: String?
    public var name: String

    /// Parses `name` or `account/region/name` (no wildcards).
    public init(parsing text: String) throws(FunctionPattern.Problem) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func checkName(_ name: String) throws(FunctionPattern.Problem) {
            guard !name.isEmpty, name.utf8.allSatisfy(FunctionPattern.isNameByte) else {
                throw FunctionPattern.Problem(reason: "a function name is letters, digits, '-' and '_' (found '\(name)')")
            }
        }
        switch parts.count {
        case 1:
            try checkName(parts[0])
            name = parts[0]
        case 3:
            guard parts[0].utf8.count == 12, parts[0].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw FunctionPattern.Problem(reason: "the account must be 12 digits (found '\(parts[0])')")
            }
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy(FunctionPattern.isRegionByte) else {
                throw FunctionPattern.Problem(reason: "the region must be a region code such as us-east-1 (found '\(parts[1])')")
            }
            try checkName(parts[2])
            accountID = parts[0]
            region = parts[1]
            name = parts[2]
        default:
            throw FunctionPattern.Problem(reason: "expected a function name or account/region/name, found \(parts.count) parts separated by '/'")
        }
    }

    /// The function in a row of `account` and `region`.
    func identity(account: String, region rowRegion: String) -> FunctionIdentity {
        FunctionIdentity(accountID: accountID ?? account, region: region ?? rowRegion, name: name)
    }

    public var description: String { [accountID, region, name].compactMap { $0 }.joined(separator: "/") }
}
