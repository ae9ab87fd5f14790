/// The paged full lists behind the index and team pages, which show only the top rows (`[report] top_rows`):
/// every function by Lambda cost and every opportunity by rank, ``pageRows`` a page.
///
/// - The fleet's lists: `functions/index.html`, `functions/index-2.html`, … (rendered from
///   `function-list.html.mustache`) and `opportunities/index.html`, `opportunities/index-2.html`, …
///   (`opportunity-list.html.mustache`), always written when their template exists.
/// - A tag value's lists (a team's, a showback value's), written only when it has more rows than its page shows:
///   `teams/<stem>/functions.html`, `teams/<stem>/functions-2.html`, … and `teams/<stem>/opportunities.html`, …
///   (`showback/<key>/<stem>/…` for a showback value; a folder per page stem, so they never meet a page or
///   another value's list).
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

    /// One page to render: its path without extension (relative to the month's folder) and what makes its model.
    /// The model is made when the page renders and dropped after: a fleet's lists are hundreds of pages, each
    /// linking to every other page of its list (13 MiB of models for 50,000 functions, held until the last page
    /// rendered when they were made up front).
    struct Page {
        var path: String
        var model: () -> [String: Any]
    }

    let report: Report
    let context: RenderContext

    /// How many pages a list of `count` rows takes (one even when it is empty).
    static func pageCount(_ count: Int) -> Int { max(1, (count + pageRows - 1) / pageRows) }

    /// `functions/index-2` for the fleet's second page of functions, `teams/payments/opportunities` for a team's
    /// first page of opportunities (`folder` is the tag value's page path, ``RenderContext/groupPath(_:)``).
    static func path(_ kind: Kind, folder: String?, page: Int) -> String {
        let suffix = page == 1 ? "" : "-\(page)"
        guard let folder else { return "\(kind.rawValue)/index\(suffix)" }
        return "\(folder)/\(kind.rawValue)\(suffix)"
    }

    /// The stems function pages may not take: the fleet's function list pages (`index`, `index-2`, …).
    static func reservedFunctionStems(pages: Int) -> Set<String> {
        Set((1...max(1, pages)).map { page in String(path(.functions, folder: nil, page: page).dropFirst(Kind.functions.rawValue.count + 1)) })
    }

    /// The functions from the costliest (Lambda cost, effective) down; ties by account, region and name.
    static func byCost(_ functions: [FunctionCost]) -> [FunctionCost] { costOrder(functions).map { functions[$0] } }

    /// The positions of `functions` in ``byCost(_:)``'s order (a list page keeps these, not a sorted copy).
    static func costOrder(_ functions: [FunctionCost]) -> [Int] {
        functions.indices.sorted { (functions[$0].effectiveCost, functions[$1].function) > (functions[$1].effectiveCost, functions[$0].function) }
    }

    /// The pages of one list. `group` is `nil` for the fleet's lists, else the tag value's page path (its lists'
    /// folder), its name in a title ("team payments", "project = checkout") and its page when rendered. A page's
    /// model is made when it renders, and its rows while it renders (``ModelRows``).
    func pages(_ kind: Kind, rows: ModelRows, group: ListGroup?) -> [Page] {
        (1...Self.pageCount(rows.count)).map { number in
            Page(path: Self.path(kind, folder: group?.folder, page: number)) { [self] in model(kind, rows: rows, group: group, page: number) }
        }
    }

    /// A tag value's lists: their folder, the value's name in a title, its label and its page when rendered.
    typealias ListGroup = (folder: String, name: String, label: String, page: String?)

    /// The model of page `number` of a list.
    private func model(_ kind: Kind, rows: ModelRows, group: ListGroup?, page number: Int) -> [String: Any] {
        let count = Self.pageCount(rows.count)
        let root = String(repeating: "../", count: group.map { $0.folder.filter { $0 == "/" }.count + 1 } ?? 1)
        let noun = kind == .functions ? "functions" : "opportunities"
        let start = (number - 1) * Self.pageRows
        let slice = rows.slice(min(start, rows.count)..<min(start + Self.pageRows, rows.count))
        var model = ReportViewModel.pageKeys(report, context: context, root: root)
        func link(_ page: Int) -> String { Self.path(kind, folder: group?.folder, page: page) + ".html" }
        model.merge([
            "list_title": group.map { "All \(noun) of \($0.name)" } ?? "All \(noun)",
            "list_noun": noun,
            "is_team_list": group != nil,
            "team": group?.label ?? "",
            "group_name": group?.name ?? "",
            "has_team_page": group?.page != nil,
            "team_page": group?.page.map { $0 + ".html" } ?? "",
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
        return model
    }

    /// The fleet's list of `kind`: every function by cost, or every opportunity by rank.
    func fleet(_ kind: Kind) -> [Page] {
        switch kind {
        case .functions:
            return pages(kind, rows: ModelRows(Self.costOrder(report.functions), lazyRow: { [report, context] in
                FunctionRow.model(report.functions[$0], context: context)
            }), group: nil)
        case .opportunities:
            return pages(kind, rows: ModelRows(report.opportunities.indices, lazyRow: { [report, context] in
                OpportunityRow.model(report.opportunities[$0], rank: $0 + 1, context: context)
            }), group: nil)
        }
    }

    /// A tag value's list of `kind` (a team's, a showback value's), when it has more rows than its page shows (else none).
    func group(_ kind: Kind, _ group: TagValueCost) -> [Page] {
        let name = context.groupName(group)
        switch kind {
        case .functions:
            guard context.listPage(kind, group: group, count: group.functions.count) != nil, let folder = context.groupPath(group) else { return [] }
            let functions = group.functions
            let rows = ModelRows(Self.costOrder(functions), lazyRow: { [context] in FunctionRow.model(functions[$0], context: context) })
            return pages(kind, rows: rows, group: (folder, name, group.label, context.groupPage(group)))
        case .opportunities:
            let ranked = Self.ranked(report, of: Set(group.functions.map(\.function)))
            guard context.listPage(kind, group: group, count: ranked.count) != nil, let folder = context.groupPath(group) else { return [] }
            let rows = ModelRows(ranked, lazyRow: { [report, context] in
                OpportunityRow.model(report.opportunities[Int($0)], rank: Int($0) + 1, context: context)
            })
            return pages(kind, rows: rows, group: (folder, name, group.label, context.groupPage(group)))
        }
    }

    /// The opportunities of a tag value's functions (`identities`), in rank order, as positions in the report's (the rank is the position + 1):
    /// positions, not copies, so a large value's (a tenth of a fleet's opportunities) are not held twice.
    static func ranked(_ report: Report, of identities: Set<FunctionIdentity>) -> [Int32] {
        report.opportunities.indices.filter { identities.contains(report.opportunities[$0].function) }.map { Int32($0) }
    }
}
