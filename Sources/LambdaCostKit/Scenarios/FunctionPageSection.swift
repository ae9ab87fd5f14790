/// A section of a function's page that a finding points to: its anchor and the words of the link.
public enum FunctionPageSection: String, Sendable, Equatable {
    /// "The wrapper against its token bill": the function's Lambda cost beside the model tokens tied to it.
    case modelTokens = "model-tokens"
    /// "Full cost": the other services tied to the function.
    case fullCost = "full-cost"
    /// "Alternatives to waiting": a WebSocket API, a callback, Lambda Managed Instances, priced.
    case alternatives

    /// The link's words.
    public var label: String {
        switch self {
        case .modelTokens: "The wrapper against its token bill"
        case .fullCost: "Full cost"
        case .alternatives: "Alternatives to waiting"
        }
    }
}
