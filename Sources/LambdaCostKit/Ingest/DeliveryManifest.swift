import Foundation

/// A delivery manifest AWS writes beside the billing files: the legacy CUR's `<report>-Manifest.json`
/// (`assemblyId`, `reportKeys`: S3 keys from the bucket's root) or a Data Exports
/// `metadata/BILLING_PERIOD=…/<export>-Manifest.json` (`executionId`, `dataFiles`: `s3://bucket/key` URIs).
/// Only those fields are read; any other is ignored.
struct DeliveryManifest: Equatable {
    enum Kind: Equatable {
        /// A legacy CUR manifest naming its assembly.
        case legacyCUR(assemblyID: String)
        /// A Data Exports (CUR 2.0, FOCUS) manifest naming its execution.
        case dataExports(executionID: String)
    }

    /// The manifest's path.
    let path: String
    let kind: Kind
    /// The data files' S3 keys, from the bucket's root (without `s3://bucket/` for Data Exports).
    let keys: [String]

    /// A manifest larger than this is refused rather than read into memory.
    static let maximumBytes = BoundedFile.maximumTextBytes

    /// Whether a file name is a manifest's (`<report>-Manifest.json`, any case).
    static func isManifestName(_ name: String) -> Bool { name.lowercased().hasSuffix("-manifest.json") }

    /// Reads the manifest at `path`; `nil` when it is JSON with neither `reportKeys` nor `dataFiles`.
    /// Throws an ``InputError`` naming it when it is too large, not JSON, or its keys are not lists of strings.
    static func read(path: String) throws -> DeliveryManifest? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maximumBytes {
            throw InputError(path: path, message: "the delivery manifest is \(size) bytes, more than the \(maximumBytes >> 20) MiB a manifest can be")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, message: "cannot read the delivery manifest")
        }
        guard data.count <= maximumBytes else {
            throw InputError(path: path, message: "the delivery manifest is more than \(maximumBytes >> 20) MiB")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError(path: path, message: "the delivery manifest is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw InputError(path: path, message: "expected a JSON object in the delivery manifest")
        }
        func strings(_ key: String) throws -> [String]? {
            guard let value = fields[key] else { return nil }
            guard let list = value as? [Any], let strings = list as? [String] else {
                throw InputError(path: path, message: "expected \"\(key)\" to be a list of strings in the delivery manifest")
            }
            return strings
        }
        func identifier(_ key: String) -> String { (fields[key] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "(unnamed)" }
        if let keys = try strings("reportKeys") {
            return DeliveryManifest(path: path, kind: .legacyCUR(assemblyID: identifier("assemblyId")), keys: keys)
        }
        if let uris = try strings("dataFiles") {
            let keys = try uris.map { uri -> String in
                guard uri.hasPrefix("s3://"), let slash = uri.dropFirst(5).firstIndex(of: "/") else {
                    throw InputError(path: path, message: "expected an s3://bucket/key URI in \"dataFiles\", found \"\(uri)\"")
                }
                return String(uri[uri.index(after: slash)...])
            }
            return DeliveryManifest(path: path, kind: .dataExports(executionID: identifier("executionId")), keys: keys)
        }
        return nil
    }
}
