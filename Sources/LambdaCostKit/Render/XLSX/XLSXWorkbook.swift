import Foundation
import ZIPFoundation

/// An XLSX workbook (Office Open XML spreadsheet) of one or more ``XLSXSheet``s.
///
/// ``data()`` writes the minimal package Excel and LibreOffice open: `[Content_Types].xml`, `_rels/.rels`,
/// `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`, `xl/worksheets/sheet1.xml`… and `xl/styles.xml`, with
/// libxml2's xmlTextWriter, zipped (deflate) with ZIPFoundation. The output is deterministic: the same
/// workbook gives the same bytes (fixed entry order, every entry dated 1980-01-01 00:00, no IDs, no
/// timestamps, no document properties) with the same zlib.
public struct XLSXWorkbook: Hashable, Sendable {
    public var sheets: [XLSXSheet]

    public init(sheets: [XLSXSheet]) { self.sheets = sheets }

    /// The modification date of every ZIP entry: the earliest date a ZIP (MS-DOS) timestamp holds.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01T00:00:00Z

    /// The `.xlsx` file's bytes. Throws ``XLSXError`` for a workbook Excel would refuse (see ``XLSXSheet``).
    public func data() throws -> [UInt8] {
        try Self.data(sheetCount: sheets.count) { sheets[$0] }
    }

    /// The `.xlsx` bytes of `sheetCount` sheets that `sheet` makes one at a time, the same bytes as a workbook
    /// of those sheets: a fleet's sheets are never all in memory at once. Each sheet is made twice, once for
    /// what `xl/workbook.xml` says of it and once to be written, and must come out the same both times.
    static func data(sheetCount: Int, sheet: (Int) throws -> XLSXSheet) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(sheetCount: sheetCount, sheet: sheet) { bytes += $0 }
        return bytes
    }

    /// ``data(sheetCount:sheet:)`` handed to `emit` a megabyte at a time. The archive is built in an unlinked
    /// temporary file, not in memory: a fleet's workbook (13 MB zipped for 50,000 functions) is never held whole
    /// while the other pages are rendered beside it.
    static func write(sheetCount: Int, sheet: (Int) throws -> XLSXSheet, to emit: ([UInt8]) throws -> Void) throws {
        var made: Archive?
        let descriptor: Int32
        do {
            descriptor = try TemporaryFile.openNamed(for: "the workbook") { path in
                made = try Archive(url: URL(fileURLWithPath: path), accessMode: .create, pathEncoding: nil)
            }
        } catch let error as InputError {
            throw XLSXError.archive("\(error.path): \(error.message)")
        } catch {
            throw XLSXError.archive("\(error)")
        }
        defer { close(descriptor) }
        guard let archive = made else { throw XLSXError.archive("ZIPFoundation made no archive") }
        // Each part is made, compressed into the archive and dropped before the next: a fleet's worksheets are
        // never all in memory as XML at once.
        try forEachPart(sheetCount: sheetCount, sheet: sheet) { path, bytes in
            do {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count),
                    modificationDate: Self.entryDate, permissions: 0o644, compressionMethod: .deflate,
                    provider: { position, size in try bytes.read(Int(position), size) })
            } catch {
                throw XLSXError.archive("\(path): \(error)")
            }
        }
        // ZIPFoundation flushes its handle after each entry; the file is read back through the descriptor.
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var position = 0
        while true {
            let (count, failure) = buffer.withUnsafeMutableBytes { FileDescriptorReader.readAll(into: $0, from: descriptor, at: position) }
            if let failure { throw XLSXError.archive("cannot read the temporary file back: \(failure)") }
            if count == 0 { break }
            try emit(Array(buffer[0..<count]))
            position += count
        }
    }

    /// The package's parts, in the order they are zipped, one at a time; each sheet is checked as it is made
    /// (``validate(_:)``, names across sheets first).
    static func forEachPart(sheetCount: Int, sheet: (Int) throws -> XLSXSheet,
                            _ body: (_ path: String, _ bytes: XMLPartBytes) throws -> Void) throws {
        func part(_ path: String, _ bytes: [UInt8]) throws {
            try bytes.withUnsafeBufferPointer { try body(path, XMLPartBytes(count: $0.count, descriptor: -1, spilled: 0, tail: $0, part: path)) }
        }
        guard sheetCount > 0 else { throw XLSXError.noSheets }
        var entries: [XLSXPackageParts.SheetEntry] = []
        var names: Set<String> = []
        for index in 0..<sheetCount {
            let made = try sheet(index)
            if let reason = XLSXSheet.problem(withName: made.name) { throw XLSXError.invalidSheetName(made.name, reason: reason) }
            guard names.insert(made.name.lowercased()).inserted else { throw XLSXError.duplicateSheetName(made.name) }
            try validate(made)
            entries.append(XLSXPackageParts.SheetEntry(made))
        }
        try part("[Content_Types].xml", try XLSXPackageParts.contentTypes(sheetCount: sheetCount))
        try part("_rels/.rels", try XLSXPackageParts.packageRelationships())
        try part("xl/workbook.xml", try XLSXPackageParts.workbook(entries))
        try part("xl/_rels/workbook.xml.rels", try XLSXPackageParts.workbookRelationships(sheetCount: sheetCount))
        for index in 0..<sheetCount {
            let made = try sheet(index)
            guard made.name == entries[index].name else { throw XLSXError.archive("sheet \(index + 1) changed its name from \(entries[index].name) to \(made.name) while it was written") }
            let path = XLSXPackageParts.worksheetPath(index + 1)
            try XLSXWorksheetPart.part(made, path: path) { try body(path, $0) }
        }
        try part("xl/styles.xml", try XLSXStyles.part())
    }

    /// Checks what Excel checks of one sheet: sizes, row lengths and text lengths (its name is checked with the
    /// others', in ``forEachPart(sheetCount:sheet:_:)``).
    static func validate(_ sheet: XLSXSheet) throws {
        guard !sheet.columns.isEmpty else { throw XLSXError.noColumns(sheet: sheet.name) }
        guard sheet.columns.count <= XLSXSheet.maximumColumns else {
            throw XLSXError.tooManyColumns(sheet: sheet.name, count: sheet.columns.count)
        }
        guard sheet.rows.count < XLSXSheet.maximumRows else {
            throw XLSXError.tooManyRows(sheet: sheet.name, count: sheet.rows.count + 1)
        }
        for (index, column) in sheet.columns.enumerated() {
            switch column.width {
            case .fixed(let width) where !(0...255).contains(width), .fitted(let width) where !(1...255).contains(width):
                throw XLSXError.invalidColumnWidth(sheet: sheet.name, column: column.header, width: width)
            case .fixed, .fitted: break
            }
            try checkLength(column.header, sheet: sheet.name, column: index, row: 1)
        }
        for (offset, cells) in sheet.rows.enumerated() {
            guard cells.count <= sheet.columns.count else {
                throw XLSXError.rowTooLong(
                    sheet: sheet.name, row: offset + 1, cells: cells.count, columns: sheet.columns.count)
            }
            for (index, cell) in cells.enumerated() {
                if case .text(let text) = cell { try checkLength(text, sheet: sheet.name, column: index, row: offset + 2) }
            }
        }
    }

    private static func checkLength(_ text: String, sheet: String, column: Int, row: Int) throws {
        let length = text.utf16.count
        if length > XLSXSheet.maximumTextLength {
            throw XLSXError.textTooLong(sheet: sheet, cell: XLSXCellReference.cell(column: column, row: row), length: length)
        }
    }
}
