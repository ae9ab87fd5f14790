/// The monthly Lambda free tier of the payer's consolidated billing family: 1,000,000 requests and
/// 400,000 GB-s of on-demand duration (both architectures), used up in chronological order (§5.5).
struct SampleFreeTier: Sendable {
    static let requestAllowance = FixedDecimal(1_000_000)
    static let gigabyteSecondAllowance = FixedDecimal(400_000)

    private(set) var remainingRequests = requestAllowance
    private(set) var remainingGigabyteSeconds = gigabyteSecondAllowance

    /// Takes as much of `amount` as the pool still covers and returns that free part.
    mutating func take(_ usage: SampleLambdaUsage, _ amount: FixedDecimal) -> FixedDecimal {
        switch usage {
        case .request:
            let free = min(amount, remainingRequests)
            remainingRequests -= free
            return free
        case .duration:
            let free = min(amount, remainingGigabyteSeconds)
            remainingGigabyteSeconds -= free
            return free
        case .provisionedDuration, .provisionedConcurrency, .storage:
            return .zero
        }
    }
}
