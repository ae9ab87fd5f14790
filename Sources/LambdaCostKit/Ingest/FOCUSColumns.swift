/// Where the columns of a FOCUS 1.0 or 1.2 file (AWS Data Exports "FOCUS with AWS columns", CSV or Parquet) sit,
/// and how they stand in for the CUR's. A FOCUS header is read as a CUR header whose columns carry the CUR names of
/// what they hold (`ChargePeriodStart` is the usage start, `x_UsageType` the usage type, `SubAccountId` the usage
/// account, …), plus ``virtualNames``: fields that ``FOCUSRecord`` works out from several FOCUS columns (the line
/// item type from `ChargeCategory` and the commitment columns, the unblended cost, …). The rules then read a FOCUS
/// row as the CUR line items it stands for (``BillingRules/focusLineItems(_:)``).
struct FOCUSColumns: Sendable, Equatable {
    let chargeCategory: Int
    let chargeClass: Int?
    let chargeFrequency: Int?
    let billedCost: Int
    let effectiveCost: Int?
    let listCost: Int?
    let contractedCost: Int?
    let serviceCode: Int
    let commitmentID: Int?
    let commitmentType: Int?
    let commitmentStatus: Int?
    let resourceID: Int?
    /// The number of columns of the file; the virtual fields follow them.
    let fileFieldCount: Int

    /// FOCUS columns that hold what a CUR column holds, under the CUR's snake_case name.
    static let curNames: [String: String] = [
        "chargeperiodstart": "line_item_usage_start_date",
        "chargeperiodend": "line_item_usage_end_date",
        "billingperiodstart": "bill_billing_period_start_date",
        "subaccountid": "line_item_usage_account_id",
        "billingaccountid": "bill_payer_account_id",
        "xusagetype": "line_item_usage_type",
        "xoperation": "line_item_operation",
        "consumedquantity": "line_item_usage_amount",
        "billingcurrency": "line_item_currency_code",
        "regionid": "product_region_code",
        "chargedescription": "line_item_line_item_description",
        "listcost": "pricing_public_on_demand_cost",
        "effectivecost": "savings_plan_savings_plan_effective_cost",
        "commitmentdiscountid": "savings_plan_savings_plan_a_r_n",
        "tags": "resource_tags",
    ]

    /// The fields ``FOCUSRecord`` works out, in this order after the file's columns.
    enum Virtual: Int, CaseIterable {
        case lineItemType, unblendedCost, productCode, resourceID, totalCommitment, usedCommitment, amortizedUpfront, offeringType

        var curName: String {
            switch self {
            case .lineItemType: "line_item_line_item_type"
            case .unblendedCost: "line_item_unblended_cost"
            case .productCode: "line_item_product_code"
            case .resourceID: "line_item_resource_id"
            case .totalCommitment: "savings_plan_total_commitment_to_date"
            case .usedCommitment: "savings_plan_used_commitment"
            case .amortizedUpfront: "savings_plan_amortized_upfront_commitment_for_billing_period"
            case .offeringType: "savings_plan_offering_type"
            }
        }
    }

    /// The FOCUS columns a Lambda report cannot do without, as FOCUS spells them.
    static let required = ["BilledCost", "ChargeCategory", "ChargePeriodStart", "SubAccountId", "x_ServiceCode", "x_UsageType", "ConsumedQuantity"]

    /// Whether `header` looks like FOCUS (it has `BilledCost` and `ChargePeriodStart`).
    static func isFOCUS(_ header: [String]) -> Bool {
        let keys = Set(header.map(CURColumns.normalize))
        return keys.contains("billedcost") && keys.contains("chargeperiodstart")
    }

    /// The FOCUS columns of `header` and the header as the CUR columns read it: each FOCUS column that holds a CUR
    /// column's value renamed to it, the others prefixed with `focus:` (so that no FOCUS name is taken for a CUR
    /// column), then the virtual fields. A header without a required column is an error naming it.
    static func read(_ header: [String]) throws(CURColumns.HeaderError) -> (columns: FOCUSColumns, curHeader: [String]) {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let key = CURColumns.normalize(name)
            guard !key.isEmpty else { continue }
            if let earlier = index[key] {
                throw CURColumns.HeaderError(message: "column \(position + 1) '\(name)' repeats column \(earlier + 1) '\(header[earlier])'", column: position)
            }
            index[key] = position
        }
        let missing = required.filter { index[CURColumns.normalize($0)] == nil }
        guard missing.isEmpty else {
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw CURColumns.HeaderError(
                message: "a FOCUS header without the column\(missing.count == 1 ? "" : "s") \(list) (FOCUS 1.0 or 1.2 with AWS columns is read)",
                column: 0)
        }
        func find(_ name: String) -> Int? { index[CURColumns.normalize(name)] }
        let columns = FOCUSColumns(
            chargeCategory: find("ChargeCategory")!, chargeClass: find("ChargeClass"), chargeFrequency: find("ChargeFrequency"),
            billedCost: find("BilledCost")!, effectiveCost: find("EffectiveCost"), listCost: find("ListCost"),
            contractedCost: find("ContractedCost"), serviceCode: find("x_ServiceCode")!, commitmentID: find("CommitmentDiscountId"),
            commitmentType: find("CommitmentDiscountType"), commitmentStatus: find("CommitmentDiscountStatus"), resourceID: find("ResourceId"), fileFieldCount: header.count)
        let renamed = header.map { name in curNames[CURColumns.normalize(name)] ?? "focus:" + name }
        return (columns, renamed + Virtual.allCases.map(\.curName))
    }

    /// The index of a virtual field.
    func index(of field: Virtual) -> Int { fileFieldCount + field.rawValue }
}

extension FOCUSColumns {
    /// The FOCUS column a virtual field is mostly worked out from, for messages and reject locations.
    func source(of field: Virtual) -> Int {
        switch field {
        case .lineItemType: chargeCategory
        case .unblendedCost: billedCost
        case .productCode: serviceCode
        case .resourceID: resourceID ?? serviceCode
        case .totalCommitment, .usedCommitment, .amortizedUpfront: effectiveCost ?? billedCost
        case .offeringType: commitmentType ?? chargeCategory
        }
    }
}
