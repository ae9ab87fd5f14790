import Foundation

/// Expands `--input` and `--metrics` paths: folders are searched recursively for `.csv` and `.csv.gz` files
/// (hidden files skipped), in byte order of their paths so runs are repeatable. A file under `--input` whose
/// header is the metrics schema (`account_id,region,function_name,…`) is read as metrics, so a month's
/// folder can hold both; one whose header is the hourly aggregate of a CUR (`format_version,record_type,…`,
/// docs/scale-out.md) is read as such.
public struct InputFiles: Equatable, Sendable {
    public var cur: [String]
    public var metrics: [String]
    /// Hourly aggregates of CURs made by the queries in `sql/`.
    public var aggregate: [String] = []
    /// AWS Lambda Power Tuning results (`.json`).
    public var powerTuning: [String] = []
    /// Compute Optimizer Lambda exports (`.csv`).
    public var computeOptimizer: [String] = []

    public static func expand(inputs: [String], metrics: [String], powerTuning: [String] = [], computeOptimizer: [String] = []) throws -> InputFiles {
        var result = InputFiles(cur: [], metrics: [])
        result.powerTuning = try files(at: powerTuning, extensions: [".json"])
        result.computeOptimizer = try files(at: computeOptimizer, extensions: [".csv"])
        for path in inputs {
            for file in try files(at: path) {
                // Standard input is read once, so it is not sniffed: it is a CUR.
                switch ByteSource.isStandardInput(file) ? .cur : try kind(of: file) {
                case .metrics: result.metrics.append(file)
                case .aggregate: result.aggregate.append(file)
                case .cur: result.cur.append(file)
                }
            }
        }
        for path in metrics { result.metrics += try files(at: path) }
        return result
    }

    /// The files at each path (folders searched recursively for the extensions), in byte order.
    static func files(at paths: [String], extensions: [String]) throws -> [String] {
        try paths.flatMap { try files(at: $0, extensions: extensions) }
    }

    static func files(at path: String, extensions: [String] = [".csv", ".csv.gz"]) throws -> [String] {
        if ByteSource.isStandardInput(path) { return [path] }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, message: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        let entries = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { entry in
            !entry.split(separator: "/").contains { $0.hasPrefix(".") } && extensions.contains { entry.hasSuffix($0) }
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return entries.sorted().map { "\(base)/\($0)" }
    }

    static func isMetricsFile(_ path: String) throws -> Bool { try kind(of: path) == .metrics }

    enum Kind { case cur, metrics, aggregate }

    /// What an input file holds, by its header.
    static func kind(of path: String) throws -> Kind {
        let reader = CSVReader(source: try ByteSource(path: path), initialBufferBytes: 1 << 16)
        guard try reader.nextRecord() else { return .cur }
        let header = (0..<reader.fieldCount).map { reader.lossyString($0) }
        if AggregateIngester.isAggregateHeader(header) { return .aggregate }
        let names = Set(header.map { $0.lowercased() })
        return MetricsReader.requiredColumns.allSatisfy(names.contains) ? .metrics : .cur
    }
}
