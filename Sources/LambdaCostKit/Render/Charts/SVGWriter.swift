/// Writes the text of an inline SVG chart: one element per line, attributes in the order given, every text and
/// attribute value XML-escaped (after the characters XML 1.0 cannot hold are replaced by U+FFFD), and
/// coordinates with exactly one decimal, so the same data always gives the same bytes whatever the locale.
///
/// The result is well-formed XML that is also valid inline SVG in an HTML5 page (polyglot): the root carries
/// the SVG namespace, empty elements are self-closed, and only the five predefined entities are written.
struct SVGWriter {
    static let namespace = "http://www.w3.org/2000/svg"

    /// The width of every chart's view box; charts scale to the width of their container.
    static let width = 640.0
    /// Font size of chart text, in view box units.
    static let fontSize = 12.0
    /// A generous estimate of the average advance of one character at ``fontSize`` (labels are laid out from
    /// character counts: there is no way to measure text without a script).
    static let characterWidth = 7.0
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

    /// The chart's UTF-8 bytes, appended to in place (cheaper per append than a `String`: a function page's two
    /// charts are thousands of small appends).
    private var bytes = ByteBuffer(capacity: 16 * 1024)

    /// The chart's text.
    var text: String { bytes.string }

    /// Attribute lists keep their order; a `nil` value leaves the attribute out.
    typealias Attributes = KeyValuePairs<String, String?>

    /// Writes `<name attributes…>` and a newline.
    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
        append(">\n")
    }

    /// Writes `</name>` and a newline.
    mutating func close(_ name: String) {
        append("</")
        append(name)
        append(">\n")
    }

    /// Writes an empty element `<name attributes…/>`.
    mutating func empty(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
        append("/>\n")
    }

    /// Writes an element holding only (escaped) text.
    mutating func element(_ name: String, _ attributes: Attributes = [:], text content: String) {
        startTag(name, attributes)
        append(">")
        appendEscaped(content)
        close(name)
    }

    /// Writes an element whose only child is a `<title>` (a tooltip, and what a screen reader says for it).
    mutating func element(_ name: String, _ attributes: Attributes = [:], tooltip: String) {
        startTag(name, attributes)
        append("><title>")
        appendEscaped(tooltip)
        append("</title>")
        close(name)
    }

    /// `<rect class x y width height fill stroke/>` (`stroke` left out when `nil`), as ``empty(_:_:)`` writes it: for
    /// the many cells of a heat strip, without making an attribute list for each.
    mutating func rect(class className: String, x: String, y: String, width: String, height: String, fill: String,
                       stroke: String? = nil) {
        append("<rect")
        attribute(" class=\"", className)
        attribute(" x=\"", x)
        attribute(" y=\"", y)
        attribute(" width=\"", width)
        attribute(" height=\"", height)
        attribute(" fill=\"", fill)
        if let stroke { attribute(" stroke=\"", stroke) }
        append("/>\n")
    }

    /// `<line class x1 y1 x2 y2 stroke/>`, as ``empty(_:_:)`` writes it: for the grid lines and tick marks of the axis
    /// on every function page's chart, without making an attribute list for each.
    mutating func line(class className: String, x1: String, y1: String, x2: String, y2: String, stroke: String) {
        append("<line")
        attribute(" class=\"", className)
        attribute(" x1=\"", x1)
        attribute(" y1=\"", y1)
        attribute(" x2=\"", x2)
        attribute(" y2=\"", y2)
        attribute(" stroke=\"", stroke)
        append("/>\n")
    }

    /// ` name="value"`, the value escaped (`start` is ` name="`).
    private mutating func attribute(_ start: String, _ value: String) {
        append(start)
        appendEscaped(value)
        append("\"")
    }

    /// `<name` and its attributes, values escaped.
    private mutating func startTag(_ name: String, _ attributes: Attributes) {
        append("<")
        append(name)
        for (attribute, value) in attributes {
            guard let value else { continue }
            append(" ")
            append(attribute)
            append("=\"")
            appendEscaped(value)
            append("\"")
        }
    }

    private mutating func append(_ literal: String) {
        bytes.append(literal)
    }

    /// Appends markup written in the code as it is (no escaping): for the parts of a chart drawn many times.
    mutating func markup(_ literal: StaticString) {
        bytes.append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `text` escaped, as an element's text or an attribute's value.
    mutating func text(_ text: String) {
        appendEscaped(text)
    }

    /// Appends ``number(_:)`` of `value`, without making a `String` of it.
    mutating func number(_ value: Double) {
        Self.withDigits(of: value) { bytes.append($0) }
    }

    /// Appends `text` escaped as ``escaped(_:)`` escapes it; text that needs nothing is copied as it is.
    private mutating func appendEscaped(_ text: String) {
        if Self.needsEscaping(text) {
            append(Self.escaped(text))
        } else {
            append(text)
        }
    }

    // MARK: - The chart frame

    /// Opens the root `<svg>` of a chart with its text alternative: `role="img"`, a `<title>` naming the
    /// chart and a `<desc>` stating its data in words, referenced by `aria-labelledby` and `aria-describedby`.
    /// `kind` is added to the class list (`chart chart-bar`).
    /// The chart scales to the width of its container (`width="100%"`, the height follows the view box) unless
    /// `fixedSize` is set, for the small "No data" chart that fits any screen as it is.
    mutating func startChart(id: String, kind: String, width: Double = width, height: Double, fixedSize: Bool = false,
                             title: String, description: String) {
        let id = Self.identifier(id)
        open("svg", [
            "xmlns": Self.namespace,
            "id": id,
            "class": "chart " + kind,
            "role": "img",
            "aria-labelledby": id + "-title",
            "aria-describedby": id + "-desc",
            "viewBox": "0 0 " + Self.number(width) + " " + Self.number(height),
            "width": fixedSize ? Self.number(width) : "100%",
            "height": fixedSize ? Self.number(height) : nil,
            "font-family": Self.fontFamily,
            "font-size": Self.number(Self.fontSize),
            "fill": ChartPalette.ink,
        ])
        element("title", ["id": id + "-title"], text: title)
        element("desc", ["id": id + "-desc"], text: description)
    }

    /// Closes the root `<svg>`.
    mutating func finishChart() { close("svg") }

    /// A small chart saying there is no data, with the same text alternative structure as a full chart.
    static func noDataChart(id: String, kind: String, title: String) -> String {
        var writer = SVGWriter()
        writer.startChart(id: id, kind: kind + " chart-empty", width: 240, height: 40, fixedSize: true, title: title,
                          description: "No data.")
        writer.element("text", ["class": "chart-empty-text", "x": "120.0", "y": "24.0",
                                 "text-anchor": "middle", "fill": ChartPalette.muted], text: "No data")
        writer.finishChart()
        return writer.text
    }

    // MARK: - Text

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and the characters XML 1.0 cannot hold (C0 controls but
    /// tab, LF and CR; U+FFFE, U+FFFF) replaced by U+FFFD, like every other text of the report.
    static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                result.unicodeScalars.append(XMLSafeText.isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }

    /// Whether `text` has anything ``escaped(_:)`` changes. Most texts (numbers, class names, colours) have
    /// nothing: a markup character, or a byte that may belong to a character XML cannot hold, says maybe.
    private static func needsEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.contains { byte in
                byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || XMLSafeText.mayBeForbidden(byte)
            }
        }
    }

    /// An `id` usable in XML and HTML: ASCII letters, digits, `-` and `_`, starting with a letter.
    static func identifier(_ raw: String) -> String {
        var result = ""
        for scalar in raw.unicodeScalars {
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isDigit = ("0"..."9").contains(scalar)
            result.unicodeScalars.append(isLetter || isDigit || scalar == "-" || scalar == "_" ? scalar : "-")
        }
        if let first = result.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) {
            return result
        }
        return "chart-" + result
    }

    /// The estimated width of `text` at ``fontSize`` (scaled for another `fontSize`).
    static func estimatedWidth(_ text: String, fontSize: Double = fontSize) -> Double {
        Double(characterCount(text)) * characterWidth * fontSize / Self.fontSize
    }

    /// `text.count`, from its bytes when it is ASCII without a carriage return (each byte is then a character): the
    /// tick labels of every chart are measured.
    static func characterCount(_ text: String) -> Int {
        let bytes = text.utf8
        return bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) ? bytes.count : text.count
    }

    /// `text` cut to at most `maximum` characters, ending with `…` when cut.
    static func truncated(_ text: String, toCharacters maximum: Int) -> String {
        guard text.count > maximum else { return text }
        guard maximum > 1 else { return "…" }
        return String(text.prefix(maximum - 1)) + "…"
    }

    // MARK: - Numbers

    /// A coordinate with exactly one decimal (`12.0`, `-3.5`), rounded half away from zero; never `-0.0`,
    /// never an exponent, independent of the locale. Non-finite values are written as `0.0`.
    static func number(_ value: Double) -> String {
        withDigits(of: value) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of ``number(_:)`` of `value`.
    private static func withDigits<Result>(of value: Double, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard value.isFinite else {
            let zero: StaticString = "0.0"
            return body(UnsafeBufferPointer(start: zero.utf8Start, count: zero.utf8CodeUnitCount))
        }
        let tenths = (min(max(value, -1e12), 1e12) * 10).rounded(.toNearestOrAwayFromZero)
        let integer = Int(tenths)
        // The digits are written back to front into a small buffer (at most 16 bytes: `-` and 13 digits, `.`, one):
        // this runs for every coordinate of every chart.
        var magnitude = integer.magnitude
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            var index = 15
            buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            index -= 1
            buffer[index] = UInt8(ascii: ".")
            magnitude /= 10
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if integer < 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(rebasing: buffer[index...]))
        }
    }
}
