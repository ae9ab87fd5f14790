/// `xl/worksheets/sheetN.xml`: the header row (bold, frozen, with an auto-filter) and the data rows, the column
/// widths of ``XLSXColumnLayout`` and the print setup. The elements follow the order of ECMA-376's
/// `CT_Worksheet` (Excel refuses a part whose elements are out of order): `sheetPr`, `dimension`, `sheetViews`,
/// `sheetFormatPr`, `cols`, `sheetData`, `autoFilter`, `printOptions`, `pageMargins`, `pageSetup`,
/// `headerFooter`.
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
    static func part(_ sheet: XLSXSheet, path: String) throws -> [UInt8] { try part(sheet, path: path) { try $0.all() } }

    /// Calls `body` with the sheet's part as the XML writer holds it: a fleet's worksheet is neither copied nor
    /// all in memory (the writer spills it to a temporary file a megabyte at a time, between rows).
    static func part<Result>(_ sheet: XLSXSheet, path: String, spillThreshold: Int = XMLPartWriter.spillThreshold,
                             _ body: (XMLPartBytes) throws -> Result) throws -> Result {
        let xml = try XMLPartWriter(part: path)
        let range = usedRange(of: sheet)
        let layout = XLSXColumnLayout(sheet)
        try xml.element("worksheet", ["xmlns": XLSXNamespace.spreadsheet, "xmlns:r": XLSXNamespace.relationships]) {
            // Print scaled to the page's width (pageSetup's fitToWidth and fitToHeight say how).
            try xml.element("sheetPr") { try xml.element("pageSetUpPr", ["fitToPage": "1"]) }
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
                    let width = layout.columns[index].width
                    try xml.element("col", ["min": number, "max": number, "width": String(width)]) {
                        let style = layout.columns[index].wrapsText && column.format == .text
                            ? XLSXStyles.wrappedText : XLSXStyles.index(of: column.format)
                        if style != XLSXStyles.general { try xml.attribute("style", String(style)) }
                        try xml.attribute("customWidth", "1")
                        if width == 0 { try xml.attribute("hidden", "1") }
                    }
                }
            }
            // A row whose wrapped text takes several lines says how high it is (`ht`): LibreOffice does not fit
            // rows on opening. Without `customHeight`, the height stays the application's to fit.
            try xml.element("sheetData") {
                try xml.element("row", ["r": "1"]) {
                    if let height = layout.headerHeight { try xml.attribute("ht", String(height)) }
                    for (index, column) in sheet.columns.enumerated() {
                        try writeText(column.header, style: XLSXStyles.header,
                                      at: XLSXCellReference.cell(column: index, row: 1), to: xml)
                    }
                }
                for (offset, cells) in sheet.rows.enumerated() {
                    let row = offset + 2
                    try xml.element("row", ["r": String(row)]) {
                        if let height = layout.rowHeights[offset] { try xml.attribute("ht", String(height)) }
                        for (index, cell) in cells.enumerated() {
                            try write(cell, at: XLSXCellReference.cell(column: index, row: row), wraps: layout.columns[index].wrapsText, to: xml)
                        }
                    }
                    try xml.spillIfLarge(threshold: spillThreshold)
                }
            }
            if sheet.hasAutoFilter {
                let filtered = filteredRange(of: sheet)
                try xml.element("autoFilter", ["ref": "\(filtered.first):\(filtered.last)"])
            }
            // Printed: the cell grid, Excel's "narrow" margins (inches), landscape, one page wide and as many
            // pages down as needed (fitToHeight 0), the sheet's name above and the page number below.
            try xml.element("printOptions", ["gridLines": "1"])
            try xml.element("pageMargins", [
                "left": "0.25", "right": "0.25", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3",
            ])
            try xml.element("pageSetup", [
                "orientation": sheet.printsLandscape ? "landscape" : "portrait", "fitToWidth": "1", "fitToHeight": "0",
            ])
            try xml.element("headerFooter") {
                try xml.element("oddHeader") { try xml.text("&L&A") }
                try xml.element("oddFooter") { try xml.text("&RPage &P of &N") }
            }
        }
        return try xml.finish(body)
    }

    private static func write(_ cell: XLSXCell, at reference: String, wraps: Bool, to xml: XMLPartWriter) throws {
        let style = String(XLSXStyles.index(of: cell))
        switch cell {
        case .text(let text):
            try writeText(text, style: wraps ? XLSXStyles.wrappedText : XLSXStyles.text, at: reference, to: xml)
        case .number(let value), .currency(let value), .percent(let value), .count(let value), .hourly(let value), .rate(let value):
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
