/// Text for Slack's `mrkdwn`: `&`, `<` and `>` escaped as Slack requires (so no text can open a link, a mention
/// such as `<!channel>` or `<@U123>`, or a channel reference), and values from the bill shown as code spans, in
/// which Slack applies no formatting (`*bold*`, `_italic_`, `~strike~`) and no emoji.
enum SlackText {
    /// `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`; nothing else is changed.
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A value as an inline code span: escaped, with a backtick (which would end the span) shown as `ˋ`
    /// (U+02CB) and an empty value as `–`.
    static func literal(_ value: String) -> String {
        let shown = value.isEmpty ? "–" : value.replacingOccurrences(of: "`", with: "\u{02CB}")
        return "`" + escaped(shown) + "`"
    }

    /// `<url|label>`: a link with the URL and label escaped (a `|` in the label would end it: shown as `¦`).
    static func link(_ url: String, label: String) -> String {
        "<" + escaped(url) + "|" + escaped(label.replacingOccurrences(of: "|", with: "¦")) + ">"
    }

    /// How long Slack counts a text (UTF-16 code units, never fewer than the characters it counts).
    static func length(_ text: String) -> Int { text.utf16.count }
}
