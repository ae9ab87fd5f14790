import Foundation

/// Decides, for every file under an `--input` folder, whether it is read, skipped (with its reason) or refused
/// (an error naming it), following AWS's delivery layouts (`../shared/reference/aws-deliveries.md`, docs/inputs.md):
///
/// - a legacy CUR period folder (`20261001-20261101/`) with its `<report>-Manifest.json`: exactly the manifest's
///   `reportKeys` are read, every other file of the period folder is superseded; several assembly folders without a
///   manifest are refused (the current one cannot be told);
/// - a Data Exports `metadata/BILLING_PERIOD=…/<export>-Manifest.json`: exactly its `dataFiles` under
///   `data/BILLING_PERIOD=…/` are read, other executions are superseded;
/// - elsewhere, a file is told by its extension (any case) and its first bytes: CSV, gzip, ZIP and Parquet are read,
///   unknown binaries are refused, delivery artifacts and files that cannot hold billing data skipped.
struct InputDiscovery {
    /// What happens to one file.
    enum Disposition: Equatable {
        case read
        case skip(String)
        case refuse(String)
    }

    /// The files to read (by their header, later), in byte order of their paths.
    private(set) var read: [String] = []
    private(set) var skipped: [SkippedFile] = []
    /// One note per delivery whose manifest chose the files, one warning per other skipped file or folder.
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var refused: [InputError] = []

    /// Extensions of files that cannot hold billing data the report reads (skipped with a warning).
    static let notBillingData: Set<String> = [
        "md", "markdown", "txt", "text", "rst", "log", "yml", "yaml", "json", "html", "htm", "xhtml", "xml", "toml",
        "ini", "cfg", "conf", "pdf", "png", "jpg", "jpeg", "gif", "svg", "sh", "py", "sql", "mustache", "css", "js",
    ]
    /// Extensions of files read as CUR data (decompressed by ``ByteSource``).
    static let readable: Set<String> = ["csv", "gz", "gzip", "zip"]


    /// Discovers the files under the folder `root`.
    init(root: String, outputFolder: FolderWalk.Identity?) {
        let walk = FolderWalk(root: root, outputFolder: outputFolder)
        refused = walk.refused
        for file in walk.skipped {
            skipped.append(file)
            diagnostics.append(Self.warning(file))
        }
        resolve(walk.files)
        read.sort(by: FolderWalk.byteOrder)
        skipped.sort { FolderWalk.byteOrder($0.path, $1.path) }
        refused.sort { FolderWalk.byteOrder($0.path, $1.path) }
    }

    static func warning(_ file: SkippedFile) -> Diagnostic {
        Diagnostic(.warning, at: nil, "\(file.path): skipped (\(file.reason))")
    }

    /// A manifest that chooses the files of its folder (`scope`): the local paths it names, by S3 key.
    private struct Governing {
        let manifest: DeliveryManifest
        let scope: String
        var named: [String: String] = [:]
        var read = 0
        /// Files of other deliveries, by their folder.
        var superseded: [String: Int] = [:]
        /// Files beside the named ones that the manifest does not name.
        var leftOut = 0
        var copies = 0

        var what: String { InputDiscovery.describe(manifest.kind) }

        /// The folder right below the scope that holds `path` (an assembly or execution), or the scope itself.
        func deliveryFolder(of path: String) -> String {
            let relative = path.dropFirst(scope.count + 1)
            return relative.contains("/") ? scope + "/" + relative.prefix { $0 != "/" } : scope
        }

        /// The folders of the files the manifest names: a file there that it does not name is not "superseded by"
        /// another delivery, only left out of it.
        var currentFolders: Set<String> = []
    }

    private mutating func resolve(_ files: [String]) {
        var governing: [Governing] = []
        var copies: [(path: String, manifest: DeliveryManifest)] = []
        for path in files where DeliveryManifest.isManifestName(Self.name(of: path)) {
            let manifest: DeliveryManifest
            do {
                guard let parsed = try DeliveryManifest.read(path: path) else {
                    skip(SkippedFile(path: path, reason: "a JSON file named like a delivery manifest, without \"reportKeys\" or \"dataFiles\""))
                    continue
                }
                manifest = parsed
            } catch let error as InputError {
                refused.append(error)
                continue
            } catch {
                refused.append(InputError(path: path, message: "\(error)"))
                continue
            }
            switch Self.role(of: manifest) {
            case .copy:
                copies.append((path, manifest))
            case .outside:
                skip(SkippedFile(path: path, reason: "a delivery manifest outside AWS's folder layout; the files beside it are read by the usual rules"))
            case .governs(let scope, let anchor):
                if let other = governing.first(where: { $0.scope == scope }) {
                    refused.append(InputError(path: path, message: "\(scope) has two delivery manifests, this one and \(other.manifest.path): which delivery is current cannot be told"))
                    continue
                }
                var entry = Governing(manifest: manifest, scope: scope)
                for key in manifest.keys {
                    guard let local = Self.localPath(of: key, anchor: anchor) else {
                        refused.append(InputError(path: path, message: "the key \(key) is not under \(Self.name(of: anchor.folder))/, so its local copy cannot be found"))
                        continue
                    }
                    entry.named[local] = key
                }
                entry.currentFolders = Set(entry.named.keys.map(entry.deliveryFolder))
                governing.append(entry)
            }
        }
        let present = Set(files)
        for entry in governing {
            for (local, key) in entry.named.sorted(by: { FolderWalk.byteOrder($0.key, $1.key) }) where !present.contains(local) {
                refused.append(InputError(path: entry.manifest.path, message: "names \(key), but its copy \(local) is not there (sync the whole delivery)"))
            }
        }
        func governor(of path: String) -> Int? {
            governing.indices.filter { path.hasPrefix(governing[$0].scope + "/") }.max { governing[$0].scope.count < governing[$1].scope.count }
        }
        for (path, manifest) in copies {
            let reason = "a copy of the delivery manifest in the folder of \(Self.describe(manifest.kind))"
            if let index = governor(of: path) {
                governing[index].copies += 1
                skipped.append(SkippedFile(path: path, reason: reason))
            } else {
                skip(SkippedFile(path: path, reason: reason))
            }
        }
        var ungoverned: [String] = []
        for path in files where !DeliveryManifest.isManifestName(Self.name(of: path)) {
            if let index = governor(of: path) {
                let entry = governing[index]
                if entry.named[path] != nil {
                    governing[index].read += 1
                    apply(Self.disposition(of: path), to: path)
                } else {
                    let folder = entry.deliveryFolder(of: path)
                    if entry.currentFolders.contains(folder) {
                        governing[index].leftOut += 1
                        skipped.append(SkippedFile(path: path, reason: "superseded: not among the files named in \(entry.manifest.path) (\(entry.what))"))
                    } else {
                        governing[index].superseded[folder, default: 0] += 1
                        skipped.append(SkippedFile(path: path, reason: "superseded by \(entry.what) named in \(entry.manifest.path)"))
                    }
                }
            } else {
                let disposition = Self.disposition(of: path)
                apply(disposition, to: path)
                if disposition == .read { ungoverned.append(path) }
            }
        }
        for entry in governing {
            let count = entry.named.count == 1 ? "the file it names is" : "the \(entry.named.count) files it names are"
            skipped.append(SkippedFile(path: entry.manifest.path, reason: "the delivery manifest of \(entry.what); \(count) read"))
            diagnostics.append(Self.note(entry))
        }
        refused += Self.ambiguousDeliveries(ungoverned)
    }

    private static func note(_ entry: Governing) -> Diagnostic {
        var text = "\(entry.manifest.path): reading \(entry.read) file\(entry.read == 1 ? "" : "s") of \(entry.what)"
        let superseded = entry.superseded.values.reduce(0, +)
        if superseded > 0 {
            let folders = entry.superseded.keys.sorted(by: FolderWalk.byteOrder).map { name(of: $0) }
            let shown = folders.prefix(3).joined(separator: ", ") + (folders.count > 3 ? " and \(folders.count - 3) more" : "")
            text += "; skipping \(superseded) superseded file\(superseded == 1 ? "" : "s") (\(shown))"
        }
        if entry.leftOut > 0 { text += "; skipping \(entry.leftOut) file\(entry.leftOut == 1 ? "" : "s") beside them that it does not name" }
        if entry.copies > 0 { text += "; skipping \(entry.copies) cop\(entry.copies == 1 ? "y" : "ies") of the manifest" }
        return Diagnostic(.note, at: nil, text + " (every skipped file is listed in manifest.json)")
    }

    private mutating func skip(_ file: SkippedFile) {
        skipped.append(file)
        diagnostics.append(Self.warning(file))
    }

    private mutating func apply(_ disposition: Disposition, to path: String) {
        switch disposition {
        case .read: read.append(path)
        case .skip(let reason): skip(SkippedFile(path: path, reason: reason))
        case .refuse(let message): refused.append(InputError(path: path, message: message))
        }
    }

    static func describe(_ kind: DeliveryManifest.Kind) -> String {
        switch kind {
        case .legacyCUR(let id): return "assembly \(id)"
        case .dataExports(let id): return "execution \(id)"
        }
    }

    // MARK: - Layouts

    /// Where the keys of a manifest are found: the local folder that stands for the S3 components from
    /// `component` on (`20261001-20261101` for a legacy CUR, `data` followed by `BILLING_PERIOD=…` for Data Exports).
    struct Anchor: Equatable {
        /// The local folder holding the anchor component (the period folder, or the export's root).
        let folder: String
        /// The components a key must hold, in order; the local path is `folder` + what follows the first of them
        /// (Data Exports: `folder` + the components themselves on).
        let components: [String]
        let keepComponents: Bool
    }

    enum Role: Equatable {
        /// The manifest chooses the files under `scope`.
        case governs(scope: String, anchor: Anchor)
        /// The copy of a legacy manifest inside its own assembly folder.
        case copy
        /// A manifest outside AWS's layout: skipped, the files beside it read by the usual rules.
        case outside
    }

    static func role(of manifest: DeliveryManifest) -> Role {
        let folder = parent(of: manifest.path)
        let folderName = name(of: folder)
        switch manifest.kind {
        case .legacyCUR(let assembly):
            if folderName == assembly { return .copy }
            guard isPeriodFolderName(folderName) else { return .outside }
            return .governs(scope: folder, anchor: Anchor(folder: folder, components: [folderName], keepComponents: false))
        case .dataExports:
            let metadata = parent(of: folder)
            guard folderName.hasPrefix("BILLING_PERIOD="), name(of: metadata) == "metadata" else { return .outside }
            let root = parent(of: metadata)
            return .governs(scope: join(root, "data/" + folderName),
                            anchor: Anchor(folder: root, components: ["data", folderName], keepComponents: true))
        }
    }

    /// The local copy of an S3 key: found by the anchor's components in the key (the last place they occur).
    static func localPath(of key: String, anchor: Anchor) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let width = anchor.components.count
        guard parts.count > width else { return nil }
        guard let start = (0...(parts.count - width - 1)).last(where: { Array(parts[$0..<($0 + width)]) == anchor.components }) else {
            return nil
        }
        let rest = parts[(anchor.keepComponents ? start : start + width)...]
        return join(anchor.folder, rest.joined(separator: "/"))
    }

    /// `20261001-20261101`: a legacy CUR billing period folder.
    static func isPeriodFolderName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        return bytes.count == 17 && bytes[8] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { $0.offset == 8 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }
    }

    /// Billing files in two or more subfolders of one legacy period folder, or of one Data Exports
    /// `data/BILLING_PERIOD=…` folder, that no manifest chose between: refused, naming the folders.
    static func ambiguousDeliveries(_ paths: [String]) -> [InputError] {
        var subfolders: [String: Set<String>] = [:]
        var examples: [String: String] = [:]
        for path in paths {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for index in parts.indices.dropLast(1) {
                let isLegacy = isPeriodFolderName(parts[index])
                let isExport = parts[index].hasPrefix("BILLING_PERIOD=") && index > 0 && parts[index - 1] == "data"
                guard isLegacy || isExport else { continue }
                let folder = parts[...index].joined(separator: "/")
                // Parts lying in the period folder itself (the overwrite layout) are one more delivery beside its
                // assembly or execution folders.
                subfolders[folder, default: []].insert(index == parts.count - 2 ? Self.ownFiles : parts[index + 1])
                if examples[folder] == nil { examples[folder] = parts.last }
            }
        }
        return subfolders.keys.sorted(by: FolderWalk.byteOrder).compactMap { folder in
            guard let names = subfolders[folder], names.count > 1 else { return nil }
            let list = names.sorted(by: FolderWalk.byteOrder).joined(separator: ", ")
            let missing: String
            if name(of: folder).hasPrefix("BILLING_PERIOD=") {
                missing = "\(parent(of: parent(of: folder)))/metadata/\(name(of: folder))/<export>-Manifest.json"
            } else {
                missing = "\(folder)/\(reportName(fromPart: examples[folder] ?? "") ?? "<report>")-Manifest.json"
            }
            return InputError(path: folder, message: "holds \(names.count) delivery folders (\(list)) and no manifest naming the current one (\(missing) is missing): which delivery is current cannot be told, and reading all would count the month more than once; sync the manifest too, or give one delivery folder")
        }
    }

    /// How ``ambiguousDeliveries(_:)`` names the parts lying directly in a period folder.
    static let ownFiles = "its own files"

    /// `report-1.csv.gz` → `report`.
    static func reportName(fromPart file: String) -> String? {
        guard let dash = file.lastIndex(of: "-") else { return nil }
        let number = file[file.index(after: dash)...].prefix { $0.isASCII && $0.isNumber }
        return number.isEmpty ? nil : String(file[..<dash])
    }

    // MARK: - One file

    /// What happens to a file found in an input folder (not a manifest), by its name and first bytes.
    static func disposition(of path: String) -> Disposition {
        let name = name(of: path)
        let lowered = name.lowercased()
        if path.split(separator: "/").dropLast().contains("cost_and_usage_data_status") {
            return .skip("the Athena integration's cost_and_usage_data_status file (READY or UPDATING), not billing data")
        }
        if lowered == "crawler-cfn.yml" {
            return .skip("the Athena integration's AWS Glue crawler template, not billing data")
        }
        let fileExtension = lowered.lastIndex(of: ".").map { String(lowered[lowered.index(after: $0)...]) } ?? ""
        let signature = FileSignature(path: path)
        if signature == .parquet { return .read }
        if fileExtension == "parquet" {
            return .refuse("a .parquet file that is not Parquet (no PAR1 at its start): a truncated or damaged file?")
        }
        if fileExtension == "metadata" { return .skip("an Athena query result's metadata, not billing data") }
        if lowered.hasSuffix("-manifest.csv") && signature == .otherText {
            return .skip("an Athena query's manifest (the S3 keys of its result files), not billing data")
        }
        if fileExtension == "json" { return .skip("a JSON file that is not a delivery manifest cannot hold billing data") }
        if notBillingData.contains(fileExtension) { return .skip("a .\(fileExtension) file cannot hold billing data") }
        if readable.contains(fileExtension) { return .read }
        switch signature {
        case .gzip, .zip, .csvText: return .read
        case .empty: return .skip("an empty file with no known extension")
        case .otherText: return .refuse("text that is not CSV, with an unknown extension: it may hold billing data that cannot be read; move it out of the input folder")
        case .binary, .parquet, nil:
            return .refuse("an unknown format (not CSV, gzip, ZIP or Parquet): it may hold billing data that cannot be read; move it out of the input folder")
        }
    }

    /// What happens to a file given itself as `--input`: read unless it is a known non-data file or an
    /// unknown binary (the user named it, so nothing is skipped quietly).
    static func dispositionOfGivenFile(_ path: String) -> Disposition {
        if DeliveryManifest.isManifestName(name(of: path)) {
            return .refuse("a delivery manifest: give the folder of the delivery (the synced prefix) as --input instead")
        }
        switch disposition(of: path) {
        case .read: return .read
        case .refuse(let message): return .refuse(message)
        case .skip(let reason): return .refuse("given as --input, but \(reason.prefix(1).lowercased() + reason.dropFirst())")
        }
    }

    static func name(of path: String) -> String { path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(_ folder: String, _ relative: String) -> String { folder == "/" ? "/" + relative : folder + "/" + relative }
}
