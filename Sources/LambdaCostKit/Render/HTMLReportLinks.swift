/// The addresses of the month's HTML pages where they are published (`[report] html_base_url`), for the wiki
/// pages: `<base>/<month>/index.html`. The base is checked when the configuration is read; the links are
/// percent-encoded so that they are plain URLs (no space, quote, angle bracket, parenthesis or non-ASCII byte)
/// that the Markdown and XHTML escaping of the templates keeps intact.
enum HTMLReportLinks {
    /// The pages the wiki links to, by key.
    static let pages = [("html_report_url", "index.html"), ("html_findings_url", "findings.html"), ("html_savings_plans_url", "savings-plans.html")]

    /// Why `baseURL` cannot be a base URL, or `nil` when it can: an `http://` or `https://` scheme, a host, no
    /// query or fragment (the month's folder is appended), no space or control character.
    static func problem(baseURL: String) -> String? {
        let lowered = baseURL.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else { return "the scheme must be http or https" }
        let rest = baseURL.dropFirst(scheme.count)
        let host = rest.prefix { $0 != "/" }
        if host.isEmpty { return "a host is needed" }
        if baseURL.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "spaces and control characters must be percent-encoded"
        }
        if baseURL.contains("?") || baseURL.contains("#") { return "no query or fragment: the month's folder is appended to the path" }
        return nil
    }

    /// `<base>/<month>/<page>`, one `/` between the parts, percent-encoded.
    static func url(base: String, month: String, page: String) -> String {
        let joined = (base.hasSuffix("/") ? base : base + "/") + month + "/" + page
        return percentEncoded(joined)
    }

    /// The keys of the wiki pages: `has_html_report_url` and one URL per page (empty without a base).
    static func keys(base: String?, month: String) -> [String: Any] {
        var keys: [String: Any] = ["has_html_report_url": base != nil]
        for (key, page) in pages { keys[key] = base.map { url(base: $0, month: month, page: page) } ?? "" }
        return keys
    }

    /// Bytes outside the URL characters that need no care in Markdown link destinations and XHTML attributes
    /// (letters, digits, `-._~:/@!$&+,;=%[]`) become `%XX` of their UTF-8 bytes.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if isKept(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return result
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("-._~:/@!$&+,;=%[]".utf8).contains(byte)
        }
    }
}
