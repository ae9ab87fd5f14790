/// Findings on the other services tied to a function (docs/attribution.md): what the function's logs and its API
/// cost beside its compute.
///
/// - `log-ingestion-above-compute`: the month's CloudWatch Logs ingestion costs more than the function's Lambda
///   cost (effective): log levels, sampling or a cheaper log class would cut more than any compute change.
/// - `log-storage-growing`: the log group's stored data grew through the month (its last
///   ``OtherServiceCosts/storageWindowDays`` days stored at least ``growthFactor`` times its first's): most often a
///   log group without retention, which keeps every byte, billed every month from then on.
/// - `api-gateway-above-function`: the API in front of the function costs more than the function.
/// - `wrapper-above-tokens`: a function that calls a model (Amazon Bedrock rows tied to it) costs more in Lambda
///   than the model's tokens: the wrapper, mostly waiting for answers, is the larger bill ("the architecture is
///   upside-down").
///
/// Money at risk: the charge itself for ingestion and the API; for storage, the month's storage cost; for the
/// wrapper, its Lambda cost above the tokens'.
struct OtherServicesScenario {
    /// Stored data this much larger at the month's end than at its start counts as growing.
    static let growthFactor = FixedDecimal(11, fractionDigits: 1)
    /// Below this a charge is too small to be worth a finding (USD a month): a log group of a few cents that grows
    /// is not worth a reviewer's time.
    static let minimumUSD = FixedDecimal(1)

    func evaluate(_ functions: [FunctionCost], monthComplete: Bool) -> [Finding] {
        var findings: [Finding] = []
        for cost in functions {
            guard let share = cost.otherServices else { continue }
            let function = cost.function
            let compute = cost.effectiveCost
            let ingestion = share.charges[.logIngestion]?.cost ?? .zero
            if ingestion >= Self.minimumUSD && ingestion > compute {
                findings.append(Finding(
                    kind: "log-ingestion-above-compute", function: function, moneyAtRisk: ingestion,
                    summary: "\(function.name)'s CloudWatch Logs ingestion costs \(Format.usd(ingestion)) this month, more than its Lambda cost of \(Format.usd(compute)): lower its log level or sample debug output, or send its logs to a log group of the Infrequent Access class (a log group's class is set when it is made; the function's logging configuration names the group).",
                    section: .fullCost))
            }
            let storage = share.charges[.logStorage]?.cost ?? .zero
            if monthComplete, storage >= Self.minimumUSD, share.storageFirstDays > .zero,
                share.storageLastDays >= share.storageFirstDays * Self.growthFactor
            {
                let growth = (share.storageLastDays - share.storageFirstDays).divided(by: share.storageFirstDays)
                findings.append(Finding(
                    kind: "log-storage-growing", function: function, moneyAtRisk: storage,
                    summary: "\(function.name)'s log group stored \(Format.percent(growth)) more in the month's last \(OtherServiceCosts.storageWindowDays) days than in its first (\(Format.usd(storage)) of storage this month): check its retention period, as a log group without one keeps every byte and bills it every month (growing traffic or a long retention grow it too).",
                    section: .fullCost))
            }
            let api = share.charges[.apiGateway]?.cost ?? .zero
            if api >= Self.minimumUSD && api > compute {
                findings.append(Finding(
                    kind: "api-gateway-above-function", function: function, moneyAtRisk: api,
                    summary: "The API Gateway in front of \(function.name) costs \(Format.usd(api)) this month, more than the function's \(Format.usd(compute)): an HTTP API instead of a REST API, caching, or a function URL cost less per request.",
                    section: .fullCost))
            }
            if let bill = ModelTokenBill(cost), bill.lambdaCost >= Self.minimumUSD, bill.wrapperCostsMore {
                findings.append(Finding(
                    kind: "wrapper-above-tokens", function: function, moneyAtRisk: bill.lambdaCost - bill.tokens,
                    summary: "\(function.name) costs \(Format.usd(bill.lambdaCost)) in Lambda this month, more than the model tokens it pays for, \(Self.tokenText(bill)): the wrapper is the larger bill. A wrapper that waits for the model's answer pays for the wait: stream the answer, or let the model's answer come back without holding the invocation open (a WebSocket API, a Step Functions callback, a queue), and size memory for the work, not the wait.",
                    section: .modelTokens))
            }
        }
        return findings
    }

    /// `$22.67 ($12.76 of input tokens, $9.91 of output tokens)` (and the other model charges when there are any).
    static func tokenText(_ bill: ModelTokenBill) -> String {
        var parts = ["\(Format.usd(bill.inputTokens)) of input tokens", "\(Format.usd(bill.outputTokens)) of output tokens"]
        if bill.otherModelCost > .zero { parts.append("\(Format.usd(bill.otherModelCost)) of other model charges") }
        return "\(Format.usd(bill.tokens)) (" + parts.joined(separator: ", ") + ")"
    }
}
