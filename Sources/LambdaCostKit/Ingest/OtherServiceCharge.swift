/// What another service's row charges for, as the full cost of a function shows it (docs/attribution.md): told from
/// the row's product code and usage type.
public enum OtherServiceCharge: String, CaseIterable, Sendable, Comparable, Codable {
    /// CloudWatch Logs ingestion (`…-DataProcessing-Bytes`, vended logs `…-VendedLog-Bytes`).
    case logIngestion = "log_ingestion"
    /// CloudWatch Logs storage (`…-TimedStorage-ByteHrs`).
    case logStorage = "log_storage"
    /// Any other CloudWatch charge tied to the function (on its log group, or metrics and alarms a rule ties).
    case logOther = "log_other"
    case apiGateway = "api_gateway"
    case stepFunctions = "step_functions"
    case sqs
    /// Amazon Bedrock input tokens (`…-input-tokens`), output tokens (`…-output-tokens`), anything else.
    case bedrockInput = "bedrock_input_tokens"
    case bedrockOutput = "bedrock_output_tokens"
    case bedrockOther = "bedrock_other"
    case dataTransfer = "data_transfer"
    /// Any other product a mapping ties to a function.
    case other

    /// The words a page uses for it.
    public var label: String {
        switch self {
        case .logIngestion: "CloudWatch Logs ingestion"
        case .logStorage: "CloudWatch Logs storage"
        case .logOther: "CloudWatch, other"
        case .apiGateway: "API Gateway"
        case .stepFunctions: "Step Functions"
        case .sqs: "SQS"
        case .bedrockInput: "Bedrock input tokens"
        case .bedrockOutput: "Bedrock output tokens"
        case .bedrockOther: "Bedrock, other"
        case .dataTransfer: "Data transfer"
        case .other: "Other services"
        }
    }

    /// Position among all cases (declaration order), for tables indexed by charge.
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The charge of a row of `productCode` with `usageType`.
    public init(productCode: String, usageType: String) {
        switch productCode {
        case "AmazonCloudWatch":
            if usageType.contains("TimedStorage") {
                self = .logStorage
            } else if usageType.contains("DataProcessing") || usageType.contains("VendedLog") {
                self = .logIngestion
            } else {
                self = .logOther
            }
        case "AmazonApiGateway": self = .apiGateway
        case "AWSStepFunctions", "AmazonStates": self = .stepFunctions
        case "AWSQueueService": self = .sqs
        case "AmazonBedrock", "AmazonBedrockService":
            let lowered = usageType.lowercased()
            if lowered.contains("input-token") || lowered.contains("inputtoken") {
                self = .bedrockInput
            } else if lowered.contains("output-token") || lowered.contains("outputtoken") {
                self = .bedrockOutput
            } else {
                self = .bedrockOther
            }
        case "AWSDataTransfer": self = .dataTransfer
        default: self = .other
        }
    }
}
