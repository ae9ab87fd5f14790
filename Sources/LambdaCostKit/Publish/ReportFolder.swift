import Foundation

/// One month's report folder (`output/2026-10`) as `publish` reads it: the month, its completeness and billed
/// Lambda cost from `manifest.json`, the Markdown page `wiki/report.md`, and the headline figures from
/// `kpis.json` (from the page's summary table for a report made before it). A folder that is missing or incomplete is a ``PublishError`` naming what is missing.
public struct ReportFolder: Sendable {
    public let path: String
    public let month: BillingMonth
    /// `wiki/report.md`.
    public let markdown: String
    public let figures: WikiMonthFigures

    public init(path: String) throws(PublishError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw PublishError("\(path): no such report folder (expected the folder of one month's report, such as output/2026-10)")
        }
        guard isFolder.boolValue else {
            throw PublishError("\(path) is not a folder (expected the folder of one month's report, such as output/2026-10)")
        }
        let manifestPath = path + "/manifest.json"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw PublishError("\(manifestPath): not found: \(path) is not a complete report folder (report writes manifest.json last)")
        }
        let data = try Self.read(manifestPath, what: "manifest.json")
        guard let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let monthText = manifest["month"] as? String, let month = BillingMonth(monthText)
        else {
            throw PublishError("\(manifestPath): expected a JSON object with \"month\": \"YYYY-MM\" (the manifest of a report)")
        }
        let markdownPath = path + "/wiki/report.md"
        guard FileManager.default.fileExists(atPath: markdownPath) else {
            throw PublishError("\(markdownPath): not found: the report has no Markdown wiki page (it is rendered from templates/wiki/report.md.mustache)")
        }
        let markdownData = try Self.read(markdownPath, what: "the Markdown wiki page")
        guard let markdown = String(data: markdownData, encoding: .utf8) else {
            throw PublishError("\(markdownPath): not UTF-8 text")
        }
        self.path = path
        self.month = month
        self.markdown = markdown
        let totals = manifest["totals"] as? [String: Any]
        // The month's exact figures from its kpis.json (the site of all months reads the same file); a report
        // from before kpis.json, or with an unreadable one, gives them from its page's summary table.
        let kpisPath = path + "/" + MonthKPIs.fileName
        let kpis = FileManager.default.fileExists(atPath: kpisPath) ? try? SiteMonth.read(kpisPath, month: month) : nil
        figures = WikiMonthFigures(
            month: month.description,
            complete: manifest["month_complete"] as? Bool,
            lastUsageHour: manifest["last_usage_hour"] as? String,
            lambdaCost: kpis.map { Format.usd($0.lambdaEffectiveCostUSD) }
                ?? WikiMonthFigures.tableValue(in: markdown, label: "Lambda cost (effective"),
            billed: (totals?["lambda_unblended_usd"] as? String).flatMap { FixedDecimal(parsing: $0) }.map(Format.usd),
            potentialSavings: kpis.map { Format.usd($0.potentialSavingsUSD) }
                ?? WikiMonthFigures.tableValue(in: markdown, label: "Potential savings"))
    }

    /// A file of the folder, through the limits ``PublishableReport`` reads the same files with.
    private static func read(_ path: String, what: String) throws(PublishError) -> Data {
        do {
            return try BoundedFile.read(path, limit: PublishableReport.maximumTextBytes, what: what)
        } catch {
            throw PublishError("\(error.path): \(error.message)")
        }
    }
}
