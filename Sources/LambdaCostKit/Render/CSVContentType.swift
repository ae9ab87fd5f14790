/// The content type of CSV templates (`{{% CONTENT_TYPE: CSV}}`, ``TemplateContentType/csv``): every `{{value}}` becomes one safe
/// RFC 4180 field. Text that a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, tab or CR)
/// gets a leading `'`; plain numbers such as `-12.50` stay numbers.
enum CSVContentType {
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first),
            !isPlainNumber(value)
        {
            value = "'" + value
        }
        return CSVField.quoted(value)
    }

    /// `-?digits(.digits)?`
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
