/// One worksheet: a bold header row (frozen, with an auto-filter) made from the column headers, then the rows.
///
/// Every sheet prints on pages of the landscape orientation (unless ``printsLandscape`` is false), scaled to
/// fit the page's width (as many pages down as the rows need), with the header row repeated at the top of
/// each page (the print titles), narrow margins, the cell grid, the sheet's name in the page header and
/// "Page N of M" in the footer.
public struct XLSXSheet: Hashable, Sendable {
    /// A column: its header text, its width and the format of cells typed into it later.
    public struct Column: Hashable, Sendable {
        /// The number format a column applies to its cells that the file leaves empty (written as the
        /// `<col style>`); the written cells carry their own format, from their ``XLSXCell`` case.
        public enum Format: Hashable, Sendable {
            /// Excel's General format.
            case general
            /// Text (`@`): what is typed stays text (account IDs keep their leading zeros).
            case text
            /// US dollars, as ``XLSXCell/currency(_:)``.
            case currency
            /// 6 decimals, as ``XLSXCell/number(_:)``.
            case number
            /// Thousands separators, as ``XLSXCell/integer(_:)``.
            case integer
            /// A fraction shown as a percentage, as ``XLSXCell/percent(_:)``.
            case percent
            /// An hourly amount with three decimals, as ``XLSXCell/hourly(_:)``.
            case hourly
            /// A rate with all its decimals, as ``XLSXCell/rate(_:)``.
            case rate
        }

        /// How wide a column is, in characters of the default font.
        public enum Width: Hashable, Sendable {
            /// This width (0 hides the column; at most 255).
            case fixed(Int)
            /// As wide as the longest cell as shown (its format applied), and the header on at most two lines,
            /// but at most `maximum` (1…255) characters: longer texts wrap onto more lines. Numbers are never
            /// cut (a spreadsheet would show `###`), whatever the maximum.
            case fitted(maximum: Int)
        }

        public var header: String
        public var width: Width
        public var format: Format

        /// A column of a fixed width.
        public init(_ header: String, width: Int, format: Format = .general) {
            self.header = header
            self.width = .fixed(width)
            self.format = format
        }

        /// A column as wide as its content, at most `maximumWidth` characters.
        public init(_ header: String, format: Format = .general, maximumWidth: Int = 40) {
            self.header = header
            self.width = .fitted(maximum: maximumWidth)
            self.format = format
        }
    }

    /// Excel's rules: 1 to 31 characters, none of `[ ] : * ? / \`, no leading or trailing `'`, not `History`,
    /// unique in the workbook ignoring case. ``XLSXWorkbook/data()`` checks them.
    public var name: String
    public var columns: [Column]
    /// Data rows, below the header row; a row may be shorter than ``columns`` but not longer. A fleet's rows are
    /// made on demand (``XLSXRows/init(count:make:)``).
    public var rows: XLSXRows
    /// How many of the last rows (a total) stay out of the auto-filter, so sorting or filtering the data rows
    /// leaves them in place; at most `rows.count`.
    public var footerRows = 0
    /// Whether the header row has an auto-filter (sort and filter buttons).
    public var hasAutoFilter = true
    /// Landscape pages when printed (portrait when false).
    public var printsLandscape = true
    /// Where a cell's text was read in the input, by data row (0 is the first row below the header) and column:
    /// a warning about the value (cut to fit a cell) names that place.
    public var sources: [Int: [Int: SourceLocation]] = [:]

    /// The sheet row (1-based, the header being row 1) of the last row the auto-filter covers.
    var lastFilteredRow: Int { rows.count - min(max(footerRows, 0), rows.count) + 1 }

    public init(name: String, columns: [Column], rows: [[XLSXCell]]) {
        self.init(name: name, columns: columns, rows: XLSXRows(rows))
    }

    public init(name: String, columns: [Column], rows: XLSXRows) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// Excel's sheet limits: 1,048,576 rows (the header included) and 16,384 columns.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384
    /// The longest text a cell holds, in UTF-16 code units.
    public static let maximumTextLength = 32_767
    static let forbiddenNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why `name` cannot name a sheet, or `nil` when it can (uniqueness is checked by the workbook).
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "a sheet name must not be empty" }
        if name.utf16.count > 31 { return "a sheet name has at most 31 characters" }
        if let character = name.first(where: { forbiddenNameCharacters.contains($0) }) {
            return "a sheet name must not contain \"\(character)\""
        }
        if name.unicodeScalars.contains(where: { !XLSXText.isAllowedInXML($0) || $0.value < 0x20 }) {
            return "a sheet name must not contain control characters"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "a sheet name must not begin or end with \"'\"" }
        if name.lowercased() == "history" { return "\"History\" is reserved by Excel" }
        return nil
    }
}
