// libFuzzer target for the configuration reader (`--config FILE`, ReportConfiguration(contentsOfFile:knownRegions:
// knownGroups:) in Sources/LambdaCostKit/Configuration/): TOMLKit (toml++, C++) parses the TOML, TOMLSourceIndex
// locates every key and value and keeps the text of numbers, ConfigurationReader checks and converts. scripts/fuzz
// builds TOMLKit and toml++ from the SwiftPM checkout (toml++ with -fsanitize=fuzzer-no-link,address, TOMLKit's
// Swift with -sanitize=fuzzer,address) and compiles this file with the Configuration sources and what they use into
// one module (-sanitize=fuzzer,address).
//
// Input: the bytes of the file, read with the built-in regions and move groups as known.
// Invariants for any input bytes:
//   - reading never traps and never reads or writes outside a buffer (AddressSanitizer);
//   - a failure is a ConfigurationError of one or more error diagnostics, each located in the file (its path, line
//     from 1 to the file's line count, column from 1 to the line's length + 1), in file order; a file that is not
//     UTF-8 fails at 1:1;
//   - a configuration read has every number exact (its text parses back to it) and within the reader's magnitude
//     guard (at most 10^9 in absolute value), and every value within its documented range: shares 0–1, factors
//     > 0 or ≥ 1 as documented, batch_factor 1–10,000, top_rows 1–300, alert levels strictly increasing in
//     (0, 1000], budgets and the commitment > 0; terms and payment options non-empty, in their cases' order without
//     repeats, 'instead' only with a commitment; regions and groups known, without repeats, pairs of two different
//     regions; every rule selects by a pattern or a tag, every pattern parses again from its text and matches
//     without a trap; reasons and team names not blank, team names once each and sorted; the team tag key and tag
//     selector keys spelled as the report spells tag keys; html_base_url a base the links accept;
//   - nothing at the end of a file read is left unread: the file with a table appended fails, naming that table
//     as an unknown key on its line;
//   - reading the same file twice gives the same result, and reading its text (`parsing:`) the same as the file.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let fuzzTargetName = "configuration_reader"

// UsageKind's ordinal (Sources/LambdaCostKit/Ingest/UsageLedger.swift, the same one-liner): UsageKind.swift, which
// holds Architecture (RegionTable's classification needs it), needs it, and the ledger is not part of the reader.
extension UsageKind {
    var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }
}

private let path = "/tmp/lambda-cost-report-fuzz-configuration-\(getpid()).toml"
private let knownRegions = ReportConfiguration.defaultKnownRegions
private let knownGroups = ReportConfiguration.defaultKnownGroups
/// Functions every pattern read is matched against (a long name too: globs must not take exponential time).
private let functions = [
    FunctionIdentity(accountID: "004519876321", region: "eu-west-1", name: "image-resize"),
    FunctionIdentity(accountID: "111122223333", region: "us-east-1", name: String(repeating: "a-", count: 32) + "b"),
]

private func read() -> Result<ReportConfiguration, ConfigurationError> {
    Result { () throws(ConfigurationError) in
        try ReportConfiguration(contentsOfFile: path, knownRegions: knownRegions, knownGroups: knownGroups)
    }
}

/// Exact (its text parses back to it without rounding) and within the reader's guard (|value| ≤ 10^9).
private func checkNumber(_ value: FixedDecimal, _ what: String) {
    let magnitude = value.isNegative ? .zero - value : value
    check(magnitude <= ConfigurationReader.largestNumber, "\(what) beyond the magnitude guard: \(value)")
    let text = Array("\(value)".utf8)
    guard case .success(let parsed) = text.withUnsafeBufferPointer({ FixedDecimal.parse($0) }) else {
        fail("\(what): \(value) does not parse back")
    }
    check(parsed.value == value && !parsed.wasRounded, "\(what): \(value) parses back as \(parsed.value)")
}

private func checkRange(_ value: FixedDecimal, _ what: String, above low: FixedDecimal? = nil, from lowest: FixedDecimal? = nil,
                        to highest: FixedDecimal? = nil) {
    checkNumber(value, what)
    if let low { check(value > low, "\(what) \(value) not above \(low)") }
    if let lowest { check(value >= lowest, "\(what) \(value) below \(lowest)") }
    if let highest { check(value <= highest, "\(what) \(value) above \(highest)") }
}

private func checkSelector(_ selector: FunctionSelector, _ what: String) {
    check(!selector.patterns.isEmpty || selector.tag != nil, "\(what) selects every function: neither a pattern nor a tag")
    for pattern in selector.patterns {
        let again = Result { () throws(FunctionPattern.Problem) in try FunctionPattern(parsing: pattern.text, knownRegions: knownRegions) }
        guard case .success(let parsed) = again else { fail("\(what): pattern '\(pattern.text)' does not parse again") }
        for function in functions {
            check(parsed.matches(function) == pattern.matches(function), "\(what): pattern '\(pattern.text)' matches differently")
        }
    }
    if let tag = selector.tag {
        check(!tag.key.isEmpty && tag.key == CURColumns.userTagKey(tag.key), "\(what): tag key '\(tag.key)' not spelled as a tag key")
        check(!tag.value.isEmpty && tag.value == tag.value.trimmingSpaces, "\(what): tag value '\(tag.value)' blank or untrimmed")
        _ = tag.matches([tag.key: tag.value])
    }
}

private func checkAlertLevels(_ levels: [FixedDecimal], _ what: String) {
    for (position, level) in levels.enumerated() {
        checkRange(level, "\(what)[\(position)]", above: .zero, to: FixedDecimal(1000))
        if position > 0 { check(levels[position - 1] < level, "\(what) not strictly increasing: \(levels)") }
    }
}

private func checkConfiguration(_ configuration: ReportConfiguration) {
    let scenarios = configuration.scenarios
    let one = FixedDecimal(1)
    checkRange(scenarios.armDurationFactor, "duration_factor", above: .zero)
    checkRange(scenarios.memoryHeadroom, "memory_headroom", from: .zero)
    checkRange(scenarios.maximumP99Slowdown, "max_p99_slowdown", from: one)
    checkRange(scenarios.balancedWeight, "balanced_weight", from: .zero, to: one)
    checkRange(scenarios.idleCPUShare, "idle_cpu_share", from: .zero, to: one)
    check((1...10_000).contains(scenarios.batchFactor), "batch_factor \(scenarios.batchFactor)")
    checkRange(scenarios.requestCostShare, "request_cost_share", from: .zero, to: one)
    checkRange(scenarios.anomalyFactor, "anomaly_factor", from: one)
    checkRange(scenarios.anomalyMinimumExtra, "anomaly_minimum_extra_usd", from: .zero)
    checkRange(scenarios.regionMoveMinimumShare, "region_move_minimum_share", from: .zero, to: one)

    for (position, entry) in configuration.armDurationOverrides.enumerated() {
        checkSelector(entry.selector, "graviton.override[\(position)]")
        checkRange(entry.durationFactor, "graviton.override[\(position)].duration_factor", above: .zero)
        _ = configuration.armDurationFactor(for: functions[0])
    }
    for (position, entry) in configuration.arm64Incompatible.enumerated() {
        checkSelector(entry.selector, "graviton.incompatible[\(position)]")
        check(!entry.reason.trimmingSpaces.isEmpty, "graviton.incompatible[\(position)] has a blank reason")
    }

    let regions = configuration.regions
    for (position, pair) in regions.pairs.enumerated() {
        check(knownRegions.contains(pair.from) && knownRegions.contains(pair.to), "pairs[\(position)] has an unknown region: \(pair)")
        check(pair.from != pair.to, "pairs[\(position)] is from a region to itself")
        check(!regions.pairs[..<position].contains(pair), "pairs[\(position)] repeated")
    }
    for (position, rule) in regions.allow.enumerated() {
        checkSelector(rule.selector, "regions.allow[\(position)]")
        check(rule.regions.allSatisfy(knownRegions.contains), "regions.allow[\(position)] has an unknown region: \(rule.regions)")
        check(rule.groups.allSatisfy(knownGroups.contains), "regions.allow[\(position)] has an unknown group: \(rule.groups)")
        check(Set(rule.regions).count == rule.regions.count && Set(rule.groups).count == rule.groups.count,
              "regions.allow[\(position)] has a repeated region or group")
    }
    for function in functions { _ = configuration.regionMoveTargets(for: function) }

    let plans = configuration.savingsPlans
    check(!plans.terms.isEmpty && plans.terms == SavingsPlanRate.Term.allCases.filter(plans.terms.contains), "terms \(plans.terms)")
    check(!plans.paymentOptions.isEmpty && plans.paymentOptions == SavingsPlanRate.PaymentOption.allCases.filter(plans.paymentOptions.contains),
          "payment_options \(plans.paymentOptions)")
    if let commitment = plans.commitmentPerHour { checkRange(commitment, "commitment_usd_per_hour", above: .zero) }
    check(plans.commitmentMode != .instead || plans.commitmentPerHour != nil, "commitment_mode 'instead' without a commitment")

    let teams = configuration.teams
    check(!teams.tagKey.isEmpty && teams.tagKey == CURColumns.userTagKey(teams.tagKey), "tag_key '\(teams.tagKey)' not spelled as a tag key")
    checkAlertLevels(teams.alertLevels, "teams.alert_levels")
    for (position, budget) in teams.budgets.enumerated() {
        check(!budget.team.trimmingSpaces.isEmpty, "budgets[\(position)] has a blank team name")
        if position > 0 { check(teams.budgets[position - 1].team < budget.team, "budgets not sorted by team, or a team twice") }
        checkRange(budget.monthlyUSD, "budget of '\(budget.team)'", above: .zero)
        checkAlertLevels(budget.alertLevels, "alert_levels of '\(budget.team)'")
        _ = budget.reachedAlertLevels(spent: budget.monthlyUSD)
    }

    check((1...ReportConfiguration.maximumTopRows).contains(configuration.topRows), "top_rows \(configuration.topRows)")
    if let base = configuration.htmlBaseURL {
        check(HTMLReportLinks.problem(baseURL: base) == nil, "html_base_url '\(base)' is not a base the links accept")
    }
}

private func checkError(_ error: ConfigurationError, _ bytes: [UInt8]) {
    check(!error.diagnostics.isEmpty, "a ConfigurationError without a diagnostic")
    // Unicode scalars (at most the bytes) of each line, for the column bound.
    var lineLengths: [Int] = [0]
    for byte in bytes {
        if byte == 0x0A { lineLengths.append(0) } else if byte & 0xC0 != 0x80 { lineLengths[lineLengths.count - 1] += 1 }
    }
    var previous = (line: 0, column: 0)
    for diagnostic in error.diagnostics {
        check(diagnostic.severity == .error, "a diagnostic that is not an error: \(diagnostic)")
        guard let location = diagnostic.location else { fail("a diagnostic without a location: \(diagnostic)") }
        check(location.file == path, "a diagnostic names another file: \(diagnostic)")
        check(location.line >= 1 && location.line <= lineLengths.count,
              "line \(location.line) outside the file's \(lineLengths.count) lines: \(diagnostic)")
        check(location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1,
              "column \(location.column) outside line \(location.line) of \(lineLengths[location.line - 1]) characters: \(diagnostic)")
        check((location.line, location.column) >= previous, "diagnostics out of file order: \(error)")
        previous = (location.line, location.column)
    }
    if String(validating: bytes, as: UTF8.self) == nil {
        check(error.diagnostics.count == 1 && error.diagnostics[0].location.map { ($0.line, $0.column) == (1, 1) } == true,
              "a file that is not UTF-8 fails elsewhere than at 1:1: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func configurationFuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    check(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
    defer { unlink(path) }

    let first = read()
    switch first {
    case .success(let configuration):
        checkConfiguration(configuration)
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.utf8.count { $0 == 0x0A } + 2
        do {
            _ = try ReportConfiguration(parsing: text + "\n[zz_fuzz_unknown]\n", file: path, knownRegions: knownRegions, knownGroups: knownGroups)
            fail("a table appended to a file read is not reported")
        } catch {
            check(error.diagnostics.contains { $0.location?.line == line && $0.message.hasPrefix("unknown key 'zz_fuzz_unknown' at the top level") },
                  "a table appended on line \(line) is not reported there: \(error)")
        }
    case .failure(let error): checkError(error, bytes)
    }
    check(read() == first, "two reads of the same file differ")
    if let text = String(validating: bytes, as: UTF8.self) {
        let parsed = Result { () throws(ConfigurationError) in
            try ReportConfiguration(parsing: text, file: path, knownRegions: knownRegions, knownGroups: knownGroups)
        }
        check(parsed == first, "reading the text differs from reading the file")
    }
    return 0
}
