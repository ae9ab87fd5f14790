import Foundation
import Testing
@testable import LambdaCostKit

/// Per-item page names (`functions/<stem>.html`, `teams/<stem>.html`) never leave their folder, never hide a
/// file, never collide, and stay readable when the name needs no change.
struct PageFileNamesTests {
    static let long = String(repeating: "a", count: 300)
    static let hostile = [
        "../../etc/passwd", "..", ".", "/", "/etc/passwd", "a/b", "a\\b", "nul\u{0}byte", "\u{0}", "", " ", "-rf", "--help",
        ".hidden", "tab\there", "line\nbreak", "équipe-données", "チーム", "👩‍💻", "a b", "CON", "x:y", "q?*<>|\"'",
        long, long + "/../x", "%2e%2e%2f", "\u{202E}evil", "a\u{FFFF}b",
    ]

    /// What every stem must be: allowed characters only, not starting with `.` or `-`, short enough for any file system.
    static func expectSafe(_ stem: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(stem.range(of: #"^[A-Za-z0-9_][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil, "\(stem)",
                sourceLocation: sourceLocation)
        #expect(stem.utf8.count <= PageFileNames.maximumStemLength + 1 + 64, sourceLocation: sourceLocation)
        let folder = URL(fileURLWithPath: "/report/2026-10/functions", isDirectory: true)
        let file = folder.appendingPathComponent(stem + ".html").standardizedFileURL
        #expect(file.deletingLastPathComponent().path == folder.path, "\(stem) leaves its folder", sourceLocation: sourceLocation)
        #expect(!stem.contains("/") && !stem.contains("\u{0}") && stem != "." && stem != "..", sourceLocation: sourceLocation)
    }

    @Test func hostileTeamNamesStayInTheirFolderAndAreUnique() {
        let stems = PageFileNames.assign(Self.hostile.map { (key: $0, parts: [$0]) }, reserved: ["untagged"])
        #expect(stems.count == Self.hostile.count)
        for (name, stem) in stems {
            Self.expectSafe(stem)
            // Every changed name carries the hash suffix.
            if PageFileNames.sanitize(name).changed { #expect(stem.range(of: #"-[0-9a-f]{8,64}$"#, options: .regularExpression) != nil, "\(stem)") }
        }
        #expect(Set(stems.values.map { $0.lowercased() }).count == stems.count, "two names collide")
        #expect(stems["../../etc/passwd"]?.hasPrefix("_.-..-etc-passwd-") == true, "\(stems["../../etc/passwd"] ?? "")")
        #expect(stems["-rf"]?.hasPrefix("_rf-") == true)
        #expect(stems[Self.long]!.hasPrefix(String(repeating: "a", count: 80) + "-"))
    }

    @Test func hostileFunctionIdentitiesStayInTheirFolder() {
        var identities: [FunctionIdentity] = []
        for text in Self.hostile {
            identities.append(FunctionIdentity(accountID: text, region: "us-east-1", name: "f"))
            identities.append(FunctionIdentity(accountID: "004519876321", region: text, name: "f"))
            identities.append(FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: text))
        }
        let stems = PageFileNames.assign(identities.map { (key: $0, parts: PageFileNames.functionParts($0)) })
        #expect(stems.count == identities.count)
        for stem in stems.values { Self.expectSafe(stem) }
        #expect(Set(stems.values.map { $0.lowercased() }).count == stems.count, "two names collide")
    }

    @Test func ordinaryNamesAreKeptAsTheyAre() {
        let function = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "orders-api")
        let stems = PageFileNames.assign([(key: function, parts: PageFileNames.functionParts(function))])
        #expect(stems[function] == "004519876321_us-east-1_orders-api")
        #expect(PageFileNames.assign([(key: "payments", parts: ["payments"])])["payments"] == "payments")
    }

    @Test func collisionsGetHashSuffixesWhateverTheOrder() {
        // Equal after sanitizing, equal ignoring case, and the same raw name from different parts.
        let items: [(key: String, parts: [String])] = [
            ("a", ["data team"]), ("b", ["data/team"]), ("c", ["Payments"]), ("d", ["payments"]),
            ("e", ["1", "us_east", "f"]), ("f", ["1_us", "east", "f"]), ("g", ["solo"]),
        ]
        let stems = PageFileNames.assign(items)
        #expect(Set(stems.values.map { $0.lowercased() }).count == items.count)
        #expect(stems["g"] == "solo")
        for key in ["c", "d", "e", "f"] { #expect(stems[key]!.range(of: #"-[0-9a-f]{8}$"#, options: .regularExpression) != nil) }
        #expect(PageFileNames.assign(items.reversed()) == stems)
        // A reserved stem is never given to an item.
        #expect(PageFileNames.assign([(key: "x", parts: ["Untagged"])], reserved: ["untagged"])["x"] != "Untagged")
    }

    @Test func itemPathsKeepTheTemplateExtension() {
        #expect(RenderStage.itemPath("functions", stem: "a", template: "function.html") == "functions/a.html")
        #expect(RenderStage.itemPath("teams", stem: "b", template: "team.md") == "teams/b.md")
    }
}
