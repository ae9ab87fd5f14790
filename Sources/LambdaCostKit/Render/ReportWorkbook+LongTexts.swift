extension ReportWorkbook {
    /// The marker that ends a text cut to the workbook's cell limit.
    static func cutMarker(shown: Int, of length: Int) -> String {
        " … [cut: \(shown) of \(length) characters shown; the CSV files have the whole value]"
    }

    /// The sheet with every text longer than a cell holds (``XLSXSheet/maximumTextLength``, counted in UTF-16
    /// units as Excel counts them) cut, with a visible marker, and one warning per cut naming the sheet, the
    /// cell and the row's first column (the function or item), at the value's place in the input when the sheet
    /// knows it (``XLSXSheet/sources``): the run completes instead of failing on one value from a tag or an ID.
    static func fittingCells(_ sheet: XLSXSheet) -> (sheet: XLSXSheet, warnings: [Diagnostic]) {
        var fitted = sheet
        var warnings: [Diagnostic] = []
        for (rowIndex, row) in sheet.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                guard case .text(let text) = cell, text.utf16.count > XLSXSheet.maximumTextLength else { continue }
                let length = text.utf16.count
                var kept = Substring(text)
                // Drop whole characters until the kept part and the marker fit.
                while kept.utf16.count + cutMarker(shown: kept.count, of: text.count).utf16.count > XLSXSheet.maximumTextLength {
                    kept = kept.dropLast(max(1, (kept.utf16.count + 200 - XLSXSheet.maximumTextLength) / 2))
                }
                fitted.rows[rowIndex][column] = .text(String(kept) + cutMarker(shown: kept.count, of: text.count))
                let cellName = XLSXCellReference.cell(column: column, row: rowIndex + 2)
                let header = column < sheet.columns.count ? sheet.columns[column].header : "column \(column + 1)"
                var item = ""
                if case .text(let first)? = row.first, column != 0 { item = ", row of \"\(first.prefix(80))\"" }
                warnings.append(Diagnostic(.warning, at: sheet.sources[rowIndex]?[column],
                    "\(fileName): sheet \(sheet.name), cell \(cellName) ('\(header)'\(item)): a value of \(length) characters is longer than a workbook cell holds (\(XLSXSheet.maximumTextLength)); cut, with a marker. The CSV files keep it whole."))
            }
        }
        return (fitted, warnings)
    }
}
