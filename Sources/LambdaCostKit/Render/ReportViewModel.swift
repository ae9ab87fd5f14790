/// Turns the report into the plain values templates show: every number already formatted, every text raw
/// (the template engine escapes it for HTML or CSV). See `templates/README.md` for the keys.
enum ReportViewModel {
    static func make(_ report: Report) -> [String: Any] {
        let parts = [CommitmentViewModel.make(report), ComparisonViewModel.make(report)]
        return sanitized(parts.reduce(unsanitized(report)) { $0.merging($1) { first, _ in first } }) as! [String: Any]
    }

    /// Every text value with the characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE,
    /// U+FFFF) replaced by U+FFFD, so a hostile tag value cannot make a page fail validation and stop the run.
    static func sanitized(_ value: Any) -> Any {
        switch value {
        case let text as String: return xmlSafe(text)
        case let dictionary as [String: Any]: return dictionary.mapValues(sanitized)
        case let array as [[String: Any]]: return array.map { sanitized($0) as! [String: Any] }
        case let array as [Any]: return array.map(sanitized)
        default: return value
        }
    }

    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isForbidden($0) ? "\u{FFFD}" : $0 }))
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func unsanitized(_ report: Report) -> [String: Any] {
        let ingest = report.ingest
        let totals = ingest.totals
        let opportunities: [[String: Any]] = report.opportunities.enumerated().map { index, opportunity in
            [
                "rank": index + 1,
                "scenario": opportunity.scenario,
                "account_id": opportunity.function.accountID,
                "region": opportunity.function.region,
                "function_name": opportunity.function.name,
                "monthly_savings": Format.usd(opportunity.monthlySavings),
                "monthly_savings_usd": Format.csvMoney(opportunity.monthlySavings),
                "current_monthly_cost": Format.usd(opportunity.currentMonthlyCost),
                "current_monthly_cost_usd": Format.csvMoney(opportunity.currentMonthlyCost),
                "confidence": opportunity.confidence.rawValue,
                "summary": opportunity.summary,
                "effort": opportunity.effort,
                "risk": opportunity.risk,
                "inputs": opportunity.inputs.map { ["name": $0.name, "value": $0.value] },
                "inputs_text": opportunity.inputs.map { "\($0.name)=\($0.value)" }.joined(separator: "; "),
                "has_curve": !opportunity.curve.isEmpty,
                "curve": opportunity.curve.map { point in
                    ["memory_mb": point.memoryMB, "duration_ms": point.durationMs.formatted(places: 1),
                     "monthly_cost": Format.usd(point.monthlyCost), "allowed": point.allowed ? "yes" : "no"] as [String: Any]
                },
            ]
        }
        let functions: [[String: Any]] = report.functions.map { function in
            [
                "account_id": function.function.accountID,
                "region": function.function.region,
                "function_name": function.function.name,
                "architecture": function.architectureLabel,
                "requests": Format.quantity(function.requests, places: 0),
                "requests_plain": function.requests.description,
                "gb_seconds": Format.quantity(function.gbSeconds, places: 1),
                "gb_seconds_plain": Format.csvQuantity(function.gbSeconds),
                "provisioned_gb_seconds": Format.quantity(function.provisionedGBSeconds, places: 1),
                "provisioned_gb_seconds_plain": Format.csvQuantity(function.provisionedGBSeconds),
                "unblended_cost": Format.usd(function.unblendedCost),
                "unblended_cost_usd": Format.csvMoney(function.unblendedCost),
                "effective_cost": Format.usd(function.effectiveCost),
                "effective_cost_usd": Format.csvMoney(function.effectiveCost),
                "on_demand_cost_usd": Format.csvMoney(function.onDemandCost),
                "free_tier_value_usd": Format.csvMoney(function.freeTierValue),
                "list_cost_usd": function.catalog.map { Format.csvMoney($0.listCost) } ?? "",
                "catalog_cost_usd": function.catalog.map { Format.csvMoney($0.netCost) } ?? "",
                "catalog_cost": function.catalog.map { Format.usd($0.netCost) } ?? "",
                "missing_prices": function.catalog?.missingPrices.joined(separator: "; ") ?? "",
                "qualifiers": function.qualifiers.joined(separator: " "),
                "tags": function.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                "team": function.tags["team"] ?? "",
            ]
        }
        let unattributed: [[String: Any]] = report.unattributed.sorted { $0.key < $1.key }.map { charge, cost in
            ["charge": charge, "cost": Format.usd(cost), "cost_usd": Format.csvMoney(cost)]
        }
        let rejects: [[String: Any]] = ingest.rejects.map { row in
            [
                "file": row.location.file, "line": row.location.line, "column": row.location.column,
                "reason": row.reason, "raw": row.raw,
                "unblended_cost_usd": row.unblendedCost.map(Format.csvMoney) ?? "",
            ]
        }
        let skipped: [[String: Any]] = report.skipped.map { skip in
            ["scenario": skip.scenario, "account_id": skip.function.accountID, "region": skip.function.region,
             "function_name": skip.function.name, "reason": skip.reason]
        }
        let gaps: [[String: Any]] = report.pricingGaps.map { gap in
            ["account_id": gap.accountID, "region": gap.region, "architecture": gap.architecture.rawValue, "charge": gap.charge.rawValue,
             "bill": Format.usd(gap.billOnDemandCost), "catalog": gap.catalogCost.map(Format.usd) ?? "missing",
             "gap": Format.usd(gap.gap), "gap_usd": Format.csvMoney(gap.gap), "summary": gap.summary]
        }
        let findings: [[String: Any]] = report.findings.map { finding in
            ["kind": finding.kind, "account_id": finding.function.accountID, "region": finding.function.region,
             "function_name": finding.function.name, "money_at_risk": finding.moneyAtRisk.map(Format.usd) ?? "",
             "money_at_risk_usd": finding.moneyAtRisk.map(Format.csvMoney) ?? "", "summary": finding.summary]
        }
        let diagnostics: [[String: Any]] = ingest.diagnostics.filter { $0.severity != .error }.map { ["text": $0.description] }
        return [
            "month": report.month.description,
            "tool_version": ToolVersion.current,
            "catalog_version": report.catalogVersion,
            "catalog_prices_as_of": report.catalogPricesAsOf,
            "lambda_cost": Format.usd(report.lambdaCost),
            "lambda_effective_cost": Format.usd(report.lambdaEffectiveCost),
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
            "has_opportunities": !opportunities.isEmpty,
            "opportunities": opportunities,
            "top_opportunities": Array(opportunities.prefix(10)),
            "functions": functions,
            "has_unattributed": !unattributed.isEmpty,
            "unattributed": unattributed,
            "has_rejects": !rejects.isEmpty,
            "rejects": rejects,
            "has_skipped": !skipped.isEmpty,
            "skipped": skipped,
            "has_findings": !findings.isEmpty,
            "findings": findings,
            "has_pricing_gaps": !gaps.isEmpty,
            "pricing_gaps": gaps,
            "has_diagnostics": !diagnostics.isEmpty,
            "diagnostics": diagnostics,
        ]
    }
}
