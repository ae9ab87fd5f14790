/// The models of the per-item templates: one function page (`function.*`), one tag value page (`team.*`: a
/// team's, a showback value's). Each has the keys of ``ReportViewModel/pageKeys(_:context:root:)`` (with `root`
/// the way back to the month's folder) plus its item's keys; see `templates/README.md`.
struct ItemPageModels {
    let report: Report
    let context: RenderContext
    /// Positions in the report's opportunities (their rank is the position + 1), findings and skips, by function:
    /// positions, not copies, so a fleet's opportunities are not held twice while its pages render.
    private var opportunities: [FunctionIdentity: [Int32]] = [:]
    private var findings: [FunctionIdentity: [Int32]] = [:]
    private var skipped: [FunctionIdentity: [Int32]] = [:]
    private var alternatives: [FunctionIdentity: Int32] = [:]
    /// Functions whose page draws the hourly heat strip (about 60 KB of SVG each): the costliest, and every
    /// function with a finding or a provisioned concurrency analysis. The others show the daily chart only,
    /// which keeps a fleet's pages small and quick to render.
    private let hourlyViews: Set<FunctionIdentity>
    static let hourlyViewsOfCostliest = 50

    /// ``ReportViewModel/pageKeys(_:context:root:)`` of a function page, the same for every function.
    private let functionPageKeys: [String: Any]

    init(report: Report, context: RenderContext) {
        self.report = report
        self.context = context
        functionPageKeys = ReportViewModel.pageKeys(report, context: context, root: Self.root)
        for (index, opportunity) in report.opportunities.enumerated() {
            opportunities[opportunity.function, default: []].append(Int32(index))
        }
        for (index, finding) in report.findings.enumerated() { findings[finding.function, default: []].append(Int32(index)) }
        for (index, skip) in report.skipped.enumerated() { skipped[skip.function, default: []].append(Int32(index)) }
        for (index, priced) in report.alternatives.enumerated() { alternatives[priced.function] = Int32(index) }
        let costliest = report.functions.sorted { ($0.effectiveCost, $1.function) > ($1.effectiveCost, $0.function) }
            .prefix(Self.hourlyViewsOfCostliest).map(\.function)
        hourlyViews = Set(costliest).union(report.findings.map(\.function)).union(report.provisionedConcurrency.map(\.function))
    }

    static let root = "../"

    // MARK: - Function page

    func function(_ function: FunctionCost, series: LedgerSeries.FunctionSeries) -> LazyModel {
        let identity = function.function
        let month = report.month

        let ranked = (opportunities[identity] ?? []).map { (rank: Int($0) + 1, opportunity: report.opportunities[Int($0)]) }
        let ownFindings = (findings[identity] ?? []).map { report.findings[Int($0)] }
        let ownSkipped = (skipped[identity] ?? []).map { report.skipped[Int($0)] }
        let anomalyDays = LedgerSeries.anomalyDays(ownFindings)
        let tags = function.tags.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] }
        let costRows = function.usage.sorted { $0.key < $1.key }.map { key, slice in Self.costRow(key, slice) }
        let usageCost = FixedDecimal.sum(function.usage.values.map(\.unblendedCost))
        let otherCharges = function.unblendedCost - usageCost
        let otherEffectiveCharges = function.effectiveCost - FixedDecimal.sum(function.usage.values.map(\.effectiveCost))
        let metrics = function.metrics.map(Self.metricRows) ?? []
        let savings = Report.planSavings(ranked.map(\.opportunity))

        let page: [String: Any] = [
            "has_tags": !tags.isEmpty,
            "tag_list": tags,
            "has_qualifiers": !function.qualifiers.isEmpty,
            "has_team": context.team(of: function) != nil,
            "provisioned_duration_gb_seconds": Format.quantity(function.provisionedDurationGBSeconds, places: 1),
            "has_catalog": function.catalog != nil,
            "list_cost": function.catalog.map { Format.usd($0.listCost) } ?? "",
            "has_missing_prices": !(function.catalog?.missingPrices.isEmpty ?? true),
            "cost_rows": costRows,
            "has_other_charges": !otherCharges.isZero || !otherEffectiveCharges.isZero,
            "other_charges": Format.usd(otherCharges),
            "other_effective_charges": Format.usd(otherEffectiveCharges),
            "has_metrics": !metrics.isEmpty,
            "metrics": metrics,
            "duration_budget": Self.durationBudget(DurationBudget.make(function, prices: report.listPrices), invocations: function.metrics?.invocations),
            "potential_savings": Format.usd(savings),
            "has_opportunities": !ranked.isEmpty,
            "opportunities": ranked.map { rank, opportunity in
                // The memory curve is drawn in the opportunity it belongs to.
                let row = OpportunityRow.model(opportunity, rank: rank, context: context)
                let chart = ReportCharts.memoryCurve(opportunity, id: "curve-\(rank)")
                let curve: [String: Any] = ["has_curve_chart": chart != nil, "chart_curve": TrustedMarkup(markup: chart?.svg() ?? "")]
                return LazyModel { key in curve[key] ?? row[key] }
            },
            "model_tokens": Self.modelTokens(ModelTokenBill(function)),
            "waiting_alternatives": Self.waitingAlternatives(alternatives[identity].map { report.alternatives[Int($0)] }),
            "has_findings": !ownFindings.isEmpty,
            "findings": ownFindings.map { ReportViewModel.findingEntry($0, context: context) },
            "has_skipped": !ownSkipped.isEmpty,
            "skipped": ownSkipped.map { ReportViewModel.skippedEntry($0, context: context) },
            "has_anomaly_days": !anomalyDays.isEmpty,
            "anomaly_days": anomalyDays.sorted().map(String.init).joined(separator: ", "),
            "chart_daily_cost": TrustedMarkup(markup: ReportCharts.daily(
                id: "daily-cost", title: "\(identity.name): Lambda cost per day, \(month)", month: month,
                daily: series.daily, anomalyDays: anomalyDays).svg()),
            "has_hourly_cost": !series.looksDaily && hourlyViews.contains(identity),
            "hourly_cost_omitted": !series.looksDaily && !hourlyViews.contains(identity),
            "chart_hourly_cost": TrustedMarkup(markup: series.looksDaily || !hourlyViews.contains(identity)
                ? "" : ReportCharts.hourly(identity, month: month, hourly: series.hourly).svg()),
        ]
        // The page's own keys, then the function's row (made as the template looks them up), then the keys every page has.
        let row = FunctionRow.model(function, context: context)
        let shared = functionPageKeys
        return LazyModel { key in page[key] ?? row[key] ?? shared[key] }
    }

    /// The wrapper against its token bill (``ModelTokenBill``): `has_model_tokens` false for a function that calls no
    /// model the bill shows.
    static func modelTokens(_ bill: ModelTokenBill?) -> [String: Any] {
        guard let bill else { return ["has_model_tokens": false] }
        let ratio = bill.wrapperPerTokenDollar.map { Format.quantity($0, places: 2) } ?? ""
        return [
            "has_model_tokens": true,
            "lambda_cost": Format.usd(bill.lambdaCost),
            "input_tokens": Format.usd(bill.inputTokens),
            "output_tokens": Format.usd(bill.outputTokens),
            "has_other_model_cost": bill.otherModelCost > .zero,
            "other_model_cost": Format.usd(bill.otherModelCost),
            "tokens": Format.usd(bill.tokens),
            "wrapper_costs_more": bill.wrapperCostsMore,
            "has_ratio": !ratio.isEmpty,
            "wrapper_per_token_dollar": ratio,
        ]
    }

    /// The alternatives to waiting (``WaitingAlternatives``): `has_alternatives` false for a function that does not
    /// wait.
    static func waitingAlternatives(_ priced: WaitingAlternatives?) -> [String: Any] {
        guard let priced else { return ["has_alternatives": false] }
        let cheapest = priced.cheapest
        return [
            "has_alternatives": true,
            "today": Format.usd(priced.todayAtListPrices),
            "has_cheaper": cheapest != nil,
            "cheapest_label": cheapest?.kind.label ?? "",
            "cheapest_saving": cheapest?.monthlyCost.map { Format.usd(priced.todayAtListPrices - $0) } ?? "",
            "alternatives": priced.alternatives.map { alternative -> [String: Any] in
                let cost = alternative.monthlyCost
                return [
                    "kind": alternative.kind.rawValue, "label": alternative.kind.label,
                    "priced": cost != nil, "not_checked": alternative.notChecked ?? "",
                    "monthly_cost": cost.map(Format.usd) ?? "",
                    "difference": cost.map { Format.usd($0 - priced.todayAtListPrices) } ?? "",
                    "cheaper": cost.map { $0 < priced.todayAtListPrices } ?? false,
                    "confidence": alternative.confidence.rawValue,
                    "parts": alternative.parts.map { ["name": $0.name, "quantity": $0.quantity, "cost": Format.usd($0.cost)] },
                    "parts_text": alternative.parts.map { "\($0.name) \(Format.usd($0.cost))" }.joined(separator: "; "),
                    "assumptions": alternative.assumptions.map { ["text": $0] },
                ]
            },
        ]
    }

    /// The month's cost at the average billed duration and at p99 (``DurationBudget``), or why it was not checked.
    static func durationBudget(_ budget: DurationBudget, invocations: FixedDecimal?) -> [String: Any] {
        switch budget {
        case .priced(let atAverage, let atP99, let averageMs, let averageIsBilled, let p99BilledMs, let streaming):
            let ratio = atAverage > .zero ? atP99.multipliedIfRepresentable(by: FixedDecimal(1), dividedBy: atAverage) : nil
            var streamingKeys: [String: Any] = ["streaming_priced": false, "has_streaming_not_checked": false]
            switch streaming {
            case .notGiven: break
            case .priced(let streamedAtAverage, let streamedAtP99, let averageBytes, let p99Bytes):
                let mebibyte = FixedDecimal(1 << 20)
                streamingKeys = [
                    "streaming_priced": true, "has_streaming_not_checked": false,
                    "streamed_at_average": Format.usd(streamedAtAverage), "streamed_at_p99": Format.usd(streamedAtP99),
                    "streamed_average_mb": Format.quantity(averageBytes.divided(by: mebibyte), places: 1),
                    "streamed_p99_mb": Format.quantity(p99Bytes.divided(by: mebibyte), places: 1),
                ]
            case .notChecked(let reason):
                streamingKeys["has_streaming_not_checked"] = true
                streamingKeys["streaming_not_checked"] = reason
            }
            return streamingKeys.merging([
                "priced": true,
                "invocations": Format.quantity(invocations ?? .zero, places: 0),
                "average_ms": Format.quantity(averageMs, places: 1),
                "average_is_billed": averageIsBilled,
                "p99_ms": Format.quantity(p99BilledMs, places: 0),
                "at_average": Format.usd(atAverage),
                "at_p99": Format.usd(atP99),
                "ratio": ratio.map { Format.quantity($0, places: 2) + "×" } ?? "",
                "has_ratio": ratio != nil,
            ]) { _, new in new }
        case .notChecked(let reason): return ["priced": false, "not_checked": reason]
        }
    }

    /// Names of the usage kinds, their units and decimals, as the cost table shows them.
    static let kindNames: [UsageKind: (name: String, unit: String, places: Int)] = [
        .requests: ("Requests", "requests", 0),
        .duration: ("Duration", "GB-s", 1),
        .provisionedConcurrency: ("Provisioned concurrency", "GB-s", 1),
        .provisionedDuration: ("Provisioned duration", "GB-s", 1),
        .ephemeralStorage: ("Ephemeral storage", "GB-s", 1),
        .streamingBytes: ("Streamed response", "bytes", 0),
        .snapStartCache: ("SnapStart cache", "GB-s", 1),
        .snapStartRestore: ("SnapStart restore", "GB", 3),
        .edgeRequests: ("Lambda@Edge requests", "requests", 0),
        .edgeDuration: ("Lambda@Edge duration", "GB-s", 1),
        .dataTransfer: ("Data transfer", "GB", 3),
    ]

    static func costRow(_ key: UsageSlice.Key, _ slice: UsageSlice) -> [String: Any] {
        let kind = kindNames[key.kind] ?? (key.kind.rawValue, "", 3)
        func quantity(_ value: FixedDecimal) -> String {
            let number = Format.quantity(value, places: kind.places)
            return kind.unit.isEmpty ? number : number + " " + kind.unit
        }
        return [
            "architecture": key.architecture.rawValue,
            "kind": key.kind.rawValue,
            "kind_label": kind.name,
            "quantity": quantity(slice.quantity),
            "free_tier_quantity": quantity(slice.freeTierQuantity),
            "covered_quantity": quantity(slice.coveredQuantity),
            "unblended_cost": Format.usd(slice.unblendedCost),
            "effective_cost": Format.usd(slice.effectiveCost),
            "on_demand_cost": Format.usd(slice.onDemandCost),
        ]
    }

    /// The metrics the scenarios used, as name and formatted value; missing ones are left out.
    static func metricRows(_ metrics: FunctionMetrics) -> [[String: Any]] {
        func number(_ value: FixedDecimal?, _ places: Int, _ unit: String) -> String? {
            value.map { Format.quantity($0, places: places) + (unit.isEmpty ? "" : " " + unit) }
        }
        let rows: [(String, String?)] = [
            ("Architecture (metrics)", metrics.architecture?.rawValue),
            ("Memory", metrics.memoryMB.map { Format.quantity(FixedDecimal($0), places: 0) + " MB" }),
            ("Max memory used", number(metrics.maxMemoryUsedMB, 0, "MB")),
            ("Ephemeral storage", metrics.ephemeralMB.map { Format.quantity(FixedDecimal($0), places: 0) + " MB" }),
            ("Timeout", number(metrics.timeoutSeconds, 1, "s")),
            ("Trigger", metrics.trigger),
            ("SQS visibility timeout", number(metrics.sqsVisibilityTimeoutSeconds, 1, "s")),
            ("Invocations", number(metrics.invocations, 0, "")),
            ("Average duration", number(metrics.averageDurationMs, 1, "ms")),
            ("p50 duration", number(metrics.p50DurationMs, 1, "ms")),
            ("p99 duration", number(metrics.p99DurationMs, 1, "ms")),
            ("Average billed duration", number(metrics.averageBilledDurationMs, 1, "ms")),
            ("Average CPU time", number(metrics.averageCPUTimeMs, 1, "ms")),
            ("Cold starts", number(metrics.coldStarts, 0, "")),
            ("Average init duration", number(metrics.averageInitDurationMs, 1, "ms")),
            ("Errors", number(metrics.errors, 0, "")),
            ("Timeouts", number(metrics.timeouts, 0, "")),
        ]
        return rows.compactMap { name, value in value.map { ["name": name, "value": $0] } }
    }

    // MARK: - Tag value page

    /// The page of a team, or of a value of a showback tag; `share` is its share of the functions' Lambda cost.
    func group(_ group: TagValueCost, share: FixedDecimal?, daily: [FixedDecimal]) -> [String: Any] {
        let identities = Set(group.functions.map(\.function))
        let ranked = ListPages.ranked(report, of: identities)
        let teamFindings = report.findings.filter { identities.contains($0.function) }
        let anomalyDays = LedgerSeries.anomalyDays(teamFindings)
        let root = String(repeating: "../", count: (context.groupPath(group) ?? "").filter { $0 == "/" }.count)
        var model = ReportViewModel.pageKeys(report, context: context, root: root)
        model.merge(ReportViewModel.groupEntry(group, share: share, context: context)) { _, new in new }
        let isTeam = group.tagKey == context.teamTagKey
        let title = isTeam ? group.label : context.groupName(group)
        model.merge([
            "is_team": isTeam,
            "group_name": context.groupName(group),
            "index_anchor": isTeam ? "teams" : context.showbackAnchor(group.tagKey),
        ]) { _, new in new }
        let functions = group.functions.sorted { ($0.effectiveCost, $1.function) > ($1.effectiveCost, $0.function) }
        // The full lists are made row by row if a template renders them (ModelRows): a large team's would be
        // hundreds of megabytes of entries.
        model.merge([
            "functions": ModelRows(functions, lazyRow: { FunctionRow.model($0, context: context) }),
            "has_opportunities": !ranked.isEmpty,
            "opportunities": ModelRows(ranked, lazyRow: { [report] in
                OpportunityRow.model(report.opportunities[Int($0)], rank: Int($0) + 1, context: context)
            }),
            "has_findings": !teamFindings.isEmpty,
            "findings": ModelRows(teamFindings) { ReportViewModel.findingEntry($0, context: context) },
            "has_anomaly_days": !anomalyDays.isEmpty,
            "anomaly_days": anomalyDays.sorted().map(String.init).joined(separator: ", "),
            "chart_top_functions": TrustedMarkup(markup: ReportCharts.topFunctions(
                functions, id: "team-top-functions", title: "\(title): the costliest functions").svg()),
            "chart_daily_cost": TrustedMarkup(markup: ReportCharts.daily(
                id: "daily-cost", title: "\(title): Lambda cost per day, \(report.month)", month: report.month,
                daily: daily, anomalyDays: anomalyDays).svg()),
        ]) { _, new in new }
        // The page shows the top rows and links to the team's full lists when it has more (ListPages).
        model.merge(context.shownKeys("functions", total: functions.count,
                                      listPage: context.listPage(.functions, group: group, count: functions.count)) {
            functions.prefix($0).map { ReportViewModel.functionEntry($0, context: context) }
        }) { _, new in new }
        model.merge(ReportViewModel.moreFunctionsKeys(functions.dropFirst(context.topRows))) { _, new in new }
        model.merge(context.shownKeys("opportunities", total: ranked.count,
                                      listPage: context.listPage(.opportunities, group: group, count: ranked.count)) {
            ranked.prefix($0).map { ReportViewModel.opportunityEntry(report.opportunities[Int($0)], rank: Int($0) + 1, context: context) }
        }) { _, new in new }
        model.merge(context.shownKeys("findings", total: teamFindings.count) {
            teamFindings.prefix($0).map { ReportViewModel.findingEntry($0, context: context) }
        }) { _, new in new }
        return model
    }
}
