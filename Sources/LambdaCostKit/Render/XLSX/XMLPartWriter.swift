import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Writes one XML part of the package with libxml2's xmlTextWriter into memory: UTF-8, an XML declaration
/// with `standalone="yes"`, no indentation. A large part (a fleet's worksheet) moves what it has written so far
/// to an unlinked temporary file whenever ``spillIfLarge()`` finds more than ``spillThreshold`` bytes in memory,
/// so its size in memory stays bounded. Text and attribute values are escaped by libxml2 after
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
    /// The temporary file of the spilled bytes (`-1` until the first spill) and how many it holds.
    private var spillDescriptor: Int32 = -1
    private var spilled = 0
    /// Bytes held in memory before ``spillIfLarge()`` moves them to the temporary file.
    static let spillThreshold = 1 << 20

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
        if spillDescriptor >= 0 { close(spillDescriptor) }
    }

    /// Moves the bytes written so far to the temporary file when more than `threshold` are in memory. Called
    /// between elements (after each worksheet row); the part's bytes are the same either way.
    func spillIfLarge(threshold: Int = spillThreshold) throws {
        let writer = try open()
        guard Int(xmlBufferLength(buffer)) > threshold else { return }
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else { return }
        if spillDescriptor < 0 { spillDescriptor = try TemporaryFile.create(for: "the workbook part \(part)") }
        try TemporaryFile.write(UnsafeRawBufferPointer(start: content, count: length), to: spillDescriptor, for: "the workbook part \(part)")
        spilled += length
        xmlBufferEmpty(buffer)
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

    func finish() throws -> [UInt8] { try finish { try $0.all() } }

    /// Ends the document and calls `body` with its bytes: where the writer holds them (a large worksheet is not
    /// copied) and in the temporary file it spilled to; the writer cannot be used afterwards.
    func finish<Result>(_ body: (XMLPartBytes) throws -> Result) throws -> Result {
        let writer = try open()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        xmlFreeTextWriter(writer)
        self.writer = nil
        let length = Int(xmlBufferLength(buffer))
        guard let content = xmlBufferContent(buffer), length > 0 || spilled > 0 else {
            throw XLSXError.xmlWriter(part: part, call: "xmlBufferContent")
        }
        let bytes = XMLPartBytes(count: spilled + length, descriptor: spillDescriptor, spilled: spilled,
                                 tail: UnsafeBufferPointer(start: content, count: length), part: part)
        return try withExtendedLifetime(self) { try body(bytes) }
    }

    private func open() throws -> xmlTextWriterPtr {
        guard let writer else { throw XLSXError.xmlWriter(part: part, call: "(writer already finished)") }
        return writer
    }

    private func check(_ result: Int32, _ call: String) throws {
        if result < 0 { throw XLSXError.xmlWriter(part: part, call: call) }
    }

    /// Calls `body` with the NUL-terminated UTF-8 bytes of `text` (which holds no NUL: ``XLSXText`` replaced it).
    /// A native string's own NUL-terminated storage, not a copy: this runs for every name, attribute and text of a
    /// fleet's sheets.
    private static func withXMLChars(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        text.withCString { characters in
            characters.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1) { body($0) }
        }
    }
}
