/// A Confluence page as the REST API describes it: enough to update it and to say where it is.
public struct ConfluencePage: Sendable, Equatable {
    public var id: String
    public var title: String
    public var version: Int
    /// The page's address for a browser, when the answer gave one.
    public var webURL: String?

    public init(id: String, title: String, version: Int, webURL: String? = nil) {
        self.id = id
        self.title = title
        self.version = version
        self.webURL = webURL
    }

    /// Reads a content object (`{"id": …, "title": …, "version": {"number": …}, "_links": {…}}`); `base` is the
    /// enclosing answer's `_links.base`, when the object's own links hold none.
    static func from(json object: [String: Any], base: String?) -> ConfluencePage? {
        guard let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init),
            let version = (object["version"] as? [String: Any])?["number"] as? Int
        else { return nil }
        let links = object["_links"] as? [String: Any]
        let webUI = links?["webui"] as? String
        let linkBase = (links?["base"] as? String) ?? base
        let webURL = webUI.map { webUI in linkBase.map { $0 + webUI } ?? webUI }
        return ConfluencePage(id: id, title: object["title"] as? String ?? "", version: version, webURL: webURL)
    }
}
