import Foundation

/// A month's report folder (`output/2026-10`) as a publisher takes it: the month from `manifest.json`, the
/// Confluence page body from `wiki/report.confluence.xhtml`, and the files for finance (`report.xlsx`, then the
/// CSV files at the folder's top, by name) that the manifest lists. The folder is the operator's: a missing or
/// incomplete one, a file that is not a regular file or is larger than the limits, is an ``InputError``.
public struct PublishableReport: Sendable {
    /// A file to attach to the page.
    public struct Attachment: Sendable, Equatable {
        /// The file name, which is the attachment's name on the page.
        public var name: String
        public var bytes: Data
        public var mediaType: String
    }

    public let folder: String
    public let month: BillingMonth
    /// The page in Confluence storage format (an XHTML fragment), as the report wrote it.
    public let pageBody: String
    public let attachments: [Attachment]

    /// `manifest.json` and the page body: the limit the tool reads a delivery manifest with.
    public static let maximumTextBytes = BoundedFile.maximumTextBytes
    /// An attachment larger than this is refused (Confluence's own default limit is 100 MB).
    public static let maximumAttachmentBytes = 256 << 20

    static let pagePath = "wiki/report.confluence.xhtml"
    static let workbookName = "report.xlsx"

    public init(folder: String, month: BillingMonth, pageBody: String, attachments: [Attachment]) {
        self.folder = folder
        self.month = month
        self.pageBody = pageBody
        self.attachments = attachments
    }

    /// Reads the report in `folder`.
    public static func read(folder: String) throws(InputError) -> PublishableReport {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(path: folder, message: "no such report folder (expected a month's report folder, such as output/2026-10)")
        }
        let manifestPath = folder + "/manifest.json"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw InputError(path: folder, message: "not a complete report folder: it has no manifest.json (the report writes it into every month's folder)")
        }
        let manifestData = try BoundedFile.read(manifestPath, limit: maximumTextBytes, what: "manifest.json")
        guard let manifest = (try? JSONSerialization.jsonObject(with: manifestData)) as? [String: Any] else {
            throw InputError(path: manifestPath, message: "manifest.json is not a JSON object")
        }
        guard let monthText = manifest["month"] as? String, let month = BillingMonth(monthText) else {
            throw InputError(path: manifestPath, message: "expected \"month\": \"YYYY-MM\" in manifest.json")
        }
        guard let outputs = manifest["outputs"] as? [[String: Any]] else {
            throw InputError(path: manifestPath, message: "expected \"outputs\", the list of the report's files, in manifest.json")
        }
        let listed = Set(outputs.compactMap { $0["path"] as? String })
        guard listed.contains(pagePath), FileManager.default.fileExists(atPath: folder + "/" + pagePath) else {
            throw InputError(path: folder, message: "not a complete report folder: it has no \(pagePath) (the page body for Confluence, from templates/\(pagePath).mustache)")
        }
        let pageData = try BoundedFile.read(folder + "/" + pagePath, limit: maximumTextBytes, what: "the page body")
        guard let pageBody = String(data: pageData, encoding: .utf8) else {
            throw InputError(path: folder + "/" + pagePath, message: "the page body is not UTF-8 text")
        }
        let csvNames = listed.filter { !$0.contains("/") && $0.lowercased().hasSuffix(".csv") }.sorted()
        let names = (listed.contains(workbookName) ? [workbookName] : []) + csvNames
        var attachments: [Attachment] = []
        for name in names {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError(path: path, message: "not a complete report folder: manifest.json lists \(name) but the file is missing")
            }
            let bytes = try BoundedFile.read(path, limit: maximumAttachmentBytes, what: "an attachment")
            attachments.append(Attachment(name: name, bytes: bytes, mediaType: mediaType(of: name)))
        }
        return PublishableReport(folder: folder, month: month, pageBody: pageBody, attachments: attachments)
    }

    /// The page as published: the report's body, then a paragraph linking every attachment.
    public var storageBody: String {
        guard !attachments.isEmpty else { return pageBody }
        let links = attachments.map { "<ac:link><ri:attachment ri:filename=\"\(Self.escaped($0.name))\" /></ac:link>" }
        let body = pageBody.hasSuffix("\n") ? pageBody : pageBody + "\n"
        return body + "<p><strong>Files:</strong> " + links.joined(separator: " · ") + "</p>\n"
    }

    /// SHA-256 over the published page body and every attachment's name and bytes, in their fixed order: equal for
    /// equal reports, so a run that finds it on the page has nothing to write.
    public var contentHash: String { contentHash(parentID: nil) }

    /// ``contentHash``, and the parent page the page is published under when one is asked for: the same report
    /// asked under another parent is a change (the update moves the page there).
    public func contentHash(parentID: String?) -> String {
        let hasher = SHA256()
        func field(_ bytes: some Collection<UInt8>) {
            hasher.update(Array("\(bytes.count)\n".utf8))
            hasher.update(bytes)
        }
        hasher.update(Array("lambda-cost-report publish confluence 1\n".utf8))
        if let parentID { hasher.update(Array("parent \(parentID)\n".utf8)) }
        field(Array(storageBody.utf8))
        for attachment in attachments {
            field(Array(attachment.name.utf8))
            field(attachment.bytes)
        }
        return hasher.finalizeHex()
    }

    /// The default page title: `Lambda cost 2026-10`.
    public var defaultTitle: String { "Lambda cost \(month)" }

    private static func mediaType(of name: String) -> String {
        if name.lowercased().hasSuffix(".xlsx") { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
        if name.lowercased().hasSuffix(".csv") { return "text/csv" }
        return "application/octet-stream"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
