/// The Savings Plans and provisioned concurrency part of the view model (`savings-plans.html`,
/// `savings-plans.csv`, `provisioned-concurrency.csv`): formatted values for pages, fixed-place decimals
/// for CSV (`*_usd` with 10 places, `*_share` fractions with 6), and the savings curve as inline SVG.
enum CommitmentViewModel {
    static func make(_ report: Report) -> [String: Any] {
        var model: [String: Any] = ["has_savings_plans": report.savingsPlans != nil, "savings_plan_method": SavingsPlanAnalysis.method.map { ["text": $0] }]
        if let analysis = report.savingsPlans {
            model["savings_plans"] = savingsPlans(analysis)
        }
        // The hourly concurrency heat strip for the ten largest savings (about 60 KB of SVG each); the rows are
        // made as a template renders them (a fleet has thousands, each with its schedule chart).
        let charted = CommitmentStage.chartedConcurrency(report.provisionedConcurrency)
        let analyses = report.provisionedConcurrency
        let pc = ModelRows(analyses.indices) { index in
            let analysis = analyses[index]
            var entry = provisionedConcurrency(analysis)
            if analysis.prefersSchedule {
                entry["schedule_svg"] = ScheduleChart(
                    id: "schedule-\(index + 1)", title: "\(analysis.function.name): provisioned concurrency by UTC hour",
                    levels: analysis.proposal.levels).svg()
            }
            entry["has_concurrency_chart"] = charted.contains(analysis.function)
            if charted.contains(analysis.function) {
                entry["chart_concurrency"] = HeatStrip(
                    id: "concurrency-\(index + 1)", title: "\(analysis.function.name): average concurrency per hour, \(report.month)",
                    month: report.month, hourly: analysis.plan.averageConcurrency.map { Optional($0) },
                    value: ChartAxis(label: "Average concurrency", format: .quantity(places: 1, unit: "")), cellTooltips: false).svg()
            }
            return entry
        }
        model["has_provisioned_concurrency"] = !pc.isEmpty
        // The rates of each region and architecture the table uses, once each.
        var seen = Set<String>()
        model["provisioned_concurrency_rates"] = report.provisionedConcurrency
            .sorted { ($0.function.region, $0.architecture.rawValue) < ($1.function.region, $1.architecture.rawValue) }
            .filter { seen.insert($0.function.region + " " + $0.architecture.rawValue).inserted }
            .map { analysis in
                ["region": analysis.function.region, "architecture": analysis.architecture.rawValue,
                 "provisioned_concurrency_rate": Format.rate(analysis.rates.provisionedConcurrency, per: "GB-s"),
                 "provisioned_duration_rate": Format.rate(analysis.rates.provisionedDuration, per: "GB-s"),
                 "on_demand_duration_rate": Format.rate(analysis.rates.onDemandDuration, per: "GB-s")]
            }
        model["provisioned_concurrency"] = pc
        return model
    }

    static func csvShare(_ value: FixedDecimal?) -> String { value.map(Format.csvQuantity) ?? "" }

    static func planName(_ offer: SavingsPlanOffer) -> String {
        "\(offer.term == .oneYear ? "1 year" : "3 years"), \(offer.paymentOption.rawValue.replacingOccurrences(of: "_", with: " "))"
    }

    static func option(_ option: SavingsPlanCommitmentOption, kind: String, confidence: String) -> [String: Any] {
        [
            "row_type": kind, "plan": planName(option.offer), "term": option.offer.term.rawValue,
            "payment_option": option.offer.paymentOption.rawValue,
            "discount": Format.percent(option.offer.discount), "discount_share": csvShare(option.offer.discount), "discount_confidence": confidence,
            "hourly_commitment": Format.usdFine(option.hourlyCommitment), "hourly_commitment_usd": Format.csvMoney(option.hourlyCommitment),
            "monthly_commitment": Format.usd(option.monthlyCommitment), "monthly_commitment_usd": Format.csvMoney(option.monthlyCommitment),
            "eligible_on_demand": Format.usd(option.eligibleOnDemandSpend), "eligible_on_demand_usd": Format.csvMoney(option.eligibleOnDemandSpend),
            "spillover": Format.usd(option.onDemandSpillover), "spillover_usd": Format.csvMoney(option.onDemandSpillover),
            "cost_with_plan": Format.usd(option.costWithPlan), "cost_with_plan_usd": Format.csvMoney(option.costWithPlan),
            "monthly_savings": Format.usd(option.monthlySavings), "monthly_savings_usd": Format.csvMoney(option.monthlySavings),
            "savings": Format.percent(option.savingsShare), "savings_share": csvShare(option.savingsShare),
            "utilization": Format.percent(option.utilization), "utilization_share": csvShare(option.utilization),
            "coverage": Format.percent(option.coverage), "coverage_share": csvShare(option.coverage),
            "unused_commitment": Format.usd(option.unusedCommitment), "unused_commitment_usd": Format.csvMoney(option.unusedCommitment),
            "upfront_payment": Format.usd(option.upfrontPayment), "upfront_payment_usd": Format.csvMoney(option.upfrontPayment),
            "recurring_hourly_fee": Format.usdFine(option.recurringHourlyFee), "recurring_hourly_fee_usd": Format.csvMoney(option.recurringHourlyFee),
            "break_even": option.breakEvenMonths.map { "\($0.formatted(places: 1)) months" } ?? "–",
            "break_even_months": option.breakEvenMonths.map { $0.formatted(places: 2) } ?? "",
            "spread_from_daily": option.isSpreadFromDaily ? "yes" : "no",
        ]
    }

    static func savingsPlans(_ analysis: SavingsPlanAnalysis) -> [String: Any] {
        let confidence = Dictionary(analysis.discounts.map { ($0.offer, $0.confidence) }, uniquingKeysWith: { first, _ in first })
        let options = analysis.options.map { option($0, kind: "optimum", confidence: confidence[$0.offer] ?? "estimate") }
        let configured = analysis.configured.map { option($0, kind: "configured", confidence: confidence[$0.offer] ?? "estimate") }
        var model: [String: Any] = [
            "eligible_on_demand": Format.usd(analysis.hourly.total),
            "hours": analysis.hourly.count,
            "spread_from_daily": analysis.hourly.isSpreadFromDaily,
            "options": options,
            "has_configured": !configured.isEmpty,
            "configured": configured,
            "rows": options + configured,
            "notes": analysis.notes.map { ["text": $0] },
            "has_notes": !analysis.notes.isEmpty,
            "has_best": analysis.best != nil,
        ]
        if let best = analysis.best {
            model["best"] = option(best, kind: "optimum", confidence: confidence[best.offer] ?? "estimate")
            // The curve up to twice the best commitment (or the owned one, if larger): beyond, it only falls.
            let limit = max(best.hourlyCommitment, analysis.existingHourlyCommitment) * 2
            let shown = best.curve.filter { $0.hourlyCommitment <= limit }
            let points = (shown.count >= 5 ? shown : best.curve).map { LineChart.Point(x: $0.hourlyCommitment, y: $0.monthlySavings) }
            var markers = [LineChart.Marker(label: "Best", point: .init(x: best.hourlyCommitment, y: best.monthlySavings))]
            if let owned = analysis.ownedUnderBestOffer {
                markers.append(.init(label: "Owned (after the changes)", point: .init(x: owned.hourlyCommitment, y: owned.monthlySavings)))
            }
            let chart = LineChart(
                id: "savings-plan-curve", title: "Net monthly savings against the hourly commitment, on the usage the other changes leave (\(planName(best.offer)))",
                series: [.init(name: "Net savings", points: points)],
                xAxis: ChartAxis(label: "Hourly commitment", format: .usdPer("hour"), includesZero: true),
                yAxis: ChartAxis(label: "Net savings a month", format: .usd, includesZero: true),
                markers: markers)
            model["curve_svg"] = chart.svg()
            model["curve"] = best.curve.map { point in
                ["hourly_commitment": Format.usdFine(point.hourlyCommitment), "monthly_savings": Format.usd(point.monthlySavings),
                 "utilization": Format.percent(point.utilization), "coverage": Format.percent(point.coverage), "selected": point.isSelected]
            }
        }
        if let existing = analysis.existing {
            model["existing"] = [
                "hourly_commitment": Format.usdFine(analysis.existingHourlyCommitment),
                "hourly_commitment_usd": Format.csvMoney(analysis.existingHourlyCommitment),
                "total_commitment": Format.usd(existing.totalCommitment), "total_commitment_usd": Format.csvMoney(existing.totalCommitment),
                "covered_on_demand": Format.usd(existing.coveredOnDemandCost), "covered_on_demand_usd": Format.csvMoney(existing.coveredOnDemandCost),
                "covered_effective": Format.usd(existing.coveredEffectiveCost),
                "eligible_on_demand": Format.usd(existing.eligibleOnDemandCost), "eligible_on_demand_usd": Format.csvMoney(existing.eligibleOnDemandCost),
                "used_commitment": Format.usd(existing.usedCommitment), "used_commitment_usd": Format.csvMoney(existing.usedCommitment),
                "unused_commitment": Format.usd(existing.unusedCommitment), "unused_commitment_usd": Format.csvMoney(existing.unusedCommitment),
                "utilization": Format.percent(existing.utilization), "utilization_share": csvShare(existing.utilization),
                "coverage": Format.percent(existing.coverage), "coverage_share": csvShare(existing.coverage),
                "discount_savings": Format.usd(existing.discountSavings),
                "net_savings": Format.usd(existing.netSavings), "net_savings_usd": Format.csvMoney(existing.netSavings),
                "effective_discount": Format.percent(existing.effectiveDiscount),
                "negation_gap": Format.usdFine(existing.negationGap), "commitment_gap": Format.usdFine(existing.commitmentGap),
                "negation_reconciles": existing.negationGap == .zero,
            ]
            model["has_existing"] = true
        } else {
            model["has_existing"] = false
        }
        return model
    }

    static func provisionedConcurrency(_ analysis: ProvisionedConcurrencyAnalysis) -> [String: Any] {
        let proposal = analysis.proposal
        let function = analysis.function
        return [
            "account_id": function.accountID, "region": function.region, "function_name": function.name,
            "architecture": analysis.architecture.rawValue, "memory_mb": analysis.memoryMB,
            "status": analysis.review == nil ? "on_demand" : "provisioned",
            "utilization": Format.percent(analysis.review?.utilization), "utilization_share": csvShare(analysis.review?.utilization),
            "break_even": Format.percent(analysis.plan.breakEvenUtilization), "break_even_share": csvShare(analysis.plan.breakEvenUtilization),
            "idle_cost": analysis.review.map { Format.usd($0.idleCost) } ?? "–",
            "idle_cost_usd": analysis.review.map { Format.csvMoney($0.idleCost) } ?? "",
            "current_cost": Format.usd(analysis.review?.currentCost ?? analysis.plan.allOnDemandCost),
            "current_cost_usd": Format.csvMoney(analysis.review?.currentCost ?? analysis.plan.allOnDemandCost),
            "proposal": analysis.prefersSchedule ? "schedule" : "constant",
            "levels": proposal.levels.map(String.init).joined(separator: " "),
            "proposed_cost": Format.usd(proposal.monthlyCost), "proposed_cost_usd": Format.csvMoney(proposal.monthlyCost),
            "monthly_savings": Format.usd(analysis.monthlySavings), "monthly_savings_usd": Format.csvMoney(analysis.monthlySavings),
            "peak_average_concurrency": analysis.plan.peakAverageConcurrency.formatted(places: 2),
            "fully_covered": Format.percent(proposal.fullyCoveredShare), "fully_covered_share": csvShare(proposal.fullyCoveredShare),
            "fully_covered_hours": proposal.hoursFullyCovered, "busy_hours": proposal.hoursWithUsage,
            "is_schedule": analysis.prefersSchedule,
            "status_text": analysis.review == nil ? "on demand" : "provisioned", "has_utilization": analysis.review?.utilization != nil,
        ]
    }
}
