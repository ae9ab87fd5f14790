/// Publishes a month's report as one Confluence page: found by space and title, created or updated with the
/// report's storage-format body, `report.xlsx` and the CSV files attached, and a content hash kept in the page
/// property ``propertyKey``. A page whose property holds the report's hash is left alone: a second run of an
/// unchanged report writes nothing. The property is written last, so a run cut short is completed by the next.
public struct ConfluencePublisher: Sendable {
    /// Where the page goes.
    public struct Target: Sendable {
        public var space: String
        public var title: String
        public var parentID: String?

        public init(space: String, title: String, parentID: String?) {
            self.space = space
            self.title = title
            self.parentID = parentID
        }
    }

    /// The content property that holds the published report's hash.
    public static let propertyKey = "lambda-cost-report"

    /// `nil`: no credentials (a dry run that asks nothing).
    let client: ConfluenceClient?

    public init(client: ConfluenceClient?) { self.client = client }

    /// Publishes `report` (in a dry run: reads only and says what it would do).
    public func publish(_ report: PublishableReport, to target: Target, dryRun: Bool) throws(ConfluenceError) -> ConfluencePublication {
        let hash = report.contentHash(parentID: target.parentID)
        var publication = ConfluencePublication(
            action: .createdOrUpdated, dryRun: dryRun, space: target.space, title: target.title, parentID: target.parentID,
            page: nil, previousVersion: nil, attachments: report.attachments.map { ($0.name, $0.bytes.count) }, contentHash: hash)
        guard let client else {
            precondition(dryRun, "publishing needs credentials")
            return publication
        }
        if let parentID = target.parentID { _ = try client.page(id: parentID, missing: .parent(parentID)) }
        var existing = try client.findPage(space: target.space, title: target.title)
        var property: (version: Int, value: [String: Any])?
        if let page = existing {
            property = try client.property(pageID: page.id, key: Self.propertyKey)
            if property?.value["sha256"] as? String == hash {
                publication.action = .unchanged
                publication.page = page
                return publication
            }
        } else {
            try client.checkSpace(target.space)
        }
        if dryRun {
            publication.action = existing == nil ? .created : .updated
            publication.page = existing
            publication.previousVersion = existing?.version
            return publication
        }

        let body = report.storageBody
        let message = "lambda-cost-report \(report.month)"
        var page: ConfluencePage
        if let current = existing {
            page = try update(current, target: target, body: body, message: message, client: client)
        } else {
            do {
                page = try client.createPage(space: target.space, title: target.title, parentID: target.parentID, body: body)
            } catch let error where error.kind == .conflict {
                // Created by someone else meanwhile: update that page instead (once).
                guard let created = try client.findPage(space: target.space, title: target.title) else { throw error }
                existing = created
                property = try client.property(pageID: created.id, key: Self.propertyKey)
                page = try update(created, target: target, body: body, message: message, client: client)
            }
        }
        publication.previousVersion = existing == nil ? nil : page.version - 1
        for attachment in report.attachments { try client.upload(attachment, toPage: page.id) }
        let value: [String: Any] = ["sha256": hash, "month": report.month.description, "tool_version": ToolVersion.current]
        do {
            try client.setProperty(pageID: page.id, key: Self.propertyKey, value: value, version: property?.version)
        } catch let error where error.kind == .conflict {
            let fresh = try client.property(pageID: page.id, key: Self.propertyKey)
            do {
                try client.setProperty(pageID: page.id, key: Self.propertyKey, value: value, version: fresh?.version)
            } catch let second where second.kind == .conflict {
                throw ConfluenceError(.conflict, status: second.status, "the property \(Self.propertyKey) of page \(page.id) was changed by someone else twice while publishing (409 Conflict on both tries); run again")
            }
        }
        publication.action = existing == nil ? .created : .updated
        publication.page = page
        return publication
    }

    /// Updates the page as its next version; on a 409 (edited meanwhile) reads its version again and tries once more.
    private func update(_ page: ConfluencePage, target: Target, body: String, message: String, client: ConfluenceClient) throws(ConfluenceError) -> ConfluencePage {
        do {
            return try client.updatePage(page, space: target.space, title: target.title, parentID: target.parentID, body: body, message: message)
        } catch let error where error.kind == .conflict {
            let fresh = try client.page(id: page.id, missing: .page(page.id))
            do {
                return try client.updatePage(fresh, space: target.space, title: target.title, parentID: target.parentID, body: body, message: message)
            } catch let second where second.kind == .conflict {
                throw ConfluenceError(.conflict, status: second.status, "page \(page.id) (\"\(target.title)\") was changed by someone else twice while publishing (409 Conflict on both tries, at versions \(page.version + 1) and \(fresh.version + 1)); run again")
            }
        }
    }
}
