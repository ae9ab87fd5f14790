/// The widths of a sheet's columns, which of them wrap their texts, and the heights of the rows that take more
/// than one line, estimated from the cells as a spreadsheet shows them (formats applied). LibreOffice does not
/// fit rows to wrapped text when it opens a file, so the file says how high they are.
///
/// Widths are in digits of the default font (as Excel counts a column's width), from ``tenths(of:)``; the
/// header counts a tenth more (it is bold) and three more when it has the auto-filter's button. The estimate
/// errs on the wide side, so a cell is not cut.
struct XLSXColumnLayout: Equatable {
    struct Column: Equatable {
        var width: Int
        /// Whether the column's text cells wrap (some text is wider than the column).
        var wrapsText: Bool
    }

    var columns: [Column]
    /// The height in points of the header row, when a header takes more than one line.
    var headerHeight: Int?
    /// The height in points of each data row (0-based) whose wrapped text takes more than one line.
    var rowHeights: [Int: Int]

    /// The height of a line of Calibri 11, in points.
    static let lineHeight = 15
    /// Space beside a cell's content: Excel's column width does not include the cell's padding.
    static let padding = 2

    init(_ sheet: XLSXSheet) {
        let button = sheet.hasAutoFilter ? 3 : 1
        // The widest number and text of each fitted column, in one pass over the rows (a fleet's are made as
        // they are read).
        let fitted = sheet.columns.map { if case .fitted = $0.width { true } else { false } }
        var numbers = [Int](repeating: 0, count: sheet.columns.count), texts = numbers
        for cells in sheet.rows {
            for (index, cell) in cells.enumerated() where index < fitted.count && fitted[index] {
                if let length = Self.shownLength(cell) {
                    numbers[index] = max(numbers[index], length + Self.padding)
                } else if case .text(let text) = cell {
                    // Most texts are one line, measured without splitting them into characters.
                    let widest = !text.utf8.contains(UInt8(ascii: "\n")) ? Self.width(of: text[...])
                        : text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.width(of: $0) }.max() ?? 0
                    texts[index] = max(texts[index], widest + Self.padding)
                }
            }
        }
        var columns: [Column] = []
        for (index, column) in sheet.columns.enumerated() {
            switch column.width {
            case .fixed(let width):
                columns.append(Column(width: width, wrapsText: false))
            case .fitted(let maximum):
                let numbers = numbers[index], texts = texts[index]
                let content = max(numbers, texts)
                let oneLine = Self.boldWidth(Self.width(of: column.header[...])) + button
                let header = oneLine <= content ? oneLine : Self.twoLineWidth(column.header) + button
                let width = min(255, max(numbers, min(max(content, header, 4), maximum)))
                columns.append(Column(width: width, wrapsText: texts > width))
            }
        }
        var headerLines = 1
        for (column, layout) in zip(sheet.columns, columns) where layout.width > button {
            headerLines = max(headerLines, Self.lines(column.header, width: (layout.width - button) * 10 / 11))
        }
        var rowHeights: [Int: Int] = [:]
        for (row, cells) in sheet.rows.enumerated() {
            var lines = 1
            for (index, cell) in cells.enumerated() where columns[index].wrapsText {
                if case .text(let text) = cell { lines = max(lines, Self.lines(text, width: columns[index].width - 1)) }
            }
            if lines > 1 { rowHeights[row] = lines * Self.lineHeight }
        }
        self.columns = columns
        self.headerHeight = headerLines > 1 ? headerLines * Self.lineHeight : nil
        self.rowHeights = rowHeights
    }

    /// The characters a numeric cell shows in its format (`$1,234.57`, `96.3%`), or `nil` for text and empty cells.
    static func shownLength(_ cell: XLSXCell) -> Int? {
        switch cell {
        case .text, .empty: nil
        case .number(let value): grouped(value.formatted(places: 6))
        case .currency(let value), .currencyFormula(_, cached: let value): 1 + grouped(value.formatted(places: 2))
        case .integer(let value): grouped(String(value))
        case .count(let value): grouped(value.formatted(places: 0))
        case .percent(let value): (value * 100).formatted(places: 1).utf8.count + 1
        case .hourly(let value): 1 + grouped(value.formatted(places: 3))
        case .rate(let value): 1 + grouped(rateText(value))
        }
    }

    /// The decimal text a rate's format shows: at least 2 decimals, at most ``XLSXStyles/rateMaximumPlaces``.
    static func rateText(_ value: FixedDecimal) -> String {
        var text = value.formatted(places: XLSXStyles.rateMaximumPlaces)
        while text.hasSuffix("0"), let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return text
    }

    /// The length of a plain decimal text (ASCII: a sign, digits, a point) once thousands separators are added.
    private static func grouped(_ text: String) -> Int {
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") { break }
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { digits += 1 }
        }
        return text.utf8.count + max(0, (digits - 1) / 3)
    }

    private static func boldWidth(_ width: Int) -> Int { width + (width + 9) / 10 }

    /// The width of a text on one line, in digits (rounded up).
    static func width(of text: Substring) -> Int { (tenths(of: text) + 9) / 10 }

    /// The width of a text on one line in tenths of a digit of Calibri 11 (Excel's default font; LibreOffice
    /// uses its metric twin Carlito): narrow letters and punctuation half a digit, most lowercase letters one,
    /// capitals a little more, `m` and `W` about one and a half, East Asian wide characters two; a twentieth
    /// added so that the estimate errs on the wide side.
    static func tenths(of text: Substring) -> Int {
        let total = text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar {
            case " ", "i", "l", "j", "I", "'", "|", "!", ".", ",", ":", ";": total + 5
            case "f", "t", "r", "J", "(", ")", "[", "]", "-", "/", "\\", "\"", "{", "}": total + 7
            case "c", "s", "z", "x", "v", "y", "k", "E", "F", "L", "S", "T", "Y", "Z": total + 9
            case "m", "M", "W", "@": total + 16
            case "w", "%": total + 14
            case "A"..."Z", "&": total + 12
            default:
                switch scalar.value {
                case 0x0300...0x036F, 0x200B...0x200F: total  // combining marks, zero-width characters
                case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                     0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x2_0000...0x3_FFFD: total + 20
                default: total + 10
                }
            }
        }
        return total + (total + 19) / 20
    }

    /// How many lines `text` takes when wrapped at spaces into lines `width` digits wide (a word longer than a
    /// line is broken); each line break of the text starts a new line.
    static func lines(_ text: String, width: Int) -> Int {
        let available = max(width, 1) * 10
        let space = tenths(of: " ")
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0
            for word in paragraph.split(separator: " ") {
                let length = tenths(of: word)
                if used > 0, used + space + length <= available {
                    used += space + length
                    continue
                }
                if used > 0 { lines += 1 }
                lines += max(length - 1, 0) / available
                used = length - max(length - 1, 0) / available * available
            }
        }
        return max(lines, 1)
    }

    /// The narrowest width (in digits, bold) at which `header` takes at most two lines.
    static func twoLineWidth(_ header: String) -> Int {
        let longest = header.split(separator: " ").map { width(of: $0) }.max() ?? 0
        let whole = width(of: header[...])
        var candidate = max(longest, 1)
        while candidate < whole, lines(header, width: candidate) > 2 { candidate += 1 }
        return boldWidth(candidate)
    }
}
