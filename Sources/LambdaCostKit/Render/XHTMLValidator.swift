import CLibXML2

/// Checks that a rendered page is well-formed XML (the report's pages are polyglot XHTML5), with libxml2's
/// XML parser. Errors are collected, never printed by libxml2 itself.
public enum XHTMLValidator {
    /// A libxml2 error: line in the checked text and libxml2's message.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Opens the synthetic root element around a fragment: XHTML by default, with the `ac:` and `ri:` prefixes
    /// that Confluence storage format uses without declaring them. No newline, so line numbers are kept.
    static let fragmentRoot = #"<ac:confluence xmlns="http://www.w3.org/1999/xhtml" "#
        + #"xmlns:ac="http://www.atlassian.com/schema/confluence/4/ac/" "#
        + #"xmlns:ri="http://www.atlassian.com/schema/confluence/4/ri/">"#

    /// The problems libxml2 finds in a fragment (several top-level elements and text, no XML declaration or
    /// doctype, as in Confluence storage format), parsed inside a synthetic root element; empty when it is
    /// well-formed. Lines and columns are those of the fragment.
    public static func problems(inFragment text: String) -> [Problem] { problems(inFragment: Array(text.utf8)) }

    /// ``problems(inFragment:)-(String)`` of UTF-8 bytes.
    static func problems(inFragment bytes: [UInt8]) -> [Problem] {
        problems(in: Array(fragmentRoot.utf8) + bytes + Array("</ac:confluence>".utf8)).map { problem in
            var problem = problem
            if problem.line == 1 { problem.column = max(1, problem.column - fragmentRoot.utf8.count) }
            return problem
        }
    }

    /// ``problems(in:)-(String)`` of a page in which the report's own markup (``TrustedMarkup``: its charts, made
    /// well-formed by ``SVGWriter``, which escapes every text it writes) lies at `markup`. Each is checked as an empty
    /// `<svg/>` standing where it is, so what the template put around it is still checked (a chart in an attribute
    /// value is an error either way) without parsing its elements again: they are most of a function page's. When
    /// that finds a problem, the page is checked whole, for the place of the problem in it.
    static func problems(in bytes: [UInt8], standingIn markup: [Range<Int>]) -> [Problem] {
        guard !markup.isEmpty else { return problems(in: bytes) }
        let standIn = Array(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8)
        var skeleton: [UInt8] = []
        skeleton.reserveCapacity(bytes.count - markup.reduce(0) { $0 + $1.count } + markup.count * standIn.count)
        var position = 0
        for range in markup {
            skeleton.append(contentsOf: bytes[position..<range.lowerBound])
            skeleton.append(contentsOf: standIn)
            position = range.upperBound
        }
        skeleton.append(contentsOf: bytes[position...])
        return problems(in: skeleton).isEmpty ? [] : problems(in: bytes)
    }

    /// The problems libxml2 finds; empty for a well-formed document. The error handler belongs to this call's
    /// parser context (its SAX handler's `serror`), so pages are checked on several threads at once.
    public static func problems(in text: String) -> [Problem] { problems(in: Array(text.utf8)) }

    /// ``problems(in:)-(String)`` of UTF-8 bytes.
    static func problems(in bytes: [UInt8]) -> [Problem] {
        precondition(initialized)
        final class Collector { var problems: [Problem] = [] }
        let collector = Collector()
        guard let parser = xmlNewParserCtxt() else { return [Problem(line: 1, column: 1, message: "libxml2 could not make a parser")] }
        defer { xmlFreeParserCtxt(parser) }
        parser.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        // libxml2 calls it with the context's userData, which is the context itself.
        parser.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error,
                  let collectorPointer = userData.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return }
            let collector = Unmanaged<Collector>.fromOpaque(collectorPointer).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            collector.problems.append(Problem(
                line: Int(error.pointee.line), column: Int(error.pointee.int2),
                message: message.trimmingCharacters(in: " \n")))
        }
        // Only well-formedness is checked, so no tree is built: without the SAX2 handlers that make the document
        // and its nodes the parser still finds every syntax, nesting, namespace and entity error (a page of a
        // large fleet is parsed about twice as fast). `getEntity` stays, so undeclared entities are reported.
        let sax = parser.pointee.sax.pointee
        parser.pointee.sax.pointee = xmlSAXHandler()
        parser.pointee.sax.pointee.initialized = sax.initialized
        parser.pointee.sax.pointee.getEntity = sax.getEntity
        parser.pointee.sax.pointee.serror = sax.serror
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard bytes.count <= Int(Int32.max) else { return [Problem(line: 1, column: 1, message: "the page is larger than 2 GB")] }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                xmlCtxtReadMemory(parser, characters.baseAddress, Int32(characters.count), "page.html", "UTF-8", options)
            }
        }
        if let document { xmlFreeDoc(document) }
        if parser.pointee.wellFormed == 0 && collector.problems.isEmpty {
            collector.problems.append(Problem(line: 1, column: 1, message: "the document could not be parsed"))
        }
        return collector.problems
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

#if canImport(Glibc)
import Glibc
#endif
