/// A CSV record is a ``CURRecord``; what the CSV-based readers (CUR, aggregate) share when they decode a record for
/// the rules.
extension CSVReader: CURRecord {
    /// Why the record cannot be decoded field by field, if it cannot: malformed CSV, or another number of fields than
    /// the header's.
    func structuralProblem(expectedFields: Int) -> RejectReason? {
        if let malformation { return .malformedRecord(malformation.reason) }
        return fieldCount == expectedFields ? nil : .fieldCount(expected: expectedFields, found: fieldCount)
    }

    /// Where a rejected record points: the field when given, else where the record is malformed, else its first line.
    func rejectLocation(field: Int?, path: String) -> SourceLocation {
        if let field, field < fieldCount {
            return SourceLocation(file: path, line: line(ofField: field), column: column(ofField: field))
        }
        if let malformation {
            let (line, column) = position(ofRecordOffset: malformation.offset)
            return SourceLocation(file: path, line: line, column: column)
        }
        return SourceLocation(file: path, line: line, column: 1)
    }

    /// Where field `field` is, its line counted as ``partLine`` is.
    func partLocation(field: Int, path: String) -> SourceLocation {
        SourceLocation(file: path, line: partLine(ofField: field), column: column(ofField: field))
    }

    /// The JSON object in field `index` (CUR 2.0 and FOCUS write their map columns as JSON text).
    func mapEntries(_ index: Int) -> [(key: String, value: String)] {
        guard !isEmpty(index), let json = string(index) else { return [] }
        return TagMap.parse(json).map { (key: $0.key, value: $0.value) }
    }
}
