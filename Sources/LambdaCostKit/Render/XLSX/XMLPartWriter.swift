import CLibXML2

/// Writes one XML part of the package with libxml2's xmlTextWriter into memory: UTF-8, an XML declaration
/// with `standalone="yes"`, no indentation. Text and attribute values are escaped by libxml2 after
/// ``XLSXText/encoded(_:)`` has made them XML 1.0 characters. Every call's result is checked; a failure
/// throws ``XLSXError/xmlWriter(part:call:)``.
final class XMLPartWriter {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    let part: String
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?

    init(part: String) throws {
        precondition(Self.initialized)
        self.part = part
        guard let buffer = xmlBufferCreate() else { throw XLSXError.xmlWriter(part: part, call: "xmlBufferCreate") }
        self.buffer = buffer
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XLSXError.xmlWriter(part: part, call: "xmlNewTextWriterMemory")
        }
        self.writer = writer
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", "yes"), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    /// Writes `<name attributes…>`, then what `content` writes, then the end tag (or `/>` when empty).
    func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                 _ content: () throws -> Void = {}) throws {
        let writer = try open()
        try check(Self.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }, "xmlTextWriterStartElement")
        for (attribute, value) in attributes { try self.attribute(attribute, value) }
        try content()
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// Writes an attribute of the element just started; `value` is made XML-safe first.
    func attribute(_ name: String, _ value: String) throws {
        let writer = try open()
        let result = Self.withXMLChars(name) { name in
            Self.withXMLChars(XLSXText.encoded(value)) { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(result, "xmlTextWriterWriteAttribute")
    }

    /// Writes character data; `text` is made XML-safe first and escaped by libxml2.
    func text(_ text: String) throws {
        let writer = try open()
        try check(Self.withXMLChars(XLSXText.encoded(text)) { xmlTextWriterWriteString(writer, $0) },
                  "xmlTextWriterWriteString")
    }

    /// Ends the document and returns its bytes; the writer cannot be used afterwards.
    func finish() throws -> [UInt8] { try finish { Array($0) } }

    /// Ends the document and calls `body` with its bytes where the writer holds them (a large worksheet is not
    /// copied); the writer cannot be used afterwards.
    func finish<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        let writer = try open()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        xmlFreeTextWriter(writer)
        self.writer = nil
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else {
            throw XLSXError.xmlWriter(part: part, call: "xmlBufferContent")
        }
        return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: content, count: length)) }
    }

    private func open() throws -> xmlTextWriterPtr {
        guard let writer else { throw XLSXError.xmlWriter(part: part, call: "(writer already finished)") }
        return writer
    }

    private func check(_ result: Int32, _ call: String) throws {
        if result < 0 { throw XLSXError.xmlWriter(part: part, call: call) }
    }

    /// Calls `body` with the NUL-terminated UTF-8 bytes of `text` (which holds no NUL: ``XLSXText`` replaced it).
    private static func withXMLChars(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
