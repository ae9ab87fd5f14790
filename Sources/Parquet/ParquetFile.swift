#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet file opened for reading: its footer decoded, its column chunks read on demand with `pread`.
///
/// The file stays open while the value lives; reading is safe from several threads (each read is one `pread`).
public final class ParquetFile: Sendable {
    /// The largest footer this reader accepts.
    static let maximumFooterBytes = 64 << 20

    public let path: String
    public let metadata: ParquetFileMetaData
    /// The schema's leaf columns, in the order of every row group's column chunks.
    public let columns: [ParquetColumnDescriptor]
    /// The file's size in bytes when opened.
    public let size: Int64
    private let descriptor: Int32
    /// Where the footer starts: column chunks must lie before it.
    private let footerStart: Int64

    /// Opens `path`, checks `PAR1` at both ends and decodes the footer.
    public init(path: String) throws(ParquetError) {
        self.path = path
        // O_NONBLOCK: a FIFO given by mistake is refused below instead of waited on (regular files ignore it).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw ParquetError(path: path, "cannot open the file (\(Self.systemError()))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ParquetError(path: path, "not a regular file")
        }
        self.descriptor = descriptor
        self.size = Int64(status.st_size)
        // From here on deinit closes the descriptor; every stored property must be set before throwing.
        var metadata: ParquetFileMetaData?
        var columns: [ParquetColumnDescriptor] = []
        var footerStart: Int64 = 0
        var failure: ParquetError?
        do {
            (metadata, footerStart) = try Self.readFooter(descriptor: descriptor, size: Int64(status.st_size), path: path)
            switch ParquetColumnDescriptor.leaves(of: metadata!.schema) {
            case .success(let leaves): columns = leaves
            case .failure(let message): failure = ParquetError(path: path, "a malformed schema: \(message.text)")
            }
        } catch {
            failure = error
        }
        self.metadata = metadata ?? ParquetFileMetaData.empty
        self.columns = columns
        self.footerStart = footerStart
        if let failure { throw failure }
        var rows: Int64 = 0
        for (index, group) in self.metadata.rowGroups.enumerated() {
            guard group.columns.count == columns.count else {
                throw ParquetError(path: path, rowGroup: index,
                    "\(group.columns.count) column chunks where the schema has \(columns.count) columns")
            }
            let (sum, overflow) = rows.addingReportingOverflow(group.numberOfRows)
            guard group.numberOfRows >= 0, !overflow else {
                throw ParquetError(path: path, rowGroup: index, "a row group of \(group.numberOfRows) rows")
            }
            rows = sum
        }
        guard rows == self.metadata.numberOfRows else {
            throw ParquetError(path: path, "the footer counts \(self.metadata.numberOfRows) rows, its row groups \(rows)")
        }
    }

    deinit { close(descriptor) }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// Reads exactly `count` bytes at `offset`.
    private static func read(descriptor: Int32, offset: Int64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        let success = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while done < count {
                let result = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { return false }
                done += result
            }
            return true
        }
        return success ? bytes : nil
    }

    private static func readFooter(descriptor: Int32, size: Int64, path: String) throws(ParquetError) -> (ParquetFileMetaData, Int64) {
        guard size >= 12 else {
            throw ParquetError(path: path, "a file of \(size) bytes is too short for Parquet (at least 12 expected: PAR1, a footer, its length, PAR1)")
        }
        guard let head = read(descriptor: descriptor, offset: 0, count: 4),
            let tail = read(descriptor: descriptor, offset: size - 8, count: 8)
        else { throw ParquetError(path: path, "cannot read the file (\(systemError()))") }
        let magic: [UInt8] = Array("PAR1".utf8)
        guard head == magic else { throw ParquetError(path: path, "bad magic at the start: PAR1 expected") }
        guard Array(tail[4...]) == magic else {
            throw ParquetError(path: path, "bad magic at the end: PAR1 expected (a truncated or unfinished file?)")
        }
        let length = Int64(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard length <= size - 12 else {
            throw ParquetError(path: path, "a footer of \(length) bytes is larger than the file (\(size) bytes) allows: truncated footer")
        }
        guard length <= maximumFooterBytes else {
            throw ParquetError(path: path, "a footer of \(length) bytes (at most \(maximumFooterBytes) are read)")
        }
        let start = size - 8 - length
        guard let footer = read(descriptor: descriptor, offset: start, count: Int(length)) else {
            throw ParquetError(path: path, "cannot read the footer (\(systemError()))")
        }
        var reader = ThriftCompactReader(footer)
        do {
            return (try ParquetFileMetaData(thrift: &reader), start)
        } catch {
            throw ParquetError(path: path, "a corrupt or truncated footer (\(length) bytes): \(error.message) at footer byte \(error.offset)")
        }
    }

    /// `count` bytes at `offset` of the file, or `nil` when they cannot be read.
    func readBytes(at offset: Int64, count: Int) -> [UInt8]? { Self.read(descriptor: descriptor, offset: offset, count: count) }

    /// The index of the column whose dotted path is `path` (`"line_item_usage_type"`, `"product.key_value.key"`).
    public func columnIndex(_ path: String) -> Int? {
        columns.firstIndex { $0.dottedPath == path }
    }

    /// Reads column `column` of row group `rowGroup`: its pages, decompressed and decoded one at a time.
    public func read(rowGroup: Int, column: Int) throws(ParquetError) -> ParquetColumn {
        try columnReader(rowGroup: rowGroup, column: column).next(rows: Int.max)
    }

    /// A reader of column `column` of row group `rowGroup` that hands out its rows a batch at a time
    /// (``ParquetColumnReader/next(rows:)``): its pages are read from the file and decoded as the batches need them.
    public func columnReader(rowGroup: Int, column: Int) throws(ParquetError) -> ParquetColumnReader {
        precondition(metadata.rowGroups.indices.contains(rowGroup) && columns.indices.contains(column), "no such column chunk")
        let descriptor = columns[column]
        let group = metadata.rowGroups[rowGroup]
        let chunk = group.columns[column]
        func failure(_ message: String) -> ParquetError {
            ParquetError(path: path, rowGroup: rowGroup, column: descriptor.dottedPath, message)
        }
        guard chunk.filePath == nil else { throw failure("the chunk lies in another file (\(chunk.filePath!)), which is not read") }
        guard chunk.path == descriptor.path else {
            throw failure("the chunk's path '\(chunk.path.joined(separator: "."))' differs from the schema's")
        }
        if descriptor.maximumRepetitionLevel == 0, chunk.numberOfValues != group.numberOfRows {
            throw failure("\(chunk.numberOfValues) values in a row group of \(group.numberOfRows) rows")
        }
        let (start, count) = chunk.byteRange
        // A chunk of no values may have no pages at all (pyarrow writes 0 bytes at offset 0 in a file of no rows).
        let noPages = count == 0 && chunk.numberOfValues == 0
        guard noPages || (start >= 4 && count >= 0 && count <= footerStart - start) else {
            throw failure("the chunk's \(count) bytes at offset \(start) lie outside the data (bytes 4..<\(footerStart))")
        }
        guard count <= ColumnChunkDecoder.maximumBytes else {
            throw failure("a chunk of \(count) bytes (at most \(ColumnChunkDecoder.maximumBytes) are read)")
        }
        do {
            var decoder = try ColumnChunkDecoder(descriptor: descriptor, chunk: chunk)
            decoder.start(.file(self, start: start, count: Int(count)))
            return ParquetColumnReader(decoder: decoder, path: path, rowGroup: rowGroup, rows: Int(group.numberOfRows))
        } catch {
            throw failure(error.text)
        }
    }
}

/// One column chunk read a batch of rows at a time (from ``ParquetFile/columnReader(rowGroup:column:)``). Not for
/// use from two threads at once.
public final class ParquetColumnReader: @unchecked Sendable {
    private var decoder: ColumnChunkDecoder
    private let path: String
    private let rowGroup: Int
    /// The rows of the row group, and those not handed out yet.
    public let rows: Int
    public private(set) var rowsLeft: Int

    init(decoder: ColumnChunkDecoder, path: String, rowGroup: Int, rows: Int) {
        self.decoder = decoder
        self.path = path
        self.rowGroup = rowGroup
        self.rows = rows
        self.rowsLeft = rows
    }

    /// The column's descriptor.
    public var descriptor: ParquetColumnDescriptor { decoder.descriptor }

    /// The next `rows` rows (fewer at the end of the row group); an error names the file, row group and column.
    public func next(rows wanted: Int) throws(ParquetError) -> ParquetColumn {
        do {
            let column = try decoder.next(rows: wanted)
            rowsLeft -= min(rowsLeft, wanted)
            return column
        } catch {
            throw ParquetError(path: path, rowGroup: rowGroup, column: decoder.descriptor.dottedPath, error.text)
        }
    }

    /// The next `rows` rows as text (``ParquetTextColumn``); an error when the chunk holds fewer.
    public func nextText(rows wanted: Int) throws(ParquetError) -> ParquetTextColumn {
        let expected = min(wanted, rowsLeft)
        let values = try next(rows: wanted)
        do throws(ParquetErrorMessage) {
            let text = try ParquetTextColumn(values)
            guard text.count == expected else {
                throw ParquetErrorMessage("\(text.count) rows where the row group has \(expected) more")
            }
            return text
        } catch {
            throw ParquetError(path: path, rowGroup: rowGroup, column: decoder.descriptor.dottedPath, error.text)
        }
    }
}

extension ParquetFile {
    /// Reads the MAP column `name` (e.g. CUR 2.0's `resource_tags`) of row group `rowGroup`: its key and value
    /// leaves, assembled into rows. `nil` when the schema has no map of that name.
    public func readMap(rowGroup: Int, name: String) throws(ParquetError) -> ParquetMap? {
        try mapReader(rowGroup: rowGroup, name: name)?.next(rows: Int.max)
    }

    /// A reader of the MAP column `name` of row group `rowGroup`, a batch of rows at a time; `nil` when the schema
    /// has no map of that name.
    public func mapReader(rowGroup: Int, name: String) throws(ParquetError) -> ParquetMapReader? {
        let leaves = columns.indices.filter { columns[$0].path.count == 3 && columns[$0].path[0] == name }
        guard leaves.count == 2 else { return nil }
        return ParquetMapReader(keys: try columnReader(rowGroup: rowGroup, column: leaves[0]),
            values: try columnReader(rowGroup: rowGroup, column: leaves[1]), path: path, rowGroup: rowGroup, name: name)
    }
}

/// A MAP column of one row group read a batch of rows at a time (its key and value leaves in step).
public final class ParquetMapReader: @unchecked Sendable {
    private let keys: ParquetColumnReader
    private let values: ParquetColumnReader
    private let path: String
    private let rowGroup: Int
    private let name: String

    init(keys: ParquetColumnReader, values: ParquetColumnReader, path: String, rowGroup: Int, name: String) {
        self.keys = keys
        self.values = values
        self.path = path
        self.rowGroup = rowGroup
        self.name = name
    }

    /// The next `rows` rows of the map (fewer at the end of the row group).
    public func next(rows wanted: Int) throws(ParquetError) -> ParquetMap {
        let expected = min(wanted, keys.rowsLeft)
        let keyColumn = try keys.next(rows: wanted)
        let valueColumn = try values.next(rows: wanted)
        do throws(ParquetErrorMessage) {
            let map = try ParquetMap(keys: keyColumn, values: valueColumn)
            guard map.rows.count == expected else {
                throw ParquetErrorMessage("\(map.rows.count) rows where the row group has \(expected) more")
            }
            return map
        } catch {
            throw ParquetError(path: path, rowGroup: rowGroup, column: name, error.text)
        }
    }
}

extension ParquetFile {
    /// Reads the flat column `column` of row group `rowGroup` as text, row by row (see ``ParquetTextColumn``).
    public func readText(rowGroup: Int, column: Int) throws(ParquetError) -> ParquetTextColumn {
        try columnReader(rowGroup: rowGroup, column: column).nextText(rows: Int.max)
    }
}
