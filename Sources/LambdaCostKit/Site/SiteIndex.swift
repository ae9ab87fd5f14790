import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The site of all months, `<output>/index.html`: every month's report folder, newest first, linked, with its KPIs
/// and the KPI history charted against the configured goals (`[kpi]`). Rebuilt on every report run, after the
/// month's folder is committed, from the months' `kpis.json` files alone (``SiteMonth``; the bill is not read
/// again), with the templates folder's `site/index.html.mustache`, checked as every page is.
///
/// The page is written to a temporary file beside it, fsynced and renamed over the old one, under a lock
/// (`<output>/.index.html.lock`) so that two runs of different months cannot leave the older view last. Nothing
/// here stops the run: the month's report is already in place, so a problem (an unreadable `kpis.json`, a
/// template that renders broken XHTML, a full disk) is a warning, and the previous page stays as it was.
public struct SiteIndex: Sendable {
    /// The page's name in the output folder, and its template's under `site/` of the templates folder.
    public static let fileName = "index.html"
    static let template = RenderStage.siteFolder + "index.html"

    public var outputDirectory: String
    public var templatesDirectory: String
    public var goals: KPIGoals
    /// Shown in the footer when given, as on the month's pages.
    public var generatedAt: String?
    /// How long to wait for another run's rebuild.
    var lockWait: Duration = .seconds(120)

    public init(outputDirectory: String, templatesDirectory: String, goals: KPIGoals = KPIGoals(), generatedAt: String? = nil) {
        self.outputDirectory = outputDirectory
        self.templatesDirectory = templatesDirectory
        self.goals = goals
        self.generatedAt = generatedAt
    }

    var path: String { "\(outputDirectory)/\(Self.fileName)" }
    var lockPath: String { "\(outputDirectory)/.\(Self.fileName).lock" }

    /// Rebuilds the page; returns the warnings (unreadable `kpis.json` files, or why the page was not written).
    public func rebuild() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        do {
            var lock = try LockFile.take(lockPath, wait: lockWait, poll: .milliseconds(50)) {
                InputError(path: lockPath, message: "another run is rebuilding the site of all months")
            }
            defer { lock.release() }
            removeStaleTemporaryFiles()
            let scan = SiteMonth.scan(outputDirectory)
            warnings = scan.warnings
            try write(page(scan.months))
        } catch let error as InputError {
            warnings.append(Diagnostic(.warning, at: nil, "\(error.path): \(error.message); the site of all months (\(path)) was not rebuilt"))
        } catch {
            warnings.append(Diagnostic(.warning, at: nil, "\(error); the site of all months (\(path)) was not rebuilt"))
        }
        return warnings
    }

    /// The page for `months`, checked as well-formed XHTML.
    func page(_ months: [SiteMonth]) throws -> [UInt8] {
        let stage = RenderStage()
        let templates = try stage.loadTemplateSet(templatesDirectory)
        guard templates.site.contains(Self.template) else {
            throw InputError(path: templatesDirectory, message: "the templates folder has no \(Self.template).mustache (the page of all months)")
        }
        let model = SiteViewModel.make(months, goals: goals, generatedAt: generatedAt)
        return try stage.renderFile(Self.template, to: Self.fileName, model: model, templates: templates).contents
    }

    /// Writes `bytes` to a temporary file beside the page, fsyncs it and renames it over the page: a reader sees the
    /// old page or the new one, never a part. The temporary file is removed when anything fails.
    func write(_ bytes: [UInt8]) throws {
        let temporary = "\(outputDirectory)/.\(Self.fileName).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(path: temporary, message: "cannot write the file: \(String(cString: strerror(errno)))")
        }
        var failure: String? = bytes.withUnsafeBytes { FileDescriptorWriter.writeAll($0, to: descriptor) }
        if failure == nil { _ = fsync(descriptor) }  // as FileSystemSync.fsyncPath: a file system may not sync
        close(descriptor)
        if failure == nil, Self.rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        guard let failure else {
            FileSystemSync.fsyncPath(outputDirectory)
            return
        }
        unlink(temporary)
        throw InputError(path: path, message: "cannot write the page: \(failure)")
    }

    /// The temporary files of runs stopped while they wrote the page: under the lock no other run is writing one.
    private func removeStaleTemporaryFiles() {
        let prefix = ".\(Self.fileName).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? [] where name.hasPrefix(prefix) {
            unlink("\(outputDirectory)/\(name)")
        }
    }

    private static func rename(_ from: String, _ to: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.rename(from, to)
        #else
        Darwin.rename(from, to)
        #endif
    }
}
