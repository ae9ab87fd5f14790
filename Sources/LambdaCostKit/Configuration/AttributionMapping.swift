/// One `[[attribution.map]]` entry: rows of `product` (any product when absent) whose resource ID matches
/// `resource` and whose tags match `tag` (each only when given, at least one of the two) belong to `function`.
public struct AttributionMapping: Hashable, Sendable {
    /// A line item product code (`AmazonApiGateway`), compared exactly.
    public var product: String?
    /// A glob on the whole resource ID (`arn:aws:apigateway:us-east-1::/restapis/a1b2c3*`).
    public var resource: ResourcePattern?
    public var tag: TagSelector?
    /// The function: its name (in the row's account and region) or `account/region/name`.
    public var function: FunctionTarget

    public init(product: String? = nil, resource: ResourcePattern? = nil, tag: TagSelector? = nil, function: FunctionTarget) {
        self.product = product
        self.resource = resource
        self.tag = tag
        self.function = function
    }

    /// Whether a row of `product` for `resource` with tags looked up by `tagValue` matches.
    func matches(product rowProduct: String, resource rowResource: String, tagValue: (String) -> String?) -> Bool {
        if let product, product != rowProduct { return false }
        if let resource, !resource.matches(rowResource) { return false }
        if let tag, tagValue(tag.key) != tag.value { return false }
        return true
    }
}
