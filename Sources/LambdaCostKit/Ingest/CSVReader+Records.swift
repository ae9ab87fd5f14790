/// What the CSV-based readers (CUR, aggregate) share when they decode a record for the rules.
extension CSVReader {
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

    /// The amount in field `column`, through the run's guards: an amount rounded to 10⁻²⁴ is counted, and one that
    /// takes the magnitudes read past ``BillingRules/magnitudeLimit`` stops the file with an error at the field.
    /// `nil` when the field is not a decimal number.
    func amount(_ column: Int, named name: String, path: String, into accumulator: MonthAccumulator) throws -> FixedDecimal? {
        guard case .success(let result) = withField(column, { FixedDecimal.parse($0) }) else { return nil }
        if result.wasRounded { accumulator.roundedAmounts += 1 }
        guard accumulator.magnitude.admit(result.value) else {
            throw IngestError(location: SourceLocation(file: path, line: line(ofField: column), column: self.column(ofField: column)),
                              message: MagnitudeGuard.message(value: lossyString(column), column: name))
        }
        return result.value
    }
}
