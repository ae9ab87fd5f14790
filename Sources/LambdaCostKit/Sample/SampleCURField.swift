/// A column of the sample CUR: its names in each spelling, how its values are written, and whether the
/// value changes from row to row (dynamic) or comes from the row's template (static).
enum SampleCURField: CaseIterable, Sendable {
    case lineItemId, timeInterval
    case invoiceId, billingEntity, billType, payerAccountId, billingPeriodStart, billingPeriodEnd
    case usageAccountId, lineItemType, usageStartDate, usageEndDate, productCode, usageType, operation
    case availabilityZone, resourceId, usageAmount, currencyCode, unblendedRate, unblendedCost, blendedRate
    case blendedCost, lineItemDescription, taxType, legalEntity
    case productName, productGroup, productLocation, productFamily, productRegion, productRegionCode
    case productServiceCode, productSku, productUsageType
    /// CUR 2.0 only: the `product` map with the attributes that have no fixed column.
    case productMap
    case rateCode, rateId, pricingTerm, pricingUnit, publicOnDemandRate, publicOnDemandCost
    case savingsPlanARN, savingsPlanRate, savingsPlanEffectiveCost, totalCommitmentToDate, usedCommitment
    case recurringCommitmentForBillingPeriod, offeringType, paymentOption, purchaseTerm
    case tagTeam, tagEnv, tagProject, tagModelTier, tagFunction
    /// CUR 2.0 only: the `resource_tags` map.
    case resourceTagsMap

    /// How a value is written.
    enum Kind {
        /// A string: quoted when needed (always in athena spelling).
        case text
        /// A timestamp: unquoted, formatted per spelling.
        case date
        /// A decimal number: unquoted.
        case number
        /// A rate: a string with exactly 10 decimals (quoted in athena spelling, like the real sample).
        case rate
    }

    var kind: Kind {
        switch self {
        case .billingPeriodStart, .billingPeriodEnd, .usageStartDate, .usageEndDate: .date
        case .usageAmount, .unblendedCost, .blendedCost, .publicOnDemandCost, .savingsPlanRate,
            .savingsPlanEffectiveCost, .totalCommitmentToDate, .usedCommitment, .recurringCommitmentForBillingPeriod:
            .number
        case .unblendedRate, .blendedRate, .publicOnDemandRate: .rate
        default: .text
        }
    }

    /// Whether the value is written per row rather than taken from the template.
    var isDynamic: Bool {
        switch self {
        case .lineItemId, .timeInterval, .usageStartDate, .usageEndDate, .usageAmount, .unblendedRate,
            .unblendedCost, .blendedRate, .blendedCost, .publicOnDemandRate, .publicOnDemandCost, .savingsPlanRate,
            .savingsPlanEffectiveCost, .totalCommitmentToDate, .usedCommitment, .recurringCommitmentForBillingPeriod:
            true
        default: false
        }
    }

    /// The columns of a spelling, in file order.
    static func columns(_ spelling: CURSpelling) -> [SampleCURField] {
        switch spelling {
        case .legacy, .athena:
            allCases.filter { $0 != .productMap && $0 != .resourceTagsMap }
        case .cur2:
            allCases.filter {
                ![.productName, .productGroup, .productRegion, .tagTeam, .tagEnv, .tagProject, .tagModelTier, .tagFunction]
                    .contains($0)
            }
        }
    }

    /// The column name in a spelling.
    func name(_ spelling: CURSpelling) -> String {
        spelling == .legacy ? legacyName : snakeName
    }

    var legacyName: String {
        switch self {
        case .lineItemId: "identity/LineItemId"
        case .timeInterval: "identity/TimeInterval"
        case .invoiceId: "bill/InvoiceId"
        case .billingEntity: "bill/BillingEntity"
        case .billType: "bill/BillType"
        case .payerAccountId: "bill/PayerAccountId"
        case .billingPeriodStart: "bill/BillingPeriodStartDate"
        case .billingPeriodEnd: "bill/BillingPeriodEndDate"
        case .usageAccountId: "lineItem/UsageAccountId"
        case .lineItemType: "lineItem/LineItemType"
        case .usageStartDate: "lineItem/UsageStartDate"
        case .usageEndDate: "lineItem/UsageEndDate"
        case .productCode: "lineItem/ProductCode"
        case .usageType: "lineItem/UsageType"
        case .operation: "lineItem/Operation"
        case .availabilityZone: "lineItem/AvailabilityZone"
        case .resourceId: "lineItem/ResourceId"
        case .usageAmount: "lineItem/UsageAmount"
        case .currencyCode: "lineItem/CurrencyCode"
        case .unblendedRate: "lineItem/UnblendedRate"
        case .unblendedCost: "lineItem/UnblendedCost"
        case .blendedRate: "lineItem/BlendedRate"
        case .blendedCost: "lineItem/BlendedCost"
        case .lineItemDescription: "lineItem/LineItemDescription"
        case .taxType: "lineItem/TaxType"
        case .legalEntity: "lineItem/LegalEntity"
        case .productName: "product/ProductName"
        case .productGroup: "product/group"
        case .productLocation: "product/location"
        case .productFamily: "product/productFamily"
        case .productRegion: "product/region"
        case .productRegionCode: "product/regionCode"
        case .productServiceCode: "product/servicecode"
        case .productSku: "product/sku"
        case .productUsageType: "product/usagetype"
        case .productMap: "product"
        case .rateCode: "pricing/RateCode"
        case .rateId: "pricing/RateId"
        case .pricingTerm: "pricing/term"
        case .pricingUnit: "pricing/unit"
        case .publicOnDemandRate: "pricing/publicOnDemandRate"
        case .publicOnDemandCost: "pricing/publicOnDemandCost"
        case .savingsPlanARN: "savingsPlan/SavingsPlanARN"
        case .savingsPlanRate: "savingsPlan/SavingsPlanRate"
        case .savingsPlanEffectiveCost: "savingsPlan/SavingsPlanEffectiveCost"
        case .totalCommitmentToDate: "savingsPlan/TotalCommitmentToDate"
        case .usedCommitment: "savingsPlan/UsedCommitment"
        case .recurringCommitmentForBillingPeriod: "savingsPlan/RecurringCommitmentForBillingPeriod"
        case .offeringType: "savingsPlan/OfferingType"
        case .paymentOption: "savingsPlan/PaymentOption"
        case .purchaseTerm: "savingsPlan/PurchaseTerm"
        case .tagTeam: "resourceTags/user:team"
        case .tagEnv: "resourceTags/user:env"
        case .tagProject: "resourceTags/user:project"
        case .tagModelTier: "resourceTags/user:model_tier"
        case .tagFunction: "resourceTags/user:function"
        case .resourceTagsMap: "resource_tags"
        }
    }

    /// The Athena / CUR 2.0 name (§1.1).
    var snakeName: String {
        switch self {
        case .lineItemId: "identity_line_item_id"
        case .timeInterval: "identity_time_interval"
        case .invoiceId: "bill_invoice_id"
        case .billingEntity: "bill_billing_entity"
        case .billType: "bill_bill_type"
        case .payerAccountId: "bill_payer_account_id"
        case .billingPeriodStart: "bill_billing_period_start_date"
        case .billingPeriodEnd: "bill_billing_period_end_date"
        case .usageAccountId: "line_item_usage_account_id"
        case .lineItemType: "line_item_line_item_type"
        case .usageStartDate: "line_item_usage_start_date"
        case .usageEndDate: "line_item_usage_end_date"
        case .productCode: "line_item_product_code"
        case .usageType: "line_item_usage_type"
        case .operation: "line_item_operation"
        case .availabilityZone: "line_item_availability_zone"
        case .resourceId: "line_item_resource_id"
        case .usageAmount: "line_item_usage_amount"
        case .currencyCode: "line_item_currency_code"
        case .unblendedRate: "line_item_unblended_rate"
        case .unblendedCost: "line_item_unblended_cost"
        case .blendedRate: "line_item_blended_rate"
        case .blendedCost: "line_item_blended_cost"
        case .lineItemDescription: "line_item_line_item_description"
        case .taxType: "line_item_tax_type"
        case .legalEntity: "line_item_legal_entity"
        case .productName: "product_product_name"
        case .productGroup: "product_group"
        case .productLocation: "product_location"
        case .productFamily: "product_product_family"
        case .productRegion: "product_region"
        case .productRegionCode: "product_region_code"
        case .productServiceCode: "product_servicecode"
        case .productSku: "product_sku"
        case .productUsageType: "product_usagetype"
        case .productMap: "product"
        case .rateCode: "pricing_rate_code"
        case .rateId: "pricing_rate_id"
        case .pricingTerm: "pricing_term"
        case .pricingUnit: "pricing_unit"
        case .publicOnDemandRate: "pricing_public_on_demand_rate"
        case .publicOnDemandCost: "pricing_public_on_demand_cost"
        case .savingsPlanARN: "savings_plan_savings_plan_a_r_n"
        case .savingsPlanRate: "savings_plan_savings_plan_rate"
        case .savingsPlanEffectiveCost: "savings_plan_savings_plan_effective_cost"
        case .totalCommitmentToDate: "savings_plan_total_commitment_to_date"
        case .usedCommitment: "savings_plan_used_commitment"
        case .recurringCommitmentForBillingPeriod: "savings_plan_recurring_commitment_for_billing_period"
        case .offeringType: "savings_plan_offering_type"
        case .paymentOption: "savings_plan_payment_option"
        case .purchaseTerm: "savings_plan_purchase_term"
        case .tagTeam: "resource_tags_user_team"
        case .tagEnv: "resource_tags_user_env"
        case .tagProject: "resource_tags_user_project"
        case .tagModelTier: "resource_tags_user_model_tier"
        case .tagFunction: "resource_tags_user_function"
        case .resourceTagsMap: "resource_tags"
        }
    }
}
