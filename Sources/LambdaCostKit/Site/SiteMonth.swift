import Foundation

/// A month's report folder of the output folder (`<output>/2026-10`) as the site of all months lists it, with its
/// `kpis.json` when the folder has a readable one. Older reports have none and are listed without KPIs; a file
/// that cannot be read (too large, not a regular file, not the KPIs of this month) is a warning naming it.
struct SiteMonth: Equatable {
    enum KPIState: Equatable {
        case read(MonthKPIs)
        /// The folder has no `kpis.json` (a report written before the tool wrote it).
        case missing
        /// The folder's `kpis.json` could not be read; the warning says why.
        case unreadable
    }

    var month: BillingMonth
    var kpis: KPIState
    /// Whether the folder has the month's `index.html` to link to.
    var hasPage: Bool

    var readKPIs: MonthKPIs? {
        if case .read(let kpis) = kpis { return kpis }
        return nil
    }

    /// Every folder of `outputDirectory` named `YYYY-MM` that holds a report (its `manifest.json` or `index.html`),
    /// newest first, and a warning for each `kpis.json` that could not be read.
    static func scan(_ outputDirectory: String) -> (months: [SiteMonth], warnings: [Diagnostic]) {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: outputDirectory)) ?? []
        var months: [SiteMonth] = []
        var warnings: [Diagnostic] = []
        for name in names {
            guard let month = BillingMonth(name), month.description == name else { continue }
            let folder = "\(outputDirectory)/\(name)"
            // The folder itself, not a link to another place.
            guard (try? manager.attributesOfItem(atPath: folder)[.type] as? FileAttributeType) == .typeDirectory else { continue }
            let hasPage = isRegularFile("\(folder)/index.html")
            guard hasPage || isRegularFile("\(folder)/manifest.json") else { continue }
            let path = "\(folder)/\(MonthKPIs.fileName)"
            var state = KPIState.missing
            if (try? manager.attributesOfItem(atPath: path)) != nil {
                do {
                    state = .read(try read(path, month: month))
                } catch {
                    warnings.append(Diagnostic(.warning, at: nil, "\(Self.describe(error)); \(name) is listed on the site without its KPIs"))
                    state = .unreadable
                }
            }
            months.append(SiteMonth(month: month, kpis: state, hasPage: hasPage))
        }
        months.sort { $0.month > $1.month }
        return (months, warnings.sorted { $0.message < $1.message })
    }

    /// Reads a month's `kpis.json` with the limits of the other report files the tool reads back
    /// (``BoundedFile``), its figures within the bound of any amount read (``MagnitudeGuard``).
    static func read(_ path: String, month: BillingMonth) throws(InputError) -> MonthKPIs {
        let data = try BoundedFile.read(path, what: MonthKPIs.fileName)
        let kpis: MonthKPIs
        do {
            kpis = try JSONDecoder().decode(MonthKPIs.self, from: data)
        } catch {
            throw InputError(path: path, message: "not the KPIs of a month (\(Self.reason(error)))")
        }
        guard kpis.month == month else {
            throw InputError(path: path, message: "holds the KPIs of \(kpis.month), not of the folder's month \(month)")
        }
        var guardrail = MagnitudeGuard()
        guard kpis.figures.allSatisfy({ guardrail.admit($0) }), kpis.functionCount >= 0 else {
            throw InputError(path: path, message: "its figures are beyond any month's bill (more than 10^12 together, or a negative count)")
        }
        return kpis
    }

    /// `path: message` of an ``InputError``.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? InputError else { return "\(error)" }
        return "\(error.path): \(error.message)"
    }

    private static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
    }

    /// What a decoding error says, in a few words (`expected "month" …`).
    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "no \"\(key.stringValue)\""
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            let key = context.codingPath.last.map { "\"\($0.stringValue)\": " } ?? ""
            return context.codingPath.isEmpty ? "not JSON, or not a JSON object" : "\(key)\(context.debugDescription)"
        default: return "not JSON"
        }
    }
}
