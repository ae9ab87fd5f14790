// libFuzzer target for the delivery manifest reader (Sources/LambdaCostKit/Ingest/DeliveryManifest.swift: a legacy
// CUR `<report>-Manifest.json` or a Data Exports manifest beside the billing files), compiled by scripts/fuzz with
// the reader and InputError's file (ByteSource, with the CSV sources it needs) into one module
// (-sanitize=fuzzer,address).
//
// Input: the whole file (written to a scratch file: the reader reads files).
// Invariants for any input bytes:
//   - reading never traps and never reads or writes outside a buffer (AddressSanitizer); a failure is an
//     InputError naming the manifest, with a message;
//   - a manifest read is what its JSON says: `reportKeys` as given (legacy CUR) or, for `dataFiles`, the key after
//     `s3://<bucket>/` of each URI, in order; an assembly or execution ID is never empty ("(unnamed)" instead);
//   - reading the same bytes twice gives the same result (no state between reads).
// There is no money in a manifest.
import Foundation

let fuzzTargetName = "delivery_manifest"

private let scratchPath = "/tmp/lambda-cost-report-fuzz-manifest-\(getpid())-Manifest.json"

func readManifest() -> Result<DeliveryManifest?, InputError> {
    do {
        return .success(try DeliveryManifest.read(path: scratchPath))
    } catch let error as InputError {
        return .failure(error)
    } catch {
        check(false, "an error that is not an InputError: \(error)")
        fatalError()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func deliveryManifestFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    check(FileManager.default.createFile(atPath: scratchPath, contents: data), "cannot write \(scratchPath)")
    defer { unlink(scratchPath) }

    let first = readManifest()
    switch first {
    case .failure(let error):
        check(error.path == scratchPath && !error.message.isEmpty, "an InputError without the file: \(error)")
    case .success(nil):
        break
    case .success(let manifest?):
        check(manifest.path == scratchPath, "the manifest's path")
        // The reference: the same JSON, read here.
        let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        check(fields != nil, "a manifest from bytes that are not a JSON object")
        switch manifest.kind {
        case .legacyCUR(let assembly):
            check(!assembly.isEmpty, "an empty assembly ID")
            check(fields?["reportKeys"] as? [String] == manifest.keys, "reportKeys differ from the JSON's")
        case .dataExports(let execution):
            check(!execution.isEmpty, "an empty execution ID")
            check(fields?["reportKeys"] == nil, "a Data Exports manifest from JSON with reportKeys")
            let uris = fields?["dataFiles"] as? [String] ?? []
            check(uris.count == manifest.keys.count, "\(manifest.keys.count) keys from \(uris.count) dataFiles")
            for (uri, key) in zip(uris, manifest.keys) {
                check(uri.hasPrefix("s3://") && uri.hasSuffix("/" + key) && !uri.dropFirst(5).prefix(while: { $0 != "/" }).contains("/"),
                    "key \"\(key)\" of \"\(uri)\"")
                check(uri.dropFirst(5).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).last.map(String.init) == key,
                    "key \"\(key)\" is not what follows the bucket in \"\(uri)\"")
            }
        }
    }
    let second = readManifest()
    switch (first, second) {
    case (.success(let a), .success(let b)): check(a == b, "two reads differ")
    case (.failure(let a), .failure(let b)): check(a.message == b.message, "two reads fail differently")
    default: check(false, "one read fails, the other not")
    }
    return 0
}
