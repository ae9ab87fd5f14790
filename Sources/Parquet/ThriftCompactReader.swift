/// Reads Thrift's compact protocol (the encoding of Parquet's footer and page headers) from a byte buffer.
///
/// Bounded: a length or a list size larger than the bytes left, a varint longer than its type, or structs nested
/// deeper than ``maximumDepth`` is a ``Failure``, never a trap or an allocation sized by the input.
struct ThriftCompactReader {
    /// Why the bytes are not the Thrift structure expected.
    struct Failure: Error, Equatable {
        var message: String
        /// The offset in the buffer where the problem was found.
        var offset: Int
    }

    /// The compact protocol's type codes, as they appear in field headers and list headers.
    enum FieldType: UInt8 {
        case stop = 0, booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    /// A field header: its id and type (``FieldType/stop`` ends a struct).
    struct FieldHeader {
        var id: Int16
        var type: FieldType
    }

    /// How deep structs, lists and maps may nest (Parquet's footer needs 6).
    static let maximumDepth = 32

    let bytes: [UInt8]
    private(set) var offset: Int
    private let end: Int
    private var depth = 0
    /// The id of the last field read in each open struct (compact field ids are deltas from it).
    private var lastFieldIDs: [Int16] = []

    /// A reader of `bytes[range]`.
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.offset = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    var remaining: Int { end - offset }

    func failure(_ message: String) -> Failure { Failure(message: message, offset: offset) }

    mutating func readByte() throws(Failure) -> UInt8 {
        guard offset < end else { throw failure("the data ends inside a Thrift value") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// An unsigned LEB128 varint of at most `maximumBits` bits.
    mutating func readVarint(maximumBits: Int = 64) throws(Failure) -> UInt64 {
        switch ULEB128.read(bytes, at: &offset, end: end, maximumBits: maximumBits) {
        case .success(let value): return value
        case .failure(.cutShort): throw failure("the data ends inside a Thrift value")
        case .failure(.tooLong): throw failure("a varint longer than \(maximumBits) bits")
        }
    }

    private static func zigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))) }

    mutating func readI16() throws(Failure) -> Int16 {
        let value = Self.zigzag(try readVarint(maximumBits: 21))
        guard let result = Int16(exactly: value) else { throw failure("an i16 out of range") }
        return result
    }

    mutating func readI32() throws(Failure) -> Int32 {
        let value = Self.zigzag(try readVarint(maximumBits: 35))
        guard let result = Int32(exactly: value) else { throw failure("an i32 out of range") }
        return result
    }

    mutating func readI64() throws(Failure) -> Int64 { Self.zigzag(try readVarint()) }

    mutating func readDouble() throws(Failure) -> Double {
        guard remaining >= 8 else { throw failure("the data ends inside a double") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return Double(bitPattern: bits)
    }

    /// The bytes of a binary or string value, checked against the bytes left.
    mutating func readBinary() throws(Failure) -> ArraySlice<UInt8> {
        let length = try readVarint(maximumBits: 35)
        guard length <= UInt64(remaining) else {
            throw failure("a binary of \(length) bytes with only \(remaining) bytes left")
        }
        let start = offset
        offset += Int(length)
        return bytes[start..<offset]
    }

    /// A string value; invalid UTF-8 is repaired (names are only shown and compared).
    mutating func readString() throws(Failure) -> String { String(decoding: try readBinary(), as: UTF8.self) }

    /// Starts a struct: call ``readFieldHeader()`` until it returns `nil`, then ``endStruct()``.
    mutating func beginStruct() throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure("Thrift structures nested deeper than \(Self.maximumDepth)") }
        depth += 1
        lastFieldIDs.append(0)
    }

    mutating func endStruct() {
        depth -= 1
        lastFieldIDs.removeLast()
    }

    /// The next field's header, or `nil` at the struct's end. A boolean field's value is in its type.
    mutating func readFieldHeader() throws(Failure) -> FieldHeader? {
        let byte = try readByte()
        guard let type = FieldType(rawValue: byte & 0x0F) else { throw failure("an unknown Thrift type \(byte & 0x0F)") }
        if type == .stop { return nil }
        let delta = Int16(byte >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldIDs[lastFieldIDs.count - 1].addingReportingOverflow(delta)
            guard !overflow else { throw failure("a Thrift field id out of range") }
            id = sum
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
        return FieldHeader(id: id, type: type)
    }

    /// A list (or set) header: its element type and size, the size checked against the bytes left (every
    /// element takes at least one byte, booleans included).
    mutating func readListHeader() throws(Failure) -> (elementType: FieldType, count: Int) {
        let byte = try readByte()
        guard let type = FieldType(rawValue: byte & 0x0F), type != .stop else {
            throw failure("an unknown Thrift list element type \(byte & 0x0F)")
        }
        var count = UInt64(byte >> 4)
        if count == 15 { count = try readVarint(maximumBits: 35) }
        guard count <= UInt64(remaining) else { throw failure("a list of \(count) elements with only \(remaining) bytes left") }
        return (type == .booleanFalse ? .booleanTrue : type, Int(count))
    }

    /// Reads a list of `element`s, nesting counted like structs.
    mutating func readList<Element>(_ element: (inout ThriftCompactReader, FieldType) throws(Failure) -> Element) throws(Failure) -> [Element] {
        let (type, count) = try readListHeader()
        guard depth < Self.maximumDepth else { throw failure("Thrift structures nested deeper than \(Self.maximumDepth)") }
        depth += 1
        defer { depth -= 1 }
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self, type)) }
        return result
    }

    /// The value of a field of type `type`, read and thrown away (fields this reader does not use).
    mutating func skip(_ type: FieldType) throws(Failure) {
        switch type {
        case .stop: throw failure("a stop marker where a value was expected")
        case .booleanTrue, .booleanFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: _ = try readDouble()
        case .binary: _ = try readBinary()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            try nested { (reader: inout Self) throws(Failure) in
                for _ in 0..<count {
                    if elementType == .booleanTrue { _ = try reader.readByte() } else { try reader.skip(elementType) }
                }
            }
        case .map:
            let count = try readVarint(maximumBits: 35)
            guard count > 0 else { return }
            guard count <= UInt64(remaining) else { throw failure("a map of \(count) entries with only \(remaining) bytes left") }
            let types = try readByte()
            guard let keyType = FieldType(rawValue: types >> 4), let valueType = FieldType(rawValue: types & 0x0F) else {
                throw failure("an unknown Thrift map key or value type")
            }
            try nested { (reader: inout Self) throws(Failure) in
                for _ in 0..<count {
                    if keyType == .booleanTrue || keyType == .booleanFalse { _ = try reader.readByte() } else { try reader.skip(keyType) }
                    if valueType == .booleanTrue || valueType == .booleanFalse { _ = try reader.readByte() } else { try reader.skip(valueType) }
                }
            }
        case .structure:
            try beginStruct()
            while let field = try readFieldHeader() { try skip(field.type) }
            endStruct()
        }
    }

    private mutating func nested(_ body: (inout Self) throws(Failure) -> Void) throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure("Thrift structures nested deeper than \(Self.maximumDepth)") }
        depth += 1
        defer { depth -= 1 }
        try body(&self)
    }

    /// Reads a struct, calling `field` for each field; `field` returns `false` for a field it does not know,
    /// which is then skipped.
    mutating func readStruct(_ field: (inout ThriftCompactReader, FieldHeader) throws(Failure) -> Bool) throws(Failure) {
        try beginStruct()
        while let header = try readFieldHeader() {
            if try !field(&self, header) { try skip(header.type) }
        }
        endStruct()
    }

    /// An i32 field's value, checking that the field has that type.
    mutating func i32(_ header: FieldHeader) throws(Failure) -> Int32 {
        guard header.type == .i32 else { throw failure("field \(header.id) is not an i32") }
        return try readI32()
    }

    /// An i64 field's value (an i32 or i16 is widened).
    mutating func i64(_ header: FieldHeader) throws(Failure) -> Int64 {
        switch header.type {
        case .i64: return try readI64()
        case .i32: return Int64(try readI32())
        case .i16: return Int64(try readI16())
        default: throw failure("field \(header.id) is not an i64")
        }
    }

    /// A string field's value.
    mutating func string(_ header: FieldHeader) throws(Failure) -> String {
        guard header.type == .binary else { throw failure("field \(header.id) is not a string") }
        return try readString()
    }

    /// A bool field's value (carried in the field type).
    func bool(_ header: FieldHeader) throws(Failure) -> Bool {
        switch header.type {
        case .booleanTrue: return true
        case .booleanFalse: return false
        default: throw failure("field \(header.id) is not a bool")
        }
    }

    /// Requires a struct-typed field.
    func expectStruct(_ header: FieldHeader) throws(Failure) {
        guard header.type == .structure else { throw failure("field \(header.id) is not a struct") }
    }

    /// Requires a list-typed field.
    func expectList(_ header: FieldHeader) throws(Failure) {
        guard header.type == .list || header.type == .set else { throw failure("field \(header.id) is not a list") }
    }
}
