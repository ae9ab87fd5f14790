/// A price of `alternatives-prices.csv`: what the alternatives to a function that waits are billed for (API
/// Gateway, Step Functions, Lambda Managed Instances), besides Lambda's own prices.
public enum AlternativeCharge: String, CaseIterable, Sendable, Comparable {
    /// API Gateway REST API requests (tiered).
    case restRequests = "api_gateway_rest_requests"
    /// API Gateway HTTP API requests (tiered).
    case httpRequests = "api_gateway_http_requests"
    /// API Gateway WebSocket messages (32 KB each; tiered).
    case webSocketMessages = "websocket_messages"
    /// API Gateway WebSocket connection minutes.
    case webSocketConnectionMinutes = "websocket_connection_minutes"
    /// Step Functions Standard state transitions.
    case stepFunctionsTransitions = "step_functions_transitions"
    /// Lambda Managed Instances requests.
    case managedInstancesRequests = "managed_instances_requests"
    /// Lambda Managed Instances' management fee: a share of the instance's on-demand price, for every instance hour
    /// (also hours a Savings Plan covers).
    case managedInstancesFeeShare = "managed_instances_fee_share"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
