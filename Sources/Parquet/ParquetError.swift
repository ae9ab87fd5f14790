/// Why a Parquet file cannot be read: printed as `file: error: row group 2, column 'a.b': what was expected`.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The row group (from 0) and the column's dotted path, when the problem is in one column chunk.
    public var rowGroup: Int?
    public var column: String?
    public var message: String

    public init(path: String, rowGroup: Int? = nil, column: String? = nil, _ message: String) {
        self.path = path
        self.rowGroup = rowGroup
        self.column = column
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let rowGroup { place.append("row group \(rowGroup)") }
        if let column { place.append("column '\(column)'") }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return "\(path): error: \(prefix)\(message)"
    }
}
