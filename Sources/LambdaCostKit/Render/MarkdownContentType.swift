/// The content type of GitHub-flavoured Markdown templates (`{{% CONTENT_TYPE: MARKDOWN}}`, ``TemplateContentType/markdown``): every
/// `{{value}}` shows as its literal text, in a table cell or in running text, and can neither end a table
/// cell or a line nor start any Markdown or HTML construct. The rule, character by character:
///
/// - CR, LF, CRLF (one space for the pair), the other C0 controls, tab, DEL, NEL, U+2028 and U+2029 become a
///   space, so a value never leaves its line or table row;
/// - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: no raw HTML (`<script>`), no `<…>` autolink, no entity
///   and no block quote, even where the renderer allows HTML;
/// - `\` `` ` `` `*` `_` `[` `]` `|` `~` `$` get a backslash anywhere: no escape, code span or fence,
///   emphasis, link or image, table-cell end, strikethrough, or GitHub math;
/// - at the start of the value (where a template could place it at the start of a line): a leading `#`,
///   `+`, `-` or `=` gets a backslash (heading, list, thematic break, setext underline), and so does the
///   `.` or `)` after leading digits when a space or the end follows (ordered list: `1\. x`, but `1.5`).
///
/// Other characters are left as they are, so everyday values (`orders-api`, `us-east-1`, `(Graviton): …`)
/// stay readable in the Markdown source. Templates put a space between a value and a following `|`.
/// Leading spaces are kept: templates do not start a line with a value.
enum MarkdownContentType {
    private static let alwaysEscaped: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "|", "~", "$"]
    private static let startEscaped: Set<Unicode.Scalar> = ["#", "+", "-", "="]

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(text.unicodeScalars)
        var atStart = true
        var leadingDigits = false
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" && index > 0 && scalars[index - 1] == "\r" { continue }
            if isBreakOrControl(scalar) {
                result.append(" ")
                atStart = false
                leadingDigits = false
                continue
            }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if alwaysEscaped.contains(scalar) || atStart && startEscaped.contains(scalar)
                    || leadingDigits && (scalar == "." || scalar == ")")
                        && (index + 1 == scalars.count || scalars[index + 1] == " " || isBreakOrControl(scalars[index + 1]))
                {
                    result += "\\"
                }
                result.unicodeScalars.append(scalar)
            }
            leadingDigits = (atStart || leadingDigits) && ("0"..."9").contains(scalar)
            atStart = false
        }
        return result
    }

    /// Line breaks (CR, LF, NEL, U+2028, U+2029), the other C0 controls, tab and DEL.
    private static func isBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
