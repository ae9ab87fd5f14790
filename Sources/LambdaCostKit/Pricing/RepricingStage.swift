/// Stage 2c: re-prices every function's month from the catalog and compares the bill with it.
///
/// - List cost: each usage kind at its tier-1 price (data transfer and unknown usage types are not priced).
/// - Tier discounts: per payer (the consolidated bill; an account the input names no payer for is its own),
///   region and architecture, as AWS pools them (``TierPool``): the month's duration at tiered prices against
///   the same at the tier-1 price; the difference is shared in proportion to each function's duration.
/// - Free tier: per payer, the free usage the bill shows (rate-0 rows), valued at list price, shared among that
///   payer's functions in proportion to their request and duration list cost, instead of going to whichever
///   function ran first. Payers never share: each bill has its own allowance.
/// - Gaps: where the bill's public on-demand cost and the catalog differ by more than a cent and 0.5%.
public struct RepricingStage: PipelineStage {
    public struct Input: Sendable {
        public var functions: [FunctionCost]
        public var catalog: PriceCatalog
        /// Whether every input had `pricing/publicOnDemandCost`; without it, gaps cannot be measured.
        public var billHasPublicOnDemandCost: Bool

        public init(functions: [FunctionCost], catalog: PriceCatalog, billHasPublicOnDemandCost: Bool) {
            self.functions = functions
            self.catalog = catalog
            self.billHasPublicOnDemandCost = billHasPublicOnDemandCost
        }
    }

    public struct Output: Sendable {
        public var functions: [FunctionCost]
        public var gaps: [PricingGap]
    }

    /// Kinds the catalog prices.
    static let pricedKinds: Set<UsageKind> = [
        .requests, .duration, .provisionedConcurrency, .provisionedDuration, .ephemeralStorage, .streamingBytes,
        .snapStartCache, .snapStartRestore, .edgeRequests, .edgeDuration,
    ]

    public let name = "pricing"

    public init() {}

    public func run(_ input: Input) throws -> Output {
        var functions = input.functions
        let catalog = input.catalog
        func tierOneRate(_ function: FunctionCost, _ key: UsageSlice.Key) -> FixedDecimal? {
            catalog.listPrice(region: function.function.region, architecture: key.architecture, charge: key.kind)
        }

        // List cost per function and slice.
        var sliceList: [[UsageSlice.Key: FixedDecimal]] = []
        for index in functions.indices {
            var costs = CatalogCost()
            var perSlice: [UsageSlice.Key: FixedDecimal] = [:]
            for key in functions[index].usage.keys.sorted() where Self.pricedKinds.contains(key.kind) {
                let slice = functions[index].usage[key]!
                guard let rate = tierOneRate(functions[index], key) else {
                    costs.missingPrices.append("\(key.architecture.rawValue) \(key.kind.rawValue)")
                    continue
                }
                perSlice[key] = slice.quantity * rate
                costs.listCost += slice.quantity * rate
            }
            functions[index].catalog = costs
            sliceList.append(perSlice)
        }

        // Tier discounts, per payer, region and architecture.
        var pools: [TierPool: [Int]] = [:]
        for (index, function) in functions.enumerated() {
            for architecture in Architecture.allCases where !(function.usage[.init(architecture, .duration)]?.quantity.isZero ?? true) {
                pools[TierPool(function, architecture), default: []].append(index)
            }
        }
        for (pool, members) in pools.sorted(by: { $0.key < $1.key }) {
            guard let tiers = catalog.tiers(.init(region: pool.region, architecture: pool.architecture, charge: .duration)), tiers.count > 1 else { continue }
            let weights = members.map { functions[$0].usage[.init(pool.architecture, .duration)]!.quantity }
            let total = FixedDecimal.sum(weights)
            let discount = total * tiers[0].price - PriceCatalog.tieredCost(of: total, tiers: tiers)
            guard !discount.isZero else { continue }
            for (member, share) in zip(members, discount.allocated(proportionalTo: weights)) { functions[member].catalog!.tierDiscount += share }
        }

        // The free tier, per payer, shared among its functions in proportion to request and duration list cost.
        let payers = Dictionary(grouping: functions.indices, by: { functions[$0].payer })
        for payer in payers.keys.sorted() {
            let members = payers[payer]!
            for kind in [UsageKind.requests, .duration] {
                var value = FixedDecimal.zero
                var weights: [FixedDecimal] = []
                for index in members {
                    var weight = FixedDecimal.zero
                    for architecture in Architecture.allCases {
                        let key = UsageSlice.Key(architecture, kind)
                        guard let slice = functions[index].usage[key], let rate = tierOneRate(functions[index], key) else { continue }
                        value += slice.freeTierQuantity * rate
                        weight += sliceList[index][key] ?? .zero
                    }
                    weights.append(weight)
                }
                for (index, share) in zip(members, value.allocated(proportionalTo: weights)) { functions[index].catalog!.freeTierAllocation += share }
            }
        }

        // Bill against catalog, per account, region, architecture and charge.
        struct GapKey: Hashable { var account: String; var region: String; var architecture: Architecture; var kind: UsageKind }
        var sums: [GapKey: (quantity: FixedDecimal, bill: FixedDecimal, catalog: FixedDecimal?)] = [:]
        for (index, function) in functions.enumerated() {
            for (key, slice) in function.usage where Self.pricedKinds.contains(key.kind) {
                let gapKey = GapKey(account: function.function.accountID, region: function.function.region, architecture: key.architecture, kind: key.kind)
                var entry = sums[gapKey] ?? (.zero, .zero, .zero)
                entry.quantity += slice.quantity
                entry.bill += slice.onDemandCost
                if let catalogCost = entry.catalog, let cost = sliceList[index][key] { entry.catalog = catalogCost + cost } else { entry.catalog = nil }
                sums[gapKey] = entry
            }
        }
        var gaps: [PricingGap] = []
        for (key, sum) in sums {
            let gap = PricingGap(accountID: key.account, region: key.region, architecture: key.architecture, charge: key.kind,
                quantity: sum.quantity, billOnDemandCost: sum.bill, catalogCost: sum.catalog)
            if sum.catalog == nil {
                gaps.append(gap)
            } else if input.billHasPublicOnDemandCost {
                let magnitude = max(gap.gap, -gap.gap)
                let relativeLimit = (sum.catalog ?? .zero) * FixedDecimal(parsing: "0.005")!
                if magnitude >= FixedDecimal(parsing: "0.01")! && magnitude > max(relativeLimit, -relativeLimit) { gaps.append(gap) }
            }
        }
        gaps.sort { lhs, rhs in
            let (left, right) = (max(lhs.gap, -lhs.gap), max(rhs.gap, -rhs.gap))
            if left != right { return left > right }
            return (lhs.accountID, lhs.region, lhs.architecture, lhs.charge) < (rhs.accountID, rhs.region, rhs.architecture, rhs.charge)
        }
        return Output(functions: functions, gaps: gaps)
    }
}
