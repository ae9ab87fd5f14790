import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage 6, the only one that writes: the render stage has put its files into a ``StagingFolder`` beside the
/// target as it rendered them; this stage adds `rejects.csv`, `kpis.json` (``MonthKPIs``) and `manifest.json`, then renames the folder to
/// `<output>/<YYYY-MM>/` (``OutputTransaction``: one run per month at a time, leftovers of stopped runs cleaned,
/// fsynced, safe against SIGTERM). A run that fails before the rename leaves the previous report as it was.
public struct OutputStage: PipelineStage {
    public struct Input: Sendable {
        public var report: Report
        /// The folder the render stage wrote into; closed by this stage, committed or not.
        public var staging: StagingFolder
        public var metricsInputs: [String]
        /// Written to `manifest.json` as `generated_at` when given.
        public var generatedAt: String?

        public init(report: Report, staging: StagingFolder, metricsInputs: [String], generatedAt: String? = nil) {
            self.report = report
            self.staging = staging
            self.metricsInputs = metricsInputs
            self.generatedAt = generatedAt
        }
    }

    public struct Output: Sendable {
        /// `<output>/<YYYY-MM>`
        public var folder: String
        public var manifest: Manifest
        /// What the stage cleaned up from stopped runs, and an old copy it could not remove.
        public var notes: [Diagnostic] = []
    }

    public let name = "output"

    public init() {}

    public func run(_ input: Input) throws -> Output {
        let staging = input.staging
        defer { staging.close() }
        let rejects = try staging.transaction.locked {
            try writeRejects(input.report.ingest.rejects, to: "\(staging.path)/\(Self.rejectsFile)")
        }
        staging.record(rejects)
        let kpis = try MonthKPIs(report: input.report).encoded()
        try staging.write(RenderedFile(path: MonthKPIs.fileName, contents: kpis))
        let manifest = try Manifest(report: input.report, metricsInputs: input.metricsInputs, outputs: staging.outputs, generatedAt: input.generatedAt)
        try staging.write(path: "manifest.json") { emit in try manifest.canonicalJSON(emit) }
        let notes = try staging.commit()
        return Output(folder: staging.transaction.target, manifest: manifest, notes: staging.notes + notes)
    }

    /// `rejects.csv`, streamed from the run's reject log (every rejected row of the month, whatever their number).
    public static let rejectsFile = "rejects.csv"
    static let rejectsHeader = "file,line,column,reason,unblended_cost_usd,raw\r\n"

    /// Writes the month's rejected rows to `path` as they come from the log, hashing what is written.
    private func writeRejects(_ rejects: RejectedRows, to path: String) throws -> Manifest.OutputFile {
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
        }() else {
            throw InputError(path: path, message: "cannot write the file")
        }
        defer { try? handle.close() }
        let hasher = SHA256()
        var bytes = 0
        var pending: [UInt8] = []
        func put(_ chunk: UnsafeRawBufferPointer) throws {
            hasher.update(chunk)
            bytes += chunk.count
            pending.append(contentsOf: chunk)
            if pending.count >= 1 << 16 {
                try handle.write(contentsOf: pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try Array(Self.rejectsHeader.utf8).withUnsafeBytes(put)
        try rejects.writeRecords(put)
        try handle.write(contentsOf: pending)
        return Manifest.OutputFile(path: Self.rejectsFile, digest: hasher.finalize(), bytes: bytes)
    }
}
