/// How the rules read a FOCUS row: as the CUR line items it stands for. FOCUS bills usage a Savings Plan covers at 0
/// (`BilledCost`) with the plan's rate as `EffectiveCost`, has no negation rows, and reports a plan's unused
/// commitment as a `Usage` row of status `Unused`; the CUR bills covered usage at its on-demand cost, negates it on a
/// `SavingsPlanNegation` row (grouped without a resource), and carries the commitment on the plan's recurring fee rows. Expanding each FOCUS row into
/// those line items lets the one rule set decide them, and gives the CUR's totals: billed, effective, on-demand, and
/// the plan's commitment (total = used + unused; used = Σ effective cost of the usage it covered).
extension BillingRules {
    /// The FOCUS fields a row's line items depend on (text as written; empty when absent).
    struct FOCUSCharge: Sendable, Hashable {
        var category: String
        var chargeClass = ""
        var frequency = ""
        var hasCommitment = false
        var commitmentType = ""
        var commitmentStatus = ""
        /// Which of `ListCost`, `ContractedCost` hold a value (the on-demand cost of covered usage).
        var hasListCost = false
        var hasContractedCost = false
    }

    /// Where a line item's field comes from.
    enum FOCUSValue: Sendable, Equatable {
        /// A column of the file as written.
        case column(FOCUSSource)
        /// A column's amount negated.
        case negated(FOCUSSource)
        /// Fixed text.
        case text(String)
    }

    /// The FOCUS columns a line item reads.
    enum FOCUSSource: Sendable, Equatable { case billedCost, effectiveCost, listCost, contractedCost, serviceCode, chargeCategory, resourceID }

    /// One CUR line item of a FOCUS row.
    struct FOCUSLineItem: Sendable, Equatable {
        var lineItemType: FOCUSValue
        var unblendedCost: FOCUSValue = .column(.billedCost)
        var productCode: FOCUSValue = .column(.serviceCode)
        /// The resource: the row's, except on a negation, which the CUR groups per hour, plan, operation and usage
        /// type without a resource (so that it offsets the account's and region's Lambda charges, not a function's).
        var resourceID: FOCUSValue = .column(.resourceID)
        /// The commitment columns of a Savings Plan fee line item (empty otherwise).
        var totalCommitment: FOCUSValue = .text("")
        var usedCommitment: FOCUSValue = .text("")
        var amortizedUpfront: FOCUSValue = .text("")
        var offeringType: FOCUSValue = .text("")
        /// 1 for the row's first line item, 0 for the others (the input's row count stays the count of its rows).
        var rowWeight = 0
    }

    static let computeSavingsPlans = "ComputeSavingsPlans"

    /// The CUR line items of a FOCUS row (see the type's comment): `Usage` with a commitment in use is
    /// `SavingsPlanCoveredUsage` at its on-demand cost (`ListCost`, else `ContractedCost`, else `EffectiveCost`),
    /// its `SavingsPlanNegation`, and — for a Compute Savings Plan — the commitment it used; `Usage` of status `Unused`
    /// is the plan's unused commitment; `Purchase` is a plan's recurring or upfront fee (or another fee); `Tax`, `Credit`
    /// and `Adjustment` are `Tax`, `Credit` and `Refund`. Any other category keeps its name (an unknown line item type,
    /// kept with its cost and named in a warning).
    static func focusLineItems(_ charge: FOCUSCharge) -> [FOCUSLineItem] {
        let category = charge.category.lowercased()
        let status = charge.commitmentStatus.lowercased()
        let type = charge.commitmentType.lowercased()
        let isReservation = type.contains("reserv")
        let offering = type.contains("compute") ? computeSavingsPlans : charge.commitmentType
        let committed = charge.hasCommitment || !charge.commitmentType.isEmpty
        func item(_ lineItemType: String) -> FOCUSLineItem { FOCUSLineItem(lineItemType: .text(lineItemType), rowWeight: 1) }
        switch category {
        case "usage":
            if status == "unused" {
                var unused = item(ChargeType.savingsPlanRecurringFee.rawValue)
                unused.totalCommitment = .column(.effectiveCost)
                unused.usedCommitment = .text("0")
                unused.amortizedUpfront = .column(.effectiveCost)
                unused.offeringType = .text(offering)
                return [unused]
            }
            guard status == "used" || charge.hasCommitment else { return [item(ChargeType.usage.rawValue)] }
            if isReservation { return [item(ChargeType.discountedUsage.rawValue)] }
            let onDemand: FOCUSSource = charge.hasListCost ? .listCost : charge.hasContractedCost ? .contractedCost : .effectiveCost
            var covered = item(ChargeType.savingsPlanCoveredUsage.rawValue)
            covered.unblendedCost = .column(onDemand)
            var negation = FOCUSLineItem(lineItemType: .text(ChargeType.savingsPlanNegation.rawValue))
            negation.unblendedCost = .negated(onDemand)
            negation.resourceID = .text("")
            guard offering == computeSavingsPlans else { return [covered, negation] }
            var used = FOCUSLineItem(lineItemType: .text(ChargeType.savingsPlanRecurringFee.rawValue))
            used.unblendedCost = .text("0")
            used.productCode = .text(computeSavingsPlans)
            used.totalCommitment = .column(.effectiveCost)
            used.usedCommitment = .column(.effectiveCost)
            used.amortizedUpfront = .column(.effectiveCost)
            used.offeringType = .text(offering)
            return [covered, negation, used]
        case "purchase":
            guard committed else { return [item(ChargeType.fee.rawValue)] }
            if charge.frequency.lowercased() == "recurring" {
                if isReservation { return [item(ChargeType.riFee.rawValue)] }
                var fee = item(ChargeType.savingsPlanRecurringFee.rawValue)
                fee.totalCommitment = .text("0")
                fee.usedCommitment = .text("0")
                fee.amortizedUpfront = .negated(.billedCost)
                fee.offeringType = .text(offering)
                return [fee]
            }
            var fee = item(isReservation ? ChargeType.riFee.rawValue : ChargeType.savingsPlanUpfrontFee.rawValue)
            fee.offeringType = .text(offering)
            return [fee]
        case "tax": return [item(ChargeType.tax.rawValue)]
        case "credit": return [item(ChargeType.credit.rawValue)]
        case "adjustment": return [item(ChargeType.refund.rawValue)]
        default: return [FOCUSLineItem(lineItemType: .column(.chargeCategory), rowWeight: 1)]
        }
    }
}
