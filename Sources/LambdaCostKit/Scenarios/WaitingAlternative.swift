/// One way a function that waits could run instead, priced for the month from the catalog, with what the price
/// assumes; or why it could not be priced.
public struct WaitingAlternative: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// An API Gateway WebSocket API keeps the client's connection; Lambda runs per message.
        case webSocket = "websocket-api"
        /// A Step Functions Standard workflow waits for a task token; Lambda starts the call and takes the answer.
        case callback = "step-functions-callback"
        /// Lambda Managed Instances: the function on EC2 instances Lambda manages, many requests per environment.
        case managedInstances = "managed-instances"

        /// The words a page uses for it.
        public var label: String {
            switch self {
            case .webSocket: "WebSocket API"
            case .callback: "Step Functions callback"
            case .managedInstances: "Lambda Managed Instances"
            }
        }
    }

    /// A part of the month's cost: what it is, how much of it, and its cost.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var quantity: String
        public var cost: FixedDecimal
    }

    public var kind: Kind
    /// The month's cost in parts; empty when not priced.
    public var parts: [Part]
    /// What the price assumes, for people.
    public var assumptions: [String]
    public var confidence: Opportunity.Confidence
    /// Why it was not priced (a price or a metric missing); `nil` when priced.
    public var notChecked: String?

    /// The month's cost; `nil` when not priced.
    public var monthlyCost: FixedDecimal? { notChecked == nil ? FixedDecimal.sum(parts.map(\.cost)) : nil }

    /// An alternative that could not be priced, and why.
    static func notChecked(_ kind: Kind, _ reason: String) -> Self {
        Self(kind: kind, parts: [], assumptions: [], confidence: .heuristic, notChecked: reason)
    }
}
