/// The paged full lists behind the index and team pages, which show only the top rows (`[report] top_rows`):
/// every function by Lambda cost and every opportunity by rank, ``pageRows`` a page.
///
/// - The fleet's lists: `functions/index.html`, `functions/index-2.html`, … (rendered from
///   `function-list.html.mustache`) and `opportunities/index.html`, `opportunities/index-2.html`, …
///   (`opportunity-list.html.mustache`), always written when their template exists.
/// - A team's lists, written only when the team has more rows than its page shows: `teams/<stem>/functions.html`,
///   `teams/<stem>/functions-2.html`, … and `teams/<stem>/opportunities.html`, … (a folder per team stem, so
///   they never meet a team page or another team's list).
///
/// Function page stems never take a list page's name (``reservedFunctionStems(pages:)``).
struct ListPages {
    /// Rows a list page shows at most.
    static let pageRows = 500

    /// What a list lists, and the template that renders it.
    enum Kind: String, CaseIterable {
        case functions
        case opportunities

        /// The template stem at the top of the templates folder (`function-list` for `function-list.html`).
        var template: String { self == .functions ? "function-list" : "opportunity-list" }
    }

    /// One page to render: its path without extension (relative to the month's folder) and its model.
    struct Page {
        var path: String
        var model: [String: Any]
    }

    let report: Report
    let context: RenderContext

    /// How many pages a list of `count` rows takes (one even when it is empty).
    static func pageCount(_ count: Int) -> Int { max(1, (count + pageRows - 1) / pageRows) }

    /// `functions/index-2` for the fleet's second page of functions, `teams/payments/opportunities` for a team's
    /// first page of opportunities (`team` is the team's page stem).
    static func path(_ kind: Kind, teamStem: String?, page: Int) -> String {
        let suffix = page == 1 ? "" : "-\(page)"
        guard let teamStem else { return "\(kind.rawValue)/index\(suffix)" }
        return "\(RenderContext.teamFolder)/\(teamStem)/\(kind.rawValue)\(suffix)"
    }

    /// The stems function pages may not take: the fleet's function list pages (`index`, `index-2`, …).
    static func reservedFunctionStems(pages: Int) -> Set<String> {
        Set((1...max(1, pages)).map { page in String(path(.functions, teamStem: nil, page: page).dropFirst(Kind.functions.rawValue.count + 1)) })
    }

    /// The functions from the costliest (Lambda cost, effective) down; ties by account, region and name.
    static func byCost(_ functions: [FunctionCost]) -> [FunctionCost] { costOrder(functions).map { functions[$0] } }

    /// The positions of `functions` in ``byCost(_:)``'s order (a list page keeps these, not a sorted copy).
    static func costOrder(_ functions: [FunctionCost]) -> [Int] {
        functions.indices.sorted { (functions[$0].effectiveCost, functions[$1].function) > (functions[$1].effectiveCost, functions[$0].function) }
    }

    /// The pages of one list. `team` is `nil` for the fleet's lists, else the team's page stem and label. A page's
    /// rows are made while it renders (``ModelRows``).
    func pages(_ kind: Kind, rows: ModelRows, team: (stem: String, label: String, page: String?)?) -> [Page] {
        let count = Self.pageCount(rows.count)
        let root = team == nil ? "../" : "../../"
        let noun = kind == .functions ? "functions" : "opportunities"
        let title = team.map { "All \(noun) of team \($0.label)" } ?? "All \(noun)"
        return (1...count).map { number in
            let start = (number - 1) * Self.pageRows
            let slice = rows.slice(min(start, rows.count)..<min(start + Self.pageRows, rows.count))
            var model = ReportViewModel.pageKeys(report, context: context, root: root)
            func link(_ page: Int) -> String { Self.path(kind, teamStem: team?.stem, page: page) + ".html" }
            model.merge([
                "list_title": title,
                "list_noun": noun,
                "is_team_list": team != nil,
                "team": team?.label ?? "",
                "has_team_page": team?.page != nil,
                "team_page": team?.page.map { $0 + ".html" } ?? "",
                "shown_\(noun)": slice,
                "has_rows": !slice.isEmpty,
                "total_rows": Format.quantity(FixedDecimal(rows.count), places: 0),
                "first_row": Format.quantity(FixedDecimal(slice.isEmpty ? 0 : start + 1), places: 0),
                "last_row": Format.quantity(FixedDecimal(start + slice.count), places: 0),
                "page_number": number,
                "page_count": count,
                "has_page_links": count > 1,
                "page_links": (1...count).map { ["number": $0, "page": link($0), "is_current": $0 == number] as [String: Any] },
                "has_previous_page": number > 1,
                "previous_page": number > 1 ? link(number - 1) : "",
                "has_next_page": number < count,
                "next_page": number < count ? link(number + 1) : "",
            ]) { _, new in new }
            return Page(path: Self.path(kind, teamStem: team?.stem, page: number), model: ReportViewModel.sanitized(model) as! [String: Any])
        }
    }

    /// The fleet's list of `kind`: every function by cost, or every opportunity by rank.
    func fleet(_ kind: Kind) -> [Page] {
        switch kind {
        case .functions:
            return pages(kind, rows: ModelRows(Self.costOrder(report.functions)) { [report, context] in
                ReportViewModel.functionEntry(report.functions[$0], context: context)
            }, team: nil)
        case .opportunities:
            return pages(kind, rows: ModelRows(report.opportunities.indices) { [report, context] in
                ReportViewModel.opportunityEntry(report.opportunities[$0], rank: $0 + 1, context: context)
            }, team: nil)
        }
    }

    /// A team's list of `kind`, when it has more rows than its page shows (else none).
    func team(_ kind: Kind, _ team: TeamCost) -> [Page] {
        switch kind {
        case .functions:
            guard context.listPage(kind, team: team, count: team.functions.count) != nil, let stem = context.teamStem(team.team) else { return [] }
            let functions = team.functions
            let rows = ModelRows(Self.costOrder(functions)) { [context] in ReportViewModel.functionEntry(functions[$0], context: context) }
            return pages(kind, rows: rows, team: (stem, team.label, context.teamPage(team.team)))
        case .opportunities:
            let ranked = Self.ranked(report, of: team)
            guard context.listPage(kind, team: team, count: ranked.count) != nil, let stem = context.teamStem(team.team) else { return [] }
            let rows = ModelRows(ranked) { [context] in ReportViewModel.opportunityEntry($0.opportunity, rank: $0.rank, context: context) }
            return pages(kind, rows: rows, team: (stem, team.label, context.teamPage(team.team)))
        }
    }

    /// A team's opportunities with their rank in the whole report, in rank order.
    static func ranked(_ report: Report, of team: TeamCost) -> [(rank: Int, opportunity: Opportunity)] {
        let identities = Set(team.functions.map(\.function))
        return report.opportunities.enumerated().filter { identities.contains($0.element.function) }.map { ($0.offset + 1, $0.element) }
    }
}
