/// `xl/styles.xml`: the cell formats (`cellXfs`) the worksheets refer to by index.
///
/// | index | use | number format |
/// |---|---|---|
/// | 0 | default | General |
/// | 1 | header row (bold) | General |
/// | 2 | text | `@` (built-in 49) |
/// | 3 | currency | `"$"#,##0.00;-"$"#,##0.00` (custom 164) |
/// | 4 | integer | `#,##0` (built-in 3) |
/// | 5 | decimal | `#,##0.000000` (custom 165) |
/// | 6 | percent | `0.0%` (custom 166) |
/// | 7 | hourly amount | `"$"#,##0.000;-"$"#,##0.000` (custom 167) |
/// | 8 | rate | `"$"#,##0.00########;-"$"#,##0.00########` (custom 168) |
/// | 9 | text that wraps (long texts in a column of bounded width) | `@`, wrapped, aligned to the top |
///
/// The header row (index 1) wraps too, so a long header takes two lines instead of widening its column; it
/// aligns to the bottom, every other format to the top.
enum XLSXStyles {
    static let general = 0
    static let header = 1
    static let text = 2
    static let currency = 3
    static let integer = 4
    static let decimal = 5
    static let percent = 6
    static let hourly = 7
    static let rate = 8
    static let wrappedText = 9

    static let currencyFormatCode = "\"$\"#,##0.00;-\"$\"#,##0.00"
    static let decimalFormatCode = "#,##0.000000"
    static let percentFormatCode = "0.0%"
    static let hourlyFormatCode = "\"$\"#,##0.000;-\"$\"#,##0.000"
    static let rateFormatCode = "\"$\"#,##0.00########;-\"$\"#,##0.00########"
    /// The most decimals ``rateFormatCode`` shows.
    static let rateMaximumPlaces = 10

    /// The style index of a written cell.
    static func index(of cell: XLSXCell) -> Int {
        switch cell {
        case .text: text
        case .number: decimal
        case .currency, .currencyFormula: currency
        case .integer, .count: integer
        case .percent: percent
        case .hourly: hourly
        case .rate: rate
        case .empty: general
        }
    }

    /// The style index a column gives its empty cells.
    static func index(of format: XLSXSheet.Column.Format) -> Int {
        switch format {
        case .general: general
        case .text: text
        case .currency: currency
        case .number: decimal
        case .integer: integer
        case .percent: percent
        case .hourly: hourly
        case .rate: rate
        }
    }

    /// (font, number format, wraps) of each `cellXfs` entry, in index order. Cells align to the top, so a row
    /// that wrapped text makes higher still reads across; the header aligns to the bottom.
    private static let formats: [(font: Int, numberFormat: Int, wraps: Bool)] = [
        (0, 0, false), (1, 0, true), (0, 49, false), (0, 164, false), (0, 3, false), (0, 165, false), (0, 166, false),
        (0, 167, false), (0, 168, false), (0, 49, true),
    ]
    private static let customFormats = [
        (164, currencyFormatCode), (165, decimalFormatCode), (166, percentFormatCode), (167, hourlyFormatCode), (168, rateFormatCode),
    ]

    static func part() throws -> [UInt8] {
        let xml = try XMLPartWriter(part: "xl/styles.xml")
        try xml.element("styleSheet", ["xmlns": XLSXNamespace.spreadsheet]) {
            try xml.element("numFmts", ["count": String(customFormats.count)]) {
                for (id, code) in customFormats { try xml.element("numFmt", ["numFmtId": String(id), "formatCode": code]) }
            }
            try xml.element("fonts", ["count": "2"]) {
                for bold in [false, true] {
                    try xml.element("font") {
                        if bold { try xml.element("b") }
                        try xml.element("sz", ["val": "11"])
                        try xml.element("name", ["val": "Calibri"])
                        try xml.element("family", ["val": "2"])
                    }
                }
            }
            // Excel expects the two reserved fills first.
            try xml.element("fills", ["count": "2"]) {
                for pattern in ["none", "gray125"] {
                    try xml.element("fill") { try xml.element("patternFill", ["patternType": pattern]) }
                }
            }
            try xml.element("borders", ["count": "1"]) {
                try xml.element("border") {
                    for side in ["left", "right", "top", "bottom", "diagonal"] { try xml.element(side) }
                }
            }
            try xml.element("cellStyleXfs", ["count": "1"]) {
                try xml.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
            }
            try xml.element("cellXfs", ["count": String(formats.count)]) {
                for format in formats {
                    try xml.element("xf", [
                        "numFmtId": String(format.numberFormat), "fontId": String(format.font),
                        "fillId": "0", "borderId": "0", "xfId": "0",
                    ]) {
                        if format.font != 0 { try xml.attribute("applyFont", "1") }
                        if format.numberFormat != 0 { try xml.attribute("applyNumberFormat", "1") }
                        try xml.attribute("applyAlignment", "1")
                        if format.wraps {
                            try xml.element("alignment", ["vertical": format.font == 0 ? "top" : "bottom", "wrapText": "1"])
                        } else {
                            try xml.element("alignment", ["vertical": "top"])
                        }
                    }
                }
            }
            try xml.element("cellStyles", ["count": "1"]) {
                try xml.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
            }
        }
        return try xml.finish()
    }
}
