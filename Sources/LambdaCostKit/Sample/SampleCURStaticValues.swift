/// The values of a row's static (template) columns. Empty strings are empty cells.
struct SampleCURStaticValues: Sendable {
    var usageAccountId = ""
    var lineItemType = ""
    var productCode = ""
    var usageType = ""
    var operation = ""
    var resourceId = ""
    var description = ""
    var taxType = ""
    var productName = ""
    var group = ""
    var location = ""
    var productFamily = ""
    var region = ""
    var serviceCode = ""
    var sku = ""
    var rateCode = ""
    var rateId = ""
    var term = ""
    var unit = ""
    var savingsPlanARN = ""
    var offeringType = ""
    var paymentOption = ""
    var purchaseTerm = ""
    var team = ""
    var env = ""
    var project = ""
    var modelTier = ""
    /// The `function` tag: on other services' resources, the function they serve.
    var function = ""

    /// The static text of a field; `nil` for dynamic fields.
    func text(_ field: SampleCURField, context: SampleCURContext) -> String? {
        switch field {
        case .invoiceId: context.invoiceId
        case .billingEntity: "AWS"
        case .billType: "Anniversary"
        case .payerAccountId: SampleFleet.payerAccount
        case .billingPeriodStart: context.periodStartText
        case .billingPeriodEnd: context.periodEndText
        case .usageAccountId: usageAccountId
        case .lineItemType: lineItemType
        case .productCode: productCode
        case .usageType: usageType
        case .operation: operation
        case .availabilityZone: ""
        case .resourceId: resourceId
        case .currencyCode: "USD"
        case .lineItemDescription: description
        case .taxType: taxType
        case .legalEntity: "Amazon Web Services, Inc."
        case .productName: productName
        case .productGroup: group
        case .productLocation: location
        case .productFamily: productFamily
        case .productRegion, .productRegionCode: region
        case .productServiceCode: serviceCode
        case .productSku: sku
        case .productUsageType: usageType
        case .productMap:
            Self.jsonMap([("product_name", productName), ("group", group), ("region", region)])
        case .rateCode: rateCode
        case .rateId: rateId
        case .pricingTerm: term
        case .pricingUnit: unit
        case .savingsPlanARN: savingsPlanARN
        case .offeringType: offeringType
        case .paymentOption: paymentOption
        case .purchaseTerm: purchaseTerm
        case .tagTeam: team
        case .tagEnv: env
        case .tagProject: project
        case .tagModelTier: modelTier
        case .tagFunction: function
        case .resourceTagsMap:
            Self.jsonMap([
                ("user_team", team), ("user_env", env), ("user_project", project), ("user_model_tier", modelTier),
                ("user_function", function),
            ])
        case .lineItemId, .timeInterval, .usageStartDate, .usageEndDate, .usageAmount, .unblendedRate,
            .unblendedCost, .blendedRate, .blendedCost, .publicOnDemandRate, .publicOnDemandCost, .savingsPlanRate,
            .savingsPlanEffectiveCost, .totalCommitmentToDate, .usedCommitment, .recurringCommitmentForBillingPeriod:
            nil
        }
    }

    /// A CUR 2.0 map column as JSON text; keys without a value are left out (values never need escaping here).
    static func jsonMap(_ pairs: [(String, String)]) -> String {
        let present = pairs.filter { !$0.1.isEmpty }.map { "\"\($0.0)\":\"\($0.1)\"" }
        return "{" + present.joined(separator: ",") + "}"
    }
}
