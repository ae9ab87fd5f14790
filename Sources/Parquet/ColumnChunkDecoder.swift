/// Decodes the pages of one column chunk (a dictionary page, then data pages v1 or v2) into a ``ParquetColumn``.
///
/// The chunk's compressed bytes are given whole (bounded by the caller); one page is decompressed at a time.
struct ColumnChunkDecoder {
    /// The largest chunk, or decompressed page, this reader accepts.
    static let maximumBytes = 512 << 20
    /// The most entries (values and nulls) a chunk may claim: bounds the levels and values held.
    static let maximumEntries = 1 << 26

    let descriptor: ParquetColumnDescriptor
    let chunk: ParquetColumnChunk
    let type: ParquetPhysicalType
    let fixedLength: Int

    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []
    private var entries = 0
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var int96s: [ParquetInt96] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var byteArrays = ParquetByteArrays()
    /// The dictionary page's values (bytes: the first stored values of ``byteArrays``).
    private var dictionary: ParquetValues?
    private var dictionarySize = 0

    init(descriptor: ParquetColumnDescriptor, chunk: ParquetColumnChunk) throws(ParquetErrorMessage) {
        guard let type = descriptor.element.type, type == chunk.type else {
            throw ParquetErrorMessage("the chunk's type \(chunk.type) differs from the schema's")
        }
        self.descriptor = descriptor
        self.chunk = chunk
        self.type = type
        self.fixedLength = descriptor.element.typeLength ?? 0
        if type == .fixedLengthByteArray, fixedLength <= 0 {
            throw ParquetErrorMessage("a FIXED_LEN_BYTE_ARRAY column without a positive type length")
        }
        guard chunk.numberOfValues >= 0, chunk.numberOfValues <= Self.maximumEntries else {
            throw ParquetErrorMessage("the chunk claims \(chunk.numberOfValues) values (at most \(Self.maximumEntries) are read)")
        }
    }

    /// Where the chunk's compressed pages are read from: memory, or the file, a page at a time (so that a row group's
    /// chunks are never held whole).
    enum Source {
        case memory([UInt8])
        /// The chunk's bytes in `file` from `start`, `count` of them.
        case file(ParquetFile, start: Int64, count: Int)

        var count: Int {
            switch self {
            case .memory(let bytes): bytes.count
            case .file(_, _, let count): count
            }
        }

        /// `length` bytes from `offset` of the chunk (`nil` when they cannot be read).
        func read(_ offset: Int, _ length: Int) -> [UInt8]? {
            switch self {
            case .memory(let bytes): Array(bytes[offset..<offset + length])
            case .file(let file, let start, _): file.readBytes(at: start + Int64(offset), count: length)
            }
        }
    }

    private var source = Source.memory([])
    /// The offset in the chunk of the next page header.
    private var offset = 0
    /// Rows that start in the entries decoded and not handed out yet (repetition level 0), when the column repeats.
    private var rowStartsBuffered = 0
    /// The bytes read with a page header: most pages fit, and are not read a second time.
    static let headerWindow = 16 << 10

    /// Decodes every page of the chunk's bytes.
    mutating func decode(_ bytes: [UInt8]) throws(ParquetErrorMessage) -> ParquetColumn {
        start(.memory(bytes))
        return try next(rows: Int.max)
    }

    /// Starts decoding the pages of `source` for ``next(rows:)``.
    mutating func start(_ source: Source) {
        self.source = source
        offset = 0
    }

    /// Whether every page has been decoded.
    private var finished: Bool { entries == Int(chunk.numberOfValues) }

    /// The next `rows` rows of the chunk (fewer at its end): pages are decompressed and decoded one at a time, as
    /// far as needed, and what is left of the last page waits for the next call. Memory holds about `rows` rows and
    /// one page, not the chunk.
    mutating func next(rows: Int) throws(ParquetErrorMessage) -> ParquetColumn {
        guard PageDecompressor.isSupported(chunk.codec) else {
            throw ParquetErrorMessage("the codec \(chunk.codec) is not supported (UNCOMPRESSED, SNAPPY, GZIP or ZSTD expected)")
        }
        let repeated = descriptor.maximumRepetitionLevel > 0
        func completeRows() -> Int {
            guard repeated else { return bufferedEntries }
            // The last row may go on in the next page until the chunk ends.
            return finished ? rowStartsBuffered : max(0, rowStartsBuffered - 1)
        }
        while !finished && completeRows() < rows { try readPage() }
        // The entries of the first `rows` rows.
        var cut = min(rows, bufferedEntries)
        if repeated {
            var starts = 0
            cut = bufferedEntries
            for (index, level) in repetitionLevels.enumerated() where level == 0 {
                if starts == rows {
                    cut = index
                    break
                }
                starts += 1
            }
            rowStartsBuffered -= min(starts, rows)
        }
        let values = presentValues(inFirst: cut)
        guard valueCount >= values else {
            throw ParquetErrorMessage("the pages hold fewer values than their definition levels say")
        }
        return takeEntries(cut, values: values)
    }

    /// The values among the first `count` buffered entries.
    private func presentValues(inFirst count: Int) -> Int {
        guard !definitionLevels.isEmpty else { return count }
        let maximum = UInt8(descriptor.maximumDefinitionLevel)
        return definitionLevels[..<count].reduce(0) { $0 + ($1 == maximum ? 1 : 0) }
    }

    /// Entries decoded and not handed out.
    private var bufferedEntries: Int {
        if !definitionLevels.isEmpty || descriptor.maximumDefinitionLevel > 0 { return definitionLevels.count }
        return valueCount
    }

    private var valueCount: Int {
        switch type {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .int96: int96s.count
        case .float: floats.count
        case .double: doubles.count
        case .byteArray, .fixedLengthByteArray: byteArrays.count
        }
    }

    /// Hands out the first `count` buffered entries (and their `values` values) as a column, keeping the rest.
    private mutating func takeEntries(_ count: Int, values: Int) -> ParquetColumn {
        let definition = definitionLevels.isEmpty ? [] : Array(definitionLevels[..<count])
        let repetition = repetitionLevels.isEmpty ? [] : Array(repetitionLevels[..<count])
        if !definitionLevels.isEmpty { definitionLevels.removeFirst(count) }
        if !repetitionLevels.isEmpty { repetitionLevels.removeFirst(count) }
        func split<T>(_ array: inout [T]) -> [T] {
            guard values < array.count else {
                defer { array = [] }
                return array
            }
            let head = Array(array[..<values])
            array.removeFirst(values)
            return head
        }
        let taken: ParquetValues
        switch type {
        case .boolean: taken = .boolean(split(&booleans))
        case .int32: taken = .int32(split(&int32s))
        case .int64: taken = .int64(split(&int64s))
        case .int96: taken = .int96(split(&int96s))
        case .float: taken = .float(split(&floats))
        case .double: taken = .double(split(&doubles))
        case .byteArray, .fixedLengthByteArray:
            taken = .bytes(byteArrays.splitOff(first: values, keepingStored: dictionary == nil ? 0 : dictionarySize))
        }
        return ParquetColumn(descriptor: descriptor, values: taken, definitionLevels: definition, repetitionLevels: repetition,
            entryCount: count)
    }

    /// Decodes the next page (a dictionary page, a data page, or an index page, which is skipped): its header read
    /// with a window of the bytes after it (grown while the header does not fit), the page from the window or read.
    private mutating func readPage() throws(ParquetErrorMessage) {
        let expected = Int(chunk.numberOfValues)
        let size = source.count
        guard offset < size else {
            throw ParquetErrorMessage("the chunk's pages end after \(entries) of its \(expected) values")
        }
        var windowSize = min(size - offset, Self.headerWindow)
        var window: [UInt8]
        var header: ParquetPageHeader
        var headerLength: Int
        while true {
            guard let bytes = source.read(offset, windowSize) else {
                throw ParquetErrorMessage("cannot read the page at byte \(offset) of the chunk")
            }
            window = bytes
            var reader = ThriftCompactReader(window)
            do {
                header = try ParquetPageHeader(thrift: &reader)
                headerLength = reader.offset
                break
            } catch {
                // A header longer than the window (large statistics) is read again with more bytes.
                guard windowSize < size - offset, windowSize < Self.maximumBytes else {
                    throw ParquetErrorMessage("a corrupt page header at byte \(offset) of the chunk: \(error.message)")
                }
                windowSize = min(size - offset, windowSize * 8)
            }
        }
        let start = offset + headerLength
        guard header.compressedSize <= size - start else {
            throw ParquetErrorMessage("a page of \(header.compressedSize) bytes at byte \(offset) of the chunk, past its end")
        }
        guard header.uncompressedSize <= Self.maximumBytes else {
            throw ParquetErrorMessage("a page of \(header.uncompressedSize) bytes (at most \(Self.maximumBytes) are read)")
        }
        let page: ArraySlice<UInt8>
        if headerLength + header.compressedSize <= window.count {
            page = window[headerLength..<headerLength + header.compressedSize]
        } else {
            guard let bytes = source.read(start, header.compressedSize) else {
                throw ParquetErrorMessage("cannot read the page at byte \(offset) of the chunk")
            }
            page = bytes[...]
        }
        let pageOffset = offset
        offset = start + header.compressedSize
        let levelsBefore = repetitionLevels.count
        do {
            switch header.kind {
            case .dictionaryPage: try readDictionaryPage(page, header)
            case .dataPage: try readDataPageV1(page, header)
            case .dataPageV2: try readDataPageV2(page, header)
            case .indexPage: return
            }
        } catch {
            throw ParquetErrorMessage("\(error.text) (\(header.kind) page at byte \(pageOffset) of the chunk)")
        }
        for index in levelsBefore..<repetitionLevels.count where repetitionLevels[index] == 0 { rowStartsBuffered += 1 }
        if finished { source = .memory([]) }  // a file's chunk is no longer read
    }

    private func values() -> ParquetValues {
        switch type {
        case .boolean: .boolean(booleans)
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .int96: .int96(int96s)
        case .float: .float(floats)
        case .double: .double(doubles)
        case .byteArray, .fixedLengthByteArray: .bytes(byteArrays)
        }
    }

    // MARK: - Pages

    private mutating func readDictionaryPage(_ page: ArraySlice<UInt8>, _ header: ParquetPageHeader) throws(ParquetErrorMessage) {
        guard dictionary == nil, entries == 0 else { throw ParquetErrorMessage("a second dictionary page, or one after data pages") }
        guard header.numberOfValues <= Self.maximumEntries else {
            throw ParquetErrorMessage("a dictionary of \(header.numberOfValues) values (at most \(Self.maximumEntries) are read)")
        }
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw ParquetErrorMessage("a dictionary in the encoding \(header.encoding) (PLAIN expected)")
        }
        let data = try PageDecompressor.decompress(page, codec: chunk.codec, size: header.uncompressedSize)
        try data.withBytes { (bytes) throws(ParquetErrorMessage) in
            _ = try appendPlain(header.numberOfValues, from: bytes, storeOnly: true)
        }
        dictionarySize = header.numberOfValues
        dictionary = type == .byteArray || type == .fixedLengthByteArray ? .bytes(ParquetByteArrays()) : values()
        switch type {
        case .boolean: booleans = []
        case .int32: int32s = []
        case .int64: int64s = []
        case .int96: int96s = []
        case .float: floats = []
        case .double: doubles = []
        case .byteArray, .fixedLengthByteArray: break  // stored, referred to by index
        }
    }

    private mutating func checkEntryCount(_ count: Int) throws(ParquetErrorMessage) {
        guard count <= Int(chunk.numberOfValues) - entries else {
            throw ParquetErrorMessage("a page of \(count) values beyond the chunk's \(chunk.numberOfValues)")
        }
    }

    private mutating func readDataPageV1(_ page: ArraySlice<UInt8>, _ header: ParquetPageHeader) throws(ParquetErrorMessage) {
        try checkEntryCount(header.numberOfValues)
        let data = try PageDecompressor.decompress(page, codec: chunk.codec, size: header.uncompressedSize)
        try data.withBytes { (bytes) throws(ParquetErrorMessage) in
            var cursor = 0
            let count = header.numberOfValues
            try readLevels(bytes, &cursor, count: count, maximum: descriptor.maximumRepetitionLevel,
                encoding: header.repetitionLevelEncoding, into: &repetitionLevels, name: "repetition")
            let present = try readLevels(bytes, &cursor, count: count, maximum: descriptor.maximumDefinitionLevel,
                encoding: header.definitionLevelEncoding, into: &definitionLevels, name: "definition")
            try readValues(UnsafeRawBufferPointer(rebasing: bytes[cursor...]), count: present, encoding: header.encoding)
        }
        entries += header.numberOfValues
    }

    private mutating func readDataPageV2(_ page: ArraySlice<UInt8>, _ header: ParquetPageHeader) throws(ParquetErrorMessage) {
        try checkEntryCount(header.numberOfValues)
        let levelBytes = header.repetitionLevelsByteLength + header.definitionLevelsByteLength
        guard levelBytes <= page.count, levelBytes <= header.uncompressedSize else {
            throw ParquetErrorMessage("levels of \(levelBytes) bytes in a page of \(page.count)")
        }
        let count = header.numberOfValues
        var present = count
        try page.withBytes { (bytes) throws(ParquetErrorMessage) in
            let repetition = UnsafeRawBufferPointer(rebasing: bytes[0..<header.repetitionLevelsByteLength])
            let definition = UnsafeRawBufferPointer(rebasing: bytes[header.repetitionLevelsByteLength..<levelBytes])
            try decodeLevels(repetition, count: count, maximum: descriptor.maximumRepetitionLevel, into: &repetitionLevels, name: "repetition")
            present = try decodeLevels(definition, count: count, maximum: descriptor.maximumDefinitionLevel, into: &definitionLevels, name: "definition")
        }
        let valueBytes = page[(page.startIndex + levelBytes)...]
        let size = header.uncompressedSize - levelBytes
        let data = try PageDecompressor.decompress(valueBytes, codec: header.isCompressed ? chunk.codec : .uncompressed, size: size)
        try data.withBytes { (bytes) throws(ParquetErrorMessage) in
            try readValues(bytes, count: present, encoding: header.encoding)
        }
        entries += count
    }

    // MARK: - Levels

    /// Reads v1 levels (a 4-byte length, then RLE / bit-packed hybrid) when the column has them; returns the
    /// number of entries at the maximum level (present values).
    @discardableResult
    private func readLevels(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, count: Int, maximum: Int,
        encoding: ParquetEncoding, into levels: inout [UInt8], name: String) throws(ParquetErrorMessage) -> Int {
        guard maximum > 0 else { return count }
        guard encoding == .rle else {
            throw ParquetErrorMessage("\(name) levels in the encoding \(encoding) (RLE expected)")
        }
        guard bytes.count - cursor >= 4 else { throw ParquetErrorMessage("the page ends before its \(name) levels") }
        let length = Int(bytes.loadUnaligned(fromByteOffset: cursor, as: UInt32.self).littleEndian)
        cursor += 4
        guard length <= bytes.count - cursor else {
            throw ParquetErrorMessage("\(name) levels of \(length) bytes with \(bytes.count - cursor) left in the page")
        }
        let present = try decodeLevels(UnsafeRawBufferPointer(rebasing: bytes[cursor..<cursor + length]), count: count,
            maximum: maximum, into: &levels, name: name)
        cursor += length
        return present
    }

    /// Decodes `count` hybrid-encoded levels (none when `maximum` is 0); returns how many are at `maximum`.
    @discardableResult
    private func decodeLevels(_ bytes: UnsafeRawBufferPointer, count: Int, maximum: Int, into levels: inout [UInt8],
        name: String) throws(ParquetErrorMessage) -> Int {
        guard maximum > 0 else { return count }
        var decoder = try RLEHybridDecoder(bytes, bitWidth: RLEHybridDecoder.bitWidth(forMaximum: maximum))
        var present = 0
        levels.reserveCapacity(levels.count + count)
        do {
            try decoder.decode(count: count) { (level) throws(ParquetErrorMessage) in
                guard level <= UInt32(maximum) else { throw ParquetErrorMessage("a \(name) level \(level) above the maximum \(maximum)") }
                if level == UInt32(maximum) { present += 1 }
                levels.append(UInt8(level))
            }
        } catch {
            throw ParquetErrorMessage("\(name) levels: \(error.text)")
        }
        return present
    }

    // MARK: - Values

    private mutating func readValues(_ bytes: UnsafeRawBufferPointer, count: Int, encoding: ParquetEncoding) throws(ParquetErrorMessage) {
        switch encoding {
        case .plain:
            _ = try appendPlain(count, from: bytes, storeOnly: false)
        case .plainDictionary, .rleDictionary:
            try appendFromDictionary(count, bytes)
        case .rle where type == .boolean:
            guard bytes.count >= 4 else { throw ParquetErrorMessage("RLE booleans without their length") }
            let length = Int(bytes.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= bytes.count - 4 else { throw ParquetErrorMessage("RLE booleans of \(length) bytes with \(bytes.count - 4) left") }
            var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length]), bitWidth: 1)
            booleans.reserveCapacity(booleans.count + count)
            try decoder.decode(count: count) { (value) throws(ParquetErrorMessage) in booleans.append(value == 1) }
        case .deltaBinaryPacked: try appendDeltaBinaryPacked(count, bytes)
        case .deltaLengthByteArray: try appendDeltaLengthByteArray(count, bytes)
        case .deltaByteArray: try appendDeltaByteArray(count, bytes)
        case .byteStreamSplit: try appendByteStreamSplit(count, bytes)
        default:
            throw ParquetErrorMessage("the encoding \(encoding) is not supported (PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY, DELTA_* or BYTE_STREAM_SPLIT expected)")
        }
    }

    private mutating func appendFromDictionary(_ count: Int, _ bytes: UnsafeRawBufferPointer) throws(ParquetErrorMessage) {
        guard let dictionary else { throw ParquetErrorMessage("dictionary-encoded values without a dictionary page") }
        guard count > 0 else { return }
        guard let width = bytes.first else { throw ParquetErrorMessage("dictionary indices without their bit width") }
        var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: Int(width))
        let size = UInt32(truncatingIfNeeded: dictionarySize)
        var indices: [UInt32] = []
        indices.reserveCapacity(count)
        try decoder.decode(count: count) { (index) throws(ParquetErrorMessage) in
            guard index < size else { throw ParquetErrorMessage("a dictionary index \(index) past the dictionary's \(size) values") }
            indices.append(index)
        }
        switch dictionary {
        case .boolean(let entries): booleans += indices.map { entries[Int($0)] }
        case .int32(let entries): int32s += indices.map { entries[Int($0)] }
        case .int64(let entries): int64s += indices.map { entries[Int($0)] }
        case .int96(let entries): int96s += indices.map { entries[Int($0)] }
        case .float(let entries): floats += indices.map { entries[Int($0)] }
        case .double(let entries): doubles += indices.map { entries[Int($0)] }
        case .bytes: for index in indices { byteArrays.appendReference(Int32(index)) }
        }
    }

    /// Appends `count` PLAIN values (or, with `storeOnly`, stores byte arrays without adding values: a dictionary);
    /// returns the bytes used.
    mutating func appendPlain(_ count: Int, from bytes: UnsafeRawBufferPointer, storeOnly: Bool) throws(ParquetErrorMessage) -> Int {
        func need(_ size: Int) throws(ParquetErrorMessage) {
            guard size <= bytes.count else {
                throw ParquetErrorMessage("\(count) PLAIN \(type) values need \(size) bytes; the page holds \(bytes.count)")
            }
        }
        /// Appends `count` values of `width` bytes, value `i` made by `load` from byte `i × width`; returns the bytes used.
        func fixedWidth<T>(_ values: inout [T], _ width: Int, _ load: (Int) -> T) throws(ParquetErrorMessage) -> Int {
            try need(count * width)
            values.reserveCapacity(values.count + count)
            for index in 0..<count { values.append(load(index * width)) }
            return count * width
        }
        switch type {
        case .boolean:
            try need((count + 7) / 8)
            booleans.reserveCapacity(booleans.count + count)
            for index in 0..<count { booleans.append(bytes[index / 8] >> UInt8(index % 8) & 1 == 1) }
            return (count + 7) / 8
        case .int32: return try fixedWidth(&int32s, 4) { Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: Int32.self)) }
        case .int64: return try fixedWidth(&int64s, 8) { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: Int64.self)) }
        case .int96:
            return try fixedWidth(&int96s, 12) {
                ParquetInt96(nanosecondsOfDay: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: UInt64.self)),
                             julianDay: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 + 8, as: UInt32.self)))
            }
        case .float:
            return try fixedWidth(&floats, 4) { Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self))) }
        case .double:
            return try fixedWidth(&doubles, 8) { Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: UInt64.self))) }
        case .fixedLengthByteArray:
            let (size, overflow) = count.multipliedReportingOverflow(by: fixedLength)
            guard !overflow else { throw ParquetErrorMessage("\(count) values of \(fixedLength) bytes overflow") }
            try need(size)
            for index in 0..<count {
                let value = UnsafeRawBufferPointer(rebasing: bytes[index * fixedLength..<(index + 1) * fixedLength])
                if storeOnly { _ = byteArrays.store(value) } else { byteArrays.append(value) }
            }
            return size
        case .byteArray:
            var cursor = 0
            for index in 0..<count {
                guard bytes.count - cursor >= 4 else {
                    throw ParquetErrorMessage("the page ends at BYTE_ARRAY value \(index) of \(count)")
                }
                let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: cursor, as: UInt32.self)))
                cursor += 4
                guard length <= bytes.count - cursor else {
                    throw ParquetErrorMessage("BYTE_ARRAY value \(index) of \(length) bytes with \(bytes.count - cursor) left in the page")
                }
                let value = UnsafeRawBufferPointer(rebasing: bytes[cursor..<cursor + length])
                if storeOnly { _ = byteArrays.store(value) } else { byteArrays.append(value) }
                cursor += length
            }
            return cursor
        }
    }
}
