import Foundation
import Testing

@testable import LambdaCostKit

/// `manifest.json` is written a chunk at a time (its outputs entry by entry); its bytes stay those `JSONEncoder`
/// gives the whole manifest (``CanonicalJSON``).
struct ManifestJSONTests {
    static let manifestText = """
        {"catalog": {"prices_as_of": "2026-01-01", "version": "2026-01-01.2"},
         "inputs": [{"bytes": 7698, "path": "in/cur \\"q\\".csv", "rows": 22, "sha256": "daf9", "spelling": "legacy"}],
         "last_usage_hour": null, "metrics_inputs": [], "month": "2026-10", "month_complete": false, "outputs": [],
         "rounded_amounts": 0,
         "rows": {"lambda": 18, "other_services": 3, "outside_month": 0, "read": 22, "rejected": 1, "rejected_without_cost": 1},
         "skipped": [{"path": "in/README.md", "reason": "a .md file cannot hold billing data"}],
         "tool": {"name": "lambda-cost-report", "version": "0.1.0"},
         "totals": {"input_unblended_usd": "11.6265562", "lambda_unblended_usd": "8.0265562", "other_unblended_usd": "3.6",
                    "outside_month_unblended_usd": "0", "rejected_unblended_usd": "0"}}
        """

    static func manifest(outputs: [Manifest.OutputFile], generatedAt: String? = nil) throws -> Manifest {
        var manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifestText.utf8))
        manifest.outputs = outputs
        manifest.generatedAt = generatedAt
        return manifest
    }

    /// Paths with every kind of character the encoder escapes or keeps: quotes, backslashes, control characters,
    /// slashes, non-ASCII letters and separators.
    static let awkwardPaths = [
        "index.html", "functions/a\"b\\c.html", "teams/tab\there\nand\r\u{8}\u{c}.html", "x/\u{0}\u{1}\u{1f}\u{7f}.csv",
        "é/日本/\u{2028}\u{2029}.html", "<script>&'.csv", "",
    ]

    @Test(arguments: [0, 1, 2, 7, 500]) func theStreamedManifestIsTheEncodersBytes(count: Int) throws {
        let outputs = (0..<count).map { index in
            Manifest.OutputFile(path: Self.awkwardPaths[index % Self.awkwardPaths.count] + "\(index)",
                                digest: SHA256Digest(hex: String(repeating: "0123456789abcdef", count: 4))!, bytes: index * 1_000_003)
        }
        for generatedAt in [nil, "2026-11-01T06:00:00Z"] {
            let manifest = try Self.manifest(outputs: outputs, generatedAt: generatedAt)
            var chunks: [[UInt8]] = []
            try manifest.canonicalJSON(chunkBytes: 256) { chunks.append($0) }
            #expect(chunks.joined().elementsEqual(try CanonicalJSON.bytes(manifest)))
            // Bounded chunks: each about `chunkBytes`, plus one entry and the text around the outputs.
            if count == 500 { #expect(chunks.count > 100 && chunks.dropLast().allSatisfy { $0.count < 256 + 400 }) }
        }
    }

    @Test func everyStringEscapeMatchesTheEncoder() throws {
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "\u{2028}", "🙂"] {
            let text = "a\(scalar)b"
            var bytes: [UInt8] = []
            CanonicalJSON.appendString(text, to: &bytes)
            let encoded = try CanonicalJSON.bytes([text])  // "[\n  \"…\"\n]\n"
            #expect(Array(encoded.dropFirst(4).dropLast(3)) == bytes, "U+\(String(scalar.value, radix: 16))")
        }
    }
}
