import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage 6, the only one that writes: puts the rendered files (in subfolders when their path has one, such as
/// `wiki/report.md`) and `manifest.json` into a temporary folder beside the target, then renames it to
/// `<output>/<YYYY-MM>/` (``OutputTransaction``: one run per month at a time, leftovers of stopped runs cleaned,
/// fsynced, safe against SIGTERM). A run that fails before the rename leaves the previous report as it was.
public struct OutputStage: PipelineStage {
    public struct Input: Sendable {
        public var report: Report
        public var files: [RenderedFile]
        public var metricsInputs: [String]
        public var outputDirectory: String
        /// Written to `manifest.json` as `generated_at` when given.
        public var generatedAt: String?

        public init(report: Report, files: [RenderedFile], metricsInputs: [String], outputDirectory: String, generatedAt: String? = nil) {
            self.report = report
            self.files = files
            self.metricsInputs = metricsInputs
            self.outputDirectory = outputDirectory
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
        let manager = FileManager.default
        let month = input.report.month.description
        try manager.createDirectory(atPath: input.outputDirectory, withIntermediateDirectories: true)
        let transaction = OutputTransaction(directory: input.outputDirectory, month: month)
        var notes = try transaction.begin()
        defer { transaction.end() }
        let staging = transaction.staging
        try transaction.locked {
            if manager.fileExists(atPath: staging) { try manager.removeItem(atPath: staging) }
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        }
        do {
            var outputs: [Manifest.OutputFile] = []
            var folders: Set<Substring> = []
            for file in input.files {
                try transaction.locked {
                    if let slash = file.path.lastIndex(of: "/"), folders.insert(file.path[..<slash]).inserted {
                        try manager.createDirectory(atPath: "\(staging)/\(file.path[..<slash])", withIntermediateDirectories: true)
                    }
                    try write(file.contents, to: "\(staging)/\(file.path)")
                }
                outputs.append(Manifest.OutputFile(path: file.path, sha256: SHA256.hex(of: file.contents), bytes: file.contents.count))
            }
            outputs.append(try transaction.locked { try writeRejects(input.report.ingest.rejects, to: "\(staging)/\(Self.rejectsFile)") })
            outputs.sort { $0.path < $1.path }
            let manifest = Manifest(report: input.report, metricsInputs: input.metricsInputs, outputs: outputs, generatedAt: input.generatedAt)
            try transaction.locked { try write(Self.encode(manifest), to: "\(staging)/manifest.json") }
            notes += try transaction.commit()
            return Output(folder: transaction.target, manifest: manifest, notes: notes)
        } catch {
            try? manager.removeItem(atPath: staging)
            throw error
        }
    }

    /// Pretty JSON with sorted keys and a final newline: byte-identical for the same report.
    public static func encode(_ manifest: Manifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(manifest)) + [0x0A]
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
        return Manifest.OutputFile(path: Self.rejectsFile, sha256: hasher.finalizeHex(), bytes: bytes)
    }

    /// Writes a new file with write(2) (no temporary copy: the staging folder is the temporary place).
    private func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot write the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        if let reason = bytes.withUnsafeBytes({ FileDescriptorWriter.writeAll($0, to: descriptor) }) {
            throw InputError(path: path, message: "cannot write the file: \(reason)")
        }
    }
}
