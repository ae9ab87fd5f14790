#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unlinked temporary files for what the run spills to disk (the usage ledger's sorted runs, the rejected rows):
/// created in `$TMPDIR` (else `/tmp`) and unlinked at once, so they disappear with their descriptor, whatever
/// happens to the run.
enum TemporaryFile {
    /// A new temporary file, open for reading and writing; `purpose` names it in errors ("the usage ledger").
    static func create(for purpose: String) throws -> Int32 {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/lambda-cost-report-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw InputError(path: directory, message: "cannot create a temporary file for \(purpose): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }

    /// Writes all of `bytes` at the descriptor's position.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, for purpose: String) throws {
        if let reason = FileDescriptorWriter.writeAll(bytes, to: descriptor) {
            throw InputError(path: "temporary file", message: "cannot write the temporary file of \(purpose): \(reason)")
        }
    }
}
