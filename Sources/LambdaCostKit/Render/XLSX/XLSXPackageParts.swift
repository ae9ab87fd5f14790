import Foundation

/// The package parts around the worksheets: `[Content_Types].xml`, the relationships and `xl/workbook.xml`.
/// Sheet N is `xl/worksheets/sheetN.xml` with relationship `rIdN`; the styles part comes after the sheets.
enum XLSXPackageParts {
    static func worksheetPath(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }

    static func contentTypes(sheetCount: Int) throws -> [UInt8] {
        let xml = try XMLPartWriter(part: "[Content_Types].xml")
        try xml.element("Types", ["xmlns": XLSXNamespace.contentTypes]) {
            try xml.element("Default", ["Extension": "rels", "ContentType": XLSXNamespace.relationshipsContentType])
            try xml.element("Default", ["Extension": "xml", "ContentType": "application/xml"])
            try xml.element("Override", ["PartName": "/xl/workbook.xml", "ContentType": XLSXNamespace.workbookContentType])
            for number in 1...sheetCount {
                try xml.element("Override", [
                    "PartName": "/" + worksheetPath(number), "ContentType": XLSXNamespace.worksheetContentType,
                ])
            }
            try xml.element("Override", ["PartName": "/xl/styles.xml", "ContentType": XLSXNamespace.stylesContentType])
        }
        return try xml.finish()
    }

    static func packageRelationships() throws -> [UInt8] {
        let xml = try XMLPartWriter(part: "_rels/.rels")
        try xml.element("Relationships", ["xmlns": XLSXNamespace.packageRelationships]) {
            try xml.element("Relationship", [
                "Id": "rId1", "Type": XLSXNamespace.officeDocumentRelationship, "Target": "xl/workbook.xml",
            ])
        }
        return try xml.finish()
    }

    static func workbookRelationships(sheetCount: Int) throws -> [UInt8] {
        let xml = try XMLPartWriter(part: "xl/_rels/workbook.xml.rels")
        try xml.element("Relationships", ["xmlns": XLSXNamespace.packageRelationships]) {
            for number in 1...sheetCount {
                try xml.element("Relationship", [
                    "Id": "rId\(number)", "Type": XLSXNamespace.worksheetRelationship,
                    "Target": "worksheets/sheet\(number).xml",
                ])
            }
            try xml.element("Relationship", [
                "Id": "rId\(sheetCount + 1)", "Type": XLSXNamespace.stylesRelationship, "Target": "styles.xml",
            ])
        }
        return try xml.finish()
    }

    /// The sheet list, the hidden `_xlnm._FilterDatabase` name Excel keeps for each sheet's auto-filter, and each
    /// sheet's print titles (`_xlnm.Print_Titles`: the header row, repeated at the top of every printed page).
    /// What `xl/workbook.xml` says of one sheet, so the part can be written without the sheets' rows.
    struct SheetEntry {
        var name: String
        /// The auto-filter's range, when the sheet has one.
        var filterRange: String?
        var printTitles: String
        var hasFormula: Bool

        init(_ sheet: XLSXSheet) {
            name = sheet.name
            filterRange = sheet.hasAutoFilter ? XLSXPackageParts.filterRange(of: sheet) : nil
            printTitles = XLSXPackageParts.printTitles(of: sheet)
            hasFormula = sheet.rows.contains { $0.contains(where: \.isFormula) }
        }
    }

    static func workbook(_ sheets: [SheetEntry]) throws -> [UInt8] {
        let xml = try XMLPartWriter(part: "xl/workbook.xml")
        try xml.element("workbook", ["xmlns": XLSXNamespace.spreadsheet, "xmlns:r": XLSXNamespace.relationships]) {
            try xml.element("bookViews") { try xml.element("workbookView", ["activeTab": "0"]) }
            try xml.element("sheets") {
                for (index, sheet) in sheets.enumerated() {
                    try xml.element("sheet", ["name": sheet.name, "sheetId": String(index + 1), "r:id": "rId\(index + 1)"])
                }
            }
            try xml.element("definedNames") {
                for (index, sheet) in sheets.enumerated() {
                    guard let range = sheet.filterRange else { continue }
                    try xml.element("definedName", [
                        "name": "_xlnm._FilterDatabase", "localSheetId": String(index), "hidden": "1",
                    ]) {
                        try xml.text(range)
                    }
                }
                for (index, sheet) in sheets.enumerated() {
                    try xml.element("definedName", ["name": "_xlnm.Print_Titles", "localSheetId": String(index)]) {
                        try xml.text(sheet.printTitles)
                    }
                }
            }
            // Formulas carry cached values; an application that calculates recomputes them all on load.
            if sheets.contains(where: \.hasFormula) {
                try xml.element("calcPr", ["calcId": "191029", "fullCalcOnLoad": "1"])
            }
        }
        return try xml.finish()
    }

    /// `'Savings Plans'!$1:$1`: the header row, as the print titles name it.
    static func printTitles(of sheet: XLSXSheet) -> String { quotedName(of: sheet) + "!$1:$1" }

    /// `'Bob''s'`: the sheet name quoted, its apostrophes doubled.
    static func quotedName(of sheet: XLSXSheet) -> String { "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `'Savings Plans'!$A$1:$F$9`: the sheet name quoted, its apostrophes doubled.
    static func filterRange(of sheet: XLSXSheet) -> String {
        let quotedName = quotedName(of: sheet)
        let first = XLSXCellReference.absolute(column: 0, row: 1)
        let last = XLSXCellReference.absolute(column: sheet.columns.count - 1, row: sheet.lastFilteredRow)
        return "\(quotedName)!\(first):\(last)"
    }
}
