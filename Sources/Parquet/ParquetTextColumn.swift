/// A flat column chunk as text, row by row, the way Athena and the CSV deliveries print each value: DOUBLE and FLOAT
/// as their shortest round-trip decimal without exponent, DECIMAL exactly, INT96 and INT64 timestamps (and DATE) as
/// `2022-10-01 03:00:00.000000000`, integers in decimal, booleans as `true` / `false`, strings as their bytes (a
/// dictionary's strings shared, not copied), other byte arrays in hex. A reader reads a row's text where it lies.
/// The texts of one chunk stay below 4 GiB (a larger one is an error), so 32-bit offsets address them.
public struct ParquetTextColumn: Sendable {
    /// The distinct texts (for strings: the chunk's stored values).
    public private(set) var texts: ParquetByteArrays
    /// For each row, the index of its text in ``texts``, or -1 for a null.
    public private(set) var rows: [Int32]

    /// The text of `column`, a flat (unrepeated) column chunk; an error for a repeated column or a value that is not
    /// a number, instant or text it can print (an INT96 past a day's nanoseconds, a DECIMAL wider than 38 digits, a
    /// NaN or infinite DOUBLE).
    init(_ column: ParquetColumn) throws(ParquetErrorMessage) {
        guard column.descriptor.maximumRepetitionLevel == 0 else {
            throw ParquetErrorMessage("a repeated column where one value per row was expected")
        }
        let element = column.descriptor.element
        if let scale = element.decimalScale, !(0...38).contains(scale) {
            throw ParquetErrorMessage("a DECIMAL of scale \(scale) (0 to 38 expected)")
        }
        var texts = ParquetByteArrays()
        // Value index → text index; consecutive equal values (an hour's timestamps) are printed once.
        var textOfValue: [Int32] = []
        textOfValue.reserveCapacity(column.values.count)
        func add(_ text: String) -> Int32 {
            var text = text
            return text.withUTF8 { texts.store(UnsafeRawBufferPointer($0)) }
        }
        func render<T: Equatable>(_ values: [T], _ print: (T) throws(ParquetErrorMessage) -> String) throws(ParquetErrorMessage) {
            try renderBytes(values) { (value, bytes) throws(ParquetErrorMessage) in bytes.append(contentsOf: try print(value).utf8) }
        }
        /// Prints each value's bytes once per run of equal values.
        func renderBytes<T: Equatable>(_ values: [T], _ print: (T, inout [UInt8]) throws(ParquetErrorMessage) -> Void) throws(ParquetErrorMessage) {
            var previous: (T, Int32)?
            var scratch: [UInt8] = []
            for value in values {
                if let (last, index) = previous, last == value {
                    textOfValue.append(index)
                    continue
                }
                scratch.removeAll(keepingCapacity: true)
                try print(value, &scratch)
                let index = scratch.withUnsafeBytes { texts.store($0) }
                textOfValue.append(index)
                previous = (value, index)
            }
        }
        func timestamp(_ instant: ParquetTimestamp?) throws(ParquetErrorMessage) -> String {
            guard let instant else { throw ParquetErrorMessage("an INT96 timestamp out of range") }
            return instant.description
        }
        switch column.values {
        case .boolean(let values): try render(values) { $0 ? "true" : "false" }
        case .int32(let values):
            if let scale = element.decimalScale {
                try render(values) { ParquetDecimal(unscaled: Int128($0), scale: scale).description }
            } else if element.logicalType == .date || element.convertedType == .date {
                try render(values) { ParquetTimestamp(secondsSinceEpoch: Int64($0) * 86_400, nanoseconds: 0).description }
            } else {
                try render(values) { String($0) }
            }
        case .int64(let values):
            if let unit = element.timestampUnit {
                try render(values) { ParquetTimestamp($0, unit: unit).description }
            } else if let scale = element.decimalScale {
                try render(values) { ParquetDecimal(unscaled: Int128($0), scale: scale).description }
            } else {
                try render(values) { String($0) }
            }
        case .int96(let values): try render(values) { (value) throws(ParquetErrorMessage) in try timestamp(value.timestamp) }
        case .float(let values):
            try render(values) { (value) throws(ParquetErrorMessage) in
                guard let text = Double(value.description)?.plainDecimalText else { throw ParquetErrorMessage("a FLOAT that is not a number (\(value))") }
                return text
            }
        case .double(let values):
            // Amounts repeat (a dictionary-encoded column holds few distinct ones): each distinct value is printed once,
            // remembered up to a bound.
            var printed: [UInt64: Int32] = [:]
            var scratch: [UInt8] = []
            textOfValue.reserveCapacity(values.count)
            for value in values {
                if let index = printed[value.bitPattern] {
                    textOfValue.append(index)
                    continue
                }
                scratch.removeAll(keepingCapacity: true)
                guard value.appendPlainDecimalText(to: &scratch) else { throw ParquetErrorMessage("a DOUBLE that is not a number (\(value))") }
                let index = scratch.withUnsafeBytes { texts.store($0) }
                if printed.count < 1 << 16 { printed[value.bitPattern] = index }
                textOfValue.append(index)
            }
        case .bytes(let values):
            if let scale = element.decimalScale {
                var printed: [Int32: Int32] = [:]
                for index in 0..<values.count {
                    let stored = values.indices[index]
                    if let text = printed[stored] {
                        textOfValue.append(text)
                        continue
                    }
                    guard let decimal = ParquetDecimal(bigEndian: values.stored(Int(stored)), scale: scale) else {
                        throw ParquetErrorMessage("a DECIMAL wider than 38 digits")
                    }
                    let text = add(decimal.description)
                    printed[stored] = text
                    textOfValue.append(text)
                }
            } else if element.type == .fixedLengthByteArray || element.logicalType == .uuid {
                for index in 0..<values.count {
                    textOfValue.append(add(values[index].map { byte in
                        let digits = Array("0123456789abcdef")
                        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
                    }.joined()))
                }
            } else {
                // Strings: the stored values are the texts.
                texts = values
                textOfValue = values.indices
            }
        }
        var rows: [Int32] = []
        rows.reserveCapacity(column.entryCount)
        if column.definitionLevels.isEmpty {
            rows = textOfValue
        } else {
            let maximum = UInt8(column.descriptor.maximumDefinitionLevel)
            var next = 0
            for level in column.definitionLevels {
                if level == maximum {
                    rows.append(textOfValue[next])
                    next += 1
                } else {
                    rows.append(-1)
                }
            }
        }
        guard texts.withStorage({ bytes, _ in bytes.count }) < Int(UInt32.max) else {
            throw ParquetErrorMessage("a column chunk whose values print to 4 GiB of text or more")
        }
        self.texts = texts
        self.rows = rows
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// Whether row `row` is null or empty text.
    public func isEmpty(row: Int) -> Bool {
        let index = rows[row]
        return index < 0 || texts.withStored(Int(index)) { $0.isEmpty }
    }

    /// Calls `body` with the text of row `row` (empty for a null).
    public func withText<R>(row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let index = rows[row]
        guard index >= 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try texts.withStored(Int(index), body)
    }
}
