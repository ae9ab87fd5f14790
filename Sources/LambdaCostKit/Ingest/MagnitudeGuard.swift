/// Every amount read, by any reader, adds its magnitude to a running sum that must stay at most
/// ``limit`` (10¹²): any sum or product the later stages form from these amounts then stays far
/// inside the exact range (±1.7 × 10¹⁴), where an overflow would stop the job. No real month's bill comes near it.
/// The row counts of aggregate records (each standing for many CUR rows) are bounded the same way.
struct MagnitudeGuard {
    /// The most the magnitudes of all amounts read may add up to: 10¹² (in units of 10⁻²⁴, written out so that it is a
    /// constant in the binary, not a lazy global checked for every amount read).
    static let limit = FixedDecimal(units: 1_000_000_000_000_000_000_000_000_000_000_000_000)
    private(set) var sum = FixedDecimal.zero
    private(set) var rows = 0
    /// The most rows a run counts (far below `Int.max`, so sums of row counts cannot overflow).
    static let rowLimit = 1 << 60

    /// Adds an amount; `false` (and nothing added) when it would take the sum past the limit.
    mutating func admit(_ value: FixedDecimal) -> Bool {
        let magnitude = value.isNegative ? -value : value
        guard magnitude <= Self.limit - sum else { return false }
        sum += magnitude
        return true
    }

    /// Adds a record's row count (at most ``BillingRules/maximumRowsPerRecord``); `false` past ``rowLimit``.
    mutating func admit(rows count: Int) -> Bool {
        guard count <= Self.rowLimit - rows else { return false }
        rows += count
        return true
    }

    /// Adds what another guard admitted (a part of a file read on another thread); `false` (and nothing added) when
    /// the sums would pass a limit, where reading the rows in turn would have stopped.
    mutating func absorb(_ other: MagnitudeGuard) -> Bool {
        guard other.sum <= Self.limit - sum, other.rows <= Self.rowLimit - rows else { return false }
        sum += other.sum
        rows += other.rows
        return true
    }

    /// The message of an amount that would take the sum past the limit.
    static func message(value: String, column: String) -> String {
        "the amounts read add up to more than 10^12 in absolute value with \"\(value)\" in '\(column)': not a plausible bill, and beyond what the report sums exactly"
    }
}
