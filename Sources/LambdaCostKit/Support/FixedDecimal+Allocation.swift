extension FixedDecimal {
    /// Splits `self` into shares proportional to non-negative `weights` that add up to `self` exactly: each
    /// share is rounded down to 10⁻²⁴ and the leftover units go to the largest remainders (ties: the earlier
    /// weight). All-zero weights give all-zero shares, except that nothing of `self` is then placed.
    public func allocated(proportionalTo weights: [FixedDecimal]) -> [FixedDecimal] {
        precondition(weights.allSatisfy { !$0.isNegative }, "allocation weights must not be negative")
        let total = weights.reduce(Int128(0)) { $0 + $1.units }
        guard total > 0 else { return weights.map { _ in .zero } }
        let magnitude = UInt128(units.magnitude)
        var shares: [UInt128] = []
        var remainders: [(remainder: UInt128, index: Int)] = []
        for (index, weight) in weights.enumerated() {
            let product = magnitude.multipliedFullWidth(by: UInt128(weight.units))
            let (quotient, remainder) = UInt128(total).dividingFullWidth(product)
            shares.append(quotient)
            remainders.append((remainder, index))
        }
        var leftover = magnitude - shares.reduce(0, +)
        for entry in remainders.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }) {
            guard leftover > 0 else { break }
            if weights[entry.index].isZero { continue }
            shares[entry.index] += 1
            leftover -= 1
        }
        return shares.map { FixedDecimal(units: isNegative ? -Int128($0) : Int128($0)) }
    }
}
