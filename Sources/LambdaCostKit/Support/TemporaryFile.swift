#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unlinked temporary files for what the run spills to disk (the usage ledger's sorted runs, the rejected rows, the
/// workbook's parts and archive): created in `$TMPDIR` (else `/tmp`) and unlinked at once, so they disappear with their descriptor, whatever
/// happens to the run.
enum TemporaryFile {
    /// `$TMPDIR`, else `/tmp`.
    private static var directory: String {
        getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// A new temporary file, open for reading and writing; `purpose` names it in errors ("the usage ledger").
    static func create(for purpose: String) throws -> Int32 {
        var template = Array("\(directory)/lambda-cost-report-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw InputError(path: directory, message: "cannot create a temporary file for \(purpose): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }

    /// A temporary file for a library that opens a file by name and writes it through its own handle (ZIPFoundation's
    /// archive): `make(path)` makes the file at `path`, in a private folder of `$TMPDIR` (else `/tmp`); the file and
    /// its folder are unlinked as soon as it returns, and the returned descriptor, opened read-only on the file, reads
    /// what the library writes. Nothing is left on disk, whatever happens to the run after the call.
    static func openNamed(for purpose: String, _ make: (_ path: String) throws -> Void) throws -> Int32 {
        var template = Array("\(directory)/lambda-cost-report-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw InputError(path: directory, message: "cannot create a temporary folder for \(purpose): \(String(cString: strerror(errno)))")
        }
        let folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let path = folder + "/file"
        defer {
            _ = unlink(path)
            _ = rmdir(folder)
        }
        try make(path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError(path: path, message: "cannot read the temporary file of \(purpose): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// Writes all of `bytes` at the descriptor's position.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, for purpose: String) throws {
        if let reason = FileDescriptorWriter.writeAll(bytes, to: descriptor) {
            throw InputError(path: "temporary file", message: "cannot write the temporary file of \(purpose): \(reason)")
        }
    }
}
