/// Why ``XLSXWorkbook/data()`` could not write a workbook.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSheets
    case invalidSheetName(String, reason: String)
    case duplicateSheetName(String)
    case noColumns(sheet: String)
    case invalidColumnWidth(sheet: String, column: String, width: Int)
    case tooManyColumns(sheet: String, count: Int)
    case tooManyRows(sheet: String, count: Int)
    /// A data row (1-based, the header row excluded) has more cells than the sheet has columns.
    case rowTooLong(sheet: String, row: Int, cells: Int, columns: Int)
    /// A text longer than ``XLSXSheet/maximumTextLength`` at an A1-style reference.
    case textTooLong(sheet: String, cell: String, length: Int)
    /// A libxml2 xmlTextWriter call failed while writing a part of the package.
    case xmlWriter(part: String, call: String)
    /// ZIPFoundation could not build the archive.
    case archive(String)

    public var description: String {
        switch self {
        case .noSheets: "a workbook needs at least one sheet"
        case .invalidSheetName(let name, let reason): "invalid sheet name \"\(name)\": \(reason)"
        case .duplicateSheetName(let name): "two sheets are named \"\(name)\" (names are compared ignoring case)"
        case .noColumns(let sheet): "sheet \"\(sheet)\" has no columns"
        case .invalidColumnWidth(let sheet, let column, let width):
            "sheet \"\(sheet)\", column \"\(column)\": width \(width) is not within 0...255"
        case .tooManyColumns(let sheet, let count):
            "sheet \"\(sheet)\" has \(count) columns; at most \(XLSXSheet.maximumColumns) fit"
        case .tooManyRows(let sheet, let count):
            "sheet \"\(sheet)\" has \(count) rows with its header; at most \(XLSXSheet.maximumRows) fit"
        case .rowTooLong(let sheet, let row, let cells, let columns):
            "sheet \"\(sheet)\", data row \(row): \(cells) cells for \(columns) columns"
        case .textTooLong(let sheet, let cell, let length):
            "sheet \"\(sheet)\", cell \(cell): text of \(length) characters; at most \(XLSXSheet.maximumTextLength) fit"
        case .xmlWriter(let part, let call): "\(part): libxml2 \(call) failed"
        case .archive(let message): "could not build the XLSX archive: \(message)"
        }
    }
}
