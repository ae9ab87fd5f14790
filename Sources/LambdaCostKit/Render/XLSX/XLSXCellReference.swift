/// A1-style references: column letters A…Z, AA…ZZ, AAA…XFD, and 1-based row numbers.
enum XLSXCellReference {
    /// The letters of a 0-based column index: 0 is `A`, 25 `Z`, 26 `AA`, 16,383 `XFD`.
    static func column(_ index: Int) -> String {
        precondition(index >= 0)
        var letters: [UInt8] = []
        var remaining = index + 1
        while remaining > 0 {
            remaining -= 1
            letters.append(UInt8(ascii: "A") + UInt8(remaining % 26))
            remaining /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `B3` for the 0-based column 1 of the 1-based row 3.
    static func cell(column: Int, row: Int) -> String { self.column(column) + String(row) }

    /// `$B$3`: the absolute form, as defined names use it.
    static func absolute(column: Int, row: Int) -> String { "$" + self.column(column) + "$" + String(row) }
}
