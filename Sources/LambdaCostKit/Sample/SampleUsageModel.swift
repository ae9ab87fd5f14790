/// Traffic of the sample: a function's usage in an hour is a pure function of the seed, the function and the
/// hour, so the CUR writer and the metrics file agree without sharing state. Integer arithmetic only.
struct SampleUsageModel: Sendable {
    let seed: UInt64
    /// Days since 1970-01-01 of the first day of the month.
    let firstDay: Int

    init(seed: UInt64, month: BillingMonth) {
        self.seed = seed
        firstDay = Int(month.firstHour.hoursSinceEpoch) / 24
    }

    /// Hourly weights by local hour of day; each table is scaled by its sum.
    static func weights(_ profile: SampleFunction.TrafficProfile) -> [Int64] {
        switch profile {
        case .diurnal: diurnalWeights
        case .nightlyBatch: batchWeights
        case .flat: flatWeights
        case .spiky: spikyWeights
        }
    }

    private static let diurnalWeights: [Int64] = [
        22, 16, 12, 10, 10, 14, 25, 45, 75, 110, 130, 140, 145, 145, 140, 135, 130, 125, 120, 105, 85, 65, 45, 30,
    ]
    private static let batchWeights: [Int64] = [
        60, 240, 380, 320, 160, 40, 6, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 20,
    ]
    private static let flatWeights: [Int64] = [
        96, 95, 95, 94, 95, 96, 98, 100, 102, 104, 105, 105, 105, 104, 104, 103, 102, 101, 100, 99, 98, 97, 97, 96,
    ]
    private static let spikyWeights: [Int64] = [
        70, 65, 60, 60, 60, 65, 75, 85, 95, 100, 105, 110, 110, 110, 105, 100, 95, 95, 90, 90, 85, 80, 75, 72,
    ]
    private static let weightSums: [Int64] = [diurnalWeights, batchWeights, flatWeights, spikyWeights].map {
        $0.reduce(0, +)
    }

    private static func weightSum(_ profile: SampleFunction.TrafficProfile) -> Int64 {
        switch profile {
        case .diurnal: weightSums[0]
        case .nightlyBatch: weightSums[1]
        case .flat: weightSums[2]
        case .spiky: weightSums[3]
        }
    }

    /// Share of provisioned capacity that provisioned concurrency serves before requests spill over (bursts).
    static let provisionedServingPercent: Int64 = 85

    /// The weight (percent of the daily mean, roughly) of `hour` for a profile in a region.
    static func localWeight(_ profile: SampleFunction.TrafficProfile, utcHour: Int, utcOffset: Int) -> Int64 {
        let local = ((utcHour + utcOffset) % 24 + 24) % 24
        return weights(profile)[local] * 24 * 100 / weightSum(profile)
    }

    /// The recursive-loop incident of the sample: function index, day of the month, UTC hours.
    static let incidentFunction = 4
    static let incidentDay = 17
    static let incidentHours = 8..<14

    /// The traffic parameters of a function (a plain value, cheap to copy in the hourly loop).
    struct Traffic: Sendable {
        let regionIndex: Int
        let profile: SampleFunction.TrafficProfile
        let meanHourlyInvocations: Int
        let meanBilledMilliseconds: Int
        let provisionedConcurrency: Int

        init(_ function: SampleFunction) {
            regionIndex = function.regionIndex
            profile = function.profile
            meanHourlyInvocations = function.meanHourlyInvocations
            meanBilledMilliseconds = function.meanBilledMilliseconds
            provisionedConcurrency = function.provisionedConcurrency
        }
    }

    /// Usage of the function with generation index `index` in hour `hour` (0 = first hour of the month).
    func usage(of function: SampleFunction, index: Int, hour: Int) -> SampleHourUsage {
        usage(of: Traffic(function), index: index, hour: hour)
    }

    /// Usage of the function with generation index `index` and traffic `function` in hour `hour`.
    func usage(of function: Traffic, index: Int, hour: Int) -> SampleHourUsage {
        var random = SampleRandom(seed: seed, 0x7A_FF1C, UInt64(index), UInt64(hour))
        let utcOffset = SampleRegion.utcOffsets[function.regionIndex]
        let localHour = ((hour % 24 + utcOffset) % 24 + 24) % 24
        let localDay = firstDay + (hour + utcOffset).floorDivided(by: 24)
        let weekday = ((localDay + 3) % 7 + 7) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        let profile = function.profile

        var weekendPercent: Int64 = 100
        if weekday >= 5 {
            switch profile {
            case .diurnal: weekendPercent = 62
            case .spiky: weekendPercent = 80
            case .flat, .nightlyBatch: weekendPercent = 100
            }
        }
        let noiseSpread = switch profile {
        case .diurnal: 12
        case .nightlyBatch: 20
        case .flat: 5
        case .spiky: 15
        }
        var noise = Int64(random.int(in: (1000 - noiseSpread * 10)...(1000 + noiseSpread * 10)))
        if profile == .spiky, random.next(below: 20) == 0 { noise *= Int64(random.int(in: 3...8)) }
        // An incident for the anomaly scenario: fixed function 4 (image-resize) calls itself in a loop for six
        // hours on the 17th, at forty times its usual rate.
        if index == Self.incidentFunction && hour / 24 == Self.incidentDay - 1 && Self.incidentHours.contains(hour % 24) {
            noise *= 40
        }

        let weight = Self.weights(profile)[localHour]
        let numerator = Int64(function.meanHourlyInvocations) * 24 * weight * weekendPercent * noise
        let denominator = Self.weightSum(profile) * 100 * 1000
        // Rounded to nearest, so that rare functions still get occasional invocations.
        var usage = SampleHourUsage()
        usage.invocations = (numerator + denominator / 2) / denominator
        if usage.invocations == 0 && function.provisionedConcurrency == 0 { return usage }

        let spread = function.meanBilledMilliseconds >= 1000 ? 80 : 40  // per mille
        let perInvocation = max(
            1, Int64(function.meanBilledMilliseconds) * Int64(random.int(in: (1000 - spread)...(1000 + spread))) / 1000)
        usage.billedMilliseconds = usage.invocations * perInvocation
        if function.provisionedConcurrency > 0 {
            let capacity = Int64(function.provisionedConcurrency) * 3_600_000
            usage.provisionedMilliseconds = min(
                usage.billedMilliseconds, capacity * Self.provisionedServingPercent / 100)
        }
        return usage
    }
}
