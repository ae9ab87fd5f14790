/// `[attribution]`: how rows of other services than Lambda are tied to a function, besides the built-in rule that
/// ties CloudWatch Logs rows of the log group `/aws/lambda/<name>` to the function `<name>` of the log group's
/// account and region (docs/attribution.md).
public struct AttributionRules: Hashable, Sendable {
    /// A tag whose value on another service's row names the function (in the row's account and region); `nil`
    /// when no tag does (`function_tag = ""`).
    public var functionTag: String?
    /// The function tag without configuration: `function`, as `[teams] tag_key` is `team`.
    public static let defaultFunctionTag = "function"
    /// The configured mappings, tried in order: the first that matches a row ties it to its function.
    public var mappings: [AttributionMapping]

    public init(functionTag: String? = Self.defaultFunctionTag, mappings: [AttributionMapping] = []) {
        self.functionTag = functionTag.map(CURColumns.userTagKey)
        self.mappings = mappings
    }

    /// The tag keys the rules read (the function tag and every mapping's tag), as the report spells them.
    public var tagKeys: Set<String> {
        Set(mappings.compactMap(\.tag?.key) + (functionTag.map { [$0] } ?? []))
    }

    /// Whether a row is a Savings Plans line item (a `SavingsPlan…` line item type, product `ComputeSavingsPlans`),
    /// which no rule ties: the functions' effective cost holds the commitment already.
    static func isCommitment(product: String, lineItemType: String) -> Bool {
        product == "ComputeSavingsPlans" || lineItemType.hasPrefix("SavingsPlan")
    }

    /// The function another service's row belongs to: the built-in log group rule first, then the mappings in
    /// order, then the function tag; `nil` when none ties it. `region` is the row's region (its ARN's region is
    /// preferred where the resource has one); `tags` hold the row's values of ``tagKeys``.
    public func function(product: String, resource: String, account: String, region: String, tags: [String: String]) -> FunctionIdentity? {
        if product == "AmazonCloudWatch", let function = Self.logGroupFunction(resource) { return function }
        let region = Self.arnRegion(resource) ?? region
        if let mapping = mappings.first(where: { $0.matches(product: product, resource: resource, tagValue: { tags[$0] }) }) {
            return mapping.function.identity(account: account, region: region)
        }
        if let functionTag, let name = tags[functionTag], !name.isEmpty, name.utf8.allSatisfy(FunctionPattern.isNameByte) {
            return FunctionIdentity(accountID: account, region: region, name: name)
        }
        return nil
    }

    /// The function of a CloudWatch Logs log group ARN `arn:<partition>:logs:<region>:<account>:log-group:/aws/lambda/<name>`
    /// (a trailing `:*` allowed); `nil` for any other resource.
    static func logGroupFunction(_ resource: String) -> FunctionIdentity? {
        let parts = resource.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "logs", parts[5] == "log-group", !parts[3].isEmpty, !parts[4].isEmpty else {
            return nil
        }
        var group = parts[6]
        if group.hasSuffix(":*") { group = group.dropLast(2) }
        let prefix = "/aws/lambda/"
        guard group.hasPrefix(prefix) else { return nil }
        let name = group.dropFirst(prefix.count)
        guard !name.isEmpty, name.utf8.allSatisfy(FunctionPattern.isNameByte) else { return nil }
        return FunctionIdentity(accountID: String(parts[4]), region: String(parts[3]), name: String(name))
    }

    /// The region field of an ARN (`arn:aws:apigateway:us-east-1::/restapis/…`); `nil` when the resource is not an
    /// ARN or names no region.
    static func arnRegion(_ resource: String) -> String? {
        let parts = resource.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "arn", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }
}
