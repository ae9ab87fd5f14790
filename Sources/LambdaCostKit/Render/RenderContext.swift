/// What every renderer of one report shares besides the report itself: the run's options, the teams, the showback,
/// and the relative paths of the per-item pages (see ``PageFileNames`` for how they are made).
struct RenderContext {
    /// Shown in page footers and `manifest.json` when given (`--generated-at`); never the wall clock.
    var generatedAt: String?
    /// The tag whose value names a function's team (`[teams] tag_key`, default `team`).
    var teamTagKey: String
    /// Where the HTML reports are published (`[report] html_base_url`), for the wiki pages' links.
    var htmlBaseURL: String?
    /// Whether function pages are rendered (the templates folder has a `function.*` template), so links to them work.
    var hasFunctionPages: Bool
    /// Whether team pages, and the pages of the showback's tag values, are rendered (the templates folder has a
    /// `team.*` template).
    var hasTeamPages: Bool
    /// How many functions and opportunities the index and team pages show (`[report] top_rows`).
    var topRows = ReportConfiguration.defaultTopRows
    /// The paged full lists rendered (their templates exist), so links to them work; see ``ListPages``.
    var lists: Set<ListPages.Kind> = Set(ListPages.Kind.allCases)
    /// By team, ordered by name with the untagged group last.
    var teams: [TagValueCost]
    /// The showback by each tag of `[showback] tag_keys` (``Report/showback``).
    var showback: [TagShowback]
    /// Each function's page, relative to the month's folder (`functions/004519876321_us-east-1_orders-api.html`).
    private var functionStems: [FunctionIdentity: String]
    /// Each team's page stem, `nil` for the untagged group.
    private var teamStems: [String?: String]
    /// Each showback tag key's stem: its folder under `showback/` and its index anchor (`showback-<stem>`).
    private var showbackKeyStems: [String: String]
    /// Each showback tag value's page stem in its key's folder (`nil`: the untagged group), for the keys other
    /// than the team tag (whose values' pages are the team pages).
    private var showbackValueStems: [String: [String?: String]]
    /// The report's month.
    var month: BillingMonth
    /// Each opportunity's first month of the months it has been open in, by ``Opportunity/id``, when an earlier
    /// report was followed up (``OpportunityFollowUp/openSince``); the month otherwise.
    private var openSince: [String: BillingMonth]

    static let functionFolder = "functions"
    static let teamFolder = "teams"
    /// The folder of the showback's tag value pages: `showback/<key>/<value>.html`.
    static let showbackFolder = "showback"
    /// The untagged group's page stem (`teams/untagged.html`); a team that sanitizes to it gets a hash suffix.
    static let untaggedStem = "untagged"
    /// How the untagged group is named in tables, charts and data files.
    static let untaggedLabel = TagValueCost.untaggedLabel

    init(report: Report, generatedAt: String? = nil, teamTagKey: String = TeamBudgets().tagKey,
         hasFunctionPages: Bool = true, hasTeamPages: Bool = true, htmlBaseURL: String? = nil) {
        self.generatedAt = generatedAt
        self.htmlBaseURL = htmlBaseURL
        self.teamTagKey = teamTagKey
        self.hasFunctionPages = hasFunctionPages
        self.hasTeamPages = hasTeamPages
        teams = TagValueCost.group(report.functions, by: teamTagKey, opportunities: TagValueCost.byFunction(report.opportunities))
            .sorted(by: TagValueCost.byName)
        showback = report.showback
        month = report.month
        openSince = report.followUp?.openSince ?? [:]
        functionStems = PageFileNames.assign(report.functions.filter { !$0.function.isUnattributed }
            .map { (key: $0.function, parts: PageFileNames.functionParts($0.function)) },
            reserved: ListPages.reservedFunctionStems(pages: ListPages.pageCount(report.functions.count)))
        teamStems = Self.valueStems(teams)
        showbackKeyStems = PageFileNames.assign(report.showback.map { (key: $0.tagKey, parts: [$0.tagKey]) })
        showbackValueStems = [:]
        for showback in report.showback where showback.tagKey != teamTagKey {
            showbackValueStems[showback.tagKey] = Self.valueStems(showback.groups)
        }
    }

    /// A page stem for each value of one tag, `untagged` for the untagged group.
    private static func valueStems(_ groups: [TagValueCost]) -> [String?: String] {
        var stems = PageFileNames.assign(groups.compactMap { group in group.value.map { (key: $0, parts: [$0]) } },
                                         reserved: [Self.untaggedStem])
            .reduce(into: [String?: String]()) { $0[$1.key] = $1.value }
        stems[nil] = Self.untaggedStem
        return stems
    }

    /// The team of a function: the value of the team tag, `nil` when it is missing or blank.
    func team(of function: FunctionCost) -> String? { TagValueCost.value(of: function.tags, tagKey: teamTagKey) }

    /// The tag keys whose values have pages and daily series: the team tag, then the showback's other keys.
    var groupTagKeys: [String] { [teamTagKey] + showback.map(\.tagKey).filter { $0 != teamTagKey } }

    /// The first month of the run of months the opportunity has been proposed in.
    func openSince(_ opportunity: Opportunity) -> BillingMonth { openSince[opportunity.id] ?? month }

    /// The function's page relative to the month's folder, or `nil` when it has none.
    func functionPage(_ function: FunctionIdentity) -> String? {
        guard hasFunctionPages, let stem = functionStems[function] else { return nil }
        return "\(Self.functionFolder)/\(stem)"
    }

    /// The function page's stem (for every extension of the per-function templates).
    func functionStem(_ function: FunctionIdentity) -> String? { functionStems[function] }

    /// The team's page (`nil`: the untagged group) relative to the month's folder, without its extension.
    func teamPage(_ team: String?) -> String? {
        guard hasTeamPages, let stem = teamStems[team] else { return nil }
        return "\(Self.teamFolder)/\(stem)"
    }

    /// Where a tag value's page is written, relative to the month's folder, without its extension: a team's
    /// (`teams/<stem>`) for the team tag, else `showback/<key stem>/<value stem>`; `nil` for a value of no page.
    func groupPath(_ group: TagValueCost) -> String? {
        if group.tagKey == teamTagKey { return teamStems[group.value].map { "\(Self.teamFolder)/\($0)" } }
        guard let key = showbackKeyStems[group.tagKey], let stem = showbackValueStems[group.tagKey]?[group.value] else { return nil }
        return "\(Self.showbackFolder)/\(key)/\(stem)"
    }

    /// How a tag value is named in titles: `team payments`, `team (untagged)`, `project = checkout`, `project (untagged)`.
    func groupName(_ group: TagValueCost) -> String {
        if group.tagKey == teamTagKey { return "team \(group.label)" }
        return group.value.map { "\(group.tagKey) = \($0)" } ?? "\(group.tagKey) \(TagValueCost.untaggedLabel)"
    }

    /// The tag value's page (see ``groupPath(_:)``), when pages are rendered.
    func groupPage(_ group: TagValueCost) -> String? { hasTeamPages ? groupPath(group) : nil }

    /// The index's anchor of a showback tag key's table (`showback-project`).
    func showbackAnchor(_ tagKey: String) -> String { "showback-" + (showbackKeyStems[tagKey] ?? PageFileNames.emptyStem) }

    /// The tag value pages to render: every team's, then every value of the showback's other tag keys.
    var pagedGroups: [TagValueCost] { teams + showback.filter { $0.tagKey != teamTagKey }.flatMap(\.groups) }

    /// The first page of a paged full list (``ListPages``) of `count` rows, relative to the month's folder, when
    /// it is written: the fleet's (`group` `nil`: always), a tag value's (when it has more rows than its page shows).
    func listPage(_ kind: ListPages.Kind, group: TagValueCost? = nil, count: Int) -> String? {
        guard lists.contains(kind) else { return nil }
        guard let group else { return ListPages.path(kind, folder: nil, page: 1) + ".html" }
        guard count > topRows, let folder = groupPath(group) else { return nil }
        return ListPages.path(kind, folder: folder, page: 1) + ".html"
    }

    /// The keys of a table that shows the first ``topRows`` of its rows (`noun`: `functions`, `opportunities`,
    /// `findings`, `skipped`): `shown_<noun>` (the rows shown, at most ``topRows`` of `rows`), `has_more_<noun>`,
    /// `more_<noun>_count`, `all_<noun>_count`, `shown_<noun>_count`, and `has_<noun>_list` with
    /// `<noun>_list_page` when `listPage` is given. `rows` makes the entries of the first rows; `total` counts all.
    func shownKeys(_ noun: String, total: Int, listPage: String? = nil, rows: (Int) -> [[String: Any]]) -> [String: Any] {
        let shown = rows(min(topRows, total))
        func count(_ value: Int) -> String { Format.quantity(FixedDecimal(value), places: 0) }
        return [
            "shown_\(noun)": shown,
            "shown_\(noun)_count": count(shown.count),
            "all_\(noun)_count": count(total),
            "has_more_\(noun)": total > shown.count,
            "more_\(noun)_count": count(total - shown.count),
            "has_\(noun)_list": listPage != nil,
            "\(noun)_list_page": listPage ?? "",
        ]
    }
}
