import GoldenFiles
import Testing
@testable import LambdaCostKit

private func d(_ text: String) -> FixedDecimal { FixedDecimal(parsing: text)! }
private func hours(_ value: String, _ count: Int) -> [FixedDecimal] { Array(repeating: d(value), count: count) }

/// us-east-1 x86_64: PC 0.0000041667, provisioned duration 0.0000097222, on-demand 0.0000166667 per GB-s.
/// On-demand − provisioned duration = 0.0000069445; break-even utilization u* = 0.0000041667 ÷ 0.0000069445
/// = 0.6 exactly (0.0000069445 × 0.6 = 0.0000041667). A fully used instance-GB-s saves 0.0000069445 −
/// 0.0000041667 = 0.0000027778. Every expected amount below is worked out by hand in its comment.
@Suite struct ProvisionedConcurrencyPlannerTests {
    static let rates = ProvisionedConcurrencyRates(
        provisionedConcurrency: d("0.0000041667"), provisionedDuration: d("0.0000097222"), onDemandDuration: d("0.0000166667"))
    /// 1,024 MB: one instance holds 3,600 GB-s per hour.
    static let planner = ProvisionedConcurrencyPlanner(rates: rates, memoryMB: 1024)

    @Test func breakEvenUtilizationInUSEast1() {
        #expect(Self.rates.breakEvenUtilization == d("0.6"))
        // The same from the project's price catalog.
        let catalog = try! CatalogLoader().run(RepositoryPaths.pricing)
        let x86 = ProvisionedConcurrencyRates(catalog: catalog, region: "us-east-1", architecture: .x86_64)
        #expect(x86 == Self.rates)
        #expect(x86?.breakEvenUtilization == d("0.6"))
        // arm64: 0.0000033334 ÷ (0.0000133334 − 0.0000077778) = 33,334 ÷ 55,556 = 0.60000719994…
        let arm = ProvisionedConcurrencyRates(catalog: catalog, region: "us-east-1", architecture: .arm64)
        #expect(arm?.breakEvenUtilization == d("33334").divided(by: d("55556")))
        #expect(arm!.breakEvenUtilization! > d("0.6000071") && arm!.breakEvenUtilization! < d("0.6000072"))
    }

    @Test func provisionedConcurrencyNeverPaysWhenItsDurationIsNotCheaper() {
        let rates = ProvisionedConcurrencyRates(provisionedConcurrency: d("0.000001"), provisionedDuration: d("0.00002"),
                                                onDemandDuration: d("0.00002"))
        #expect(rates.breakEvenUtilization == nil)
        let plan = ProvisionedConcurrencyPlanner(rates: rates, memoryMB: 1024).plan(usedGBSeconds: HourlySeries(hourly: hours("7200", 10)))
        #expect(plan.constant.levels == [0] && plan.schedule.levels.allSatisfy { $0 == 0 })
    }

    @Test func aSteadyLoadGetsItsFullConcurrency() {
        // 10 hours at 7,200 GB-s = concurrency 2. Level 2 is fully used: per hour 7,200 × (0.0000041667 +
        // 0.0000097222) = 0.10000008 against 7,200 × 0.0000166667 = 0.12000024 on demand. Month: cost
        // 1.0000008, on demand 1.2000024, savings 0.2000016.
        let plan = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: hours("7200", 10)))
        #expect(plan.constant.levels == [2])
        #expect(plan.allOnDemandCost == d("1.2000024"))
        #expect(plan.constant.monthlyCost == d("1.0000008"))
        #expect(plan.constant.savingsVersusOnDemand == d("0.2000016"))
        #expect(plan.constant.provisionedGBSeconds == d("72000"))
        #expect(plan.constant.spilloverGBSeconds == .zero)
        #expect(plan.constant.utilization == d("1"))
        #expect(plan.constant.fullyCoveredShare == d("1"))
        #expect(plan.averageConcurrency == hours("2", 10))
        #expect(plan.peakAverageConcurrency == d("2"))
        #expect(plan.breakEvenUtilization == d("0.6"))
    }

    @Test func theLevelFollowsTheBreakEvenUtilization() {
        // Flat load at concurrency 1 + f: the second instance pays only when f > u* = 0.6.
        // f = 0.5 (5,400 GB-s): level 1 saves 10 × 3,600 × 0.0000027778 = 0.1000008; level 2 saves
        // 0.0000069445 × 54,000 − 0.0000041667 × 72,000 = 0.375003 − 0.3000024 = 0.0750006. Level 1.
        let half = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: hours("5400", 10)))
        #expect(half.constant.levels == [1])
        #expect(half.constant.savingsVersusOnDemand == d("0.1000008"))
        // f = 0.8 (6,480 GB-s): level 2 saves 0.0000069445 × 64,800 − 0.3000024 = 0.4500036 − 0.3000024
        // = 0.1500012 > 0.1000008. Level 2.
        let high = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: hours("6480", 10)))
        #expect(high.constant.levels == [2])
        #expect(high.constant.savingsVersusOnDemand == d("0.1500012"))
        // f = 0.6 exactly (5,760 GB-s): level 2 saves 0.0000069445 × 57,600 − 0.3000024 = 0.4000032 − 0.3000024
        // = 0.1000008, the same as level 1: the tie goes to the lower level.
        let tie = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: hours("5760", 10)))
        #expect(tie.constant.levels == [1])
        #expect(tie.constant.savingsVersusOnDemand == d("0.1000008"))
        #expect(Self.planner.evaluate(levels: [2], usedGBSeconds: HourlySeries(hourly: hours("5760", 10))).savingsVersusOnDemand
                == d("0.1000008"))
    }

    @Test func peaksSpillOverToOnDemand() {
        // 5 hours at concurrency 3 (10,800 GB-s), 5 at 1 (3,600). n = 10, q = ⌊10 × 0.6⌋ = 6: the 7th busiest
        // hour has 3,600, so level 1. Savings: 0.0000069445 × 36,000 − 0.0000041667 × 36,000 = 0.250002 −
        // 0.1500012 = 0.1000008. Level 2 would save 0.0000069445 × 54,000 − 0.0000041667 × 72,000 = 0.0750006.
        // Spill-over 5 × 7,200 = 36,000 GB-s; cold-start benefit: 5 of 10 busy hours fully covered.
        let usage = hours("10800", 5) + hours("3600", 5)
        let plan = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: usage))
        #expect(plan.constant.levels == [1])
        #expect(plan.constant.savingsVersusOnDemand == d("0.1000008"))
        #expect(plan.constant.spilloverGBSeconds == d("36000"))
        #expect(plan.constant.onDemandCharge == d("0.600001200"))
        #expect(plan.constant.hoursWithUsage == 10 && plan.constant.hoursFullyCovered == 5)
        #expect(plan.constant.fullyCoveredShare == d("0.5"))
        #expect(Self.planner.evaluate(levels: [2], usedGBSeconds: HourlySeries(hourly: usage)).savingsVersusOnDemand == d("0.0750006"))
    }

    @Test func aDailyCycleGetsASchedule() {
        // Two days starting at 00:00 UTC: hours 0–11 idle, 12–23 at concurrency 3 (10,800 GB-s).
        // Constant: n = 48, q = ⌊28.8⌋ = 28, the 29th busiest hour is idle: level 0 (one instance all day
        // would be used half the time, below 0.6).
        // Schedule: hours 12–23 each have two hours at 10,800: level 3, fully used; hours 0–11 level 0.
        // Savings 24 hours × 10,800 × 0.0000027778 = 0.72000576; on demand 259,200 × 0.0000166667 = 4.32000864.
        let day = hours("0", 12) + hours("10800", 12)
        let plan = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: day + day))
        #expect(plan.constant.levels == [0])
        #expect(plan.constant.savingsVersusOnDemand == .zero)
        #expect(plan.constant.monthlyCost == d("4.32000864"))
        #expect(plan.constant.fullyCoveredShare == .zero)
        #expect(plan.schedule.levels == [Int](repeating: 0, count: 12) + [Int](repeating: 3, count: 12))
        #expect(plan.schedule.savingsVersusOnDemand == d("0.72000576"))
        #expect(plan.schedule.monthlyCost == d("3.60000288"))
        #expect(plan.schedule.utilization == d("1"))
        #expect(plan.schedule.fullyCoveredShare == d("1"))
        #expect(plan.schedule.level(atHourOfDay: 13) == 3 && plan.constant.level(atHourOfDay: 13) == 0)
        // The same month starting at 12:00 UTC shifts the schedule by 12 hours.
        let shifted = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: day + day), firstHourOfDay: 12)
        #expect(shifted.schedule.levels == [Int](repeating: 3, count: 12) + [Int](repeating: 0, count: 12))
    }

    @Test func allZeroAndEmptyUsageProvisionNothing() {
        for usage in [hours("0", 24), []] {
            let plan = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: usage))
            #expect(plan.constant.levels == [0])
            #expect(plan.schedule.levels == [Int](repeating: 0, count: 24))
            #expect(plan.constant.monthlyCost == .zero && plan.constant.savingsVersusOnDemand == .zero)
            #expect(plan.constant.utilization == nil && plan.constant.fullyCoveredShare == nil)
            #expect(plan.peakAverageConcurrency == .zero)
        }
    }

    @Test func anExistingConfigurationIsReviewed() {
        // 2,048 MB: one instance holds 7,200 GB-s per hour. Four hours with 2 instances allocated (14,400
        // GB-s); used on PC 14,400, 7,200, 0, 3,600; on demand 3,600 in the first hour.
        // Utilization 1, 0.5, 0, 0.25; month 25,200 ÷ 57,600 = 0.4375. Idle 0 + 7,200 + 14,400 + 10,800 = 32,400
        // GB-s, × 0.0000041667 = 0.13500108. Today: 57,600 × 0.0000041667 + 25,200 × 0.0000097222 + 3,600 ×
        // 0.0000166667 = 0.24000192 + 0.24499944 + 0.06000012 = 0.54500148.
        let planner = ProvisionedConcurrencyPlanner(rates: Self.rates, memoryMB: 2048)
        let review = planner.review(
            allocated: HourlySeries(hourly: hours("14400", 4)),
            usedProvisioned: HourlySeries(hourly: [d("14400"), d("7200"), .zero, d("3600")]),
            onDemand: HourlySeries(hourly: [d("3600"), .zero, .zero, .zero]))
        #expect(review.utilization == d("0.4375"))
        #expect(review.idleGBSeconds == d("32400"))
        #expect(review.idleCost == d("0.13500108"))
        #expect(review.currentCost == d("0.54500148"))
        #expect(review.currentHoursFullyCovered == 2)  // hours 2 and 4; hour 1 spilled, hour 3 had no usage
        // Usage 18,000, 7,200, 0, 3,600 (concurrency 2.5, 1, 0, 0.5). q = ⌊4 × 0.6⌋ = 2: the 3rd busiest hour
        // has 3,600 = 0.5 instances, so level 0 or 1. Level 0: 28,800 × 0.0000166667 = 0.48000096. Level 1:
        // 28,800 × 0.0000041667 + 18,000 × 0.0000097222 + 10,800 × 0.0000166667 = 0.12000096 + 0.1749996 +
        // 0.18000036 = 0.47500092, cheaper. Savings against today 0.54500148 − 0.47500092 = 0.07000056.
        #expect(review.plan.constant.levels == [1])
        #expect(review.plan.constant.monthlyCost == d("0.47500092"))
        #expect(review.constantSavingsVersusToday == d("0.07000056"))
        // Schedule, one hour per slot: 2.5 → level 2 (third instance used half, below 0.6), 1 → 1, 0 → 0,
        // 0.5 → 0. Cost 0.48000096 − (14,400 + 7,200) × 0.0000027778 = 0.48000096 − 0.06000048 = 0.42000048;
        // against today 0.125001.
        #expect(Array(review.plan.schedule.levels.prefix(4)) == [2, 1, 0, 0])
        #expect(review.plan.schedule.monthlyCost == d("0.42000048"))
        #expect(review.scheduleSavingsVersusToday == d("0.125001"))
    }

    @Test func theLevelMatchesAnExhaustiveSearch() {
        // An independent check: every level from 0 to the peak + 1, priced hour by hour with the formula
        // L × 3,600 × PC + min(u, L × 3,600) × PD + max(0, u − L × 3,600) × OD.
        var state: UInt64 = 987654321
        var usage: [FixedDecimal] = []
        for _ in 0..<200 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            usage.append(FixedDecimal(Int((state >> 33) % 30_000)))  // 0 to 8.3 instances
        }
        func cost(_ level: Int) -> FixedDecimal {
            let capacity = FixedDecimal(3600 * level)
            return FixedDecimal.sum(usage.map {
                capacity * Self.rates.provisionedConcurrency + min($0, capacity) * Self.rates.provisionedDuration
                    + max(.zero, $0 - capacity) * Self.rates.onDemandDuration
            })
        }
        var best = 0
        for level in 1...10 where cost(level) < cost(best) { best = level }
        let plan = Self.planner.plan(usedGBSeconds: HourlySeries(hourly: usage))
        #expect(plan.constant.levels == [best])
        #expect(plan.constant.monthlyCost == cost(best))
        #expect(best > 0)
    }
}
