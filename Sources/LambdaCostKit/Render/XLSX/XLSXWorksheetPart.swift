/// `xl/worksheets/sheetN.xml`: the header row (bold, frozen, with an auto-filter) and the data rows.
enum XLSXWorksheetPart {
    /// The range of the header and data rows (`A1:M25`).
    static func usedRange(of sheet: XLSXSheet) -> (first: String, last: String) {
        (XLSXCellReference.cell(column: 0, row: 1),
         XLSXCellReference.cell(column: sheet.columns.count - 1, row: sheet.rows.count + 1))
    }

    /// The range the auto-filter covers: the used range without the footer rows.
    static func filteredRange(of sheet: XLSXSheet) -> (first: String, last: String) {
        (XLSXCellReference.cell(column: 0, row: 1), XLSXCellReference.cell(column: sheet.columns.count - 1, row: sheet.lastFilteredRow))
    }

    /// The sheet's part; `sheet` must have passed ``XLSXWorkbook``'s checks.
    static func part(_ sheet: XLSXSheet, path: String) throws -> [UInt8] {
        let xml = try XMLPartWriter(part: path)
        let range = usedRange(of: sheet)
        try xml.element("worksheet", ["xmlns": XLSXNamespace.spreadsheet, "xmlns:r": XLSXNamespace.relationships]) {
            try xml.element("dimension", ["ref": "\(range.first):\(range.last)"])
            try xml.element("sheetViews") {
                try xml.element("sheetView", ["workbookViewId": "0"]) {
                    try xml.element("pane", [
                        "ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen",
                    ])
                    try xml.element("selection", ["pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"])
                }
            }
            try xml.element("sheetFormatPr", ["defaultRowHeight": "15"])
            try xml.element("cols") {
                for (index, column) in sheet.columns.enumerated() {
                    let number = String(index + 1)
                    try xml.element("col", ["min": number, "max": number, "width": String(column.width)]) {
                        let style = XLSXStyles.index(of: column.format)
                        if style != XLSXStyles.general { try xml.attribute("style", String(style)) }
                        try xml.attribute("customWidth", "1")
                        if column.width == 0 { try xml.attribute("hidden", "1") }
                    }
                }
            }
            try xml.element("sheetData") {
                try xml.element("row", ["r": "1"]) {
                    for (index, column) in sheet.columns.enumerated() {
                        try writeText(column.header, style: XLSXStyles.header,
                                      at: XLSXCellReference.cell(column: index, row: 1), to: xml)
                    }
                }
                for (offset, cells) in sheet.rows.enumerated() {
                    let row = offset + 2
                    try xml.element("row", ["r": String(row)]) {
                        for (index, cell) in cells.enumerated() {
                            try write(cell, at: XLSXCellReference.cell(column: index, row: row), to: xml)
                        }
                    }
                }
            }
            let filtered = filteredRange(of: sheet)
            try xml.element("autoFilter", ["ref": "\(filtered.first):\(filtered.last)"])
            try xml.element("pageMargins", [
                "left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3",
            ])
        }
        return try xml.finish()
    }

    private static func write(_ cell: XLSXCell, at reference: String, to xml: XMLPartWriter) throws {
        let style = String(XLSXStyles.index(of: cell))
        switch cell {
        case .text(let text):
            try writeText(text, style: XLSXStyles.text, at: reference, to: xml)
        case .number(let value), .currency(let value), .percent(let value):
            try xml.element("c", ["r": reference, "s": style]) {
                try xml.element("v") { try xml.text(value.description) }
            }
        case .currencyFormula(let formula, let cached):
            try xml.element("c", ["r": reference, "s": style]) {
                try xml.element("f") { try xml.text(formula) }
                try xml.element("v") { try xml.text(cached.description) }
            }
        case .integer(let value):
            try xml.element("c", ["r": reference, "s": style]) {
                try xml.element("v") { try xml.text(String(value)) }
            }
        case .empty:
            break
        }
    }

    /// An inline string: never a formula, whatever the text.
    private static func writeText(_ text: String, style: Int, at reference: String, to xml: XMLPartWriter) throws {
        try xml.element("c", ["r": reference, "s": String(style), "t": "inlineStr"]) {
            try xml.element("is") {
                try xml.element("t", ["xml:space": "preserve"]) { try xml.text(text) }
            }
        }
    }
}
