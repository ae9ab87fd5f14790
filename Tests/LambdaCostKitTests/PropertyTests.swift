import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// Properties checked on many seeded, deterministic inputs (no new dependency: SplitMix64 from the sample
/// generator): the decimal parser and formatter agree on a canonical form; the ingest does not depend on the order
/// of rows or on how a delivery is split into files; the whole job is byte-for-byte repeatable.
@Suite(.serialized) struct PropertyTests {
    // MARK: - Decimals

    /// A random canonical decimal: optional `-`, 0 to 15 integer digits (no leading zero), 0 to 24 fraction
    /// digits (no trailing zero), within ±(2^127 − 1) × 10^-24; now and then right at the range limit.
    static func canonicalDecimal(_ random: inout SampleRandom) -> String {
        if random.next(below: 20) == 0 {
            let limit = "170141183460469.231731687303715884105727"
            return random.next(below: 2) == 0 ? limit : "-" + limit
        }
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(random.next(below: 10))) }) }
        let integerDigits = random.next(below: 16)
        var integer = integerDigits == 0 ? "0" : String(1 + random.next(below: 9)) + digits(integerDigits - 1)
        if integer.count == 15 && integer > "170141183460468" { integer = "170141183460468" }
        let fractionDigits = random.next(below: 25)
        var fraction = digits(fractionDigits)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var text = fraction.isEmpty ? integer : integer + "." + fraction
        if text != "0" && random.next(below: 2) == 0 { text = "-" + text }
        return text
    }

    /// The same number spelled differently: a `+`, leading zeros, trailing zeros, a trailing point, or an
    /// exponent with the point moved to compensate (`12.5` as `1.25e+1`, `0.0125E+3` or `125e-1`).
    static func respelled(_ canonical: String, _ random: inout SampleRandom) -> String {
        var negative = false
        var text = Substring(canonical)
        if text.hasPrefix("-") {
            negative = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        integer = String(repeating: "0", count: random.next(below: 3)) + integer
        fraction += String(repeating: "0", count: random.next(below: 3))
        var body = fraction.isEmpty ? integer + (random.next(below: 2) == 0 ? "." : "") : integer + "." + fraction
        if random.next(below: 3) == 0 {
            // Move the point k places left and write e+k (or right and e-k).
            let shift = random.next(below: 5)
            let digits = integer + fraction
            let point = integer.count - shift
            if point > 0 && random.next(below: 2) == 0 {
                body = String(digits.prefix(point)) + "." + String(digits.dropFirst(point)) + "e+\(shift)"
            } else {
                body = random.next(below: 2) == 0
                    ? "0." + String(repeating: "0", count: shift) + digits + "E+\(shift + integer.count)"
                    : digits + "e-\(fraction.count)"
            }
        }
        let sign = negative ? "-" : (random.next(below: 4) == 0 ? "+" : "")
        return sign + body
    }

    static func parse(_ text: String) -> FixedDecimal.Parsed? {
        var text = text
        guard case .success(let parsed) = text.withUTF8({ FixedDecimal.parse($0) }) else { return nil }
        return parsed
    }

    /// Parsing a canonical decimal and formatting it gives the same digits; so does any other spelling of it;
    /// and the text parses back to the same value without rounding. 20,000 seeded cases.
    @Test func decimalsParseAndFormatToTheSameCanonicalDigits() throws {
        var random = SampleRandom(seed: 2026)
        for _ in 0..<10_000 {
            let canonical = Self.canonicalDecimal(&random)
            let parsed = try #require(Self.parse(canonical), "\(canonical)")
            #expect(parsed.value.description == canonical)
            #expect(!parsed.wasRounded, "\(canonical)")
            #expect(parsed.value == dec(canonical), "\(canonical)")
            let other = Self.respelled(canonical, &random)
            let reparsed = try #require(Self.parse(other), "\(other)")
            #expect(reparsed.value.description == canonical, "\(other)")
            #expect(!reparsed.wasRounded, "\(other)")
        }
    }

    /// Any value in range formats to text that parses back to the same value (format → parse → format).
    @Test func everyValueRoundTripsThroughItsText() throws {
        var random = SampleRandom(seed: 7)
        for round in 0..<10_000 {
            var units = Int128(bitPattern: UInt128(random.next()) << 64 | UInt128(random.next()))
            units >>= Int128(random.next(below: 127))  // every magnitude, not only the largest
            if units == Int128.min { units = Int128.max }
            if round == 0 { units = Int128.max }
            if round == 1 { units = -Int128.max }
            let value = FixedDecimal(units: units)
            let parsed = try #require(Self.parse(value.description), "\(value.description)")
            #expect(parsed.value == value, "\(value.description)")
            #expect(!parsed.wasRounded)
            #expect(parsed.value.description == value.description)
        }
    }

    /// Digits below 10^-24 are rounded half away from zero, and flagged.
    @Test func digitsBeyondTheResolutionRoundHalfAwayFromZero() throws {
        var random = SampleRandom(seed: 11)
        for _ in 0..<2_000 {
            let canonical = Self.canonicalDecimal(&random)
            guard !canonical.hasPrefix("170141183460469") && !canonical.hasPrefix("-170141183460469") else { continue }
            let base = canonical.contains(".") ? canonical : canonical + "."
            let fraction = base.split(separator: ".", omittingEmptySubsequences: false)[1]
            let padded = base + String(repeating: "0", count: 24 - fraction.count)
            let extra = String(1 + random.next(below: 9)) + String((0..<random.next(below: 20)).map { _ in Character(String(random.next(below: 10))) })
            let parsed = try #require(Self.parse(padded + extra), "\(padded + extra)")
            #expect(parsed.wasRounded)
            let ulp = FixedDecimal(units: 1)
            let expected = extra.first! >= "5" ? (dec(canonical).isNegative ? dec(canonical) - ulp : dec(canonical) + ulp) : dec(canonical)
            #expect(parsed.value == expected, "\(padded + extra)")
        }
    }

    /// `a.multiplied(by: b, dividedBy: c)` is `(a × b) ÷ c` rounded once: the same as the two-step form
    /// wherever that does not overflow, and still exact where `a × b` alone would leave the range.
    @Test func multiplyThenDivideRoundsOnceAndDoesNotOverflow() throws {
        var random = SampleRandom(seed: 31)
        for _ in 0..<5_000 {
            // Up to about ±1.8 × 10^7, every magnitude.
            let units = Int128(random.next() >> UInt64(random.next(below: 64))) * Int128(random.next() % 1_000_000)
            let a = FixedDecimal(units: random.next(below: 2) == 0 ? units : -units)
            let b = FixedDecimal(random.int(in: 1...100_000)), c = FixedDecimal(random.int(in: 1...100_000))
            #expect(a.multiplied(by: b, dividedBy: c) == (a * b).divided(by: c))
        }
        // 10⁸ × 9.2 × 10⁹ is far outside the range; ÷ 9.2 × 10⁹ brings it back.
        let cost = FixedDecimal(100_000_000), weight = FixedDecimal(9_216_000_000)
        #expect(cost.multiplied(by: weight, dividedBy: weight) == cost)
        #expect(cost.multiplied(by: weight, dividedBy: weight * 2) == FixedDecimal(50_000_000))
        #expect(FixedDecimal(1).multiplied(by: FixedDecimal(2), dividedBy: FixedDecimal(3)).description == "0.666666666666666666666667")
        #expect(FixedDecimal(-1).multiplied(by: FixedDecimal(2), dividedBy: FixedDecimal(3)).description == "-0.666666666666666666666667")
    }

    // MARK: - Aggregation

    /// A small generated month (the project's sample generator), read as records (header, rows) so rows can be
    /// shuffled and split without breaking quoted fields.
    static func sampleRecords(seed: UInt64) throws -> (header: String, rows: [String]) {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cur.csv"
        var configuration = SampleGenerator.Configuration(
            functions: 8, days: 3, seed: seed, month: BillingMonth(year: 2026, month: 10)!, otherServicesRowPercent: 20)
        configuration.savingsPlanHourlyCommitment = nil
        try SampleGenerator.write(configuration: configuration, curTo: path)
        let reader = CSVReader(source: try ByteSource(path: path))
        var records: [String] = []
        while try reader.nextRecord() { records.append(reader.rawRecord) }
        return (records[0], Array(records.dropFirst()))
    }

    static func write(_ header: String, _ rows: [String], to path: String) {
        FileManager.default.createFile(atPath: path, contents: Data((([header] + rows).joined(separator: "\n") + "\n").utf8))
    }

    static func shuffled(_ rows: [String], _ random: inout SampleRandom) -> [String] {
        var rows = rows
        for index in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(index, random.next(below: index + 1)) }
        return rows
    }

    /// What the ingest makes of the input, independent of where the rows came from.
    struct Aggregate: Equatable {
        var cells: [UsageLedger.Key: UsageLedger.Amounts]
        var rows: IngestResult.RowCounts
        var totals: IngestResult.CostTotals
        var tags: [FunctionIdentity: [String: String]]
        var qualifiers: [FunctionIdentity: Set<String>]
        var rejects: Int
        var warnings: [String]
        /// Each function's costs and usage, as text (`FunctionCost` is not `Equatable`).
        var functionCosts: [String]
    }

    static func summary(_ cost: FunctionCost) -> String {
        let usage = cost.usage.sorted { "\($0.key)" < "\($1.key)" }.map { "\($0.key)=\($0.value)" }
        return "\(cost.function) \(cost.architectures) requests \(cost.requests) GB-s \(cost.gbSeconds) PC \(cost.provisionedGBSeconds) "
            + "\(cost.provisionedDurationGBSeconds) unblended \(cost.unblendedCost) effective \(cost.effectiveCost) on-demand \(cost.onDemandCost) "
            + "free \(cost.freeTierValue) tags \(cost.tags.sorted { $0.key < $1.key }) qualifiers \(cost.qualifiers) usage \(usage)"
    }

    static func aggregate(_ paths: [String], memoryCellLimit: Int = UsageLedger.defaultMemoryCellLimit) throws -> Aggregate {
        var input = IngestStage.Input(curFiles: paths)
        input.memoryCellLimit = memoryCellLimit
        let result = try IngestStage().run(input)
        #expect(result.totals.reconciles)
        let functions = result.ledger.functions
        return Aggregate(
            cells: result.ledger.cells, rows: result.rows, totals: result.totals,
            tags: Dictionary(uniqueKeysWithValues: functions.map { ($0, result.ledger.tags(of: $0)) }),
            qualifiers: result.ledger.qualifiers, rejects: result.rejects.count,
            warnings: result.diagnostics.filter { $0.location == nil }.map(\.description),
            functionCosts: try FunctionCostStage().run(result).functions.map(summary))
    }

    /// Shuffling the rows, and splitting them into 2 or 3 files of one delivery (one folder), gives the same
    /// ledger cells, totals, tags, qualifiers and per-function costs; so does a ledger that spills to disk.
    @Test(arguments: [UInt64(1), 2, 3])
    func aggregationIgnoresRowOrderAndFileSplits(seed: UInt64) throws {
        let (header, rows) = try Self.sampleRecords(seed: seed)
        #expect(rows.count > 500)
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = folder + "/whole/cur.csv"
        try FileManager.default.createDirectory(atPath: folder + "/whole", withIntermediateDirectories: true)
        Self.write(header, rows, to: whole)
        let expected = try Self.aggregate([whole])
        #expect(expected.rows.lambda > 0 && expected.rows.otherServices > 0)

        var random = SampleRandom(seed: seed &* 977)
        for variant in 0..<3 {
            let shuffled = Self.shuffled(rows, &random)
            let parts = 1 + variant  // 1, 2 or 3 files
            let delivery = "\(folder)/delivery-\(variant)"
            try FileManager.default.createDirectory(atPath: delivery, withIntermediateDirectories: true)
            var cuts = (0..<(parts - 1)).map { _ in random.next(below: shuffled.count) }.sorted()
            cuts = [0] + cuts + [shuffled.count]
            var paths: [String] = []
            for part in 0..<parts {
                let path = "\(delivery)/cur-0000\(part + 1).csv"
                Self.write(header, Array(shuffled[cuts[part]..<cuts[part + 1]]), to: path)
                paths.append(path)
            }
            // The files in another order too: the order of the parts does not matter either.
            let order = variant == 2 ? paths.reversed() : paths
            let actual = try Self.aggregate(order)
            #expect(actual == expected, "variant \(variant): \(parts) file(s)")
        }
        // A ledger that spills sorted runs to disk every 64 cells.
        #expect(try Self.aggregate([whole], memoryCellLimit: 64) == expected)
    }

    // MARK: - Repeatable runs

    static func runPipeline(inputs: [String], metrics: [String], output: String) throws -> [String: Data] {
        let pipeline = ReportPipeline(options: .init(
            inputs: inputs, metrics: metrics, pricingDirectory: RepositoryPaths.pricing, outputDirectory: output,
            templatesDirectory: RepositoryPaths.templates))
        let outcome = try pipeline.run()
        var files: [String: Data] = [:]
        for file in GoldenFiles.files(under: outcome.folder) {
            files[file] = FileManager.default.contents(atPath: "\(outcome.folder)/\(file)")
        }
        return files
    }

    /// The whole job twice on the same month (CUR and metrics from the sample generator) writes byte-identical
    /// files, every one of them; and the same rows shuffled into three files give the same files too, apart from
    /// the manifest (which lists the input files).
    @Test func theWholeJobIsByteForByteRepeatable() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configuration = SampleGenerator.Configuration(functions: 10, days: 4, seed: 99, month: BillingMonth(year: 2026, month: 10)!)
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try SampleGenerator.write(configuration: configuration, curTo: folder + "/in/cur.csv.gz", metricsTo: folder + "/metrics.csv")
        let first = try Self.runPipeline(inputs: [folder + "/in"], metrics: [folder + "/metrics.csv"], output: folder + "/out-1")
        let second = try Self.runPipeline(inputs: [folder + "/in"], metrics: [folder + "/metrics.csv"], output: folder + "/out-2")
        #expect(first.count >= 9)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (file, contents) in first { #expect(contents == second[file], "\(file) differs between two runs") }

        // The same rows, shuffled and split into three parts of one delivery.
        let reader = CSVReader(source: try ByteSource(path: folder + "/in/cur.csv.gz"))
        var records: [String] = []
        while try reader.nextRecord() { records.append(reader.rawRecord) }
        var random = SampleRandom(seed: 5)
        let rows = Self.shuffled(Array(records.dropFirst()), &random)
        try FileManager.default.createDirectory(atPath: folder + "/split", withIntermediateDirectories: true)
        let third = rows.count / 3
        for (index, range) in [0..<third, third..<(2 * third), (2 * third)..<rows.count].enumerated() {
            Self.write(records[0], Array(rows[range]), to: "\(folder)/split/part-\(index + 1).csv")
        }
        let split = try Self.runPipeline(inputs: [folder + "/split"], metrics: [folder + "/metrics.csv"], output: folder + "/out-3")
        #expect(split.keys.sorted() == first.keys.sorted())
        for (file, contents) in first where file != "manifest.json" {
            #expect(contents == split[file], "\(file) differs when the rows are shuffled and split")
        }
    }
}
