/// The per-function metrics file of the sample: what CloudWatch / Lambda Insights would report for the month,
/// consistent with the CUR (same invocations, same billed milliseconds).
struct SampleMetrics {
    static let header = "account_id,region,function_name,architecture,memory_mb,ephemeral_mb,timeout_s,trigger,"
        + "invocations,avg_duration_ms,p50_duration_ms,p99_duration_ms,avg_billed_duration_ms,max_memory_used_mb,"
        + "cold_starts,avg_init_duration_ms,avg_cpu_time_ms,errors,timeouts"

    let generator: SampleGenerator

    /// The CSV text: header and one row per function, sorted by account, region and function name.
    func csv() -> String {
        var lines = [Self.header]
        for index in generator.outputOrder {
            lines.append(row(index))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ index: Int) -> String {
        let function = generator.functions[index]
        let totals = generator.totals[index]
        var random = SampleRandom(seed: generator.configuration.seed, 0x3E7_81C5, UInt64(index))
        let invocations = Int(totals.invocations)
        var averageDuration = FixedDecimal.zero
        var averageBilled = FixedDecimal.zero
        var coldStarts = 0
        var averageInit = FixedDecimal.zero
        if invocations > 0 {
            averageBilled = FixedDecimal(Int(totals.billedMilliseconds)).divided(by: invocations)
            coldStarts = min(invocations, max(1, invocations * function.coldStartsPerMillion / 1_000_000))
            averageInit = FixedDecimal(function.initDurationMilliseconds)
                + FixedDecimal(Int128(random.int(in: 0...999)), fractionDigits: 3)
            // Billed = duration rounded up to the next ms (≈ +0.5 ms) plus INIT of cold starts (billed since 2025-08).
            let initShare = (averageInit * coldStarts).divided(by: invocations)
            let half = FixedDecimal(5, fractionDigits: 1)
            averageDuration = max(averageBilled - initShare - half, averageBilled * FixedDecimal(5, fractionDigits: 1))
        }
        let p50 = averageDuration * FixedDecimal(Int128(function.p50Percent), fractionDigits: 2)
        let p99 = averageDuration * FixedDecimal(Int128(function.p99Percent), fractionDigits: 2)
        let cpu = averageDuration * FixedDecimal(Int128(function.cpuPercent), fractionDigits: 2)
        let errors = invocations * function.errorsPerMillion / 1_000_000
        let timeouts = invocations * function.timeoutsPerMillion / 1_000_000
        let fields: [String] = [
            function.accountId, function.regionCode, function.name, function.architecture.rawValue,
            String(function.memoryMB), String(function.ephemeralStorageMB), String(function.timeoutSeconds),
            function.trigger.rawValue, String(invocations), averageDuration.formatted(places: 3),
            p50.formatted(places: 3), p99.formatted(places: 3), averageBilled.formatted(places: 3),
            String(function.maxMemoryUsedMB), String(coldStarts), averageInit.formatted(places: 3),
            cpu.formatted(places: 3), String(errors), String(timeouts),
        ]
        return fields.joined(separator: ",")
    }
}
