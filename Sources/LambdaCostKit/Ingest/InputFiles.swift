import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a run reads, found from `--input`, `--metrics`, `--power-tuning` and `--compute-optimizer`.
/// Every file under an input folder is read, skipped (``skipped``, with its reason and a diagnostic) or refused
/// (an error naming it); ``InputDiscovery`` decides which, following AWS's delivery layouts. A file read from
/// `--input` is a CUR when its header has the CUR's required columns, whatever else it has; otherwise a metrics
/// file when its header is the metrics schema (`account_id,region,function_name,…`), or an hourly aggregate of a
/// CUR (`format_version,record_type,…`, docs/scale-out.md). `-` and `/dev/stdin` are standard input, read as a
/// CUR without looking at it first. Paths are in byte order within each input, so runs are repeatable.
public struct InputFiles: Equatable, Sendable {
    public var cur: [String]
    public var metrics: [String]
    /// Hourly aggregates of CURs made by the queries in `sql/`.
    public var aggregate: [String] = []
    /// AWS Lambda Power Tuning results (`.json`).
    public var powerTuning: [String] = []
    /// Compute Optimizer Lambda exports (`.csv`).
    public var computeOptimizer: [String] = []
    /// Files and folders under the input folders that are not read, and why, sorted by path.
    public var skipped: [SkippedFile] = []
    /// What was skipped, for stderr: one note per delivery whose manifest chose the files, one warning per other
    /// skipped file or folder.
    public var diagnostics: [Diagnostic] = []

    public init(cur: [String], metrics: [String], aggregate: [String] = []) {
        self.cur = cur
        self.metrics = metrics
        self.aggregate = aggregate
    }

    /// Finds the files of every path. `outputDirectory`, the report's output folder, is never read back as
    /// input when it lies inside an input folder. Throws an ``InputError`` (one refused file) or
    /// ``InputRefusals`` (several) naming every file that may hold billing data but cannot be read.
    public static func expand(inputs: [String], metrics: [String], powerTuning: [String] = [], computeOptimizer: [String] = [],
                              outputDirectory: String? = nil) throws -> InputFiles {
        var result = InputFiles(cur: [], metrics: [])
        var refused: [InputError] = []
        let outputFolder = outputDirectory.flatMap(FolderWalk.Identity.init(path:))
        for path in inputs {
            if path == "-" || path == "/dev/stdin" {
                result.cur.append(path)
                continue
            }
            switch entryType(path) {
            case nil:
                refused.append(InputError(path: path, message: "no such file or folder"))
            case .folder:
                let discovery = InputDiscovery(root: path, outputFolder: outputFolder)
                refused += discovery.refused
                result.skipped += discovery.skipped
                result.diagnostics += discovery.diagnostics
                for file in discovery.read { try result.add(file, refused: &refused) }
            case .file:
                switch InputDiscovery.dispositionOfGivenFile(path) {
                case .read: try result.add(path, refused: &refused)
                case .refuse(let message), .skip(let message): refused.append(InputError(path: path, message: message))
                }
            case .other(let what):
                refused.append(InputError(path: path, message: what))
            }
        }
        func auxiliary(_ paths: [String], extensions: [String], what: String) -> [String] {
            var found: [String] = []
            for path in paths {
                switch entryType(path) {
                case nil: refused.append(InputError(path: path, message: "no such file or folder"))
                case .folder:
                    let walk = FolderWalk(root: path, outputFolder: outputFolder)
                    refused += walk.refused
                    for file in walk.skipped {
                        result.skipped.append(file)
                        result.diagnostics.append(InputDiscovery.warning(file))
                    }
                    for file in walk.files {
                        if extensions.contains(where: { file.lowercased().hasSuffix($0) }) {
                            found.append(file)
                        } else {
                            let skipped = SkippedFile(path: file, reason: "not \(what) (\(extensions.joined(separator: ", ")))")
                            result.skipped.append(skipped)
                            result.diagnostics.append(InputDiscovery.warning(skipped))
                        }
                    }
                default: found.append(path)
                }
            }
            return found
        }
        result.metrics += auxiliary(metrics, extensions: [".csv", ".csv.gz"], what: "a metrics file")
        result.powerTuning = auxiliary(powerTuning, extensions: [".json"], what: "a Power Tuning result")
        result.computeOptimizer = auxiliary(computeOptimizer, extensions: [".csv"], what: "a Compute Optimizer export")
        result.skipped.sort { FolderWalk.byteOrder($0.path, $1.path) }
        if refused.count == 1 { throw refused[0] }
        if refused.count > 1 { throw InputRefusals(errors: refused) }
        return result
    }

    /// Files a file to read by its header; one whose header cannot be read is refused.
    private mutating func add(_ file: String, refused: inout [InputError]) throws {
        do {
            switch try Self.kind(of: file) {
            case .metrics: metrics.append(file)
            case .aggregate: aggregate.append(file)
            case .cur: cur.append(file)
            }
        } catch let error as InputError {
            refused.append(error)
        }
    }

    private enum EntryType {
        case folder, file
        /// Not a regular file or folder: the message refusing it.
        case other(String)
    }

    /// What `path` names (links followed); `nil` when nothing.
    private static func entryType(_ path: String) -> EntryType? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFDIR): return .folder
        case mode_t(S_IFREG): return .file
        default: return .other(ByteSource.refusal(of: ByteSource.nonRegularKind(info.st_mode) ?? "a special file"))
        }
    }

    enum Kind { case cur, metrics, aggregate }

    /// What an input file holds, by its header: a CUR when it has the CUR's required columns (whatever else it
    /// has), else metrics or an aggregate by their schemas, else a CUR (a FOCUS file is read by the CUR reader too,
    /// which names the missing columns of anything else). A Parquet file is a CUR or FOCUS file.
    static func kind(of path: String) throws -> Kind {
        if FileSignature(path: path) == .parquet { return .cur }
        let reader = CSVReader(source: try ByteSource(path: path), initialBufferBytes: 1 << 16)
        guard try reader.nextRecord() else { return .cur }
        let header = (0..<reader.fieldCount).map { reader.lossyString($0) }
        let keys = Set(header.map(CURColumns.normalize))
        if CURColumns.required.allSatisfy({ keys.contains($0.key) }) { return .cur }
        let names = Set(header.map { $0.lowercased() })
        if MetricsReader.requiredColumns.allSatisfy(names.contains) { return .metrics }
        if AggregateReader.isAggregateHeader(header) { return .aggregate }
        return .cur
    }
}
