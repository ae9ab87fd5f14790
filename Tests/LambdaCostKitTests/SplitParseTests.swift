import Foundation
import GoldenFiles
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LambdaCostKit

/// The split parse of a plain CSV file (``CURReader``, ``ParseSplit``): forced on small inputs at chosen offsets,
/// it must give exactly what one thread reading the file in turn gives — every month's ledger (in its order),
/// totals, row counts, coverage, Savings Plan fees, the rejects (their `file:line:column` and order), the diagnostics,
/// the delivery fingerprint and the digest — and the report's files byte for byte.
@Suite struct SplitParseTests {
    /// Everything the accumulator holds after reading `path`, as text, in the order it holds it.
    static func ingest(_ path: String, split: ParseSplit, memoryCellLimit: Int = 64) -> String {
        read(path, split: split, memoryCellLimit: memoryCellLimit).text
    }

    /// Reads `path` with `split` into a new accumulator: what it holds as text (or the error), and the reader.
    static func read(_ path: String, split: ParseSplit, memoryCellLimit: Int = 64) -> (text: String, reader: CURReader) {
        let accumulator = MonthAccumulator(memoryCellLimit: memoryCellLimit)
        let reader = CURReader(regions: .builtIn, into: accumulator)
        reader.split = split
        do {
            try reader.ingest(path: path)
        } catch {
            return ("error: \(error)", reader)
        }
        return (describe(accumulator), reader)
    }

    /// Everything `accumulator` holds, as text, in the order it holds it.
    static func describe(_ accumulator: MonthAccumulator) -> String {
        var lines: [String] = []
        for bucket in accumulator.bucketList + [accumulator.unplacedRejects] {
            lines.append("month \(bucket.ledger.month): \(bucket.rows) \(bucket.totals) \(bucket.savingsPlanFees) \(bucket.coverage)")
            bucket.ledger.forEachCell { key, amounts in lines.append("  \(key) \(amounts)") }
            for function in bucket.ledger.functions {
                lines.append("  tags \(function): \(bucket.ledger.tags(of: function).sorted { $0.key < $1.key })")
            }
            lines.append("  qualifiers \(bucket.ledger.qualifiers.mapValues { $0.sorted() }.sorted { "\($0.key)" < "\($1.key)" })")
            lines.append("  payers \(bucket.ledger.payers.sorted { $0.key < $1.key })")
            var records = Data()
            try? accumulator.rejects.writeRecords(of: bucket.ledger.month) { records.append(contentsOf: $0) }
            lines.append("  rejects.csv:\n" + String(decoding: records, as: UTF8.self))
        }
        lines.append("examples \(accumulator.rejects.examples.map { "\($0.month.map { "\($0)" } ?? "-") \($0.row.location) \($0.row.reason)" })")
        lines.append("counts \(accumulator.rejects.counts.sorted { "\($0.key.map { "\($0)" } ?? "")" < "\($1.key.map { "\($0)" } ?? "")" })")
        lines += accumulator.diagnostics.map { "diagnostic \($0)" }
        lines += accumulator.summaryDiagnostics().map { "summary \($0)" }
        lines.append("inputs \(accumulator.inputs)")
        for delivery in accumulator.deliveries {
            lines.append("delivery \(delivery.path) \(delivery.periods.sorted { $0.value < $1.value }) \(delivery.sampledLineItems.sorted()) \(delivery.sampleModulus) \(delivery.samplesRecords)")
        }
        lines.append("magnitude \(accumulator.magnitude.sum) rounded \(accumulator.roundedAmounts)")
        return lines.joined(separator: "\n")
    }

    /// Reads `path` split at `offsets` and in one pass, and expects the same.
    static func expectSame(_ path: String, offsets: [Int], whole: String? = nil, memoryCellLimit: Int = 64,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let whole = whole ?? ingest(path, split: .never, memoryCellLimit: memoryCellLimit)
        let split = ingest(path, split: ParseSplit(minimumBytes: 0, parts: offsets.count + 1, offsets: offsets), memoryCellLimit: memoryCellLimit)
        #expect(split == whole, "\(path) split at \(offsets)", sourceLocation: sourceLocation)
    }

    /// The offsets of every line feed in the file (a part starts after the first one at or after its offset).
    static func lineFeeds(_ path: String) -> [Int] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        return bytes.indices.filter { bytes[$0] == 0x0A }
    }

    /// A CSV field, quoted when it must be.
    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A generated month (two functions' worth of rows) with what makes a split hard worked in: descriptions holding
    /// quoted newlines (some of them whole CSV-looking lines), malformed records, rows with a bad cost (more than
    /// the per-file diagnostic limit), blank lines. Returns the file and the lines of the bad-cost rows.
    static func trickyFile(in folder: String, lineEnd: String = "\n", bom: Bool = false) throws -> (path: String, badCostLines: [Int]) {
        let generated = folder + "/generated.csv"
        _ = try SampleGenerator.write(configuration: SampleGenerator.Configuration(
            functions: 2, days: 1, seed: 3, month: BillingMonth(year: 2026, month: 10)!), curTo: generated)
        let reader = CSVReader(source: try ByteSource(path: generated))
        var records: [[String]] = []
        while try reader.nextRecord() { records.append((0..<reader.fieldCount).map { reader.lossyString($0) }) }
        let header = records[0]
        let description = try #require(header.firstIndex(of: "lineItem/LineItemDescription"))
        let cost = try #require(header.firstIndex(of: "lineItem/UnblendedCost"))
        var text = bom ? "\u{FEFF}" : ""
        text += header.map(field).joined(separator: ",") + lineEnd
        var line = 2
        var badCostLines: [Int] = []
        for (index, var record) in records.dropFirst().enumerated() {
            switch index % 7 {
            case _ where index % 4 == 3:
                record[cost] = "twelve"
                badCostLines.append(line)
            case 1:
                // A description that holds whole lines, one of them looking like a record.
                let fake = records[1].joined(separator: ",")
                record[description] = "first line\(lineEnd)\(fake)\(lineEnd)\(lineEnd)last, \"quoted\" line"
            case 5 where index % 3 == 0:
                text += record.prefix(5).joined(separator: ",") + ",\"unclosed\"x" + lineEnd
                line += 1
            case 6 where index % 4 == 0:
                text += lineEnd
                line += 1
            default: break
            }
            let encoded = record.map(field).joined(separator: ",")
            text += encoded + lineEnd
            line += 1 + encoded.components(separatedBy: lineEnd).count - 1
        }
        let path = folder + "/tricky.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, badCostLines)
    }

    @Test func everySplitPointOfTheFixturesGivesTheOnePassResult() throws {
        let root = fixturePath("")
        let files = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".csv") && ($0.hasPrefix("cur/") || $0.hasPrefix("focus/") || $0.hasPrefix("hostile/") || $0.hasPrefix("deliveries/")) }
            .sorted()
        #expect(files.count > 20)
        for file in files {
            let path = root + file
            let whole = Self.ingest(path, split: .never)
            for offset in Self.lineFeeds(path) { Self.expectSame(path, offsets: [offset], whole: whole) }
            // Three parts: the second one starting at each line, the third a few lines later.
            let feeds = Self.lineFeeds(path)
            for (index, offset) in feeds.enumerated() where index + 3 < feeds.count {
                Self.expectSame(path, offsets: [offset, feeds[index + 3]], whole: whole)
            }
        }
    }

    @Test(arguments: ["\n", "\r\n"])
    func everySplitPointOfAHardFileGivesTheOnePassResult(lineEnd: String) throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, badCostLines) = try Self.trickyFile(in: folder, lineEnd: lineEnd, bom: true)
        #expect(badCostLines.count > 60)

        // Without spilling the ledger (spills are exercised on the fixtures and with equal shares below).
        let cells = 1 << 14
        let whole = Self.ingest(path, split: .never, memoryCellLimit: cells)
        // The line numbers are the file's, checked here apart from the one-pass parse: each bad cost is an error at
        // its line, in order.
        let errorLines = whole.split(separator: "\n").filter { $0.hasPrefix("diagnostic ") && $0.contains("lineItem/UnblendedCost") }
            .compactMap { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        #expect(errorLines == Array(badCostLines.prefix(errorLines.count)))
        #expect(errorLines.count > 10)
        #expect(whole.contains("more rejected rows are listed only in rejects.csv"))

        let feeds = Self.lineFeeds(path)
        for offset in feeds { Self.expectSame(path, offsets: [offset], whole: whole, memoryCellLimit: cells) }
        for (index, offset) in feeds.enumerated() where index % 5 == 0 && index + 7 < feeds.count {
            Self.expectSame(path, offsets: [offset, feeds[index + 2], feeds[index + 7]], whole: whole, memoryCellLimit: cells)
        }
        // Equal shares, as a run splits a large file; the ledger spilled.
        let spilled = Self.ingest(path, split: .never)
        for parts in 2...6 { #expect(Self.ingest(path, split: ParseSplit(minimumBytes: 0, parts: parts)) == spilled, "\(parts) parts") }
    }

    @Test func aSplitInsideAQuotedFieldIsReadAgainFromTheRecordsEnd() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The line feed after "first line": the part that starts there begins inside a quoted field, on a line that
        // looks like a whole record.
        let inside = try #require(text.utf8.firstRange(of: "first line\n".utf8)).upperBound
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: inside) - 1
        Self.expectSame(path, offsets: [offset])
        Self.expectSame(path, offsets: [offset, offset + 1])
        Self.expectSame(path, offsets: [offset - 50, offset])
    }

    @Test func aMalformedRecordRightAfterTheSplitPoint() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let malformed = try #require(text.utf8.firstRange(of: ",\"unclosed\"x".utf8)).lowerBound
        let lineStart = text.utf8[..<malformed].lastIndex(of: 0x0A)!
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: lineStart)
        Self.expectSame(path, offsets: [offset])
        #expect(Self.ingest(path, split: .never).contains("unexpected text after a closing quote"))
    }

    @Test func smallHeaderOnlyAndEmptyFiles() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        // Below the threshold, the file is read as a stream: the same as never splitting.
        #expect(Self.ingest(path, split: ParseSplit()) == Self.ingest(path, split: .never))
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[0]
        for (name, text) in [("bom-header.csv", "\u{FEFF}" + header), ("bom-header-lf.csv", "\u{FEFF}" + header + "\n"),
                             ("header-crlf.csv", header.replacingOccurrences(of: "\u{FEFF}", with: "") + "\r\n\r\n"), ("empty.csv", "")] {
            let file = folder + "/" + name
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            for parts in 2...3 {
                let split = Self.ingest(file, split: ParseSplit(minimumBytes: 0, parts: parts))
                #expect(split == Self.ingest(file, split: .never), "\(name)")
            }
        }
    }

    /// The first part, whose thread also hashes the file, takes the smaller share: 2 to each other part's 3 when stages
    /// follow the ingest (they run beside the rest of the hash), 1 to 4 when nothing does (`validate`: the rest of the
    /// hash runs beside the other parts). Each part starts after the first line feed at or after its share's offset;
    /// either split reads what one pass reads.
    @Test func theFirstPartIsSmallerWhenNothingFollowsTheIngest() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lines.csv"
        let header = "a,b\n"
        // 1,000 lines of 100 bytes each: line k starts at bodyStart + 100 k, its line feed is its last byte.
        try (header + String(repeating: String(repeating: "x", count: 99) + "\n", count: 1_000)).write(toFile: path, atomically: true, encoding: .utf8)
        let file = try #require(SplitFile(path: path, minimumBytes: 0))
        let bodyStart = header.utf8.count
        func starts(parts: Int, stagesFollow: Bool) -> [Int] {
            var split = ParseSplit(minimumBytes: 0, parts: parts)
            split.stagesFollow = stagesFollow
            return split.starts(in: file, bodyStart: bodyStart).map { $0 - bodyStart }
        }
        #expect(starts(parts: 2, stagesFollow: true) == [40_100])  // 2/5 of the body is 40,000: the line after it
        #expect(starts(parts: 2, stagesFollow: false) == [20_100])  // 1/5
        #expect(starts(parts: 3, stagesFollow: true) == [25_100, 62_600])  // 2/8 and 5/8
        #expect(starts(parts: 3, stagesFollow: false) == [11_200, 55_600])  // 1/9 and 5/9

        let (tricky, _) = try Self.trickyFile(in: folder)
        for parts in 2...3 {
            var split = ParseSplit(minimumBytes: 0, parts: parts)
            split.stagesFollow = false
            #expect(Self.ingest(tricky, split: split) == Self.ingest(tricky, split: .never), "\(parts) parts")
        }
    }

    @Test func theDigestIsTheFilesSHA256() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let expected = SHA256()
        expected.update(try Data(contentsOf: URL(fileURLWithPath: path)))
        let sha256 = expected.finalizeHex()
        // The first part hashes what it reads and the rest is hashed after it, wherever the parts start: equal shares,
        // a first part of one line, a first part that reads the whole file (no later part starts before its end).
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let splits = (2...4).map { ParseSplit(minimumBytes: 0, parts: $0) }
            + [ParseSplit(minimumBytes: 0, parts: 2, offsets: [Self.lineFeeds(path)[1]]), ParseSplit(minimumBytes: 0, parts: 2, offsets: [size])]
        for split in splits {
            let accumulator = MonthAccumulator()
            let reader = CURReader(regions: .builtIn, into: accumulator)
            reader.split = split
            try reader.ingest(path: path)
            #expect(try accumulator.inputs.first?.sha256() == sha256, "\(split.parts) parts, \(split.offsets ?? [])")
            #expect(accumulator.inputs.first?.bytes == size)
        }
    }

    /// A file cut short by another process while its parts are read is refused in words, never a crash (a mapped
    /// file would fault on its lost pages).
    @Test func aFileTruncatedWhileItIsReadIsRefusedInWords() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let file = try #require(SplitFile(path: path, minimumBytes: 0))
        #expect(truncate(path, off_t(file.size / 2)) == 0)
        let reader = CURReader(regions: .builtIn, into: MonthAccumulator())
        reader.split = ParseSplit(minimumBytes: 0, parts: 3)
        #expect(throws: InputError.self) { try reader.ingestSplit(file) }
        do {
            try reader.ingestSplit(file)
        } catch {
            #expect("\(error)" == "\(path): error: the file changed while it was read (it is shorter than when it was opened); read it again when it is complete")
        }
        #expect(file.changed)
    }

    /// A split file is hashed after its parse, beside the later stages: a file cut short before its hash read it has
    /// no digest, and asking for one throws the ingest's error in words.
    @Test func aFileCutShortBeforeItIsHashedHasNoDigest() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let file = try #require(SplitFile(path: path, minimumBytes: 0))
        #expect(truncate(path, off_t(file.size - 1)) == 0)
        let digest = SplitFileDigest.start(file)
        #expect(throws: InputError.self) { try digest.sha256() }
        do {
            _ = try digest.sha256()
        } catch {
            #expect("\(error)" == "\(path): error: the file changed while it was read (it is shorter than when it was opened); read it again when it is complete")
        }
        #expect(digest.description.hasPrefix("(no digest: the file changed while it was read"))
    }

    /// A digest still being computed is waited for by whoever asks, and digests compare by their value.
    @Test func aDigestBeingComputedIsWaitedFor() throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let later = InputDigest {
            started.signal()
            release.wait()
            return .success("ab12")
        }
        started.wait()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { release.signal() }
        #expect(try later.sha256() == "ab12")
        #expect(later == InputDigest("ab12") && later != InputDigest("cd34"))
        #expect(Set([later, InputDigest("ab12")]).count == 1)
        #expect(later.description == "ab12")
    }

    /// Two copies of a file, each parsed in parts (its digest computed after its parse), are still refused as the same
    /// content given twice; a file of another size is compared with no digest at all.
    @Test func twoCopiesOfASplitFileAreRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        let copy = folder + "/copy.csv"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        var input = IngestStage.Input(curFiles: [path, copy])
        input.parseSplit = ParseSplit(minimumBytes: 0, parts: 2)
        #expect {
            try IngestStage().run(input)
        } throws: { error in
            "\(error)" == "\(copy): error: the same content as \(path) was given twice; it would be counted twice"
        }
    }

    /// Every file of the report on `input` read with `split`, by path under the month's folder.
    static func reportFiles(input: String, split: ParseSplit, outputDirectory: String) throws -> [String: Data] {
        var options = ReportPipeline.Options(
            inputs: [input], pricingDirectory: RepositoryPaths.pricing, outputDirectory: outputDirectory,
            templatesDirectory: RepositoryPaths.templates)
        options.parseSplit = split
        let outcome = try ReportPipeline(options: options).run()
        var files: [String: Data] = [:]
        for file in GoldenFiles.files(under: outcome.folder) {
            files[file] = FileManager.default.contents(atPath: "\(outcome.folder)/\(file)")
        }
        return files
    }

    /// The whole report from a file split in three parts is the report from one pass, file for file, byte for byte.
    @Test func theReportIsByteForByteTheOnePassReport() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (path, _) = try Self.trickyFile(in: folder)
        func report(_ split: ParseSplit, _ output: String) throws -> [String: Data] {
            try SplitParseTests.reportFiles(input: path, split: split, outputDirectory: folder + "/" + output)
        }
        let whole = try report(.never, "whole")
        let split = try report(ParseSplit(minimumBytes: 0, parts: 3), "split")
        #expect(whole.count >= 9)
        #expect(whole.keys.sorted() == split.keys.sorted())
        for (file, contents) in whole { #expect(contents == split[file], "\(file) differs when the parse is split") }
        #expect(whole["rejects.csv"].map { $0.count > 1000 } == true)
    }
}
