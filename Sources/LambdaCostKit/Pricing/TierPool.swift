/// The scope duration tiers count over: one account, region and architecture per month.
struct TierPool: Hashable {
    var accountID: String
    var region: String
    var architecture: Architecture
}
