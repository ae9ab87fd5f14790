/// A function that calls a model beside the model's tokens it pays for: the wrapper's Lambda cost (effective)
/// against the Amazon Bedrock rows tied to it (docs/attribution.md), input and output tokens apart. "When the
/// infrastructure bill exceeds the API bill, the architecture is upside-down": a wrapper that waits seconds for
/// each answer can cost more than the answers.
public struct ModelTokenBill: Sendable, Equatable {
    /// The wrapper: the function's Lambda cost (effective, amortized).
    public var lambdaCost: FixedDecimal
    public var inputTokens: FixedDecimal
    public var outputTokens: FixedDecimal
    /// Bedrock rows tied to the function that are neither (cache reads and writes, provisioned throughput, …).
    public var otherModelCost: FixedDecimal

    /// Everything the model cost: input, output and the rest.
    public var tokens: FixedDecimal { inputTokens + outputTokens + otherModelCost }

    /// The wrapper costs more than the model it calls.
    public var wrapperCostsMore: Bool { lambdaCost > tokens }

    /// The wrapper's cost per dollar of tokens; `nil` when the tokens cost nothing.
    public var wrapperPerTokenDollar: FixedDecimal? {
        tokens > .zero ? lambdaCost.divided(by: tokens) : nil
    }

    public init(lambdaCost: FixedDecimal, inputTokens: FixedDecimal, outputTokens: FixedDecimal, otherModelCost: FixedDecimal) {
        self.lambdaCost = lambdaCost
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.otherModelCost = otherModelCost
    }

    /// The bill of a function with Bedrock rows tied to it; `nil` for a function that calls no model the bill shows.
    public init?(_ function: FunctionCost) {
        guard let charges = function.otherServices?.charges else { return nil }
        let input = charges[.bedrockInput]
        let output = charges[.bedrockOutput]
        let other = charges[.bedrockOther]
        guard input != nil || output != nil || other != nil else { return nil }
        self.init(lambdaCost: function.effectiveCost, inputTokens: input?.cost ?? .zero,
                  outputTokens: output?.cost ?? .zero, otherModelCost: other?.cost ?? .zero)
    }
}
