/// The company's Compute Savings Plan: payer-owned, shared, 1 year, No Upfront (§2.2, §6).
struct SampleSavingsPlan: Sendable {
    static let arn = "arn:aws:savingsplans::004519876321:savingsplan/7c1d6a52-3e8f-4b0a-9d21-5f6e8a4b2c90"
    static let offeringType = "ComputeSavingsPlans"
    static let paymentOption = "No Upfront"
    static let purchaseTerm = "1yr"
    static let usageType = "ComputeSP:1yrNoUpfront"
    static let description = "1 year No Upfront Compute Savings Plan"

    /// SP rate = on-demand rate × 0.88, rounded to 10 decimals. Assumption: a flat 12 % discount, in line with
    /// the ≈12 % No Upfront rates of the 2020 offer file (§6.2); real rates must come from an offer file.
    static let rateFactor = FixedDecimal(88, fractionDigits: 2)

    /// Share of the average hourly eligible on-demand spend that the default commitment covers.
    static let defaultCoverage = FixedDecimal(6, fractionDigits: 1)

    let hourlyCommitment: FixedDecimal

    static func rate(onDemand rate: FixedDecimal) -> FixedDecimal { (rate * rateFactor).rounded(places: 10) }

    /// Usage that the plan may cover in an hour.
    struct Candidate {
        var amount: FixedDecimal
        var onDemandRate: FixedDecimal
        var savingsPlanRate: FixedDecimal
    }

    /// The covered amount of each candidate: highest discount first (ties: lowest SP rate, then the given
    /// order) until the commitment is used; the last candidate may be covered in part.
    func allocate(_ candidates: [Candidate]) -> [FixedDecimal] {
        var covered = [FixedDecimal](repeating: .zero, count: candidates.count)
        let order = candidates.indices.sorted { left, right in
            let a = candidates[left], b = candidates[right]
            // discount(a) > discount(b) ⇔ spA / odA < spB / odB; rates have 10 decimals, so compare integers.
            let lhs = Self.tenth(a.savingsPlanRate) * Self.tenth(b.onDemandRate)
            let rhs = Self.tenth(b.savingsPlanRate) * Self.tenth(a.onDemandRate)
            if lhs != rhs { return lhs < rhs }
            if a.savingsPlanRate != b.savingsPlanRate { return a.savingsPlanRate < b.savingsPlanRate }
            return left < right
        }
        var remaining = hourlyCommitment
        for index in order {
            guard remaining > .zero else { break }
            let candidate = candidates[index]
            let effective = (candidate.amount * candidate.savingsPlanRate).rounded(places: 10)
            if effective <= remaining {
                covered[index] = candidate.amount
                remaining -= effective
                continue
            }
            // Partial: the largest 10-decimal amount whose effective cost still fits.
            var part = remaining.divided(by: candidate.savingsPlanRate)
            part = FixedDecimal(units: part.units - part.units % Self.tenDecimalStep)
            while part > .zero && (part * candidate.savingsPlanRate).rounded(places: 10) > remaining {
                part -= FixedDecimal(units: Self.tenDecimalStep)
            }
            if part > .zero { covered[index] = part }
            break
        }
        return covered
    }

    private static let tenDecimalStep = powerOfTen(14)

    /// A 10-decimal value as an integer count of 10⁻¹⁰.
    private static func tenth(_ value: FixedDecimal) -> Int128 { value.units / tenDecimalStep }
}
