/// A product code of another service's rows as the CUR reader caches it: its text, whether a row of it can be tied
/// to a function at all under the run's rules (CloudWatch, for log groups; a product a mapping names or any product
/// when a mapping names none; any product with a function tag), and whether its resource ID decides (the log group
/// rule or a mapping with a resource glob applies to it; else only the region of its ARN does).
struct OtherServiceProduct {
    var code: String
    /// Its number in the reader's accumulator (``MonthAccumulator/productSlot(_:)``).
    var slot: Int
    var mayAttribute: Bool
    var resourceDecides: Bool
    /// Only the function tag can tie its rows (no log group rule, no mapping): a row without that tag is tied to
    /// nothing, and needs no lookup.
    var onlyFunctionTagTies: Bool

    init(code: String, slot: Int, rules: AttributionRules) {
        self.code = code
        self.slot = slot
        let isLogs = code == "AmazonCloudWatch"
        let mappings = rules.mappings.filter { $0.product == nil || $0.product == code }
        // Savings Plans' own line items bill commitment that the functions' effective cost already holds.
        let isCommitment = code == "ComputeSavingsPlans"
        mayAttribute = !isCommitment && (isLogs || !mappings.isEmpty || rules.functionTag != nil)
        resourceDecides = isLogs || mappings.contains { $0.resource != nil }
        onlyFunctionTagTies = mayAttribute && !isLogs && mappings.isEmpty
    }
}
