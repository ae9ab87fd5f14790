/// Why a billing record could not be used, for every reader alike (CUR CSV, the hourly aggregate, and the
/// readers to come): the rules and the readers name a reason, ``message`` words it once.
public enum RejectReason: Hashable, Sendable {
    /// The CSV record is malformed (a stray quote, an unclosed quoted field, …).
    case malformedRecord(String)
    /// The record has another number of fields than the header.
    case fieldCount(expected: Int, found: Int)
    /// An amount that is not a decimal number.
    case expectedNumber(column: String, found: String)
    /// A usage start that is not a timestamp.
    case expectedUsageStart(column: String, found: String)
    /// A billing period start that is not a timestamp.
    case expectedPeriodStart(column: String, found: String)
    /// An aggregate's hour that is not a timestamp.
    case expectedHour(column: String, found: String)
    /// An aggregate's billing period that is not `YYYY-MM`.
    case expectedMonth(column: String, found: String)
    /// Money in another currency than USD.
    case currency(column: String, found: String)
    /// Text that is not UTF-8.
    case expectedUTF8(column: String)
    /// A Lambda row without a usage account.
    case expectedAccountID(column: String)
    /// A usage quantity below zero.
    case negativeUsage(column: String, found: String)
    /// An aggregate of another format version.
    case expectedFormatVersion(column: String, found: String)
    /// An aggregate's `rows` that is not a whole number from 1 to ``BillingRules/maximumRowsPerRecord``.
    case expectedRowCount(column: String, found: String)
    /// An aggregate's `record_type` that is none of `lambda`, `other`, `rejected`.
    case expectedRecordType(column: String, found: String)
    /// An aggregate's `free_tier` that is not `true` or `false`.
    case expectedBoolean(column: String, found: String)
    /// A row the query that made an aggregate could not use, with the query's reason (empty when it gave none).
    case rejectedByQuery(String)

    /// The reason as `rejects.csv` and the diagnostics print it.
    public var message: String {
        switch self {
        case .malformedRecord(let reason): reason
        case .fieldCount(let expected, let found): "expected \(expected) fields as in the header, found \(found)"
        case .expectedNumber(let column, let found): "expected a decimal number in '\(column)', found \"\(found)\""
        case .expectedUsageStart(let column, let found):
            "expected a timestamp such as 2026-10-01T00:00:00Z in '\(column)', found \"\(found)\""
        case .expectedPeriodStart(let column, let found): "expected a timestamp in '\(column)', found \"\(found)\""
        case .expectedHour(let column, let found):
            "expected an hour such as 2026-10-01T00:00:00Z in '\(column)', found \"\(found)\""
        case .expectedMonth(let column, let found): "expected a month such as 2026-10 in '\(column)', found \"\(found)\""
        case .currency(let column, let found):
            "expected currency 'USD' in '\(column)', found \"\(found)\" (the report is in USD)"
        case .expectedUTF8(let column): "expected UTF-8 text in '\(column)'"
        case .expectedAccountID(let column): "expected an account ID in '\(column)'"
        case .negativeUsage(let column, let found): "expected a usage amount of 0 or more in '\(column)', found \"\(found)\""
        case .expectedFormatVersion(let column, let found):
            "expected format_version 1 in '\(column)', found \"\(found)\" (docs/scale-out.md)"
        case .expectedRowCount(let column, let found):
            "expected a whole number of rows from 1 to \(BillingRules.maximumRowsPerRecord) in '\(column)', found \"\(found)\""
        case .expectedRecordType(let column, let found):
            "expected 'lambda', 'other' or 'rejected' in '\(column)', found \"\(found)\""
        case .expectedBoolean(let column, let found): "expected true or false in '\(column)', found \"\(found)\""
        case .rejectedByQuery(let reason): reason.isEmpty ? "rejected by the query that made the aggregate" : reason
        }
    }
}
