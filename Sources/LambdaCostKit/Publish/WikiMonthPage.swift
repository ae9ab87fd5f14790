import Foundation

/// The dated page of one month in a git wiki, `Lambda-cost-2026-10.md`: the report's `wiki/report.md`, then an
/// HTML comment holding the month's headline figures (``WikiMonthFigures`` as JSON; GitHub and GitLab show no
/// comment), from which the index page is rebuilt without the report folders of earlier months.
///
/// The name: GitHub and GitLab wikis name a page after its file, without the extension; letters, digits and
/// hyphens only need no encoding in a link on either (`[2026-10](Lambda-cost-2026-10)`), hold none of the
/// characters GitHub refuses in page names, no space (which GitHub and GitLab both write as a hyphen anyway)
/// and no second dot; the month last, as YYYY-MM, sorts the pages by month in any file list.
enum WikiMonthPage {
    static let prefix = "Lambda-cost-"
    private static let marker = "<!-- lambda-cost-report figures: "

    /// `Lambda-cost-2026-10.md`.
    static func fileName(_ month: BillingMonth) -> String { prefix + month.description + ".md" }

    /// The page name a wiki link uses: the file name without `.md`.
    static func pageName(_ month: BillingMonth) -> String { prefix + month.description }

    /// The month of a dated page's file name; `nil` for any other file (the index page, `Home.md`, …).
    static func month(ofFileName name: String) -> BillingMonth? {
        guard name.hasPrefix(prefix), name.hasSuffix(".md") else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(3)
        guard middle.count == 7, let month = BillingMonth(String(middle)), month.description == middle else { return nil }
        return month
    }

    /// The page: the report's Markdown, then the figures' comment.
    static func text(markdown: String, figures: WikiMonthFigures) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? encoder.encode(figures)) ?? Data("{}".utf8), as: UTF8.self)
            .replacingOccurrences(of: "--", with: "-\\u002d")  // never closes the comment
        return markdown + (markdown.hasSuffix("\n") ? "" : "\n") + "\n" + marker + json + " -->\n"
    }

    /// The figures kept in a page's comment; `nil` for a page without one (written by hand or by another tool).
    static func figures(in text: String) -> WikiMonthFigures? {
        guard let start = text.range(of: marker, options: .backwards) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.range(of: " -->") else { return nil }
        return try? JSONDecoder().decode(WikiMonthFigures.self, from: Data(rest[..<end.lowerBound].utf8))
    }
}
