/// The namespaces and content types of the parts of an XLSX package (ECMA-376, transitional).
enum XLSXNamespace {
    static let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"

    static let officeDocumentRelationship = relationships + "/officeDocument"
    static let worksheetRelationship = relationships + "/worksheet"
    static let stylesRelationship = relationships + "/styles"

    static let relationshipsContentType = "application/vnd.openxmlformats-package.relationships+xml"
    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    static let worksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    static let stylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
}
