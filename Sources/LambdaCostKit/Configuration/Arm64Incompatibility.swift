/// `[[graviton.incompatible]]`: functions that cannot run on arm64, and why (shown in the report instead of a
/// Graviton opportunity).
public struct Arm64Incompatibility: Hashable, Sendable {
    public var selector: FunctionSelector
    public var reason: String

    public init(selector: FunctionSelector, reason: String) {
        self.selector = selector
        self.reason = reason
    }
}
