/// The keys of a function's row in the templates (the function lists, `functions.csv`, a function's page), each made
/// from the function on its own: ``ReportViewModel/functionEntry(_:context:)`` makes them all, ``model(_:context:)``
/// when a template looks one up.
enum FunctionRow {
    enum Key: Hashable, Sendable {
        case accountID, region, functionName, architecture
        case requests, requestsPlain, gbSeconds, gbSecondsPlain, provisionedGBSeconds, provisionedGBSecondsPlain
        case unblendedCost, unblendedCostUSD, effectiveCost, effectiveCostUSD, onDemandCost, onDemandCostUSD
        case freeTierValue, freeTierValueUSD, listCostUSD, catalogCostUSD, catalogCost, missingPrices
        case qualifiers, tags, team, teamLabel, teamPage, hasTeamPage, page, hasPage
        case otherServicesCost, otherServicesCostUSD, fullCost, fullCostUSD, hasOtherServices, otherServices
        case attributed(OtherServiceCharge)
    }

    /// Every key by its name in the templates.
    static let keys: [String: Key] = {
        var keys: [String: Key] = [
            "account_id": .accountID, "region": .region, "function_name": .functionName, "architecture": .architecture,
            "requests": .requests, "requests_plain": .requestsPlain, "gb_seconds": .gbSeconds, "gb_seconds_plain": .gbSecondsPlain,
            "provisioned_gb_seconds": .provisionedGBSeconds, "provisioned_gb_seconds_plain": .provisionedGBSecondsPlain,
            "unblended_cost": .unblendedCost, "unblended_cost_usd": .unblendedCostUSD,
            "effective_cost": .effectiveCost, "effective_cost_usd": .effectiveCostUSD,
            "on_demand_cost": .onDemandCost, "on_demand_cost_usd": .onDemandCostUSD,
            "free_tier_value": .freeTierValue, "free_tier_value_usd": .freeTierValueUSD,
            "list_cost_usd": .listCostUSD, "catalog_cost_usd": .catalogCostUSD, "catalog_cost": .catalogCost,
            "missing_prices": .missingPrices, "qualifiers": .qualifiers, "tags": .tags,
            "team": .team, "team_label": .teamLabel, "team_page": .teamPage, "has_team_page": .hasTeamPage,
            "page": .page, "has_page": .hasPage,
            "other_services_cost": .otherServicesCost, "other_services_cost_usd": .otherServicesCostUSD,
            "full_cost": .fullCost, "full_cost_usd": .fullCostUSD, "has_other_services": .hasOtherServices,
            "other_services": .otherServices,
        ]
        for charge in OtherServiceCharge.allCases { keys["attributed_\(charge.rawValue)_usd"] = .attributed(charge) }
        return keys
    }()

    /// Every key's value.
    static func entry(_ function: FunctionCost, context: RenderContext) -> [String: Any] {
        keys.mapValues { value($0, of: function, context: context) }
    }

    /// The row as a model whose values are made when a template looks them up.
    static func model(_ function: FunctionCost, context: RenderContext) -> LazyModel {
        LazyModel { name in keys[name].map { value($0, of: function, context: context) } }
    }

    private static let zeroMoney = Format.csvMoney(.zero)

    /// The keys of the other services tied to a function and its full cost (the index's full-cost section).
    static let otherServicesKeys = keys.filter { _, key in
        switch key {
        case .otherServicesCost, .otherServicesCostUSD, .fullCost, .fullCostUSD, .hasOtherServices, .otherServices, .attributed: true
        default: false
        }
    }

    /// The values of ``otherServicesKeys``: a function's other services (docs/attribution.md), one
    /// `attributed_<charge>_usd` per charge for the CSV, the charges it has for the pages, their total and the full cost.
    static func otherServicesEntry(_ function: FunctionCost) -> [String: Any] {
        otherServicesKeys.mapValues { value($0, of: function) }
    }

    /// The value of one key.
    static func value(_ key: Key, of function: FunctionCost, context: RenderContext) -> Any {
        switch key {
        case .team: context.team(of: function) ?? ""
        case .teamLabel: context.team(of: function) ?? RenderContext.untaggedLabel
        case .teamPage: context.teamPage(context.team(of: function)).map { $0 + ".html" } ?? ""
        case .hasTeamPage: context.teamPage(context.team(of: function)) != nil
        case .page: context.functionPage(function.function).map { $0 + ".html" } ?? ""
        case .hasPage: context.functionPage(function.function) != nil
        default: value(key, of: function)
        }
    }

    /// The value of a key that the function alone gives (not its team or its page).
    private static func value(_ key: Key, of function: FunctionCost) -> Any {
        switch key {
        case .accountID: function.function.accountID
        case .region: function.function.region
        case .functionName: function.function.name
        case .architecture: function.architectureLabel
        case .requests: Format.quantity(function.requests, places: 0)
        case .requestsPlain: function.requests.description
        case .gbSeconds: Format.quantity(function.gbSeconds, places: 1)
        case .gbSecondsPlain: Format.csvQuantity(function.gbSeconds)
        case .provisionedGBSeconds: Format.quantity(function.provisionedGBSeconds, places: 1)
        case .provisionedGBSecondsPlain: Format.csvQuantity(function.provisionedGBSeconds)
        case .unblendedCost: Format.usd(function.unblendedCost)
        case .unblendedCostUSD: Format.csvMoney(function.unblendedCost)
        case .effectiveCost: Format.usd(function.effectiveCost)
        case .effectiveCostUSD: Format.csvMoney(function.effectiveCost)
        case .onDemandCost: Format.usd(function.onDemandCost)
        case .onDemandCostUSD: Format.csvMoney(function.onDemandCost)
        case .freeTierValue: Format.usd(function.freeTierValue)
        case .freeTierValueUSD: Format.csvMoney(function.freeTierValue)
        case .listCostUSD: function.catalog.map { Format.csvMoney($0.listCost) } ?? ""
        case .catalogCostUSD: function.catalog.map { Format.csvMoney($0.netCost) } ?? ""
        case .catalogCost: function.catalog.map { Format.usd($0.netCost) } ?? ""
        case .missingPrices: function.catalog?.missingPrices.joined(separator: "; ") ?? ""
        case .qualifiers: function.qualifiers.joined(separator: " ")
        case .tags: function.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        case .team, .teamLabel, .teamPage, .hasTeamPage, .page, .hasPage: preconditionFailure("\(key) needs the render context")
        // A function without other services has them at zero, and its full cost is its Lambda cost.
        case .otherServicesCost: Format.usd(function.otherServicesCost)
        case .otherServicesCostUSD: Format.csvMoney(function.otherServicesCost)
        case .fullCost: Format.usd(function.fullCost)
        case .fullCostUSD: Format.csvMoney(function.fullCost)
        case .hasOtherServices: function.otherServices != nil
        case .otherServices:
            function.otherServices.map { share in
                share.charges.sorted { $0.key < $1.key }.map { charge, amount in
                    ["label": charge.label, "charge": charge.rawValue, "cost": Format.usd(amount.cost),
                     "rows": Format.quantity(FixedDecimal(amount.rows), places: 0)] as [String: Any]
                }
            } ?? []
        case .attributed(let charge): function.otherServices?.charges[charge].map { Format.csvMoney($0.cost) } ?? zeroMoney
        }
    }
}
