import Foundation

/// Reads a whole file the operator's folders hold (an earlier report's `manifest.json`, `kpis.json`, a page body
/// to publish) within a size limit: a regular file only, refused by name above the limit, never read past it.
enum BoundedFile {
    /// The limit of a report's text files read back whole (a delivery manifest's limit too).
    static let maximumTextBytes = 64 << 20

    /// The bytes of the regular file at `path`; `what` names the file in the error.
    static func read(_ path: String, limit: Int = maximumTextBytes, what: String) throws(InputError) -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let type = attributes?[.type] as? FileAttributeType, type == .typeRegular else {
            throw InputError(path: path, message: "\(what) is not a regular file")
        }
        if let size = attributes?[.size] as? Int, size > limit {
            throw InputError(path: path, message: "\(what) is \(size) bytes, more than the \(limit >> 20) MiB it can be")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, message: "cannot read \(what)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw InputError(path: path, message: "cannot read \(what): \(FileSystemErrorText.words(error as NSError))")
        }
        guard data.count <= limit else { throw InputError(path: path, message: "\(what) is more than \(limit >> 20) MiB") }
        return data
    }
}
