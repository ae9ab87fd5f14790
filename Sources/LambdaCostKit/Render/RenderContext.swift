/// What every renderer of one report shares besides the report itself: the run's options, the teams, and the
/// relative paths of the per-item pages (see ``PageFileNames`` for how they are made).
struct RenderContext {
    /// Shown in page footers and `manifest.json` when given (`--generated-at`); never the wall clock.
    var generatedAt: String?
    /// The tag whose value names a function's team (`[teams] tag_key`, default `team`).
    var teamTagKey: String
    /// Where the HTML reports are published (`[report] html_base_url`), for the wiki pages' links.
    var htmlBaseURL: String?
    /// Whether function pages are rendered (the templates folder has a `function.*` template), so links to them work.
    var hasFunctionPages: Bool
    /// Whether team pages are rendered (the templates folder has a `team.*` template).
    var hasTeamPages: Bool
    /// How many functions and opportunities the index and team pages show (`[report] top_rows`).
    var topRows = ReportConfiguration.defaultTopRows
    /// The paged full lists rendered (their templates exist), so links to them work; see ``ListPages``.
    var lists: Set<ListPages.Kind> = Set(ListPages.Kind.allCases)
    /// By team, ordered by name with the untagged group last.
    var teams: [TeamCost]
    /// Each function's page, relative to the month's folder (`functions/004519876321_us-east-1_orders-api.html`).
    private var functionStems: [FunctionIdentity: String]
    /// Each team's page stem, `nil` for the untagged group.
    private var teamStems: [String?: String]
    /// The report's month.
    var month: BillingMonth
    /// Each opportunity's first month of the months it has been open in, by ``Opportunity/id``, when an earlier
    /// report was followed up (``OpportunityFollowUp/openSince``); the month otherwise.
    private var openSince: [String: BillingMonth]

    static let functionFolder = "functions"
    static let teamFolder = "teams"
    /// The untagged group's page stem (`teams/untagged.html`); a team that sanitizes to it gets a hash suffix.
    static let untaggedStem = "untagged"
    /// How the untagged group is named in tables, charts and data files.
    static let untaggedLabel = "(untagged)"

    init(report: Report, generatedAt: String? = nil, teamTagKey: String = TeamBudgets().tagKey,
         hasFunctionPages: Bool = true, hasTeamPages: Bool = true, htmlBaseURL: String? = nil) {
        self.generatedAt = generatedAt
        self.htmlBaseURL = htmlBaseURL
        self.teamTagKey = teamTagKey
        self.hasFunctionPages = hasFunctionPages
        self.hasTeamPages = hasTeamPages
        teams = TeamCost.make(report, tagKey: teamTagKey)
        month = report.month
        openSince = report.followUp?.openSince ?? [:]
        functionStems = PageFileNames.assign(report.functions.filter { !$0.function.isUnattributed }
            .map { (key: $0.function, parts: PageFileNames.functionParts($0.function)) },
            reserved: ListPages.reservedFunctionStems(pages: ListPages.pageCount(report.functions.count)))
        var stems = PageFileNames.assign(teams.compactMap { team in team.team.map { (key: $0, parts: [$0]) } },
                                         reserved: [Self.untaggedStem])
            .reduce(into: [String?: String]()) { $0[$1.key] = $1.value }
        stems[nil] = Self.untaggedStem
        teamStems = stems
    }

    /// The team of a function's tags: the value of the team tag, `nil` when it is missing or blank.
    static func team(of tags: [String: String], tagKey: String) -> String? {
        guard let value = tags[tagKey], !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }

    func team(of function: FunctionCost) -> String? { Self.team(of: function.tags, tagKey: teamTagKey) }

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

    func teamStem(_ team: String?) -> String? { teamStems[team] }

    /// The first page of a paged full list (``ListPages``) of `count` rows, relative to the month's folder, when
    /// it is written: the fleet's (`team` `nil`: always), a team's (when it has more rows than its page shows).
    func listPage(_ kind: ListPages.Kind, team: TeamCost? = nil, count: Int) -> String? {
        guard lists.contains(kind) else { return nil }
        guard let team else { return ListPages.path(kind, teamStem: nil, page: 1) + ".html" }
        guard count > topRows, let stem = teamStem(team.team) else { return nil }
        return ListPages.path(kind, teamStem: stem, page: 1) + ".html"
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

/// One team's month: its functions and what they cost, and their potential savings combined as in the headline.
struct TeamCost {
    /// The team tag's value; `nil` for the functions without one.
    var team: String?
    var functions: [FunctionCost]
    var unblendedCost = FixedDecimal.zero
    var effectiveCost = FixedDecimal.zero
    var onDemandCost = FixedDecimal.zero
    /// What the team's opportunities save within the combined plan (``Report/planSavings(_:)``): the teams add up
    /// to the headline less the fleet-wide Savings Plans purchase.
    var potentialSavings = FixedDecimal.zero

    var label: String { team ?? RenderContext.untaggedLabel }

    /// Every team with at least one function, by name, then the untagged group.
    private mutating func add(_ function: FunctionCost) {
        functions.append(function)
        unblendedCost += function.unblendedCost
        effectiveCost += function.effectiveCost
        onDemandCost += function.onDemandCost
    }

    static func make(_ report: Report, tagKey: String) -> [TeamCost] {
        var byTeam: [String?: TeamCost] = [:]
        for function in report.functions where !function.function.isUnattributed {
            let team = RenderContext.team(of: function.tags, tagKey: tagKey)
            // In place (a copy of the entry would copy its functions on every append: quadratic in a team's size).
            byTeam[team, default: TeamCost(team: team, functions: [])].add(function)
        }
        var opportunities: [FunctionIdentity: [Opportunity]] = [:]
        for opportunity in report.opportunities { opportunities[opportunity.function, default: []].append(opportunity) }
        for (team, var entry) in byTeam {
            entry.potentialSavings = Report.planSavings(entry.functions.flatMap { opportunities[$0.function] ?? [] })
            byTeam[team] = entry
        }
        return byTeam.values.sorted { lhs, rhs in
            switch (lhs.team, rhs.team) {
            case (nil, _): return false
            case (_, nil): return true
            case let (left?, right?): return left < right
            }
        }
    }
}
