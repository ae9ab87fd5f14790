import Foundation

/// The JSON files the tool writes (`manifest.json`, `kpis.json`, the run summary): pretty-printed with sorted keys,
/// slashes as they are, and a final newline, so the same value always gives the same bytes.
enum CanonicalJSON {
    static func bytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }
}
