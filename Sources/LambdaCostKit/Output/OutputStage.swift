import Foundation

/// Stage 6, the only one that writes: puts the rendered files (in subfolders when their path has one, such as
/// `wiki/report.md`) and `manifest.json` into a temporary folder beside the target, then renames it to
/// `<output>/<YYYY-MM>/`. A run that fails before the rename leaves the previous report as it was.
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
    }

    public let name = "output"

    public init() {}

    public func run(_ input: Input) throws -> Output {
        let manager = FileManager.default
        let month = input.report.month.description
        let target = "\(input.outputDirectory)/\(month)"
        try manager.createDirectory(atPath: input.outputDirectory, withIntermediateDirectories: true)
        let staging = "\(input.outputDirectory)/.\(month).partial-\(ProcessInfo.processInfo.processIdentifier)"
        if manager.fileExists(atPath: staging) { try manager.removeItem(atPath: staging) }
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            var outputs: [Manifest.OutputFile] = []
            for file in input.files {
                if let slash = file.path.lastIndex(of: "/") {
                    try manager.createDirectory(atPath: "\(staging)/\(file.path[..<slash])", withIntermediateDirectories: true)
                }
                try write(file.contents, to: "\(staging)/\(file.path)")
                outputs.append(Manifest.OutputFile(path: file.path, sha256: SHA256.hex(of: file.contents), bytes: file.contents.count))
            }
            let manifest = Manifest(report: input.report, metricsInputs: input.metricsInputs, outputs: outputs, generatedAt: input.generatedAt)
            try write(Self.encode(manifest), to: "\(staging)/manifest.json")
            let previous = "\(input.outputDirectory)/.\(month).previous-\(ProcessInfo.processInfo.processIdentifier)"
            let hadPrevious = manager.fileExists(atPath: target)
            if hadPrevious { try manager.moveItem(atPath: target, toPath: previous) }
            do {
                try manager.moveItem(atPath: staging, toPath: target)
            } catch {
                if hadPrevious { try? manager.moveItem(atPath: previous, toPath: target) }
                throw error
            }
            if hadPrevious { try manager.removeItem(atPath: previous) }
            return Output(folder: target, manifest: manifest)
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

    private func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw InputError(path: path, message: "cannot write the file")
        }
    }
}
