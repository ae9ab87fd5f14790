/// Plans provisioned concurrency (PC) for one function from its hourly used GB-seconds: the break-even
/// utilization, the cheapest constant level, the cheapest schedule by hour of the day, and for a function that
/// already has PC, its utilization and idle cost.
///
/// **Cost of a level.** In an hour with used GB-s u and level L (whole concurrent instances) of a function
/// with M GB of memory, the provisioned capacity is k = L × M × 3,600 GB-s and the cost is
/// k × PC rate + min(u, k) × provisioned-duration rate + max(0, u − k) × on-demand rate.
/// Against running on demand this saves min(u, k) × (on-demand rate − provisioned-duration rate) − k × PC rate.
///
/// **Optimum.** One more GB-s of capacity in every hour costs the PC rate n times (n hours) and saves
/// (on-demand − provisioned-duration rate) in each hour whose usage is above the capacity. It pays while
/// more than n × u* hours are above it (u* = break-even utilization). So the cheapest capacity is the usage
/// of the (q + 1)-th busiest hour, q = ⌊n × u*⌋ (zero when q ≥ n): the cost falls up to it and rises after
/// it. The cheapest whole level is that capacity ÷ (M × 3,600) rounded down or up, whichever costs less
/// (the lower on a tie, and 0 when PC does not pay). Costs are compared exactly, without rounding.
/// A schedule applies the same rule to each UTC hour of the day separately.
///
/// PC is billed in 5-minute steps and takes minutes to scale, and per-hour usage hides bursts within the
/// hour: treat the schedule as the cheapest shape, not an exact bill.
public struct ProvisionedConcurrencyPlanner: Sendable {
    public var rates: ProvisionedConcurrencyRates
    /// Configured memory of the function.
    public var memoryMB: Int

    /// - Precondition: `memoryMB` > 0.
    public init(rates: ProvisionedConcurrencyRates, memoryMB: Int) {
        precondition(memoryMB > 0, "memory must be positive")
        self.rates = rates
        self.memoryMB = memoryMB
    }

    /// Memory in GB: MB ÷ 1,024 (exact).
    public var memoryGB: FixedDecimal { FixedDecimal(memoryMB).divided(by: 1024) }

    /// GB-seconds one concurrent instance holds for an hour: memory GB × 3,600.
    public var gbSecondsPerInstanceHour: FixedDecimal { memoryGB * 3600 }

    /// The cheapest constant level and schedule for usage now run on demand: `usedGBSeconds` per hour
    /// (on-demand `Lambda-GB-Second` of the function). `firstHourOfDay` is the UTC hour of the day of the
    /// series' first hour (0 for a month starting at midnight UTC).
    public func plan(usedGBSeconds usage: HourlySeries, firstHourOfDay: Int = 0) -> ProvisionedConcurrencyPlan {
        precondition((0..<24).contains(firstHourOfDay))
        let values = usage.values.map { max($0, .zero) }
        let allGroup = Group(values)
        let slots = hourOfDaySlots(values, firstHourOfDay: firstHourOfDay)
        let constantLevel = cheapestLevel(allGroup)
        let scheduleLevels = slots.map(cheapestLevel)
        let perInstance = gbSecondsPerInstanceHour
        let average = values.map { $0.divided(by: perInstance) }
        let used = allGroup.total
        let allOnDemand = used * rates.onDemandDuration
        return ProvisionedConcurrencyPlan(
            memoryMB: memoryMB, hours: values.count, isSpreadFromDaily: usage.isSpreadFromDaily, usedGBSeconds: used,
            averageConcurrency: average, peakAverageConcurrency: average.max() ?? .zero, allOnDemandCost: allOnDemand,
            breakEvenUtilization: rates.breakEvenUtilization,
            constant: setting([constantLevel], groups: [allGroup], allOnDemand: allOnDemand),
            schedule: setting(scheduleLevels, groups: slots, allOnDemand: allOnDemand))
    }

    /// The month's cost of given levels (one constant level, or 24 by UTC hour of the day) for hourly used
    /// GB-seconds, for example to price a planned schedule.
    public func evaluate(levels: [Int], usedGBSeconds usage: HourlySeries, firstHourOfDay: Int = 0) -> ProvisionedConcurrencySetting {
        precondition(levels.count == 1 || levels.count == 24, "one level or 24 levels")
        precondition(levels.allSatisfy { $0 >= 0 } && (0..<24).contains(firstHourOfDay))
        let values = usage.values.map { max($0, .zero) }
        let groups = levels.count == 1 ? [Group(values)] : hourOfDaySlots(values, firstHourOfDay: firstHourOfDay)
        return setting(levels, groups: groups, allOnDemand: FixedDecimal.sum(values) * rates.onDemandDuration)
    }

    /// Reviews a function with provisioned concurrency from its hourly allocated GB-s
    /// (`Lambda-Provisioned-Concurrency`), used provisioned GB-s (`Lambda-Provisioned-GB-Second`) and
    /// on-demand GB-s (`Lambda-GB-Second`, the spill-over), all of one length; then plans the cheapest
    /// level and schedule for its total usage (provisioned + on-demand GB-s each hour).
    public func review(allocated: HourlySeries, usedProvisioned: HourlySeries, onDemand: HourlySeries,
                       firstHourOfDay: Int = 0) -> ProvisionedConcurrencyReview {
        precondition(allocated.count == usedProvisioned.count && allocated.count == onDemand.count,
                     "the three hourly series must cover the same hours")
        var idle = FixedDecimal.zero
        var covered = 0
        var usage: [FixedDecimal] = []
        for index in allocated.values.indices {
            let allocatedHour = allocated.values[index]
            let usedHour = usedProvisioned.values[index]
            let spillHour = onDemand.values[index]
            idle += max(.zero, allocatedHour - usedHour)
            let total = usedHour + spillHour
            if total > .zero && spillHour <= .zero { covered += 1 }
            usage.append(total)
        }
        let allocatedTotal = allocated.total
        let usedTotal = usedProvisioned.total
        let onDemandTotal = onDemand.total
        var series = HourlySeries(hourly: usage)
        series.isSpreadFromDaily = allocated.isSpreadFromDaily || usedProvisioned.isSpreadFromDaily || onDemand.isSpreadFromDaily
        return ProvisionedConcurrencyReview(
            allocatedGBSeconds: allocatedTotal, usedProvisionedGBSeconds: usedTotal, onDemandGBSeconds: onDemandTotal,
            utilization: allocatedTotal > .zero ? usedTotal.divided(by: allocatedTotal) : nil,
            idleGBSeconds: idle, idleCost: idle * rates.provisionedConcurrency,
            currentCost: allocatedTotal * rates.provisionedConcurrency + usedTotal * rates.provisionedDuration
                + onDemandTotal * rates.onDemandDuration,
            currentHoursFullyCovered: covered,
            plan: plan(usedGBSeconds: series, firstHourOfDay: firstHourOfDay))
    }

    // MARK: Internals

    /// Hours priced at one level, sorted by usage with running sums.
    struct Group {
        let sorted: [FixedDecimal]
        let prefixSums: [FixedDecimal]
        /// Hours without usage (they sort first).
        let idleHours: Int

        init(_ values: [FixedDecimal]) {
            sorted = values.sorted()
            var sums: [FixedDecimal] = [.zero]
            sums.reserveCapacity(sorted.count + 1)
            for value in sorted { sums.append(sums[sums.count - 1] + value) }
            prefixSums = sums
            idleHours = sorted.firstIndex { $0 > .zero } ?? sorted.count
        }

        var total: FixedDecimal { prefixSums[sorted.count] }

        /// Hours whose usage fits in `capacity`.
        func hoursWithin(_ capacity: FixedDecimal) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] <= capacity { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Σ min(usage, capacity).
        func served(_ capacity: FixedDecimal) -> FixedDecimal {
            let within = hoursWithin(capacity)
            return prefixSums[within] + capacity * (sorted.count - within)
        }
    }

    /// The hours of each UTC hour of the day, 24 groups.
    private func hourOfDaySlots(_ values: [FixedDecimal], firstHourOfDay: Int) -> [Group] {
        var slots = [[FixedDecimal]](repeating: [], count: 24)
        for slot in slots.indices { slots[slot].reserveCapacity(values.count / 24 + 1) }
        for (index, value) in values.enumerated() { slots[(firstHourOfDay + index) % 24].append(value) }
        return slots.map(Group.init)
    }

    /// The month's cost of a level for a group, exact, in units of 10⁻⁴⁸.
    private func exactCost(_ level: Int, _ group: Group) -> WideInteger {
        let capacity = gbSecondsPerInstanceHour * level
        let served = group.served(capacity)
        return WideInteger(capacity * group.sorted.count, times: rates.provisionedConcurrency)
            + WideInteger(served, times: rates.provisionedDuration)
            + WideInteger(group.total - served, times: rates.onDemandDuration)
    }

    /// The cheapest whole level for a group (the lowest on a tie; see the type's description).
    func cheapestLevel(_ group: Group) -> Int {
        let count = group.sorted.count
        let saving = rates.runSaving
        guard count > 0, saving > .zero else { return 0 }
        // q = ⌊n × PC rate ÷ (on-demand − provisioned-duration rate)⌋, exact on the unit counts.
        let allowedAbove = (rates.provisionedConcurrency * count).units / saving.units
        guard allowedAbove < Int128(count) else { return 0 }
        let capacity = group.sorted[count - 1 - Int(allowedAbove)]
        let lower = Int(capacity.units / gbSecondsPerInstanceHour.units)
        return exactCost(lower + 1, group) < exactCost(lower, group) ? lower + 1 : lower
    }

    private func setting(_ levels: [Int], groups: [Group], allOnDemand: FixedDecimal) -> ProvisionedConcurrencySetting {
        var provisioned = FixedDecimal.zero
        var served = FixedDecimal.zero
        var total = FixedDecimal.zero
        var busy = 0
        var fullyCovered = 0
        for (group, level) in zip(groups, levels) {
            let capacity = gbSecondsPerInstanceHour * level
            provisioned += capacity * group.sorted.count
            served += group.served(capacity)
            total += group.total
            busy += group.sorted.count - group.idleHours
            fullyCovered += group.hoursWithin(capacity) - group.idleHours
        }
        let provisionedCharge = provisioned * rates.provisionedConcurrency
        let durationCharge = served * rates.provisionedDuration
        let onDemandCharge = (total - served) * rates.onDemandDuration
        let cost = provisionedCharge + durationCharge + onDemandCharge
        return ProvisionedConcurrencySetting(
            levels: levels, provisionedGBSeconds: provisioned, servedGBSeconds: served, spilloverGBSeconds: total - served,
            provisionedCharge: provisionedCharge, provisionedDurationCharge: durationCharge, onDemandCharge: onDemandCharge,
            monthlyCost: cost, savingsVersusOnDemand: allOnDemand - cost, hoursWithUsage: busy, hoursFullyCovered: fullyCovered)
    }
}
