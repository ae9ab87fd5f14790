/// One record of a CUR-shaped input as ``CURReader`` reads it for ``BillingRules``: its fields by column, each
/// handed out as bytes where it lies. A CSV record is one (``CSVReader``); so is a row of a Parquet row group
/// (``ParquetBatchRecord``, values rendered as the text a CSV delivery holds) and a FOCUS row re-expressed as CUR
/// line items (``FOCUSRecord``). Readers only decode: what a record is is decided by the rules, the same way for all.
protocol CURRecord: AnyObject {
    /// The fields of the record.
    var fieldCount: Int { get }
    /// Where the record starts: the line of a CSV record, the row (from 1) of a Parquet row.
    var line: Int { get }
    /// The line counted from where the reader started (a later part of a split file counts from its own start, and
    /// its lines are shifted when it is merged); ``line`` for every other record.
    var partLine: Int { get }
    /// The record as read, for `rejects.csv`.
    var rawRecord: String { get }
    /// How many input rows the current line item stands for: 1, and 0 for the further line items a FOCUS row
    /// expands into, so that row counts stay those of the input.
    var rowWeight: Int { get }
    /// The column whose amount a rejected record counts as rejected money, when it is not the unblended cost the
    /// rules read (a FOCUS row is rejected with its `BilledCost`, whatever line item it was read as).
    var rejectedCostColumn: Int? { get }

    /// Calls `body` with the bytes of field `index` (an empty buffer for an empty or null field).
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    /// Whether field `index` is empty (or null).
    func isEmpty(_ index: Int) -> Bool
    /// Why the record cannot be decoded field by field, if it cannot (malformed CSV, another number of fields).
    func structuralProblem(expectedFields: Int) -> RejectReason?
    /// Where a problem with field `field` (or with the record, when `nil`) points.
    func rejectLocation(field: Int?, path: String) -> SourceLocation
    /// Where field `field` is, its line counted as ``partLine`` is: what the ledger keeps of where a tag was read
    /// (shifted when a later part of a split file is merged).
    func partLocation(field: Int, path: String) -> SourceLocation
    /// The name of field `index` for messages (a FOCUS record names the column a virtual field was read from).
    func fieldName(_ columns: CURColumns, _ index: Int) -> String
    /// The key–value pairs of the map field `index` (CUR 2.0 `resource_tags`, FOCUS `Tags`): JSON text in CSV, a MAP
    /// column in Parquet. Empty when the field is empty or not a map.
    func mapEntries(_ index: Int) -> [(key: String, value: String)]
}

extension CURRecord {
    var rowWeight: Int { 1 }
    var partLine: Int { line }
    func partLocation(field: Int, path: String) -> SourceLocation { rejectLocation(field: field, path: path) }
    var rejectedCostColumn: Int? { nil }
    func fieldName(_ columns: CURColumns, _ index: Int) -> String { columns.name(of: index) }

    /// Field `index` as a `String`, or `nil` when it is not valid UTF-8.
    func string(_ index: Int) -> String? { withField(index) { String(validating: $0, as: UTF8.self) } }

    /// Field `index` as a `String`, invalid UTF-8 replaced by U+FFFD (for diagnostics only).
    func lossyString(_ index: Int) -> String { withField(index) { String(decoding: $0, as: UTF8.self) } }

    /// Whether field `index` equals `text` byte for byte.
    func field(_ index: Int, equals text: StaticString) -> Bool {
        withField(index) { bytes in
            bytes.count == text.utf8CodeUnitCount
                && (bytes.count == 0 || ByteComparison.equal(bytes.baseAddress!, text.utf8Start, count: bytes.count))
        }
    }

    /// The amount in field `column`, through the run's guards: an amount rounded to 10⁻²⁴ is counted, and one that
    /// takes the magnitudes read past ``MagnitudeGuard/limit`` is `.beyondLimit` (the caller stops the file with
    /// ``magnitudeError(_:named:path:)``). It takes no name: the caller's name of the column is only needed for the
    /// error, and a closure for it would copy the caller's columns on every row.
    func amount(_ column: Int, into accumulator: MonthAccumulator) -> AmountField {
        guard case .success(let result) = withField(column, { FixedDecimal.parse($0) }) else { return .notANumber }
        if result.wasRounded { accumulator.roundedAmounts += 1 }
        guard accumulator.magnitude.admit(result.value) else { return .beyondLimit }
        return .value(result.value)
    }

    /// The error that stops a file at an amount beyond ``MagnitudeGuard/limit``.
    func magnitudeError(_ column: Int, named name: String, path: String) -> IngestError {
        IngestError(location: rejectLocation(field: column, path: path),
                    message: MagnitudeGuard.message(value: lossyString(column), column: name))
    }
}

/// An amount field as ``CURRecord/amount(_:into:)`` reads it.
enum AmountField {
    case value(FixedDecimal)
    /// Not a decimal number.
    case notANumber
    /// Past ``MagnitudeGuard/limit``: the file stops.
    case beyondLimit
}
