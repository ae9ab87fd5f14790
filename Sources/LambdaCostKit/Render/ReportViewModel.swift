/// Turns the report into the plain values templates show: every number already formatted, every text raw
/// (the template engine escapes it for HTML or CSV). See `templates/README.md` for the keys.
enum ReportViewModel {
    /// The model of the report-wide templates (`index.html`, the CSV files, the wiki pages, `findings.html`,
    /// `savings-plans.html`, `changes.html`). Without `series` the ledger is read once for the daily chart.
    static func make(_ report: Report, context: RenderContext? = nil, series: LedgerSeries? = nil) -> [String: Any] {
        let context = context ?? RenderContext(report: report)
        let series = series ?? LedgerSeries.walk(report, context) { _, _ in }
        let parts = [CommitmentViewModel.make(report), ComparisonViewModel.make(report, topRows: context.topRows), FollowUpViewModel.make(report, topRows: context.topRows), PlanViewModel.make(report),
                     HTMLReportLinks.keys(base: context.htmlBaseURL, month: report.month.description)]
        return parts.reduce(model(report, context: context, series: series)) { $0.merging($1) { first, _ in first } }
    }

    /// The keys every page has, report-wide and per item: `root` is the way back to the month's folder from
    /// the page (`""` for `index.html`, `"../"` for `functions/….html`).
    static func pageKeys(_ report: Report, context: RenderContext, root: String) -> [String: Any] {
        [
            "root": root,
            "month": report.month.description,
            "tool_version": ToolVersion.current,
            "catalog_version": report.catalogVersion,
            "catalog_prices_as_of": report.catalogPricesAsOf,
            "generated_at": context.generatedAt ?? "",
            "has_generated_at": context.generatedAt != nil,
            "team_tag_key": context.teamTagKey,
            "has_function_pages": context.hasFunctionPages,
            "has_team_pages": context.hasTeamPages,
            "month_complete": report.ingest.monthComplete,
            "last_usage_hour": report.ingest.coverage.lastUsageHour.map(lastUsageHourText) ?? "",
            "has_last_usage_hour": report.ingest.coverage.lastUsageHour != nil,
        ]
    }

    /// `2026-10-15 07:00 UTC`: the start of the month's last hour with usage, for the incomplete-month banner.
    static func lastUsageHourText(_ hour: UsageHour) -> String {
        let iso = hour.description  // 2026-10-15T07:00:00Z
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(5)) UTC"
    }

    private static func model(_ report: Report, context: RenderContext, series: LedgerSeries) -> [String: Any] {
        let ingest = report.ingest
        let totals = ingest.totals
        // The long lists are made row by row as a template renders them (ModelRows).
        let opportunities = ModelRows(report.opportunities.indices, lazyRow: { index in
            OpportunityRow.model(report.opportunities[index], rank: index + 1, context: context)
        })
        let functions = ModelRows(report.functions, lazyRow: { FunctionRow.model($0, context: context) })
        let unattributed: [[String: Any]] = report.unattributed.sorted { $0.key < $1.key }.map { charge, cost in
            ["charge": charge, "label": "\(ReportWorkbook.noFunctionLabel): \(charge)",
             "unblended_cost": Format.usd(cost.unblendedCost), "unblended_cost_usd": Format.csvMoney(cost.unblendedCost),
             "effective_cost": Format.usd(cost.effectiveCost), "effective_cost_usd": Format.csvMoney(cost.effectiveCost)]
        }
        let noFunction = report.unattributedTotal
        let bridge = report.costBridge
        let rejectExamples: [[String: Any]] = ingest.rejects.examples.prefix(Self.rejectExamples).map { row in
            [
                "file": row.location.file, "line": row.location.line, "column": row.location.column,
                "reason": row.reason, "raw": row.raw,
                "unblended_cost_usd": row.unblendedCost.map(Format.csvMoney) ?? "",
            ]
        }
        let skipped = ModelRows(report.skipped) { skippedEntry($0, context: context) }
        let gaps: [[String: Any]] = report.pricingGaps.map { gap in
            ["account_id": gap.accountID, "region": gap.region, "architecture": gap.architecture.rawValue, "charge": gap.charge.rawValue,
             "bill": Format.usd(gap.billOnDemandCost), "catalog": gap.catalogCost.map(Format.usd) ?? "missing",
             "gap": Format.usd(gap.gap), "gap_usd": Format.csvMoney(gap.gap), "summary": gap.summary]
        }
        let findings = ModelRows(report.findings) { findingEntry($0, context: context) }
        let diagnostics: [[String: Any]] = ingest.diagnostics.filter { $0.severity != .error }.map { ["text": $0.description] }
        let teams: [[String: Any]] = context.teams.map { groupEntry($0, share: nil, context: context) }
        let anomalyDays = LedgerSeries.anomalyDays(report.findings).sorted()

        // The findings page groups findings by what they are about; each group shows its first rows by money at
        // risk (`[report] top_rows`, the keys of RenderContext.shownKeys under `<group>_findings`), all of them being
        // in findings.csv and the workbook.
        func group(_ noun: String, _ include: (Finding) -> Bool) -> [String: Any] {
            let members = report.findings.filter(include)
            var keys = context.shownKeys(noun, total: members.count) { members.prefix($0).map { findingEntry($0, context: context) } }
            keys["has_\(noun)"] = !members.isEmpty
            keys[noun] = ModelRows(members) { findingEntry($0, context: context) }
            return keys
        }
        let findingGroups = [
            group("timeout_findings") { $0.kind.contains("timeout") },
            group("anomaly_findings") { $0.kind == AnomalyScenario.identifier },
            group("idle_findings") { $0.kind == IdleWaitScenario.identifier },
            group("other_findings") { !$0.kind.contains("timeout") && $0.kind != AnomalyScenario.identifier && $0.kind != IdleWaitScenario.identifier },
        ]
        let rejectCount = ingest.rejects.records
        // What the metrics let the timeout and idle-wait checks read (TimeoutScenario, IdleWaitScenario).
        let timeoutCoverage = CheckCoverage(report.functions, needs: "timeout_s and memory_mb") {
            $0.timeoutSeconds != nil && $0.memoryMB != nil
        }
        let idleCoverage = CheckCoverage(report.functions, needs: "avg_duration_ms and avg_cpu_time_ms") {
            $0.averageDurationMs != nil && $0.averageCPUTimeMs != nil
        }

        var model = pageKeys(report, context: context, root: "")
        model.merge([
            // "Lambda cost" is the effective (amortized) cost everywhere; billed and list cost are named so.
            "lambda_cost": Format.usd(report.lambdaEffectiveCost),
            "lambda_effective_cost": Format.usd(report.lambdaEffectiveCost),
            "lambda_billed_cost": Format.usd(report.lambdaBilledCost),
            "lambda_list_cost": Format.usd(bridge.list),
            "list_cost_is_partial": bridge.listIsPartial,
            // The bridges: billed + amortization − negations = effective; list − tiers − free tier = catalog.
            "bridge_billed": Format.usd(bridge.billed),
            "bridge_savings_plan_amortization": Format.usd(bridge.savingsPlanAmortization),
            "bridge_savings_plan_negations": Format.usd(bridge.savingsPlanNegations),
            "bridge_savings_plan_negations_removed": Format.usd(FixedDecimal.zero - bridge.savingsPlanNegations),
            "bridge_effective": Format.usd(bridge.effective),
            "bridge_list": Format.usd(bridge.list),
            "bridge_tier_discount": Format.usd(bridge.tierDiscount),
            "bridge_free_tier": Format.usd(bridge.freeTierDiscount),
            "bridge_catalog": Format.usd(bridge.catalog),
            "bridge_billed_exact": bridge.billed.description,
            "bridge_savings_plan_amortization_exact": bridge.savingsPlanAmortization.description,
            "bridge_savings_plan_negations_exact": bridge.savingsPlanNegations.description,
            "bridge_effective_exact": bridge.effective.description,
            "bridge_list_exact": bridge.list.description,
            "bridge_tier_discount_exact": bridge.tierDiscount.description,
            "bridge_free_tier_exact": bridge.freeTierDiscount.description,
            "bridge_catalog_exact": bridge.catalog.description,
            // The last rows of the tables of money per function: the charges of no function, then the total.
            "no_function_unblended_cost": Format.usd(noFunction.unblendedCost),
            "no_function_effective_cost": Format.usd(noFunction.effectiveCost),
            "total_unblended_cost": Format.usd(FixedDecimal.sum(report.functions.map(\.unblendedCost)) + noFunction.unblendedCost),
            "total_effective_cost": Format.usd(FixedDecimal.sum(report.functions.map(\.effectiveCost)) + noFunction.effectiveCost),
            "total_on_demand_cost": Format.usd(FixedDecimal.sum(report.functions.map(\.onDemandCost))),
            "total_catalog_cost": Format.usd(FixedDecimal.sum(report.functions.compactMap { $0.catalog?.netCost })),
            "teams_total_potential_savings": Format.usd(FixedDecimal.sum(context.teams.map(\.potentialSavings))),
            "potential_savings": Format.usd(report.potentialSavings),
            "function_count": report.functions.count,
            "input_total": Format.usd(totals.input),
            "other_services_total": Format.usd(totals.otherServices),
            "rejected_total": Format.usd(totals.rejected),
            "outside_month_total": Format.usd(totals.outsideMonth),
            "input_total_exact": totals.input.description,
            "lambda_total_exact": totals.lambda.description,
            "other_services_total_exact": totals.otherServices.description,
            "rejected_total_exact": totals.rejected.description,
            "outside_month_total_exact": totals.outsideMonth.description,
            "rows_read": Format.quantity(FixedDecimal(ingest.rows.read), places: 0),
            "rows_lambda": Format.quantity(FixedDecimal(ingest.rows.lambda), places: 0),
            "rows_other_services": Format.quantity(FixedDecimal(ingest.rows.otherServices), places: 0),
            "rows_rejected": Format.quantity(FixedDecimal(ingest.rows.rejected), places: 0),
            "rows_outside_month": Format.quantity(FixedDecimal(ingest.rows.outsideMonth), places: 0),
            "rows_rejected_without_cost": Format.quantity(FixedDecimal(ingest.rejectedRowsWithoutCost), places: 0),
            "has_opportunities": !opportunities.isEmpty,
            "opportunities": opportunities,
            "top_opportunities": report.opportunities.prefix(10).enumerated().map { index, opportunity in
                opportunityEntry(opportunity, rank: index + 1, context: context)
            },
            "functions": functions,
            "has_unattributed": !unattributed.isEmpty,
            "unattributed": unattributed,
            "has_rejects": rejectCount > 0,
            "has_skipped": !skipped.isEmpty,
            "skipped": skipped,
            "has_findings": !findings.isEmpty,
            "findings": findings,
            "findings_count": findings.count,
            "has_pricing_gaps": !gaps.isEmpty,
            "pricing_gaps": gaps,
            "pricing_gaps_count": gaps.count,
            "has_diagnostics": !diagnostics.isEmpty,
            "diagnostics": diagnostics,
            "has_teams": !teams.isEmpty,
            "teams": teams,
            "reject_files": ingest.rejects.files.map { file in
                ["file": file.path, "rows": Format.quantity(FixedDecimal(file.rows), places: 0), "unblended_cost": Format.usd(file.cost),
                 "rows_without_cost": Format.quantity(FixedDecimal(file.withoutCost), places: 0)] as [String: Any]
            },
            "reject_examples": rejectExamples,
            "has_more_rejects": rejectCount > rejectExamples.count,
            "more_rejects": Format.quantity(FixedDecimal(rejectCount - rejectExamples.count), places: 0),
            "has_anomaly_days": !anomalyDays.isEmpty,
            "anomaly_days": anomalyDays.map(String.init).joined(separator: ", "),
            "chart_savings_by_scenario": TrustedMarkup(markup: ReportCharts.savingsByScenario(report).svg()),
            "chart_cost_by_region": TrustedMarkup(markup: ReportCharts.costByRegion(report).svg()),
            "chart_cost_by_architecture": TrustedMarkup(markup: ReportCharts.costByArchitecture(report).svg()),
            "chart_cost_by_team": TrustedMarkup(markup: ReportCharts.costByTeam(context.teams, tagKey: context.teamTagKey).svg()),
            "chart_top_functions": TrustedMarkup(markup: ReportCharts.topFunctions(report.functions).svg()),
            "chart_daily_cost": TrustedMarkup(markup: ReportCharts.daily(
                id: "daily-cost", title: "Lambda cost per day, \(report.month)", month: report.month,
                daily: series.daily, anomalyDays: Set(anomalyDays)).svg()),
        ]) { _, new in new }
        model.merge(otherServicesKeys(report, context: context)) { _, new in new }
        model["waiting_alternatives"] = ModelRows(report.alternatives.flatMap { priced in
            priced.alternatives.map { (priced, $0) }
        }) { priced, alternative in alternativeEntry(priced, alternative) }
        model["has_waiting_alternatives"] = !report.alternatives.isEmpty
        model.merge(showbackKeys(report, context: context)) { _, new in new }
        // The index shows the top rows of its long tables and links to the paged full lists (ListPages).
        let byCost = ListPages.byCost(report.functions)
        model.merge(context.shownKeys("functions", total: byCost.count, listPage: context.listPage(.functions, count: byCost.count)) {
            byCost.prefix($0).map { functionEntry($0, context: context) }
        }) { _, new in new }
        model.merge(moreFunctionsKeys(byCost.dropFirst(context.topRows))) { _, new in new }
        model.merge(context.shownKeys("opportunities", total: opportunities.count,
                                      listPage: context.listPage(.opportunities, count: opportunities.count)) {
            report.opportunities.prefix($0).enumerated().map { index, opportunity in opportunityEntry(opportunity, rank: index + 1, context: context) }
        }) { _, new in new }
        model.merge(context.shownKeys("findings", total: findings.count) { report.findings.prefix($0).map { findingEntry($0, context: context) } }) { _, new in new }
        model.merge(context.shownKeys("skipped", total: skipped.count) { report.skipped.prefix($0).map { skippedEntry($0, context: context) } }) { _, new in new }
        for keys in findingGroups { model.merge(keys) { _, new in new } }
        model.merge(timeoutCoverage.templateKeys("timeout")) { _, new in new }
        model.merge(idleCoverage.templateKeys("idle")) { _, new in new }
        return model
    }

    /// The functions a page leaves out of its table, summed for the table's "other functions" row:
    /// `more_functions_unblended_cost`, `…_effective_cost`, `…_on_demand_cost`, `…_catalog_cost`.
    static func moreFunctionsKeys(_ rest: ArraySlice<FunctionCost>) -> [String: Any] {
        [
            "more_functions_unblended_cost": Format.usd(FixedDecimal.sum(rest.map(\.unblendedCost))),
            "more_functions_effective_cost": Format.usd(FixedDecimal.sum(rest.map(\.effectiveCost))),
            "more_functions_on_demand_cost": Format.usd(FixedDecimal.sum(rest.map(\.onDemandCost))),
            "more_functions_catalog_cost": Format.usd(FixedDecimal.sum(rest.compactMap { $0.catalog?.netCost })),
        ]
    }

    /// How many rejected rows the findings page lists (all of them are in `rejects.csv`).
    static let rejectExamples = 50

    // MARK: - Entries shared by the pages

    /// `page` (relative to the month's folder) and `has_page` for a link to a function page.
    static func pageLink(_ function: FunctionIdentity, context: RenderContext) -> [String: Any] {
        let page = context.functionPage(function)
        return ["page": page.map { $0 + ".html" } ?? "", "has_page": page != nil]
    }

    /// Every key of an opportunity's row (``OpportunityRow``).
    static func opportunityEntry(_ opportunity: Opportunity, rank: Int, context: RenderContext) -> [String: Any] {
        OpportunityRow.entry(opportunity, rank: rank, context: context)
    }

    static func findingEntry(_ finding: Finding, context: RenderContext) -> [String: Any] {
        var entry: [String: Any] = [
            "kind": finding.kind, "account_id": finding.function.accountID, "region": finding.function.region,
            "function_name": finding.function.name, "money_at_risk": finding.moneyAtRisk.map(Format.usd) ?? "",
            "money_at_risk_usd": finding.moneyAtRisk.map(Format.csvMoney) ?? "", "summary": finding.summary,
            "has_money_at_risk": finding.moneyAtRisk != nil,
            // "us-east-1, 004519876321" for the wiki's lists; empty for a finding about no one function.
            "place": [finding.function.region, finding.function.accountID].filter { !$0.isEmpty }.joined(separator: ", "),
            "has_place": !finding.function.region.isEmpty || !finding.function.accountID.isEmpty,
            // The function page's section with the finding's figures (only where the function has a page).
            "section": finding.section?.rawValue ?? "", "section_label": finding.section?.label ?? "",
        ]
        let link = pageLink(finding.function, context: context)
        entry["has_section"] = finding.section != nil && link["has_page"] as? Bool == true
        entry.merge(link) { _, new in new }
        return entry
    }

    static func skippedEntry(_ skip: ScenarioSkip, context: RenderContext) -> [String: Any] {
        var entry: [String: Any] = [
            "scenario": skip.scenario, "scenario_label": ReportCharts.scenarioLabel(skip.scenario),
            "account_id": skip.function.accountID, "region": skip.function.region,
            "function_name": skip.function.name, "reason": skip.reason,
        ]
        entry.merge(pageLink(skip.function, context: context)) { _, new in new }
        return entry
    }

    /// Every key of a function's row (``FunctionRow``).
    static func functionEntry(_ function: FunctionCost, context: RenderContext) -> [String: Any] {
        FunctionRow.entry(function, context: context)
    }

    /// The index's full-cost section: the month's other services split as ``OtherServicesBreakdown`` splits them,
    /// and the functions with other services tied to them by full cost (at most the page's top rows).
    static func otherServicesKeys(_ report: Report, context: RenderContext) -> [String: Any] {
        let breakdown = report.otherServices
        let unbilled = breakdown.unbilledFunctions
        // Each full cost summed once, then the largest first.
        let tied = report.functions.filter { $0.otherServices != nil }.map { ($0.fullCost, $0) }
            .sorted { ($1.0, $0.1.function) < ($0.0, $1.1.function) }.prefix(context.topRows).map(\.1)
        return [
            "other_services_by_charge": breakdown.byCharge.sorted { $0.key < $1.key }.map { charge, cost in
                ["label": charge.label, "cost": Format.usd(cost), "exact": cost.description] as [String: Any]
            },
            "other_services_unbilled": Format.usd(breakdown.unbilled),
            "other_services_unbilled_exact": breakdown.unbilled.description,
            "has_other_services_unbilled": !unbilled.isEmpty,
            "other_services_unbilled_count": unbilled.count,
            "other_services_unbilled_names": unbilled.prefix(5).map(\.function.name).joined(separator: ", ") + (unbilled.count > 5 ? ", …" : ""),
            "other_services_products": breakdown.notAttributed.map { product in
                ["product": product.product, "cost": Format.usd(product.cost), "exact": product.cost.description,
                 "rows": Format.quantity(FixedDecimal(product.rows), places: 0) + (product.rows == 1 ? " row" : " rows")] as [String: Any]
            },
            "has_full_cost_functions": !tied.isEmpty,
            "full_cost_functions_count": tied.count,
            "full_cost_functions": tied.map { function in
                var entry = FunctionRow.otherServicesEntry(function)
                entry.merge(pageLink(function.function, context: context)) { _, new in new }
                entry["function_name"] = function.function.name
                entry["region"] = function.function.region
                entry["account_id"] = function.function.accountID
                entry["effective_cost"] = Format.usd(function.effectiveCost)
                return entry
            },
        ]
    }

    /// One alternative of a function that waits, for `alternatives.csv` (docs/alternatives.md).
    static func alternativeEntry(_ priced: WaitingAlternatives, _ alternative: WaitingAlternative) -> [String: Any] {
        let cost = alternative.monthlyCost
        return [
            "account_id": priced.function.accountID, "region": priced.function.region, "function_name": priced.function.name,
            "alternative": alternative.kind.rawValue, "today_usd": Format.csvMoney(priced.todayAtListPrices),
            "monthly_cost_usd": cost.map(Format.csvMoney) ?? "", "difference_usd": cost.map { Format.csvMoney($0 - priced.todayAtListPrices) } ?? "",
            "confidence": cost == nil ? "" : alternative.confidence.rawValue, "not_checked": alternative.notChecked ?? "",
            "parts": alternative.parts.map { "\($0.name): \($0.quantity) = \(Format.csvMoney($0.cost))" }.joined(separator: "; "),
            "assumptions": alternative.assumptions.joined(separator: "; "),
        ]
    }

    /// A team's or a showback tag value's row (and page keys): `team` and `tag_value` are its label, `share` its
    /// share of the functions' Lambda cost when given.
    static func groupEntry(_ group: TagValueCost, share: FixedDecimal?, context: RenderContext) -> [String: Any] {
        let page = context.groupPage(group)
        return [
            "team": group.label,
            "tag_key": group.tagKey,
            "tag_value": group.label,
            "has_share": share != nil,
            "share": Format.percent(share),
            "share_exact": share.map(Format.csvQuantity) ?? "",
            "other_services_cost": Format.usd(group.otherServicesCost),
            "other_services_cost_usd": Format.csvMoney(group.otherServicesCost),
            "full_cost": Format.usd(group.fullCost),
            "full_cost_usd": Format.csvMoney(group.fullCost),
            "is_untagged": group.value == nil,
            "function_count": group.functions.count,
            "unblended_cost": Format.usd(group.unblendedCost),
            "unblended_cost_usd": Format.csvMoney(group.unblendedCost),
            "effective_cost": Format.usd(group.effectiveCost),
            "effective_cost_usd": Format.csvMoney(group.effectiveCost),
            "on_demand_cost": Format.usd(group.onDemandCost),
            "on_demand_cost_usd": Format.csvMoney(group.onDemandCost),
            "potential_savings": Format.usd(group.potentialSavings),
            "potential_savings_usd": Format.csvMoney(group.potentialSavings),
            "page": page.map { $0 + ".html" } ?? "",
            "has_page": page != nil,
        ]
    }

    // MARK: - Showback

    /// The index's showback: a table per tag key of `[showback] tag_keys` (`showback`), each with its costliest
    /// values (at most the page's top rows; the rest summed in one row), the untagged functions, the charges of no
    /// function and the month's totals; and `showback_rows`, every value of every key for `showback.csv`.
    static func showbackKeys(_ report: Report, context: RenderContext) -> [String: Any] {
        let noFunction = report.unattributedTotal
        let tables: [[String: Any]] = context.showback.map { showback in
            let shown = showback.values.prefix(context.topRows)
            let rest = showback.values.dropFirst(context.topRows)
            let restEffective = FixedDecimal.sum(rest.map(\.effectiveCost))
            let restOther = FixedDecimal.sum(rest.map(\.otherServicesCost))
            func count(_ value: Int) -> String { Format.quantity(FixedDecimal(value), places: 0) }
            return [
                "tag_key": showback.tagKey,
                "anchor": context.showbackAnchor(showback.tagKey),
                "is_team_key": showback.tagKey == context.teamTagKey,
                "function_count": count(showback.functionCount),
                "untagged_function_count": count(showback.untagged?.functions.count ?? 0),
                "untagged_share": Format.percent(showback.untaggedShare),
                "has_untagged": showback.untagged != nil,
                "untagged": showback.untagged.map { [groupEntry($0, share: showback.share($0), context: context)] } ?? [],
                "value_count": count(showback.values.count),
                "has_values": !showback.values.isEmpty,
                "shown_values": shown.map { groupEntry($0, share: showback.share($0), context: context) },
                "shown_values_count": count(shown.count),
                "has_more_values": !rest.isEmpty,
                "more_values_count": count(rest.count),
                "more_values_function_count": count(rest.reduce(0) { $0 + $1.functions.count }),
                "more_values_unblended_cost": Format.usd(FixedDecimal.sum(rest.map(\.unblendedCost))),
                "more_values_effective_cost": Format.usd(restEffective),
                "more_values_share": Format.percent(showback.effectiveCost.isZero ? nil : restEffective.divided(by: showback.effectiveCost)),
                "more_values_other_services_cost": Format.usd(restOther),
                "more_values_full_cost": Format.usd(restEffective + restOther),
                "more_values_potential_savings": Format.usd(FixedDecimal.sum(rest.map(\.potentialSavings))),
                // The last rows: the charges of no function, then the month's totals (the functions' and theirs).
                "total_unblended_cost": Format.usd(showback.unblendedCost + noFunction.unblendedCost),
                "total_effective_cost": Format.usd(showback.effectiveCost + noFunction.effectiveCost),
                "total_other_services_cost": Format.usd(showback.otherServicesCost),
                "total_full_cost": Format.usd(showback.fullCost + noFunction.effectiveCost),
                "total_potential_savings": Format.usd(showback.potentialSavings),
                "no_function_full_cost": Format.usd(noFunction.effectiveCost),
            ]
        }
        // showback.csv: per key, its values (costliest first), the untagged functions, the charges of no function.
        var rows: [(showback: TagShowback, group: TagValueCost?)] = []
        for showback in context.showback {
            rows += showback.groups.map { (showback, $0) }
            if !report.unattributed.isEmpty { rows.append((showback, nil)) }
        }
        let csvRows = ModelRows(rows) { row -> [String: Any] in
            guard let group = row.group else {
                return ["tag_key": row.showback.tagKey, "tag_value": noFunctionLabel, "row_type": "no_function", "function_count": 0,
                        "unblended_cost_usd": Format.csvMoney(noFunction.unblendedCost), "effective_cost_usd": Format.csvMoney(noFunction.effectiveCost),
                        "share_exact": "", "other_services_cost_usd": Format.csvMoney(.zero),
                        "full_cost_usd": Format.csvMoney(noFunction.effectiveCost), "potential_savings_usd": Format.csvMoney(.zero)]
            }
            var entry = groupEntry(group, share: row.showback.share(group), context: context)
            entry["row_type"] = group.value == nil ? "untagged" : "value"
            return entry
        }
        return [
            "has_showback": !tables.isEmpty,
            "showback": tables,
            "showback_rows": csvRows,
        ]
    }

    /// The label of the showback's row of the charges of no function (they carry no tag).
    static let noFunctionLabel = "(charges of no function)"
}
